"""Every size: the side panel hides below 90 columns until asked for, ``p`` toggles it, the
footer keeps "? help" and "q quit" at 80 columns, and every article row (margin and blank
lines too) carries the theme's background."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from closeread.tui.app import CloseReadApp
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets.article import Article

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]


def reader(app: CloseReadApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def side_shown(app: CloseReadApp) -> bool:
    return reader(app).query_one("#side-slot").display


async def test_panel_hides_below_90_columns_and_p_toggles_it(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not side_shown(app)
        article = reader(app).query_one(Article)
        assert article.size.width >= 78  # the article has the whole width
        await pilot.press("p")
        await pilot.pause()
        assert side_shown(app) and article.size.width < 60
        await pilot.press("p")
        await pilot.pause()
        assert not side_shown(app)
        await pilot.press("3")  # asking for a panel shows it
        await pilot.pause()
        assert side_shown(app)
        await pilot.press("tab")  # focus into the panel, then hide it: focus comes back
        await pilot.pause()
        assert not isinstance(app.focused, Article)
        await pilot.press("p")
        await pilot.pause()
        assert not side_shown(app) and isinstance(app.focused, Article)
        await pilot.press("p")
        await pilot.pause()
        await pilot.resize_terminal(120, 40)  # the reader's choice holds at any width
        await pilot.pause()
        assert side_shown(app)


async def test_panel_shown_at_120_columns_until_p(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert side_shown(app)
        await pilot.press("p")
        await pilot.pause()
        assert not side_shown(app)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20), (50, 20), (40, 20)])
async def test_footer_keeps_help_and_quit(
    make_reader: MakeReader, settle: Settle, size: tuple[int, int]
) -> None:
    app = make_reader()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.pause()
        keys = {
            key.description: key.region for key in reader(app).query_one(Footer).query(FooterKey)
        }
        for name in ("help", "quit"):
            assert name in keys
            assert keys[name].width > 0 and keys[name].right <= size[0], name


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_every_article_row_has_the_theme_background(
    make_reader: MakeReader, settle: Settle, theme: str
) -> None:
    app = make_reader()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = theme
        await pilot.pause()
        article = reader(app).query_one(Article)
        background = article.rich_style.bgcolor
        assert background is not None
        for y in range(article.size.height):  # text rows, blank rows, rows past the end
            strip = article.render_line(y)
            assert strip.cell_length == article.scrollable_content_region.width
            for segment in strip:
                assert segment.style is not None and segment.style.bgcolor is not None, (y, segment)
            # The margin (cursor, claim and note columns) and blank cells: the theme's.
            first = next(iter(strip))
            assert first.style is not None and first.style.bgcolor in (
                background,
                article.get_component_rich_style("article--gutter").bgcolor,
            )


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_toasts_leave_the_panel_top_and_the_status_bar_free(
    make_reader: MakeReader, settle: Settle, size: tuple[int, int]
) -> None:
    from textual.geometry import Region
    from textual.widgets._toast import Toast

    from closeread.tui.widgets.status_bar import StatusBar

    app = make_reader()
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("p")  # the panel shown at either width
        app.notify("A two-line message\nthat a reader should see", title="Note saved")
        await pilot.pause()
        await pilot.pause()
        screen = reader(app)
        toasts = list(screen.query(Toast))
        assert toasts and all(t.region.height > 0 for t in toasts)
        side = screen.query_one("#side-slot").region
        panel_top = Region(side.x, side.y, side.width, 6)  # the tabs and the first rows
        status = screen.query_one(StatusBar).region
        for toast in toasts:
            assert not toast.region.overlaps(panel_top), (toast.region, panel_top)
            assert not toast.region.overlaps(status), (toast.region, status)
            assert toast.region.bottom <= status.y


async def test_footer_is_composed_again_only_for_another_width(
    make_reader: MakeReader, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The footer's keys (a widget each) are chosen again when the width changes, not on
    the first layout after its mount (the start's keys would wait for it)."""
    from closeread.tui.widgets.footer import ReaderFooter

    widths: list[int] = []
    compose = ReaderFooter.compose

    def counting(self: ReaderFooter) -> Any:
        widths.append(self.app.size.width)
        return compose(self)

    monkeypatch.setattr(ReaderFooter, "compose", counting)
    app = make_reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause()
        at_start = len(widths)
        # Once, and once more for the bindings the reader refreshes after mounting it.
        assert at_start <= 2, widths
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert widths[-1] == 60 and len(widths) > at_start
        keys = {k.description: k.region for k in reader(app).query_one(Footer).query(FooterKey)}
        assert all(keys[name].right <= 60 for name in ("help", "quit"))


async def test_a_key_enabled_or_disabled_is_set_in_place_not_composed_again(
    make_reader: MakeReader, settle: Settle
) -> None:
    """The note keys are disabled until a big book's notes are open: when they come, the
    footer sets its keys' state in place instead of mounting a widget per key again."""
    app = make_reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        footer = screen.query_one(Footer)
        before = list(footer.query(FooterKey))
        key = next(k for k in before if k.action.split(".")[-1] not in ("help", "quit"))
        assert not key.has_class("-disabled")
        action = key.action.split(".")[-1].split("(")[0]
        check = screen.check_action

        def without(name: str, parameters: tuple[object, ...]) -> bool | None:
            return None if name == action else check(name, parameters)  # (shown dimmed)

        screen.check_action = without  # type: ignore[method-assign]
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert list(footer.query(FooterKey)) == before  # the same widgets
        assert key.has_class("-disabled") and key._disabled
        screen.check_action = check  # type: ignore[method-assign]
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert list(footer.query(FooterKey)) == before
        assert not key.has_class("-disabled") and not key._disabled
