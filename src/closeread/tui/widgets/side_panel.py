"""The tabs beside the article: Notes, Sources, Claims.

Imported and mounted a moment after the first screen (``ReaderScreen._start_background``):
the tabs, the tree and the lists are not needed to show the text. Only the tab in front
gets its panel then; the others are composed when first shown (``SidePanel.ensure``),
so the mount that completes a reopened document's screen (and that keys wait behind)
builds one panel, not three.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane, Tabs

if TYPE_CHECKING:
    from textual.widgets._tabbed_content import TabbedContent as _TabbedContent

TABS: tuple[tuple[str, str], ...] = (
    ("notes", "Notes"),
    ("sources", "Sources"),
    ("claims", "Claims"),
)
"""The tabs in order: name (``tab-<name>`` is the pane's id) and title."""


def make_panel(name: str) -> Widget:
    """A fresh panel for the tab ``name`` (its module imported now)."""
    if name == "notes":
        from closeread.tui.widgets.notes_panel import NotesPanel

        return NotesPanel(id="notes-panel")
    if name == "sources":
        from closeread.tui.widgets.sources_panel import SourcesPanel

        return SourcesPanel(id="sources-panel")
    from closeread.tui.widgets.claims_panel import ClaimsPanel

    return ClaimsPanel(id="claims-panel")


class SidePanel(Vertical):
    """The tabs beside the article: Notes, Sources, Claims."""

    DEFAULT_CSS = "SidePanel { height: 1fr; }"

    def __init__(
        self,
        initial: str,
        on_panel: Callable[[Widget], object] | None = None,
        *,
        with_panel: bool = True,
    ) -> None:
        """``on_panel(panel)`` is called when a panel composed later is mounted (empty:
        the screen fills it); the first tab's comes with the side panel itself, or, with
        ``with_panel`` False, with ``mount_initial`` (the tabs and the panel in two
        steps, each shorter for a key pressed meanwhile to wait for)."""
        super().__init__()
        self.initial = initial
        self._on_panel = on_panel
        self._with_panel = with_panel
        self._made: set[str] = set()
        """The tabs whose panel was composed or is being mounted."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="side", initial=f"tab-{self.initial}"):
            for name, title in TABS:
                with TabPane(title, id=f"tab-{name}"):
                    if name == self.initial:
                        self._made.add(name)  # (here, or by ``mount_initial``)
                        if self._with_panel:
                            yield make_panel(name)

    async def mount_initial(self) -> None:
        """Mount the first tab's panel, when the side panel came without it."""
        pane = self.query(f"#tab-{self.initial}")
        if self._with_panel or not self.is_attached or not pane:
            return  # (or the reader is closing)
        self._with_panel = True
        await pane.first(TabPane).mount(make_panel(self.initial))

    def on_mount(self) -> None:
        # tab goes article ↔ panel list: the tab strip is no stop of its own (1/2/3 and
        # the mouse switch tabs).
        for tabs in self.query(Tabs):
            tabs.can_focus = False

    def panels(self) -> list[Widget]:
        """The panels composed so far."""
        return [
            child
            for pane in self.query(TabPane)
            for child in pane.children
            if child.id is not None and child.id.endswith("-panel")
        ]

    def show(self, name: str) -> None:
        """Bring the tab ``name`` ("notes", "sources", "claims") to the front."""
        self.ensure(name)
        self.query_one(TabbedContent).active = f"tab-{name}"

    def ensure(self, name: str) -> None:
        """Mount the panel of the tab ``name`` if it is not there yet."""
        if name in self._made or name not in dict(TABS):
            return
        self._made.add(name)
        self.run_worker(self._mount_panel(name), group=f"panel-{name}")

    async def _mount_panel(self, name: str) -> None:
        panel = make_panel(name)
        await self.query_one(f"#tab-{name}", TabPane).mount(panel)
        if self._on_panel is not None:
            # Once laid out: a list scrolls its current row into view by its height.
            self.call_after_refresh(self._panel_ready, panel)

    def _panel_ready(self, panel: Widget) -> None:
        if self._on_panel is not None and panel.is_attached:
            self._on_panel(panel)

    def on_tabbed_content_tab_activated(self, event: _TabbedContent.TabActivated) -> None:
        # The mouse, or ``show``: a tab shown for the first time gets its panel now.
        pane_id = event.pane.id or ""
        self.ensure(pane_id.removeprefix("tab-"))
