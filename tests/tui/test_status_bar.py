"""The status bar repaints the cells its line takes, not the whole row: a key that scrolls
the article repaints the article and this bar in one frame, and Textual draws everything
inside the rectangle around the two (a full-width bar brought the side panel into it)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from closeread.tui.widgets.status_bar import Status, StatusBar, render_status

WIDTH = 100


class BarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")


def painted(bar: StatusBar) -> list[Region]:
    """The regions ``bar`` asked to repaint since it was last drawn (screen cells)."""
    return list(bar._repaint_regions)


async def test_the_bar_repaints_the_cells_of_its_old_and_new_line_only() -> None:
    app = BarApp()
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        bar = app.query_one(StatusBar)
        long = Status("claim 12/345 · unsupported", 2, 7, extra="12 matches for “Isis”")
        short = Status("sentence 2/9", 0, 7)
        bar.show(Status("sentence 1/9", 0, 7))
        await pilot.pause()

        bar.show(long)
        right = 1 + render_status(long).cell_len  # one cell of padding on the left
        assert [r.right for r in painted(bar)] == [right]
        assert right < WIDTH
        await pilot.pause()

        bar.show(short)  # shorter: the longer line's cells are cleared too
        assert [r.right for r in painted(bar)] == [right]
        await pilot.pause()
        assert str(bar.render()) == render_status(short).plain
        assert app.screen._compositor.render_update() is None  # all drawn


async def test_a_failed_save_repaints_the_whole_bar_in_its_colour() -> None:
    app = BarApp()
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        bar = app.query_one(StatusBar)
        bar.show(Status("sentence 1/9", 0, 7))
        await pilot.pause()
        bar.show(Status("sentence 1/9", 0, 7, "save failed: disk full"))
        assert bar.has_class("-save-failed")
        assert [r.width for r in painted(bar)] == [WIDTH]
        await pilot.pause()
        bar.show(Status("sentence 1/9", 0, 7))
        assert not bar.has_class("-save-failed")
        assert [r.width for r in painted(bar)] == [WIDTH]
