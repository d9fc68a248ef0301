"""Issue 11 in the reader: asked before adopting notes of a similar text, reopening where
the reader stopped (position, panel, theme), and notes on words inside a sentence."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import yaml
from textual.pilot import Pilot

from closeread.notes.saver import wait_all
from closeread.tui.app import CloseReadApp
from closeread.tui.screens.confirm import AdoptNotesDialog, ConfirmDialog
from closeread.tui.screens.note_editor import NoteEditor
from closeread.tui.screens.reader import ReaderScreen

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)


def reader(app: CloseReadApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def add_note(pilot: Pilot[None], *keys: str, body: str = "hm") -> None:
    await pilot.press(*keys, "a")
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*body, "ctrl+s")
    await pilot.pause()


async def wait_for_dialog(pilot: Pilot[None]) -> AdoptNotesDialog:
    for _ in range(100):
        if isinstance(pilot.app.screen, AdoptNotesDialog):
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError("no dialog")


# ---- notes of a similar text ------------------------------------------------------------


async def _edited_copy_with_notes(
    make_reader: MakeReader, settle: Settle, article_path: Path
) -> Path:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_note(pilot, "right_square_bracket", body="keep me")
    edited = article_path.with_name("renamed.txt")
    edited.write_text(article_path.read_text().replace("last week", "last Tuesday"))
    article_path.unlink()
    return edited


async def test_similar_notes_are_adopted_only_when_the_reader_says_yes(
    make_reader: MakeReader, settle: Settle, article_path: Path, notes_dir: Path
) -> None:
    edited = await _edited_copy_with_notes(make_reader, settle, article_path)
    app = make_reader(edited)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await wait_for_dialog(pilot)
        assert "Notes for a similar text found: green-sky.yaml" in dialog.question
        assert "alike; written on green-sky.txt, no longer there)" in dialog.question
        assert app.store.notes == []
        await pilot.press("y")
        await settle(pilot)
        [note] = app.store.notes
        assert note.body == "keep me" and note.status == "fuzzy"
        assert note.target.quote == "The sky over the city turned green last Tuesday."
    wait_all(10)  # the reader saves on a worker thread
    data = yaml.safe_load((notes_dir / "green-sky.yaml").read_text(encoding="utf-8"))
    assert data["document"]["path"].endswith("renamed.txt")
    assert [p.name for p in notes_dir.glob("*.yaml")] == ["green-sky.yaml"]


async def test_saying_no_leaves_the_similar_notes_alone(
    make_reader: MakeReader, settle: Settle, article_path: Path, notes_dir: Path
) -> None:
    edited = await _edited_copy_with_notes(make_reader, settle, article_path)
    before = (notes_dir / "green-sky.yaml").read_bytes()
    app = make_reader(edited)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_dialog(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.store.notes == [] and app.store.path.name == "renamed.yaml"
        await add_note(pilot, "j", body="fresh")
    assert (notes_dir / "green-sky.yaml").read_bytes() == before
    assert sorted(p.name for p in notes_dir.glob("*.yaml")) == ["green-sky.yaml", "renamed.yaml"]


# ---- reading state ------------------------------------------------------------------------


async def test_the_reader_reopens_where_it_stopped(
    make_reader: MakeReader, settle: Settle, article_path: Path, _private_state_dir: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "3")
        app.theme = "nord"
        where = reader(app).session.cursor
        await pilot.press("q")
    state = json.loads((_private_state_dir / "reading-state.json").read_text())
    assert state["theme"] == "nord"
    # A renamed copy is the same text: it reopens there too.
    copy = article_path.with_name("copy.txt")
    copy.write_bytes(article_path.read_bytes())
    again = make_reader(copy)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reader(again).session.cursor == where
        assert again.theme == "nord"
        assert reader(again).current_panel() == "claims"


async def test_a_corrupt_state_file_is_a_warning(
    make_reader: MakeReader, settle: Settle, _private_state_dir: Path
) -> None:
    _private_state_dir.mkdir()
    (_private_state_dir / "reading-state.json").write_text("{not json")
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("reading state is corrupt" in str(n.message) for n in app._notifications)
        await pilot.press("j", "j", "q")
    assert json.loads((_private_state_dir / "reading-state.json").read_text())["documents"]


# ---- words inside a sentence ----------------------------------------------------------------


async def test_v_then_words_notes_part_of_a_sentence(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "v", "w", "w", "shift+right")
        assert reader(app).session.target_span() == (
            reader(app).session.cursor[0] - len("The sky "),
            reader(app).session.cursor[1],
        )
        await add_note(pilot, body="which sky?")
        [note] = app.store.notes
        assert note.target.quote == "The sky over"
        # a new word selection starts where the cursor is ("over"); W / shift+left shrink it
        await pilot.press("w", "w", "w", "shift+left")
        assert app.doc.text[slice(*reader(app).session.target_span())] == "over the"
        await pilot.press("W", "W")  # past where it started: it grows backwards
        assert app.doc.text[slice(*reader(app).session.target_span())] == "sky over"


async def test_a_search_match_becomes_the_selection_with_one_key(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")  # no match: says so, selects nothing
        assert reader(app).session.selection_anchor is None
        await pilot.press("slash", *"pollen story", "enter", "s", "w")
        await add_note(pilot, body="what story?")
        [note] = app.store.notes
        assert note.target.quote == "pollen story is"


async def test_a_renamed_file_shows_its_notes_and_says_how_they_were_found(
    make_reader: MakeReader, settle: Settle, article_path: Path
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_note(pilot, "right_square_bracket", body="still mine")
    renamed = article_path.rename(article_path.with_name("downloaded (1).txt"))
    again = make_reader(renamed)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [n.body for n in again.store.notes] == ["still mine"]
        assert not isinstance(again.screen, ConfirmDialog)  # same text: nothing to ask
        messages = [str(n.message) for n in again._notifications]
        assert any("notes found by the text in green-sky.yaml" in m for m in messages)


async def _read_to_the_middle_and_quit(path: Path, notes_dir: Path) -> tuple[int, str]:
    from closeread.tui.app import make_app

    app = make_app(path, notes_dir)
    assert app.pending is not None  # a big document: opened head first
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        for _ in range(5):
            await pilot.press("k")
        await pilot.press("2")
        where = reader(app).session.cursor[0]
        await pilot.press("q")
    return where, app.doc.text


async def _reopened_at(path: Path, notes_dir: Path) -> tuple[int, str]:
    from closeread.tui.app import make_app

    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):  # the position comes back once the full text is there
            # (and the side panel is in: quitting while its tabs mount fails in Textual)
            if reader(app).place_restored and reader(app).side_mounted:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        return reader(app).session.cursor[0], reader(app).current_panel()


async def test_a_big_document_reopens_where_the_reader_stopped(
    tmp_path: Path, notes_dir: Path
) -> None:
    path = tmp_path / "book.txt"
    paragraphs = [f"Paragraph {i} says something plain. " * 6 for i in range(1500)]
    path.write_text("A Long Book\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    where, text = await _read_to_the_middle_and_quit(path, notes_dir)
    assert where > len(text) // 2
    again, panel = await _reopened_at(path, notes_dir)
    assert again == where and panel == "sources"


async def test_war_and_peace_reopens_where_the_reader_stopped(
    tmp_path: Path, notes_dir: Path
) -> None:
    from tests.conftest import corpus_file

    path = corpus_file("war-and-peace.txt")
    where, _ = await _read_to_the_middle_and_quit(path, notes_dir)
    again, _ = await _reopened_at(path, notes_dir)
    assert again == where > 3_000_000


async def test_a_big_notes_folder_is_searched_after_the_first_frame(
    make_reader: MakeReader, settle: Settle, article_path: Path, notes_dir: Path
) -> None:
    """A renamed article among 150 notes files: its notes are found by a scan, which
    the first frame does not wait for (they arrive from a worker, as a book's do)."""
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_note(pilot, "right_square_bracket", body="found again")
    for i in range(150):
        (notes_dir / f"other-{i}.yaml").write_text(
            f"closeread: 1\ndocument: {{path: other-{i}.txt, sha256: '{i}'}}\nnotes: []\n"
        )
    renamed = article_path.rename(article_path.with_name("renamed.txt"))
    again = make_reader(renamed)
    assert again.store is None  # opened by a worker
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [n.body for n in again.store.notes] == ["found again"]
    # a copy under the first name finds green-sky.yaml by its name: no scan, no wait
    original = renamed.with_name("green-sky.txt")
    original.write_bytes(renamed.read_bytes())
    assert make_reader(original).store is not None
