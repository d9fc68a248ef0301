"""The side panel is mounted without holding up the keys, and builds only the tab in
front: the others are composed (and filled) when first shown."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from closeread.tui.app import CloseReadApp
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets import side_panel
from closeread.tui.widgets.claims_panel import ClaimsPanel
from closeread.tui.widgets.notes_panel import NotesPanel
from closeread.tui.widgets.sources_panel import SourcesPanel

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)


async def test_keys_are_answered_while_the_side_panel_mounts(
    make_reader: MakeReader, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mounting the side panel takes ~0.1 s of CPU (much longer on a busy machine): a key
    pressed meanwhile moves the cursor at once instead of waiting for it."""
    gate = asyncio.Event()
    mounting = asyncio.Event()

    async def slow_mount(self: side_panel.SidePanel) -> None:
        mounting.set()
        await gate.wait()  # the mount is not complete until the gate opens

    monkeypatch.setattr(side_panel.SidePanel, "on_mount", slow_mount)
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        try:
            await asyncio.wait_for(mounting.wait(), 30)
            screen = app.screen
            assert isinstance(screen, ReaderScreen) and not screen.side_mounted
            before = screen.session.cursor
            # As the terminal sends it (``pilot.press`` would wait for every widget to be
            # idle, the side panel's mount too).
            app.simulate_key("j")
            for _ in range(200):
                if screen.session.cursor != before:
                    break
                await asyncio.sleep(0.01)
            assert not screen.side_mounted  # still mounting...
            assert screen.session.cursor != before  # ...and the key was answered
            app.simulate_key("3")  # a tab chosen meanwhile is the one shown once it is in
            await asyncio.sleep(0.1)
        finally:
            gate.set()
        await settle(pilot)
        assert screen.side_mounted
        await pilot.pause()
        assert screen.current_panel() == "claims" and screen.panel(ClaimsPanel) is not None


async def test_hidden_tabs_get_their_panel_when_first_shown(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.panel(NotesPanel) is not None
        assert not screen.query(ClaimsPanel) and not screen.query(SourcesPanel)
        await pilot.press("3")
        await pilot.pause()
        claims = screen.panel(ClaimsPanel)
        assert claims is not None and screen.query_one(ClaimsPanel) is claims
        analysis = screen.session.analysis
        assert claims.claim_list.row_count == len(analysis.claims) > 0
        # The cursor's claim is marked in the new panel, as in one built with the rest.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        here = screen.session.claim_here()
        assert here is not None and claims.claim_list.cursor_key == here.id
        await pilot.press("2")
        await pilot.pause()
        assert screen.panel(SourcesPanel) is not None
        assert screen.current_panel() == "sources"


async def test_the_side_panel_comes_in_steps_with_the_keys_between(
    make_reader: MakeReader, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The footer, the side panel's tabs and the panel in front are mounted one after the
    other, with a pause between (each is 10-60 ms of the screen's thread): a key pressed
    after the tabs came is answered before the panel is mounted."""
    tabs_only = asyncio.Event()
    gate = asyncio.Event()
    seen: list[tuple[bool, bool]] = []
    mount_initial = side_panel.SidePanel.mount_initial

    async def held(self: side_panel.SidePanel) -> None:
        footer = bool(self.screen.query("#footer-slot > ReaderFooter"))
        seen.append((footer, bool(self.query(NotesPanel))))
        tabs_only.set()
        await gate.wait()
        await mount_initial(self)

    monkeypatch.setattr(side_panel.SidePanel, "mount_initial", held)
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        try:
            await asyncio.wait_for(tabs_only.wait(), 30)
            screen = app.screen
            assert isinstance(screen, ReaderScreen) and not screen.side_mounted
            assert seen == [(True, False)]  # the footer and the tabs, not the panel yet
            before = screen.session.cursor
            app.simulate_key("j")
            for _ in range(200):
                if screen.session.cursor != before:
                    break
                await asyncio.sleep(0.01)
            assert screen.session.cursor != before
        finally:
            gate.set()
        await settle(pilot)
        assert screen.side_mounted and screen.panel(NotesPanel) is not None
        assert len(screen.query(NotesPanel)) == 1  # mounted once


async def test_mounting_the_side_panel_does_not_draw_the_article_anew(
    make_reader: MakeReader, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Notes panel is filled when it comes; the article keeps its notes and its drawn
    rows (giving it the notes again drew every row anew in the frame after the mount)."""
    from closeread.tui.widgets.article import Article

    given: list[int] = []
    set_notes = Article.set_notes

    def counting(self: Article, notes: Any) -> None:
        given.append(len(notes))
        set_notes(self, notes)

    monkeypatch.setattr(Article, "set_notes", counting)
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.side_mounted
        assert screen.panel(NotesPanel) is not None
        assert len(given) == 1  # the reader's start, not the side panel's
