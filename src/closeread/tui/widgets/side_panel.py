"""The tabs beside the article: Notes, Sources, Claims.

Imported and mounted a moment after the first screen (``ReaderScreen._start_background``):
the tabs, the tree and the lists are not needed to show the text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane, Tabs

from closeread.tui.widgets.claims_panel import ClaimsPanel
from closeread.tui.widgets.notes_panel import NotesPanel
from closeread.tui.widgets.sources_panel import SourcesPanel


class SidePanel(Vertical):
    """The tabs beside the article: Notes, Sources, Claims."""

    DEFAULT_CSS = "SidePanel { height: 1fr; }"

    def __init__(self, initial: str) -> None:
        super().__init__()
        self.initial = initial

    def compose(self) -> ComposeResult:
        with TabbedContent(id="side", initial=f"tab-{self.initial}"):
            with TabPane("Notes", id="tab-notes"):
                yield NotesPanel(id="notes-panel")
            with TabPane("Sources", id="tab-sources"):
                yield SourcesPanel(id="sources-panel")
            with TabPane("Claims", id="tab-claims"):
                yield ClaimsPanel(id="claims-panel")

    def on_mount(self) -> None:
        # tab goes article ↔ panel list: the tab strip is no stop of its own (1/2/3 and
        # the mouse switch tabs).
        for tabs in self.query(Tabs):
            tabs.can_focus = False

    def show(self, name: str) -> None:
        """Bring the tab ``name`` ("notes", "sources", "claims") to the front."""
        self.query_one(TabbedContent).active = f"tab-{name}"
