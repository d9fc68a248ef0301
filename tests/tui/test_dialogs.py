"""The modal dialogs: keys in, the dismissed value out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static, TextArea

from closeread.notes.model import VERDICTS
from closeread.tui.screens.confirm import ConfirmDialog
from closeread.tui.screens.dialogs import (
    EXPORT_FORMATS,
    EXTENSIONS,
    ExportDialog,
    LinkDialog,
    MarkedRadioButton,
    TagDialog,
    VerdictDialog,
    parse_tags,
    without_id,
)
from closeread.tui.screens.note_editor import NoteEditor, NoteEditorResult, quote_preview

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
    # Enter is never the destructive answer by default: the dialog opens on "No".
    assert await run_keys(ConfirmDialog("Discard?"), "enter") is False
    assert await run_keys(ConfirmDialog("Discard?"), "shift+tab", "enter") is True  # on "Yes"


@pytest.mark.parametrize("width", [30, 44, 60, 80, 120, 200])
async def test_confirm_question_wraps_and_is_shown_whole_at_every_width(width: int) -> None:
    question = (
        "Notes could not be saved to /home/reader/notes/west-leverages-paris-attacks."
        "yaml (the disk is full). Quit and lose the unsaved changes?"
    )
    app = Harness(ConfirmDialog(question))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfirmDialog)
        label = screen.query_one("#confirm-question")
        box = screen.query_one("Vertical")
        assert box.content_region.contains_region(label.region)
        assert label.region.right <= width
        shown = "".join(
            "".join(seg.text for seg in label.render_line(y)) for y in range(label.size.height)
        )
        assert "".join(shown.split()) == "".join(question.split())


async def test_tag_dialog_prefills_and_parses() -> None:
    result = await run_keys(TagDialog(["war", "bias"]), *", #sources,  war, news media", "enter")
    assert result == ["war", "bias", "sources", "news-media"]
    assert await run_keys(TagDialog(["war"]), "x", "escape") is None


async def test_tag_dialog_names_the_note_and_the_rule() -> None:
    dialog = TagDialog([], subject="✎ “It is [bold]x[/] planned.” Why?\nSecond line")
    app = Harness(dialog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        subject = str(dialog.query_one("#tags-subject", Static).render())
        assert subject == "✎ “It is [bold]x[/] planned.” Why? Second line"  # never markup
        hint = str(dialog.query_one(".dialog-hint", Label).render())
        assert "commas" in hint and "become -" in hint
        assert "," in dialog.query_one(Input).placeholder
    async with Harness(TagDialog([])).run_test() as pilot:
        assert not pilot.app.screen.query("#tags-subject")


def test_parse_tags() -> None:
    assert parse_tags(" a,b  c,,#d , a ") == ["a", "b-c", "d"]
    assert parse_tags("#war , #war") == ["war"]
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


async def test_link_dialog_shows_the_id_once_and_one_line_per_citation() -> None:
    long_quote = "a very long quoted passage " * 12
    candidates = [
        ("c1", f"c1 · The Guardian · “{long_quote}”", False),
        ("c12", "c12 · Fox News", True),
        ("c2", "c2x is not the id", False),
    ]
    dialog = LinkDialog("claim", candidates)
    app = Harness(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        option_list = dialog.query_one(OptionList)
        prompts = [str(option.prompt) for option in option_list.options]
        assert prompts[0].startswith("  c1  The Guardian · “a very")
        assert prompts[1] == "✓ c12  Fox News"
        assert prompts[2] == "  c2  c2x is not the id"
        assert option_list.virtual_size.height == 3  # one line each, no wrapped leftovers
        first = option_list.render_line(0).text.rstrip()
        assert first.endswith("…") and first.count("c1") == 1


def test_without_id() -> None:
    assert without_id("c1 · The Guardian", "c1") == "The Guardian"
    assert without_id("c1", "c1") == "c1"
    assert without_id("c10 · X", "c1") == "c10 · X"


async def test_radio_buttons_differ_without_colour() -> None:
    dialog = NoteEditor("Note", "quote")
    app = Harness(dialog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        buttons = list(dialog.query(MarkedRadioButton))
        marks = [str(b.render()).split()[0][1] for b in buttons]
        assert marks == ["●"] + ["○"] * (len(buttons) - 1)
        dialog.query_one(RadioSet).focus()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert [str(b.render()).split()[0][1] for b in buttons][:2] == ["○", "●"]


def export_prompts(dialog: ExportDialog) -> list[str]:
    return [str(o.prompt) for o in dialog.query_one("#export-format", OptionList).options]


async def test_export_dialog_starts_on_the_formats_and_exports_the_highlighted(
    tmp_path: Path,
) -> None:
    result = await run_keys(ExportDialog(tmp_path), "enter")
    assert result == (EXPORT_FORMATS[0], tmp_path / "closeread-notes.md")

    dialog = ExportDialog(tmp_path)
    app = Harness(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        formats = dialog.query_one("#export-format", OptionList)
        assert formats.has_focus and formats.highlighted == 0
        assert export_prompts(dialog)[0].startswith("▸ markdown")
        await pilot.press("down")  # the second format, highlighted (glyph too) and named
        assert export_prompts(dialog)[1].startswith("▸ json")
        assert export_prompts(dialog)[0].startswith("  markdown")
        assert dialog.query_one(Input).value == str(tmp_path / "closeread-notes.json")
        await pilot.press("tab", "enter")  # enter in the file box: still the highlighted one
        await pilot.pause()
    assert app.result == (EXPORT_FORMATS[1], tmp_path / "closeread-notes.json")
    assert await run_keys(ExportDialog(tmp_path), "down", "down", "enter") == (
        EXPORT_FORMATS[2],
        tmp_path / f"closeread-notes.{EXTENSIONS[EXPORT_FORMATS[2]]}",
    )
    assert await run_keys(ExportDialog(tmp_path), "escape") is None


async def test_export_dialog_asks_before_replacing_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "closeread-notes.md"
    existing.write_text("mine", encoding="utf-8")
    dialog = ExportDialog(tmp_path)
    app = Harness(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == f"{existing} exists. Replace it?"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog and app.result is UNSET
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.result == ("markdown", existing)
    assert existing.read_text(encoding="utf-8") == "mine"  # the dialog itself writes nothing


async def test_export_dialog_refuses_a_folder_or_a_missing_folder(tmp_path: Path) -> None:
    for typed, problem in [
        (str(tmp_path), f"{tmp_path} is a folder: give a file name"),
        (str(tmp_path / "nowhere" / "x.md"), f"no folder {tmp_path / 'nowhere'}"),
    ]:
        dialog = ExportDialog(tmp_path)
        app = Harness(dialog)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            dialog.query_one(Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert app.result is UNSET and app.screen is dialog
            assert any(problem in n.message for n in app._notifications)


async def test_note_editor_saves_body_and_kind() -> None:
    editor = NoteEditor("Note on claim 3", "It is the result of [bold]state[/] sponsorship.")
    result = await run_keys(editor, *"No source", "enter", *"given", "ctrl+t", "ctrl+s")
    assert result == NoteEditorResult("No source\ngiven", "question")


def test_quote_preview_keeps_paragraphs_and_both_ends() -> None:
    assert quote_preview("One  two\n\nthree\n") == "One two\nthree"
    long = "\n\n".join(f"Paragraph {i} " + "words " * 40 for i in range(30))
    preview = quote_preview(long, limit=1000, tail=300)
    assert preview.startswith("Paragraph 0 ") and preview.rstrip().endswith("words")
    assert "Paragraph 29" in preview and "\n…\n" in preview and len(preview) < 1010


async def test_note_editor_quote_preview_scrolls() -> None:
    quote = "\n\n".join(f"Paragraph {i} of the selection." for i in range(12))
    editor = NoteEditor("Note", quote)
    app = Harness(editor)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        preview = editor.query_one("#note-quote", VerticalScroll)
        assert preview.size.height == 8 and preview.max_scroll_y > 0
        assert "Paragraph 11 of the selection." in str(
            editor.query_one("#note-quote-text", Static).render()
        )


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
        assert app.screen.question.startswith("Close the editor without saving?")
        await pilot.press("n")  # keep editing
        await pilot.pause()
        screen: object = app.screen  # (mypy narrowed it to ConfirmDialog above)
        assert screen is editor and app.result is UNSET
        assert editor.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.result is None


async def test_note_editor_escape_says_the_edit_is_discarded_not_the_note() -> None:
    editor = NoteEditor("Edit note", "quote", body="Kept as it was")
    app = Harness(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("!", "escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Discard this note" not in dialog.question
        assert "changes are lost" in dialog.question and "stays as it was" in dialog.question
        labels = {str(b.label) for b in dialog.query(Button)}
        assert labels == {"Discard (y)", "Keep editing (n)"}
        await pilot.press("y")
        await pilot.pause()
    assert app.result is None


@pytest.mark.parametrize("typed", [(), ("space", "enter", "space")])
async def test_note_editor_will_not_save_an_empty_note(typed: tuple[str, ...]) -> None:
    editor = NoteEditor("New note", "quote")
    app = Harness(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*typed, "ctrl+s")
        await pilot.pause()
        assert app.screen is editor and app.result is UNSET  # still open, nothing saved
        assert any("empty" in n.message for n in app._notifications)
        await pilot.press(*"real text", "ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, NoteEditorResult) and app.result.body.strip() == "real text"


async def test_note_editor_saves_a_highlight_without_a_comment() -> None:
    """Editing a bare highlight keeps it one: no text needed."""
    result = await run_keys(NoteEditor("Edit note", "quote", kind="highlight"), "ctrl+s")
    assert result == NoteEditorResult("", "highlight")
