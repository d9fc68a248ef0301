"""The help screen and the command palette are built from the actions table."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.command import CommandPalette, DiscoveryHit, Hit
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static

from closeread.tui.actions import ACTIONS, BUILTIN_KEYS
from closeread.tui.commands import ActionsProvider
from closeread.tui.screens.help import MARKS, HelpScreen


class RecordingScreen(Screen[None]):
    """Stands in for the ReaderScreen: its actions record their calls."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[object, ...]] = []

    def compose(self) -> ComposeResult:
        yield Label("reader")

    def action_jump(self, step: int, kind: str) -> None:
        self.calls.append(("jump", step, kind))

    def action_show_panel(self, name: str) -> None:
        self.calls.append(("show_panel", name))

    def action_export(self) -> None:
        self.calls.append(("export",))


class Harness(App[None]):
    COMMANDS = App.COMMANDS | {ActionsProvider}

    def __init__(self) -> None:
        super().__init__()
        self.reader = RecordingScreen()

    def on_mount(self) -> None:
        self.push_screen(self.reader)


def help_text(screen: HelpScreen) -> str:
    console = Console(width=120, record=True, file=io.StringIO())
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def test_help_lists_every_action_and_builtin_key() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = HelpScreen()
        app.push_screen(screen)
        await pilot.pause()
        text = help_text(screen)
        for spec in ACTIONS:
            assert (spec.display or spec.keys) in text, spec.id
            assert spec.help in text, spec.id
            assert spec.group in text
        for key, description, _group in BUILTIN_KEYS:
            assert key in text and description in text
        assert "Marks in the article" in text
        for glyphs, meaning in MARKS:  # the margin symbols are explained too
            assert glyphs in text and meaning in text


async def test_help_closes_with_escape_q_and_question_mark() -> None:
    for key in ("escape", "q", "question_mark"):
        app = Harness()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            app.push_screen(HelpScreen())
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.reader, key


async def test_provider_discovers_every_action_and_fuzzy_finds() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        provider = ActionsProvider(app.reader)
        discovered = [hit async for hit in provider.discover()]
        assert len(discovered) == len(ACTIONS)
        assert all(isinstance(hit, DiscoveryHit) for hit in discovered)

        hits = [hit async for hit in provider.search("nxt unsuprted")]
        assert hits, "fuzzy search found nothing"
        best = max(hits, key=lambda hit: hit.score if isinstance(hit, Hit) else 0)
        assert best.text == "Jump to the next unsupported claim"
        await best.command()  # type: ignore[misc]
        assert app.reader.calls == [("jump", 1, "unsupported")]


async def test_palette_runs_the_chosen_action_on_the_screen() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"show the sources panel")
        commands = app.screen.query_one(OptionList)
        for _ in range(100):  # the palette searches in a worker: wait for its first hit
            await pilot.pause(0.02)
            if commands.option_count and "Sources panel" in str(commands.options[0].prompt):
                break
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.calls == [("show_panel", "sources")]


@pytest.mark.parametrize("width", [50, 60])
async def test_help_stacks_keys_over_their_text_on_a_narrow_terminal(width: int) -> None:
    """Beside a 22-column key column the text would keep ~17 columns: stacked instead."""
    app = Harness()
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause()
        screen = HelpScreen()
        app.push_screen(screen)
        await pilot.pause()
        table = screen.query(".help-table").results(Static).__next__()
        console = Console(width=table.content_region.width, record=True, file=io.StringIO())
        console.print(table.content)
        shown = console.export_text()
        assert "Move to the next sentence." in shown and "Move to the previous sentence." in shown
        await pilot.resize_terminal(120, 30)  # wide again: side by side
        await pilot.pause()
        assert screen.stacked is False
