"""SVG snapshots of the help screen, each side panel with hand-built data, and the note editor.

Update with ``pytest tests/tui/test_snapshots_panels.py --snapshot-update`` and look at
the SVGs before accepting them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from closeread.analysis.model import Analysis, Citation, Claim, Source
from closeread.notes.model import Note, Target
from closeread.tui.screens.dialogs import ExportDialog, LinkDialog, TagDialog
from closeread.tui.screens.help import HelpScreen
from closeread.tui.screens.note_editor import NoteEditor
from closeread.tui.widgets.claims_panel import ClaimsPanel
from closeread.tui.widgets.notes_panel import NotesPanel, describe_note
from closeread.tui.widgets.sources_panel import SourcesPanel

SIZE = (120, 36)
TEXT = (
    "West Leverages Paris Attacks for Syria Endgame\n\n"
    "The terrorist attacks in the heart of the French capital have been used to push "
    "for intervention. The Guardian would even report: The Isis attacks in Paris have "
    'galvanised international efforts to end the war in Syria. Lavrov said "we will not '
    '[bold]stop[/]" to reporters. In reality, ISIS is not a symptom of political failings. '
    "It is the result of concerted, immense, multinational state-sponsorship."
)


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def analysis() -> Analysis:
    quote1 = (
        "The Isis attacks in Paris have galvanised international efforts to end the war in Syria."
    )
    quote2 = "we will not [bold]stop[/]"
    c1 = Citation(
        "c1",
        "block_quote",
        *span(quote1),
        quote1,
        source="s1",
        source_name="The Guardian",
        title="Paris attacks galvanise international efforts to end Syria war",
    )
    c2 = Citation(
        "c2", "inline_quote", *span(quote2), quote2, source="s2", source_name="Sergei Lavrov"
    )
    c3 = Citation(
        "c3",
        "paraphrase",
        *span("The Guardian would even report:"),
        "The Guardian would even report:",
        source="s1",
        source_name="The Guardian",
    )
    claims = [
        (
            "The terrorist attacks in the heart of the French capital have been used to push for "
            "intervention.",
            ["c1", "c3"],
        ),
        ("In reality, ISIS is not a symptom of political failings.", []),
        ("It is the result of concerted, immense, multinational state-sponsorship.", []),
    ]
    return Analysis(
        citations=[c3, c1, c2],
        sources=[
            Source(
                "s1",
                "The Guardian",
                ["the Guardian", "The London Guardian"],
                ["c3", "c1"],
                "publication",
            ),
            Source("s2", "Sergei Lavrov", ["Lavrov"], ["c2"], "person"),
            Source("s3", "Fox News", [], [], "publication"),
        ],
        claims=[
            Claim(f"k{i}", *span(text), text, citations=cites, supported=bool(cites))
            for i, (text, cites) in enumerate(claims, 1)
        ],
        progress=1.0,
        complete=True,
    )


def notes() -> list[Note]:
    def note(nid: str, kind: str, part: str, **kw: Any) -> Note:
        return Note(nid, kind, Target(part, start=span(part)[0], end=span(part)[1]), **kw)  # type: ignore[arg-type]

    sponsorship = "It is the result of concerted, immense, multinational state-sponsorship."
    return [
        note(
            "n-1",
            "comment",
            sponsorship,
            body="No source given for this.\nCheck the later paragraphs: the article's own "
            "evidence is two quotes from officials, neither of which says this.",
            tags=["sponsorship", "needs-check"],
            verdict="unsupported",
        ),
        note("n-2", "question", "Lavrov said", body="When and to whom?", tags=["dates"]),
        note("n-3", "highlight", "West Leverages Paris Attacks"),
        note(
            "n-5",
            "verdict",
            "In reality, ISIS is not a symptom of political failings.",
            verdict="misleading",
        ),
        Note(
            "n-4",
            "comment",
            Target("a passage that was edited away"),
            body="Lost anchor",
            status="orphan",
        ),
    ]


class PanelHarness(App[None]):
    """An article placeholder and one panel on the right, as the reader lays them out."""

    CSS = """
    #article { width: 1fr; padding: 1 2; }
    .panel { width: 52; border-left: solid $primary; }
    .panel.-narrow { width: 28; }
    """

    def __init__(self, panel: Widget, fill: Callable[[Any], None], narrow: bool = False) -> None:
        """``narrow``: the panel's width in the reader at 80 columns."""
        super().__init__()
        self.panel = panel
        self.fill = fill
        self.narrow = narrow

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(Text(TEXT), id="article")
            yield self.panel

    def on_mount(self) -> None:
        self.panel.add_class("panel")
        self.panel.set_class(self.narrow, "-narrow")
        self.fill(self.panel)


class ScreenHarness(App[None]):
    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.first = screen

    def compose(self) -> ComposeResult:
        yield Static(Text(TEXT), id="article")

    def on_mount(self) -> None:
        self.push_screen(self.first)


def test_snapshot_help(snap_compare: Any) -> None:
    assert snap_compare(ScreenHarness(HelpScreen()), terminal_size=SIZE)


def test_snapshot_notes_panel(snap_compare: Any) -> None:
    def fill(panel: NotesPanel) -> None:
        panel.show_notes(notes(), TEXT)
        panel.mark_current("n-2")

    assert snap_compare(PanelHarness(NotesPanel(), fill), terminal_size=SIZE)


def test_snapshot_notes_panel_narrow(snap_compare: Any) -> None:
    """At 80x24 the reader's panel is 28 columns: bodies still get two lines."""

    def fill(panel: NotesPanel) -> None:
        panel.show_notes(notes(), TEXT)
        panel.mark_current("n-1")

    assert snap_compare(PanelHarness(NotesPanel(), fill, narrow=True), terminal_size=(80, 24))


def test_snapshot_notes_panel_empty(snap_compare: Any) -> None:
    assert snap_compare(
        PanelHarness(NotesPanel(), lambda p: p.show_notes([], TEXT)), terminal_size=SIZE
    )


def test_snapshot_sources_panel(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        panel = pilot.app.query_one(SourcesPanel)
        panel.source_tree.root.children[0].expand()
        await pilot.pause()
        panel.mark_current("c1")

    assert snap_compare(
        PanelHarness(SourcesPanel(), lambda p: p.show_analysis(analysis())),
        terminal_size=SIZE,
        run_before=run_before,
    )


def test_snapshot_claims_panel(snap_compare: Any) -> None:
    def fill(panel: ClaimsPanel) -> None:
        panel.show_analysis(analysis())
        panel.show_verdicts({"k1": "misleading", "k3": "needs-source"})
        panel.mark_current("k2")
        panel.focus()

    assert snap_compare(PanelHarness(ClaimsPanel(), fill), terminal_size=SIZE)


def test_snapshot_note_editor(snap_compare: Any) -> None:
    """A multi-paragraph selection: the preview shows 8 lines and scrolls; ● marks the kind."""
    paragraphs = TEXT.split("\n\n")[1].split(". ")
    editor = NoteEditor(
        "Note on a selection (4 sentences)",
        "\n\n".join(p.rstrip(".") + "." for p in paragraphs * 2),
        body="No source is given for this.\nThe article's own evidence is two paragraphs up.",
        kind="question",
    )
    assert snap_compare(ScreenHarness(editor), terminal_size=SIZE)


def test_snapshot_tag_dialog(snap_compare: Any) -> None:
    dialog = TagDialog(["sponsorship", "needs-check"], subject=describe_note(notes()[0], limit=80))
    assert snap_compare(ScreenHarness(dialog), terminal_size=(80, 24))


def test_snapshot_link_dialog(snap_compare: Any) -> None:
    """Each citation on one line, its id once; ✓ marks the linked one."""
    cites = analysis().citations
    candidates = [
        (c.id, f"{c.id} · {c.source_name} · “{' '.join(c.quote.split())}”", c.id == "c1")
        for c in cites
    ]
    dialog = LinkDialog(analysis().claims[0].text, candidates)
    assert snap_compare(ScreenHarness(dialog), terminal_size=(80, 24))


def test_snapshot_export_dialog(snap_compare: Any) -> None:
    """The chosen format reads "● markdown" (bold), the others "○ json": no colour needed."""
    dialog = ExportDialog(Path("/home/reader/notes"), "west-leverages-paris-attacks-notes")
    assert snap_compare(ScreenHarness(dialog), terminal_size=(80, 24))
