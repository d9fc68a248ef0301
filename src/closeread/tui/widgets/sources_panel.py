"""The Sources panel: each cited source with its citations (expandable, filled in lazily)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode
from typing_extensions import Self

if TYPE_CHECKING:  # only for annotations: the widgets import no core package at startup
    from closeread.analysis.model import Analysis, Citation, Source

QUOTE_CHARS = 70
TITLE_CHARS = 60
KIND_LABELS: dict[str, str] = {
    "block_quote": "block quote",
    "inline_quote": "quote",
    "paraphrase": "paraphrase",
    "link": "link",
    "footnote": "footnote",
    "author_year": "reference",
}


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def source_label(source: Source) -> Text:
    """ "The Guardian  publication · 3 citations"."""
    count = len(source.citations)
    label = Text(no_wrap=True)
    label.append(source.name or "(unattributed)", style="bold")
    details = f"  {source.kind} · " if source.kind and source.kind != "unknown" else "  "
    label.append(f"{details}{count} citation{'s' if count != 1 else ''}", style="dim")
    return label


def citation_label(citation: Citation) -> Text:
    """ "block quote “Title” — short quote…" (article text as plain Text, never markup)."""
    label = Text(no_wrap=True)
    label.append(KIND_LABELS.get(citation.kind, citation.kind), style="cyan")
    if citation.title:
        label.append(" “" + shorten(citation.title, TITLE_CHARS) + "”", style="bold")
    if citation.quote:
        label.append(" — ")
        label.append(shorten(citation.quote, QUOTE_CHARS), style="italic")
    return label


@dataclass(slots=True)
class SourceEntry:
    """What the tree holds for one source: its id and the citations shown under it so far."""

    source_id: str
    citation_ids: Sequence[str]
    """The source's citation ids (``_ids_of``: the reader's own, not a copy)."""
    shown: int = 0
    """How many of ``citation_ids`` have child nodes (children are added on first expand)."""


def _ids_of(source: Source) -> Sequence[str]:
    """The source's citation ids: a list copied (whoever made it may change it), the
    reader's read-only column as it is (a book's 150,000 ids are not made strings)."""
    ids = source.citations
    return list(ids) if isinstance(ids, list) else ids


NodeData = SourceEntry | str
"""A source node holds a ``SourceEntry``; a citation node its citation id."""


class SourceTree(Tree[NodeData]):
    """The tree; citation nodes are created when their source is first expanded."""

    DEFAULT_CSS = """
    SourceTree { height: 1fr; background: $surface; }
    """

    def on_show(self) -> None:
        # mark_current may have moved the cursor while the tree was in a hidden tab.
        node = self.cursor_node
        if node is not None:
            self.call_after_refresh(self.scroll_to_node, node, False)


class SourcesPanel(Vertical):
    """Sources and their citations. Posts :class:`SourcesPanel.CitationSelected`."""

    DEFAULT_CSS = """
    SourcesPanel {
        height: 1fr;
        & > #sources-summary { height: auto; padding: 0 1; color: $text-muted; }
    }
    """

    class CitationSelected(Message):
        """The user chose a citation (or a source, which means its first citation)."""

        def __init__(self, panel: SourcesPanel, citation_id: str) -> None:
            super().__init__()
            self.panel = panel
            self.citation_id = citation_id

        @property
        def control(self) -> SourcesPanel:
            return self.panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._source_nodes: dict[str, TreeNode[NodeData]] = {}
        """Source id → its node (a citation's is its ``source``: ``mark_current``)."""
        self._analysis: Analysis | None = None
        """The analysis shown (its citations are looked up by id when a source unfolds)."""
        self._labels: dict[str, tuple[object, ...]] = {}
        self._deferred: Analysis | None = None
        """The analysis to show once the panel is shown (its tab is not open)."""
        self._marked: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("No sources found yet."), id="sources-summary")
        tree = SourceTree("Sources", id="sources-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree

    @property
    def source_tree(self) -> SourceTree:
        return self.query_one(SourceTree)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the tree (the panel itself takes no keys)."""
        self.source_tree.focus(scroll_visible)
        return self

    def _hidden(self) -> bool:
        return not all(node.display for node in self.ancestors_with_self)

    def on_show(self) -> None:
        """Fill the tree deferred while the panel was hidden (a book's hundreds of sources
        cost a reopened document ~0.1 s before its panels were complete)."""
        if self._deferred is not None:
            analysis, self._deferred = self._deferred, None
            self.show_analysis(analysis)
            self.mark_current(self._marked)

    def show_analysis(self, analysis: Analysis) -> None:
        """Show the sources of ``analysis``; repeated calls add and update nodes in place.
        While the panel is hidden this only remembers ``analysis`` (``on_show``)."""
        if self._hidden():
            self._deferred = analysis
            return
        self._deferred = None
        self._analysis = analysis
        root = self.source_tree.root
        for source in analysis.sources:
            self._show_source(source, root)
        self._drop_gone({s.id for s in analysis.sources})
        self._finish(analysis)

    def update_analysis(
        self,
        analysis: Analysis,
        first_citation: int,
        changed_citations: Iterable[int],
        sources: Iterable[str],
        reordered: bool,
    ) -> None:
        """``show_analysis`` for a grown analysis, touching only what changed: citations
        from ``first_citation`` on are new, ``changed_citations`` were replaced, the
        ``sources`` (ids) were added or changed; ``reordered``: some may be gone."""
        if self._deferred is not None or self._hidden():
            self._deferred = analysis
            return
        self._analysis = analysis
        root = self.source_tree.root
        for source_id in sources:
            source = analysis.source(source_id)
            if source is not None:
                self._show_source(source, root)
        if reordered:
            self._drop_gone({s.id for s in analysis.sources})
        self._finish(analysis)

    def _show_source(self, source: Source, root: TreeNode[NodeData]) -> None:
        node = self._source_nodes.get(source.id)
        signature = (source.name, source.kind, len(source.citations))
        if node is None:
            entry = SourceEntry(source.id, _ids_of(source))
            node = root.add(source_label(source), data=entry, allow_expand=bool(source.citations))
            self._source_nodes[source.id] = node
        else:
            data = node.data
            entry = data if isinstance(data, SourceEntry) else SourceEntry(source.id, [])
            if self._labels.get(source.id) != signature:
                node.set_label(source_label(source))
                node.allow_expand = bool(source.citations)
            new_ids = _ids_of(source)
            old_ids = entry.citation_ids
            if new_ids[: entry.shown] != old_ids[: entry.shown]:
                # Citations were merged away or reordered: list them afresh.
                node.remove_children()
                entry.shown = 0
            entry.citation_ids = new_ids
            if node.is_expanded:
                self._fill(node)
        self._labels[source.id] = signature

    def _drop_gone(self, live: set[str]) -> None:
        for gone in [sid for sid in self._source_nodes if sid not in live]:
            self._source_nodes.pop(gone).remove()
            self._labels.pop(gone, None)

    def _finish(self, analysis: Analysis) -> None:
        root = self.source_tree.root
        tree = self.source_tree
        if tree.cursor_line < 0 and root.children:
            # Start on the first source, so enter works as soon as the tree has focus.
            tree.cursor_line = 0
        sources, citations = len(analysis.sources), len(analysis.citations)
        summary = (
            f"{sources} source{'' if sources == 1 else 's'} · "
            f"{citations} citation{'' if citations == 1 else 's'}"
        )
        if not analysis.complete:
            summary += f" · analysing {analysis.progress:.0%}"
        self.query_one("#sources-summary", Static).update(Text(summary))

    def _fill(self, node: TreeNode[NodeData]) -> None:
        """Add the citation nodes of a source that are not in the tree yet."""
        entry = node.data
        if not isinstance(entry, SourceEntry):
            return
        for citation_id in entry.citation_ids[entry.shown :]:
            citation = self._analysis.citation(citation_id) if self._analysis else None
            label = citation_label(citation) if citation else Text(citation_id)
            node.add_leaf(label, data=citation_id)
        entry.shown = len(entry.citation_ids)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        event.stop()
        self._fill(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if isinstance(data, SourceEntry):
            if data.citation_ids:
                self.post_message(self.CitationSelected(self, data.citation_ids[0]))
        elif isinstance(data, str):
            self.post_message(self.CitationSelected(self, data))

    def mark_current(self, item_id: str | None) -> None:
        """Highlight the citation (or source) under the article cursor.

        A citation of a collapsed source highlights the source row: following the cursor
        must not unfold the whole tree. Focus stays where it is.
        """
        self._marked = item_id
        tree = self.source_tree
        if item_id is None or self._deferred is not None:
            return
        citation = self._analysis.citation(item_id) if self._analysis is not None else None
        source_id = citation.source if citation is not None and citation.source else item_id
        node = self._source_nodes.get(source_id)
        if node is None:
            return
        target = node
        if node.is_expanded and item_id != source_id:
            for child in node.children:
                if child.data == item_id:
                    target = child
                    break
        if tree.cursor_node is not target:
            tree.move_cursor(target, animate=False)
