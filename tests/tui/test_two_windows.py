"""Issue 14 item 1: two closeread windows on one notes file; t, e, m, d and h never lose the
other window's edit. Window A is the real reader under Pilot; window B is another *process*
(``python -c``) changing the same note through its own ``NotesStore``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot

from closeread.notes.saver import wait_all
from closeread.tui.app import CloseReadApp
from closeread.tui.screens.dialogs import TagDialog, VerdictDialog
from closeread.tui.screens.note_editor import NoteEditor
from closeread.tui.screens.reader import ReaderScreen

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)

_WINDOW_B = """
import sys
from pathlib import Path
from closeread.document import load
from closeread.notes import NotesStore
from closeread.notes.merge import fields

doc = load(Path(sys.argv[1]))
store = NotesStore.open(doc, Path(sys.argv[2]))
note = store.notes[0]
change = {"body": {"body": sys.argv[3]}, "tags": {"tags": [sys.argv[3]]}}[sys.argv[4]]
store.change(note, fields(note), **change)
assert store.save_error is None, store.save_error
"""


@pytest.fixture(autouse=True)
def _merges_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Window A merges B's save only where a test says so (``reader.check_disk()``, what
    the reader's 2-second timer does): on a loaded machine window B's process can take
    longer than that, and the timer then merged B's edit *before* A's key, so that A
    deleted a version it had been shown — another scenario than the one tested."""
    from closeread.tui.screens import reader

    monkeypatch.setattr(reader, "DISK_CHECK_EVERY", 3600.0)


def window_b(article: Path, notes_dir: Path, value: str, field: str = "body") -> None:
    """Another closeread process edits the first note's ``field`` and saves."""
    wait_all(10)  # window A's save (on its worker thread) is on disk
    subprocess.run(
        [sys.executable, "-c", _WINDOW_B, str(article), str(notes_dir), value, field],
        check=True,
        timeout=60,
    )


def saved(notes_dir: Path) -> list[dict[str, object]]:
    wait_all(10)  # the reader saves on a worker thread
    (path,) = notes_dir.glob("*.yaml")
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["notes"])


async def _note_on_second_claim(pilot: Pilot[None], kind: str = "comment") -> None:
    await pilot.press("right_square_bracket", "right_square_bracket")
    if kind == "highlight":
        await pilot.press("h")
        return
    await pilot.press("a")
    await pilot.press(*"first")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_t_keeps_the_body_another_window_saved(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _note_on_second_claim(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TagDialog)
        window_b(article_path, notes_dir, "B's body")
        reader = next(s for s in app.screen_stack if isinstance(s, ReaderScreen))
        reader.check_disk()  # what the reader's timer does: A merges B's save
        await pilot.app.workers.wait_for_complete()  # (in a worker)
        await pilot.pause()
        await pilot.press(*"mine", "enter")
        await pilot.pause()
        [note] = saved(notes_dir)
        assert note["body"] == "B's body" and note["tags"] == ["mine"]


async def test_e_keeps_the_tags_another_window_saved(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _note_on_second_claim(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        window_b(article_path, notes_dir, "from-b", "tags")
        await pilot.press(*" more", "ctrl+s")
        await pilot.pause()
        [note] = saved(notes_dir)
        assert note["body"] == "first more" and note["tags"] == ["from-b"]


async def test_e_on_a_body_edited_in_both_windows_keeps_both_texts(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _note_on_second_claim(pilot)
        await pilot.press("e")
        window_b(article_path, notes_dir, "B rewrote it")
        await pilot.press(*" A added", "ctrl+s")
        await pilot.pause()
        [note] = saved(notes_dir)
        body = str(note["body"])
        assert "first A added" in body and "B rewrote it" in body


async def test_m_keeps_the_body_another_window_saved(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _note_on_second_claim(pilot)
        await pilot.press("m")
        assert isinstance(app.screen, VerdictDialog)
        window_b(article_path, notes_dir, "B's body")
        await pilot.press("3")  # misleading
        await pilot.pause()
        [note] = saved(notes_dir)
        assert note["body"] == "B's body" and note["verdict"] == "misleading"


async def test_d_of_a_note_edited_in_another_window_keeps_the_edit(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _note_on_second_claim(pilot)
        window_b(article_path, notes_dir, "B's new thought")
        await pilot.press("d")  # A deletes the version it knows
        await pilot.pause()
        [note] = saved(notes_dir)
        assert note["body"] == "B's new thought"


async def test_h_on_a_highlight_tagged_in_another_window_keeps_the_tag(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _note_on_second_claim(pilot, "highlight")
        window_b(article_path, notes_dir, "important", "tags")
        await pilot.press("h")  # A takes away the highlight it knows (untagged)
        await pilot.pause()
        [note] = saved(notes_dir)
        assert note["tags"] == ["important"] and note["kind"] == "highlight"
