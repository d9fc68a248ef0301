"""The modal dialogs: keys in, the dismissed value out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, RadioSet, TextArea

from closeread.notes.model import VERDICTS
from closeread.tui.screens.confirm import ConfirmDialog
from closeread.tui.screens.dialogs import (
    EXPORT_FORMATS,
    ExportDialog,
    LinkDialog,
    TagDialog,
    VerdictDialog,
    parse_tags,
)
from closeread.tui.screens.note_editor import NoteEditor, NoteEditorResult

UNSET = object()


class Harness(App[None]):
    """Pushes one dialog on mount and keeps what it was dismissed with."""

    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: object = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, result: object) -> None:
        self.result = result


async def run_keys(dialog: ModalScreen[Any], *keys: str) -> object:
    app = Harness(dialog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        return app.result


async def test_confirm_keys() -> None:
    assert await run_keys(ConfirmDialog("Discard?"), "y") is True
    assert await run_keys(ConfirmDialog("Discard?"), "n") is False
    assert await run_keys(ConfirmDialog("Discard?"), "escape") is False
    assert await run_keys(ConfirmDialog("Discard?"), "enter") is True
    assert await run_keys(ConfirmDialog("Discard?"), "tab", "enter") is False  # on "No"


async def test_tag_dialog_prefills_and_parses() -> None:
    result = await run_keys(TagDialog(["war", "bias"]), *", #sources  war media", "enter")
    assert result == ["war", "bias", "sources", "media"]
    assert await run_keys(TagDialog(["war"]), "x", "escape") is None


def test_parse_tags() -> None:
    assert parse_tags(" a,b  c,,#d a ") == ["a", "b", "c", "d"]
    assert parse_tags("") == []


async def test_verdict_dialog_number_keys_arrows_and_clear() -> None:
    assert await run_keys(VerdictDialog(None), "2") == VERDICTS[1]
    assert await run_keys(VerdictDialog(None), "down", "down", "enter") == VERDICTS[2]
    assert await run_keys(VerdictDialog("misleading"), "0") == ""
    assert await run_keys(VerdictDialog("misleading"), "escape") is None


async def test_verdict_dialog_starts_on_the_current_verdict() -> None:
    dialog = VerdictDialog("needs-source")
    app = Harness(dialog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert dialog.query_one(OptionList).highlighted == VERDICTS.index("needs-source")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == "needs-source"


async def test_link_dialog_marks_linked_and_returns_choice() -> None:
    candidates = [("c1", "The Guardian — [b]quote[/b]", True), ("c2", "Fox News", False)]
    dialog = LinkDialog("The claim [bold]text[/].", candidates)
    app = Harness(dialog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        options = dialog.query_one(OptionList).options
        first = str(options[0].prompt)
        assert first.startswith("✓ c1") and "[b]quote[/b]" in first
        assert not str(options[1].prompt).startswith("✓")
        assert dialog.query_one(OptionList).highlighted == 0
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.result == "c2"
    assert await run_keys(LinkDialog("claim", candidates), "escape") is None


async def test_export_dialog_default_and_format_switch(tmp_path: Path) -> None:
    result = await run_keys(ExportDialog(tmp_path), "enter")
    assert result == (EXPORT_FORMATS[0], tmp_path / "closeread-notes.md")

    dialog = ExportDialog(tmp_path)
    app = Harness(dialog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        dialog.query_one(RadioSet).focus()
        await pilot.press("right", "enter")  # the second format
        await pilot.pause()
        assert dialog.query_one(Input).value == str(tmp_path / "closeread-notes.json")
        dialog.query_one(Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == (EXPORT_FORMATS[1], tmp_path / "closeread-notes.json")
    assert await run_keys(ExportDialog(tmp_path), "escape") is None


async def test_note_editor_saves_body_and_kind() -> None:
    editor = NoteEditor("Note on claim 3", "It is the result of [bold]state[/] sponsorship.")
    result = await run_keys(editor, *"No source", "enter", *"given", "ctrl+t", "ctrl+s")
    assert result == NoteEditorResult("No source\ngiven", "question")


async def test_note_editor_edit_keeps_body_and_kind() -> None:
    editor = NoteEditor("Edit note", "quote", body="Old", kind="verdict")
    assert await run_keys(editor, "!", "ctrl+s") == NoteEditorResult("Old!", "verdict")


async def test_note_editor_escape_without_changes_cancels_at_once() -> None:
    assert await run_keys(NoteEditor("Note", "quote", body="same"), "escape") is None


async def test_note_editor_escape_with_changes_asks_first() -> None:
    editor = NoteEditor("Note", "quote")
    app = Harness(editor)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(*"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Discard this note?"
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is editor and app.result is UNSET
        assert editor.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.result is None
