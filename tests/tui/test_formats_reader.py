"""Reading a web page, an EPUB and a PDF in the reader: header metadata, the loader in the
status bar, walking claims, a note kept across a restart (issue 10)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from closeread.tui.app import CloseReadApp, make_app
from closeread.tui.screens.note_editor import NoteEditor
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets.status_bar import StatusBar
from tests.unit.formats.books import epub, pdf
from tests.unit.formats.pages import ARTICLE

pytest.importorskip("readability", reason="the html extra is not installed")
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)


def _file(tmp_path: Path, kind: str) -> Path:
    if kind == "html":
        path = tmp_path / "tides.html"
        path.write_text(ARTICLE, encoding="utf-8")
    elif kind == "epub":
        path = tmp_path / "keeper.epub"
        path.write_bytes(epub())
    else:
        pytest.importorskip("fpdf", reason="fpdf2 (test extra) builds the test PDF")
        path = tmp_path / "report.pdf"
        path.write_bytes(pdf())
    return path


@pytest.mark.parametrize(
    ("kind", "title", "header", "loader"),
    [
        (
            "html",
            "Tides of Opinion",
            "Ada Writer · The Example Gazette · 2026-01-02",
            "html via readability-lxml",
        ),
        (
            "epub",
            "The Keeper of the Pier",
            "Ada Writer, Bo Second · Harbour Press",
            "epub via closeread epub",
        ),
        ("pdf", "State of the Pier", "Harbour Board", "pdf via pypdfium2"),
    ],
)
async def test_read_walk_note_and_reopen(
    tmp_path: Path, settle: Settle, kind: str, title: str, header: str, loader: str
) -> None:
    path = _file(tmp_path, kind)
    notes_dir = tmp_path / "notes"
    app: CloseReadApp = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert app.title == title
        assert screen.sub_title.startswith(header)
        assert loader in str(app.query_one(StatusBar).render())
        await pilot.press("right_square_bracket")  # the first claim
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Check this.", "ctrl+s")
        await pilot.pause()
        assert [n.body for n in app.store.notes] == ["Check this."]
        quote = app.store.notes[0].target.quote
    again = make_app(path, notes_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = again.store.notes
        assert [(n.body, n.target.quote, n.status) for n in notes] == [
            ("Check this.", quote, "anchored")
        ]


def test_preopen_extracts_in_a_child_and_gives_the_same_document(tmp_path: Path) -> None:
    from closeread.document import load
    from closeread.tui.loading import preopen, take_preopened

    path = _file(tmp_path, "html")
    preopen(path)
    taken = take_preopened(path)
    assert taken is not None
    doc, pending = taken
    assert pending is None
    assert doc == load(path)
    assert (doc.loader, doc.source_text) == ("readability-lxml", load(path).source_text)


def test_preopen_of_a_bad_file_raises_before_the_app_starts(tmp_path: Path) -> None:
    from closeread.errors import InputError
    from closeread.tui.loading import preopen, take_preopened

    path = tmp_path / "broken.epub"
    path.write_bytes(b"PK\x03\x04 not really")
    preopen(path)
    with pytest.raises(InputError, match="not a valid EPUB"):
        take_preopened(path)
