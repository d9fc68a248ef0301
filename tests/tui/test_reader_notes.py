"""Notes from the keyboard: add, edit, delete, undo, highlight, tag, verdict, select, link.

Every change must be in the YAML file on disk (the notes_dir fixture sets CLOSEREAD_NOTES_DIR).
"""

from __future__ import annotations

import errno
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot

from closeread.notes import NotesStore
from closeread.notes.saver import wait_all
from closeread.tui.app import CloseReadApp
from closeread.tui.screens.dialogs import LinkDialog, TagDialog, VerdictDialog
from closeread.tui.screens.note_editor import NoteEditor
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets.article import Article

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)


def reader(app: CloseReadApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def on_disk(notes_dir: Path) -> list[dict[str, object]]:
    wait_all(10)  # the reader saves on a worker thread
    files = list(notes_dir.glob("*.yaml"))
    assert len(files) == 1, files
    data = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    return list(data.get("notes") or [])


async def type_note(pilot: Pilot[None], text: str) -> None:
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_add_edit_delete_undo_a_note(
    make_reader: MakeReader, settle: Settle, notes_dir: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "a")
        await type_note(pilot, "Says who?")
        notes = app.store.notes
        assert [n.body for n in notes] == ["Says who?"]
        assert notes[0].target.quote == "The sky over the city turned green last week."
        saved = on_disk(notes_dir)
        assert saved[0]["body"] == "Says who?"
        assert saved[0]["target"]["quote"] == notes[0].target.quote  # type: ignore[index]
        # The noted line carries the ✎ glyph in the margin.
        article = app.screen.query_one(Article)
        top = round(article.scroll_y)
        rows = [article.row_text(y) for y in range(top, top + article.view_height)]
        assert any(r[2] == "✎" and "The sky over the city" in r for r in rows)

        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        await type_note(pilot, " Nobody.")
        assert on_disk(notes_dir)[0]["body"] == "Says who? Nobody."

        await pilot.press("d")
        assert app.store.notes == []
        assert on_disk(notes_dir) == []
        await pilot.press("z")
        assert [n.body for n in app.store.notes] == ["Says who? Nobody."]
        assert len(on_disk(notes_dir)) == 1


async def test_escape_cancels_the_editor(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert app.store.notes == []


async def test_highlight_tag_and_verdict(
    make_reader: MakeReader, settle: Settle, notes_dir: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "h")
        (note,) = app.store.notes
        assert note.kind == "highlight"
        assert note.target.quote == "The pollen story is plainly false."
        await pilot.press("t")
        assert isinstance(app.screen, TagDialog)
        assert "The pollen story is plainly false." in app.screen.subject
        await pilot.press(*"pollen, weather", "enter")
        await pilot.pause()
        assert app.store.notes[0].tags == ["pollen", "weather"]
        await pilot.press("m")
        assert isinstance(app.screen, VerdictDialog)
        await pilot.press("3")  # misleading
        await pilot.pause()
        assert app.store.notes[0].verdict == "misleading"
        saved = on_disk(notes_dir)[0]
        assert saved["tags"] == ["pollen", "weather"] and saved["verdict"] == "misleading"
        assert saved["kind"] == "highlight"


async def test_verdict_on_a_claim_without_a_note_creates_one(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u", "m", "2")  # first unsupported claim: unsupported
        await pilot.pause()
        (note,) = app.store.notes
        assert note.kind == "verdict" and note.verdict == "unsupported"
        assert note.target.quote.startswith("Pollen has never coloured")
        # The Claims panel shows the reader's verdict beside the claim.
        from closeread.tui.widgets.claims_panel import ClaimsPanel

        await pilot.press("3")  # its panel is composed when its tab first opens
        await pilot.pause()
        claims = app.screen.query_one(ClaimsPanel)
        assert claims.claim_list.verdicts == {"k3": "unsupported"}
        await pilot.press("d")
        assert claims.claim_list.verdicts == {}


async def test_selection_extends_and_a_notes_it(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "v", "j", "j")
        screen = reader(app)
        assert screen.session.selection_anchor is not None
        await pilot.press("a")
        await type_note(pilot, "whole passage")
        (note,) = app.store.notes
        assert note.target.quote.startswith("The sky over the city turned green last week.")
        assert note.target.quote.endswith("that:")  # three sentences: the claim and the next two
        assert screen.session.selection_anchor is None


async def test_link_adds_a_correction_and_reanalyses(
    make_reader: MakeReader, settle: Settle, notes_dir: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u", "L")  # k3, unsupported
        assert isinstance(app.screen, LinkDialog)
        await pilot.press("enter")  # the first candidate (nearest citations, in text order)
        await settle(pilot)
        (link,) = app.store.links
        assert link.action == "add"
        assert link.claim.quote.startswith("Pollen has never coloured")
        wait_all(10)
        reopened = NotesStore.open(app.doc, notes_dir)
        assert len(reopened.links) == 1


async def test_notes_survive_a_restart(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "a")
        await type_note(pilot, "first")
    # (a process waits for its saves before it exits; this one goes on, so the test waits:
    # under load the second reader read the file before the first one's save had landed)
    wait_all(10)
    again = make_reader()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [n.body for n in again.store.notes] == ["first"]


async def test_corrupt_notes_file_opens_read_only_and_is_left_untouched(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    bad = notes_dir / f"{article_path.stem}.yaml"
    bad.write_text("closeread: 1\nnotes: [unclosed\n", encoding="utf-8")
    before = bad.read_bytes()
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.store.read_only
        assert any("read-only" in (n.title or "") for n in app._notifications)
        await pilot.press("h")
        await pilot.pause()
    assert bad.read_bytes() == before


async def test_save_failure_shows_in_status_and_quit_asks(
    make_reader: MakeReader, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    from closeread.notes import storage
    from closeread.tui.screens.confirm import ConfirmDialog
    from closeread.tui.widgets.status_bar import StatusBar, render_status

    def full_disk(path: Path, data: bytes, *, backup: bool = True) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write", full_disk)
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        wait_all(10)  # the save fails on its worker thread
        await pilot.pause()  # and the reader hears of it
        assert app.store.save_error
        assert len(app.store.notes) == 1  # kept in memory
        status = app.screen.query_one(StatusBar).status
        assert status is not None and "save failed" in render_status(status).plain
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)  # not quitting silently
        await pilot.press("n")
        assert app.is_running and isinstance(app.screen, ReaderScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_export_writes_the_report(
    make_reader: MakeReader, settle: Settle, tmp_path: Path
) -> None:
    from textual.widgets import Input

    from closeread.tui.screens.dialogs import ExportDialog

    out = tmp_path / "report.md"
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "a")
        await type_note(pilot, "check this")
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
    report = out.read_text(encoding="utf-8")
    assert "check this" in report
    assert "The sky over the city turned green last week." in report


async def test_clicking_a_sentence_moves_the_cursor(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.screen.query_one(Article)
        top = round(article.scroll_y)
        rows = [article.row_text(y) for y in range(top, top + article.view_height)]
        y = next(i for i, r in enumerate(rows) if "The pollen story" in r)
        await pilot.click(Article, offset=(8, y))
        await pilot.pause()
        s, e = reader(app).session.cursor
        assert app.doc.text[s:e] == "The pollen story is plainly false."


async def test_h_twice_removes_the_highlight_and_z_restores_it(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "h")
        assert [n.kind for n in app.store.notes] == ["highlight"]
        await pilot.press("h")
        assert app.store.notes == []
        await pilot.press("z")
        assert [n.kind for n in app.store.notes] == ["highlight"]


async def test_paths_with_markup_characters_are_shown_as_text(
    settle: Settle, article_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A notes dir named like Rich markup ('x[/]y') must neither crash nor be parsed."""
    from closeread.notes import storage
    from closeread.tui.app import make_app

    odd = tmp_path / "x[/]y" / "[bold]notes"
    odd.mkdir(parents=True)
    bad = odd / f"{article_path.stem}.yaml"
    bad.write_text("closeread: 1\nnotes: [unclosed\n", encoding="utf-8")
    app = make_app(article_path, odd)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        note = next(n for n in app._notifications if "read-only" in (n.title or ""))
        assert not note.markup and "[bold]notes" in note.message
        await pilot.pause()
    bad.unlink()

    def full_disk(path: Path, data: bytes, *, backup: bool = True) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write", full_disk)
    app = make_app(article_path, odd)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        wait_all(10)
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and not errors[-1].markup  # said once
        # The file is named once (save_error already says which file).
        assert errors[-1].message.count(str(bad)) == 1


async def test_a_note_deleted_in_another_window_while_editing_it_comes_back_with_the_edit(
    make_reader: MakeReader, settle: Settle, notes_dir: Path
) -> None:
    # No user action loses an edit (issue 14): the edit restores the note.
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "a")
        await type_note(pilot, "Says who?")
        [note] = app.store.notes
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        app.store.delete(note.id)  # what check_disk does when another window deleted it
        await type_note(pilot, " Nobody.")
        assert isinstance(app.screen, ReaderScreen)
        assert [n.body for n in app.store.notes] == ["Says who? Nobody."]
        assert [n["body"] for n in on_disk(notes_dir)] == ["Says who? Nobody."]


async def test_an_orphan_with_a_guess_shows_the_place_without_attaching_the_note(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    """Issue 14: an orphan's best guess is offered (the cursor goes there), never applied."""
    from closeread.document import load
    from closeread.notes.model import Note, Target
    from closeread.tui.widgets.notes_panel import NotesPanel

    doc = load(article_path)
    store = NotesStore.open(doc, notes_dir)
    # "The Daily Planet" twice, neither with the stored context: too little to choose.
    store.add(Note("n-guess", "question", Target("The Daily Planet", "zzz ", " qqq")))
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        note = app.store.get("n-guess")
        assert note is not None and note.status == "orphan" and note.guess is not None
        assert doc.text[note.guess[0] : note.guess[1]] == "The Daily Planet"
        panel = screen.panel(NotesPanel)
        assert panel is not None
        screen.post_message(NotesPanel.NoteSelected(panel, "n-guess"))
        await pilot.pause()
        assert screen.session.cursor == note.guess
        assert any("likeliest place" in n.message for n in app._notifications)
        assert note.target.start is None and note.status == "orphan"
    assert on_disk(notes_dir)[0]["target"]["start"] is None  # type: ignore[index]


async def test_keys_are_answered_while_a_save_is_in_flight(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save waiting on a slow disk holds up no key: ``j`` moves, another note can be
    written, and both notes reach the file once the disk answers."""
    import threading

    from closeread.notes import storage

    gate, entered = threading.Event(), threading.Event()
    real = storage.atomic_write

    def slow_disk(path: Path, data: bytes, **kw: Any) -> None:
        entered.set()
        gate.wait(20)
        real(path, data, **kw)

    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(storage, "atomic_write", slow_disk)
        await pilot.press("right_square_bracket", "a")
        await type_note(pilot, "Says who?")
        assert entered.wait(10) and app.store.saving  # the save waits on the disk
        before = reader(app).session.cursor
        await pilot.press("j")
        assert reader(app).session.cursor != before  # answered meanwhile
        await pilot.press("a")
        await type_note(pilot, "And when?")
        assert sorted(n.body for n in app.store.notes) == ["And when?", "Says who?"]
        assert app.store.saving and "Says who?" not in str(on_disk_now(notes_dir))
        gate.set()
        assert app.store.wait_saved(10)
        await pilot.pause()
        assert sorted(str(n["body"]) for n in on_disk(notes_dir)) == ["And when?", "Says who?"]
        assert not app.store.dirty and reader(app).session.save_state() == "saved"


def on_disk_now(notes_dir: Path) -> list[str]:
    """The notes files' text as it is this moment (no waiting for saves)."""
    return [p.read_text("utf-8") for p in notes_dir.glob("*.yaml")]


async def test_quitting_finishes_the_save_in_flight(
    make_reader: MakeReader, settle: Settle, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from closeread.notes import storage

    entered, gate = threading.Event(), threading.Event()
    real = storage.atomic_write

    def slow_disk(path: Path, data: bytes, **kw: Any) -> None:
        entered.set()
        gate.wait(20)  # the reader presses q meanwhile
        real(path, data, **kw)

    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(storage, "atomic_write", slow_disk)
        await pilot.press("right_square_bracket", "a")
        await type_note(pilot, "Last words")
        assert entered.wait(10) and app.store.saving
        threading.Timer(0.3, gate.set).start()  # the disk answers after q is pressed
        await pilot.press("q")
    assert [n["body"] for n in on_disk_now_notes(notes_dir)] == ["Last words"]


def on_disk_now_notes(notes_dir: Path) -> list[dict[str, object]]:
    (text,) = on_disk_now(notes_dir)
    return list(yaml.safe_load(text)["notes"])


async def test_keys_typed_faster_than_the_editor_mounts_are_the_notes(
    make_reader: MakeReader, settle: Settle, notes_dir: Path
) -> None:
    """``a`` and the note's first words in one burst (a fast typist, a paste): the keys
    that come before the text area has its focus are its first characters, not lost."""
    from textual import events

    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        driver = app._driver
        assert driver is not None
        for key, char in [("a", "a"), ("H", "H"), ("i", "i"), ("space", " "), ("x", "x")]:
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)  # all at once: none waits for the last
        for _ in range(400):  # (a loaded machine mounts the editor late: wait up to 20 s)
            await pilot.pause(0.05)
            editor = app.screen
            if isinstance(editor, NoteEditor) and editor.query("TextArea") and editor.body:
                break
        assert isinstance(editor, NoteEditor)
        assert editor.body == "Hi x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n["body"] for n in on_disk(notes_dir)] == ["Hi x"]
