"""The status bar: where the cursor is, what it rests on, notes and save state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Region
from textual.widgets import Static

from closeread.tui.visible import visible_text

if TYPE_CHECKING:
    from typing_extensions import Self


@dataclass(frozen=True, slots=True)
class Status:
    """Everything the status bar shows; the reader screen fills it in."""

    position: str = ""
    """"claim 7/31 · unsupported", "citation 2/9 · The Guardian" or "sentence 12/140"."""
    notes_here: int = 0
    notes_total: int = 0
    save_state: str = "saved"
    """"saved", "read-only" or "save failed: <why>"."""
    progress: float | None = None
    """Share of the analysis done while it runs; None when complete."""
    extra: str = ""
    """A transient hint such as "selecting" or "12 matches for “Isis”"."""
    source: str = ""
    """Which format and loader the text came from ("html via readability-lxml")."""


class StatusBar(Static):
    """One line under the article: position · notes · save state · progress."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    StatusBar.-save-failed { background: $error 40%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.status: Status | None = None
        self._cells = 0
        """Cells the status line took when last drawn."""
        self._repaint_cells = 0
        """While ``show`` redraws: the cells to repaint (0: all the bar)."""

    def show(self, status: Status) -> None:
        """Redraw with ``status`` (cheap when nothing changed)."""
        if status == self.status:
            return
        self.status = status
        failed = status.save_state.startswith("save failed")
        restyled = failed != self.has_class("-save-failed")
        self.set_class(failed, "-save-failed")
        text = render_status(status)
        # Only the cells the old and the new line take are painted again, not the whole
        # row: a key that scrolls the article repaints it and this bar in one frame, and
        # Textual draws everything inside the rectangle around both, so a full-width bar
        # had the side panel drawn again on every such key (~1/3 of the frame's CPU).
        cells = text.cell_len
        self._repaint_cells = 0 if restyled else max(cells, self._cells)
        self._cells = cells
        try:
            # One row, full width (CSS): the size never changes, so no layout pass
            # (which would cost every key a few milliseconds of re-arranging the screen).
            self.update(text, layout=False)
        finally:
            self._repaint_cells = 0

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if not regions and self._repaint_cells and repaint and not (layout or recompose):
            regions = (Region(0, 0, self._repaint_cells, 1),)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def render_status(status: Status) -> Text:
    """The status line as ``Text`` (source names are data: never parsed as markup)."""
    parts: list[Text] = []
    if status.position:
        parts.append(Text(status.position, style="bold"))
    if status.notes_here:
        parts.append(Text(f"{status.notes_here} note{'s' if status.notes_here != 1 else ''} here"))
    parts.append(Text(f"{status.notes_total} note{'s' if status.notes_total != 1 else ''}"))
    save_style = "" if status.save_state == "saved" else "bold"
    parts.append(Text(status.save_state, style=save_style))
    if status.progress is not None:
        parts.append(Text(f"analysing {status.progress:.0%}", style="italic"))
    if status.extra:
        parts.append(Text(status.extra, style="italic"))
    if status.source:
        parts.append(Text(status.source, style="dim"))
    return visible_text(Text(" · ").join(parts))
