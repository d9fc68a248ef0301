"""The reader: article, side panel, status bar; runs every action and mediates messages.

Widgets post messages up; this screen calls the core (navigation, notes store, analysis)
and pushes results down. Note actions live in ``reader_notes.NoteActions``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from closeread.analysis import Analysis, Citation, Claim
from closeread.document import Document
from closeread.navigation import AnalysisIndex, JumpHistory
from closeread.notes.model import LinkCorrection, QuoteCorrection
from closeread.spans import SpanArray
from closeread.tui.actions import bindings
from closeread.tui.loading import PendingLoad
from closeread.tui.messages import (
    AnalysisComplete,
    AnalysisFailed,
    AnalysisProgress,
)
from closeread.tui.screens.reader_loading import LoadingActions, after_load
from closeread.tui.screens.reader_nav import NavigationActions
from closeread.tui.screens.reader_notes import NoteActions
from closeread.tui.screens.reader_quotes import QuoteActions
from closeread.tui.screens.reader_select import SelectionActions
from closeread.tui.screens.reader_session import SessionActions
from closeread.tui.widgets.article import Article
from closeread.tui.widgets.status_bar import Status, StatusBar

if TYPE_CHECKING:
    from textual.widgets import Footer

    from closeread.notes.store import NotesStore
    from closeread.tui.widgets.claims_panel import ClaimsPanel
    from closeread.tui.widgets.notes_panel import NotesPanel
    from closeread.tui.widgets.sources_panel import SourcesPanel

Analyzer = Callable[
    [Document, Sequence[LinkCorrection], Callable[[], bool], Sequence[QuoteCorrection]],
    Iterator[Analysis],
]
"""``(doc, link corrections, is_cancelled, quote corrections) -> growing analyses``."""
PANELS = ("notes", "sources", "claims")
P = TypeVar("P", bound=Widget)
#: Below this many columns the side panel gets narrower so the article stays readable,
#: and the footer compact so "? help" and "q quit" stay in it.
NARROW = 100
#: Below this many columns the side panel is hidden until asked for (``p``, ``1``-``3``):
#: beside a 28-column panel the article would keep barely 50.
HIDE_PANEL_BELOW = 90
#: Seconds after the first frame before the side panel and the analysis start.
BACKGROUND_DELAY = 0.25
#: Seconds between checks for notes saved by another instance (a cheap stat).
DISK_CHECK_EVERY = 2.0
#: Seconds between two applications of a growing analysis.
PROGRESS_EVERY = 1.0
"""Seconds between two applied analysis updates: each re-indexes and refills the panels on
the UI thread, which shares the interpreter with the analysis (0.3 s made War and Peace's
analysis finish ~1.3 s later once attribution doubled the citations)."""


def _default_analyzer(
    doc: Document,
    corrections: Sequence[LinkCorrection],
    is_cancelled: Callable[[], bool],
    quotes: Sequence[QuoteCorrection],
) -> Iterator[Analysis]:
    # Imported here, in the analysis thread: the pipeline's patterns take ~25 ms to compile
    # and the first screen does not need them. A cached analysis comes back complete at once.
    from closeread.analysis.cache import cached_stream

    return cached_stream(doc, corrections, is_cancelled=is_cancelled, quote_corrections=quotes)


def snapshot(analysis: Analysis) -> Analysis:
    """A copy the UI can read while the worker keeps growing the original."""
    sentences = SpanArray()
    sentences.starts, sentences.ends = analysis.sentences.starts[:], analysis.sentences.ends[:]
    n = min(len(sentences.starts), len(sentences.ends))
    del sentences.starts[n:], sentences.ends[n:]
    return Analysis(
        sentences,
        list(analysis.citations),
        list(analysis.sources),
        list(analysis.claims),
        analysis.progress,
        analysis.complete,
    )


class ReaderScreen(
    LoadingActions, NavigationActions, NoteActions, QuoteActions, SelectionActions, SessionActions
):
    """The main screen of closeread."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings())

    def __init__(
        self,
        doc: Document,
        store: NotesStore,
        *,
        analyzer: Analyzer | None = None,
        export_dir: Path | None = None,
        pending: PendingLoad | None = None,
        notes_dir: Path | None = None,
    ) -> None:
        """With ``pending``, ``doc`` is the head of a big document and ``store`` a
        stand-in: the full text and the notes arrive from a worker after the first frame."""
        super().__init__()
        self.doc = doc
        self.store = store
        self._pending = pending
        self._notes_dir = notes_dir
        self._background_started = False
        self._search_mounted = False
        self.side_mounted = False
        """True once the side panel (mounted after the first screen) is there."""
        self.analyzer: Analyzer = analyzer or _default_analyzer
        self._export_dir = export_dir
        """Where ctrl+e proposes to write (None: ``export_dir`` decides)."""
        self.analysis = Analysis()
        self.cursor: tuple[int, int] = (0, 0)
        """The current unit: a sentence, or the claim/citation/match jumped to."""
        self.history = JumpHistory()
        self._follow: tuple[str, list[str], int, tuple[int, int]] | None = None
        """(origin id, target ids, index, span landed on) while enter cycles."""
        self.matches = SpanArray()
        self.search_query = ""
        self.match_index: int | None = None
        """The search match last jumped to."""
        self.on_match = False
        """The cursor is on a search match (notes then go on its sentence, not the word)."""
        self.selection_anchor: tuple[int, int] | None = None
        self.chosen_note_id: str | None = None
        """The note last chosen in the Notes panel: e/d/t/m prefer it while under the cursor."""
        self.extra = ""
        self._provisional = True
        """The cursor is on a whole block because the sentences there are not known yet."""
        self._initial_panel = "notes"
        self._panels: dict[type[Widget], Widget] = {}
        self.index = AnalysisIndex()
        """Span indexes over ``analysis`` (claims and citations by position)."""
        self._pending_analysis: Analysis | None = None
        self._pending_timer: Timer | None = None
        self._applied_at = 0.0
        self.panel_wanted: bool | None = None
        """The reader's own choice to show (True) or hide (False) the side panel; None
        until ``p`` is pressed: then the width decides (``HIDE_PANEL_BELOW``)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield Article(self.doc, id="article")
            yield Vertical(id="side-slot")
        yield StatusBar(id="status")
        # The Footer (a widget per key, ~25 ms) is mounted into this slot with the side
        # panel, after the first screen; the slot keeps the layout from shifting then.
        yield Vertical(id="footer-slot")

    @property
    def export_dir(self) -> Path:
        """Where ctrl+e proposes to write: the current directory (as a shell user expects),
        unless the app was given a folder."""
        return self._export_dir if self._export_dir is not None else Path.cwd()

    @property
    def article(self) -> Article:
        return self.query_one("#article", Article)

    def on_mount(self) -> None:
        self.sub_title = header_line(self.doc)
        self.cursor = self._unit_at(self.doc.blocks[0].start if self.doc.blocks else 0)
        self.refresh_notes()
        self._cursor_changed(scroll=False)
        self.article.focus()
        # The text comes first. The side panel (~60 ms to mount) and the analysis (a thread
        # that competes for the GIL) start a moment later, so the first keys are answered
        # at once; the analysis still completes well within its budget.
        self.set_timer(BACKGROUND_DELAY, self._start_background)
        self.set_interval(DISK_CHECK_EVERY, self.check_disk)
        if self._pending is not None:
            self.call_after_refresh(self._load_rest)
        # Where the reader stopped (and the theme): right after the first frame, which
        # need not pay for reading the state file (json, platformdirs).
        self.call_after_refresh(self.restore_session)

    async def _start_background(self) -> None:
        self._background_started = True
        if self.loading_notes:
            self._open_notes()
        else:
            self.run_analysis()
            self.offer_similar_notes()
        self.mount_search()
        from textual.widgets import Footer

        footer = Footer()
        self._fit_footer(footer, self.size.width)
        await self.query_one("#footer-slot").mount(footer)
        self.refresh_bindings()  # a Footer mounted late waits for this to show its keys
        await self._mount_side()

    def mount_search(self) -> None:
        """Mount the (hidden) search field, once; not in the first frame (Input's CSS is
        big and the first screen does not need it)."""
        if self._search_mounted:
            return
        self._search_mounted = True
        search = Input(placeholder="search (enter: find, escape: close)", id="search")
        search.display = False
        self.mount(search, after="#main")

    async def _mount_side(self) -> None:
        # The side panel's modules (tabs, tree, lists) are imported now, not before the
        # first screen.
        from closeread.tui.widgets.side_panel import SidePanel

        await self.query_one("#side-slot").mount(SidePanel(self._initial_panel))
        self.side_mounted = True
        self.refresh_notes()
        if self.analysis.claims or self.analysis.citations or self.analysis.complete:
            self._show_analysis_in_panels()
        self._cursor_changed(scroll=False)

    def panel(self, cls: type[P]) -> P | None:
        """The side panel widget ``cls``; None until the side panel is mounted."""
        found = self._panels.get(cls)
        if found is None:
            # A DOM query costs ~0.5 ms: keep what it finds (panels live as long as the screen).
            query = self.query(cls)
            if not query:
                return None
            found = self._panels[cls] = query.first()
        assert isinstance(found, cls)
        return found

    def _show_analysis_in_panels(self) -> None:
        if not self.side_mounted:
            return
        from closeread.tui.widgets.claims_panel import ClaimsPanel
        from closeread.tui.widgets.sources_panel import SourcesPanel

        if (sources := self.panel(SourcesPanel)) is not None:
            sources.show_analysis(self.analysis)
        if (claims := self.panel(ClaimsPanel)) is not None:
            claims.show_analysis(self.analysis)
            if self.analysis.complete:
                self.show_verdicts()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self._apply_panel_rule()
        if self.side_mounted:
            from textual.widgets import Footer

            for footer in self.query("#footer-slot > Footer").results(Footer):
                self._fit_footer(footer, event.size.width)

    @staticmethod
    def _fit_footer(footer: Footer, width: int) -> None:
        """Narrow: compact keys and no "^p palette" (the help lists it), so that "? help"
        and "q quit" still fit at 80 columns."""
        footer.compact = width < NARROW
        footer.show_command_palette = width >= NARROW

    @property
    def panel_shown(self) -> bool:
        """Whether the side panel is shown: the reader's choice, else the width's rule."""
        if self.panel_wanted is not None:
            return self.panel_wanted
        return self.size.width >= HIDE_PANEL_BELOW

    def _apply_panel_rule(self) -> None:
        shown = self.panel_shown
        self.set_class(not shown, "-no-panel")
        focused = self.focused
        if not shown and focused is not None and self.query_one("#side-slot") in focused.ancestors:
            self.article.focus()

    def action_toggle_panel(self) -> None:
        """Hide or show the side panel (the choice holds until the next ``p``)."""
        self.panel_wanted = not self.panel_shown
        self._apply_panel_rule()

    # -- analysis -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self) -> None:
        """Analyse in a thread; post snapshots as they grow (navigation works meanwhile)."""
        worker = get_current_worker()
        try:
            store = self.store
            for analysis in self.analyzer(
                self.doc, list(store.links), lambda: worker.is_cancelled, list(store.quotes)
            ):
                if worker.is_cancelled:
                    return
                done = analysis.complete
                self.post_message(
                    (AnalysisComplete if done else AnalysisProgress)(snapshot(analysis))
                )
            # The notes file records the text's fingerprint: computed now, in this thread
            # after the analysis (~0.3-0.5 s on a book), not on the first note's save.
            ensure = getattr(store, "ensure_fingerprint", None)
            if ensure is not None and not worker.is_cancelled:
                ensure()
        except Exception as exc:  # the analysis is a suggestion: the text stays readable
            self.post_message(AnalysisFailed(f"analysis failed: {exc}"))

    @on(AnalysisProgress)
    @on(AnalysisComplete)
    def _analysis_arrived(self, message: AnalysisProgress | AnalysisComplete) -> None:
        # Progress is applied at most every PROGRESS_EVERY seconds: each update re-indexes
        # and refills the panels, and keys must not queue behind that.
        self._pending_analysis = message.analysis
        now = monotonic()
        if message.analysis.complete or now - self._applied_at >= PROGRESS_EVERY:
            self._apply_pending()
        elif self._pending_timer is None:
            delay = PROGRESS_EVERY - (now - self._applied_at)
            self._pending_timer = self.set_timer(delay, self._apply_pending)

    def _apply_pending(self) -> None:
        self._pending_timer = None
        if self._pending_analysis is not None:
            analysis, self._pending_analysis = self._pending_analysis, None
            self._applied_at = monotonic()
            self.set_analysis(analysis)

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.analysis.complete = True
        self.notify(message.error, severity="error", markup=False)
        self.update_status()

    def set_analysis(self, analysis: Analysis) -> None:
        """Show ``analysis`` everywhere (also the test hook for hand-built analyses)."""
        self.index = AnalysisIndex(analysis)
        self.analysis = analysis
        self.article.set_analysis(analysis, self.index)
        self._show_analysis_in_panels()
        if self._provisional and self._known(self.cursor[0]):
            # The cursor sat on a whole block while sentences there were unknown.
            self.cursor = self._unit_at(self.cursor[0])
            self._provisional = False
        self._cursor_changed(scroll=False)

    # -- units and cursor ---------------------------------------------------------------

    def _known(self, offset: int) -> bool:
        """Whether the sentences around ``offset`` are known yet."""
        sentences = self.analysis.sentences
        if not len(sentences):
            return False
        return self.analysis.complete or offset < sentences.ends[-1]

    def _unit_at(self, offset: int) -> tuple[int, int]:
        """The sentence at (or before) ``offset``; the block while sentences are unknown there."""
        sentences = self.analysis.sentences
        if self._known(offset):
            i = sentences.index_at_or_before(offset)
            return sentences[i if i is not None else 0]
        blocks = self.doc.blocks
        if not blocks:
            return (0, 0)
        i = self.article.wrapped.block_at(offset)
        return blocks[i].start, blocks[i].end

    def _step(self, offset: int, n: int) -> tuple[int, int]:
        sentences = self.analysis.sentences
        if self._known(offset):
            here = sentences.index_at_or_before(offset)
            i = 0 if here is None else min(max(here + n, 0), len(sentences) - 1)
            if not (n > 0 and here == len(sentences) - 1 and not self.analysis.complete):
                return sentences[i]
        blocks = self.doc.blocks
        if not blocks:
            return (0, 0)
        i = min(max(self.article.wrapped.block_at(offset) + n, 0), len(blocks) - 1)
        return blocks[i].start, blocks[i].end

    def move_to(self, span: tuple[int, int], *, jump: bool = False) -> None:
        """Put the cursor on ``span``; a jump is recorded in the history."""
        if jump and span != self.cursor:
            self.history.push(self.cursor[0])
        self.on_match = False
        self.cursor = span
        self._provisional = not self._known(span[0])
        self._cursor_changed()

    def _cursor_changed(self, scroll: bool = True) -> None:
        article = self.article
        article.set_cursor(self.cursor, scroll=scroll)
        if self.selection_anchor is not None:
            a, c = self.selection_anchor, self.cursor
            article.set_selection((min(a[0], c[0]), max(a[1], c[1])))
        if self.side_mounted:
            self._mark_in_panels()
        self.update_status()

    def _mark_in_panels(self) -> None:
        from closeread.tui.widgets.claims_panel import ClaimsPanel
        from closeread.tui.widgets.notes_panel import NotesPanel
        from closeread.tui.widgets.sources_panel import SourcesPanel

        claim, citation = self.claim_here(), self.citation_here()
        if (claims := self.panel(ClaimsPanel)) is not None:
            claims.mark_current(claim.id if claim else None)
        if (sources := self.panel(SourcesPanel)) is not None:
            sources.mark_current(citation.id if citation else None)
        note = self.note_under_cursor()
        if (notes_panel := self.panel(NotesPanel)) is not None:
            notes_panel.mark_current(note.id if note else None)

    def claim_here(self) -> Claim | None:
        """The claim containing the cursor's start, if any."""
        found = self.index.claims.at(self.cursor[0])
        return self.analysis.claims[self.index.claims.keys[found[-1]]] if found else None

    def citation_here(self) -> Citation | None:
        """The innermost citation containing the cursor's start, if any."""
        found = self.index.citations.at(self.cursor[0])
        return self.analysis.citations[self.index.citations.keys[found[-1]]] if found else None

    def update_status(self) -> None:
        a = self.analysis
        claim, citation = self.claim_here(), self.citation_here()
        if citation is not None:
            number = self.index.citations.keys[self.index.citations.at(self.cursor[0])[-1]] + 1
            where = (
                f"citation {number}/{len(a.citations)} · {citation.source_name or 'unattributed'}"
            )
        elif claim is not None:
            from closeread.analysis.support import support_reason

            support = "supported" if claim.supported else "unsupported"
            number = self.index.claims.keys[self.index.claims.at(self.cursor[0])[-1]] + 1
            reason = support_reason(claim).text()
            where = f"claim {number}/{len(a.claims)} · {support}: {reason}"
        elif len(a.sentences) and (i := a.sentences.index_at(self.cursor[0])) is not None:
            where = f"sentence {i + 1}/{len(a.sentences)}{'' if a.complete else '+'}"
        else:
            where = "reading"
        store = self.store
        save = "read-only" if store.read_only else ("save failed" if store.save_error else "saved")
        self.query_one(StatusBar).show(
            Status(
                where,
                len(self.notes_here()),
                len(store.notes),
                save,
                None if a.complete else a.progress,
                self.search_status() or self.extra,
                loader_line(self.doc),
            )
        )

    # -- panels -------------------------------------------------------------------------

    def action_show_panel(self, name: str) -> None:
        self._initial_panel = name
        if not self.panel_shown:
            self.panel_wanted = True
            self._apply_panel_rule()
        if self.side_mounted:
            from closeread.tui.widgets.side_panel import SidePanel

            self.query_one(SidePanel).show(name)

    def on_notes_panel_note_selected(self, event: NotesPanel.NoteSelected) -> None:
        note = next((n for n in self.store.notes if n.id == event.note_id), None)
        if note is None or note.target.start is None or note.target.end is None:
            self.notify("this note is an orphan: its text was not found in the document")
            return
        self.chosen_note_id = note.id
        self.move_to((note.target.start, note.target.end), jump=True)

    def on_sources_panel_citation_selected(self, event: SourcesPanel.CitationSelected) -> None:
        citation = self.analysis.citation(event.citation_id)
        if citation is not None:
            self.move_to((citation.start, citation.end), jump=True)

    def on_claims_panel_claim_selected(self, event: ClaimsPanel.ClaimSelected) -> None:
        claim = next((k for k in self.analysis.claims if k.id == event.claim_id), None)
        if claim is not None:
            self.move_to((claim.start, claim.end), jump=True)

    def on_article_cursor_moved(self, event: Article.CursorMoved) -> None:
        self._follow = None
        self.move_to(self._unit_at(event.offset))


# Every reader action works on the full document: one pressed while a big document's tail
# is still being collected (a fraction of a second after the first frame) waits for it.
for _cls in (ReaderScreen, NavigationActions, NoteActions, QuoteActions, SelectionActions):
    for _name, _method in list(vars(_cls).items()):
        if _name.startswith("action_") and _name not in ("action_quit", "action_help"):
            setattr(ReaderScreen, _name, after_load(_method))


def header_line(doc: Document) -> str:
    """The header's second part: author, and for a web page, book or PDF also the site or
    publisher, the date and the address."""
    parts = [doc.byline]
    if doc.source_format in ("html", "epub", "pdf"):
        parts += [doc.publisher, doc.date[:10], doc.url or doc.canonical_url]
    return " \u00b7 ".join(p for p in parts if p)


def loader_line(doc: Document) -> str:
    """Which format and extractor the text came from ("html via readability-lxml"); "" for
    text and Markdown files, which are read as they are."""
    if doc.source_format in ("txt", "md"):
        return ""
    return f"{doc.source_format} via {doc.loader}" if doc.loader else doc.source_format
