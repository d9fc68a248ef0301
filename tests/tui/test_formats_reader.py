"""Reading a web page, an EPUB and a PDF in the reader: header metadata, the loader in the
status bar, walking claims, a note kept across a restart (issue 10)."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from textual.pilot import Pilot

from closeread.tui.app import CloseReadApp, make_app
from closeread.tui.screens.note_editor import NoteEditor
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets.doc_header import DocHeader
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
        shown = screen.query_one(DocHeader)
        assert shown.display and str(shown.render()).startswith(f"{title} \u2014 {header}")
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


@pytest.fixture
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader waits for the child's extraction however long it takes."""
    from closeread.document import opening as loading

    monkeypatch.setattr(loading, "EXTRACT_GRACE", 60.0)


@pytest.mark.usefixtures("patient")
def test_preopen_extracts_in_a_child_and_gives_the_same_document(tmp_path: Path) -> None:
    from closeread.document import load
    from closeread.document.opening import preopen, take_preopened

    path = _file(tmp_path, "html")
    preopen(path)
    taken = take_preopened(path)
    assert taken is not None
    doc, pending = taken
    assert pending is None
    assert doc == load(path)
    assert (doc.loader, doc.source_text) == ("readability-lxml", load(path).source_text)


@pytest.mark.usefixtures("patient")
def test_preopen_of_a_bad_file_raises_before_the_app_starts(tmp_path: Path) -> None:
    from closeread.document.opening import preopen, take_preopened
    from closeread.errors import InputError

    path = tmp_path / "broken.epub"
    path.write_bytes(b"PK\x03\x04 not really")
    preopen(path)
    with pytest.raises(InputError, match="not a valid EPUB"):
        take_preopened(path)


@pytest.mark.usefixtures("patient")
@pytest.mark.parametrize("big", [False, True])
def test_a_big_file_is_not_waited_for_before_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    # Its extraction outlasts Textual's start: waiting would only delay the first frame.
    from closeread.document import opening as loading

    asked: list[float] = []
    ready = loading.ExtractLoad.ready

    def spy(self: loading.ExtractLoad, timeout: float) -> bool:
        asked.append(timeout)
        return ready(self, timeout)

    monkeypatch.setattr(loading.ExtractLoad, "ready", spy)
    path = tmp_path / "page.html"
    filler = "<!-- " + "x" * (loading.GRACE_MAX_BYTES + 1) + " -->" if big else ""
    path.write_text(ARTICLE.replace("</body>", filler + "</body>"), encoding="utf-8")
    loading.preopen(path)
    taken = loading.take_preopened(path)
    assert taken is not None
    doc, pending = taken
    if pending is not None:
        doc = pending.wait()
    assert "Tides of Opinion" in doc.title
    assert asked[0] == (0.0 if big else 60.0)


@pytest.fixture
def slow_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction in the child is not done when the reader starts (as on a busy machine):
    the reader opens on the stand-in and the text follows."""
    from closeread.document import opening as loading

    monkeypatch.setattr(loading.ExtractLoad, "ready", lambda self, timeout: False)


@pytest.mark.usefixtures("slow_extraction")
@pytest.mark.parametrize("kind", ["html", "pdf"])
async def test_text_extracted_after_the_first_frame_arrives_with_its_metadata(
    tmp_path: Path, settle: Settle, kind: str
) -> None:
    from closeread.document import load
    from closeread.document.opening import ExtractPending, preopen

    path = _file(tmp_path, kind)
    preopen(path)
    app: CloseReadApp = make_app(path, tmp_path / "notes")
    assert isinstance(app.pending, ExtractPending)
    assert app.doc.text.startswith(f"Extracting the text of {path.name} ({kind})")
    assert app.title == path.name
    full = load(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert app.doc.text == full.text and app.title == full.title
        assert screen.sub_title and screen.sub_title.split(" · ")[0] == full.byline
        assert str(screen.query_one(DocHeader).render()).startswith(full.title)
        assert f"{kind} via {full.loader}" in str(app.query_one(StatusBar).render())
        await pilot.press("right_square_bracket", "a", *"Later.", "ctrl+s")
        await pilot.pause()
        assert [n.body for n in app.store.notes] == ["Later."]


@pytest.mark.usefixtures("slow_extraction")
async def test_a_bad_file_found_after_the_first_frame_quits_with_its_error(
    tmp_path: Path,
) -> None:
    from closeread.document.opening import preopen
    from closeread.errors import InputError

    path = tmp_path / "broken.epub"
    path.write_bytes(b"PK\x03\x04 not really")
    preopen(path)
    app: CloseReadApp = make_app(path, tmp_path / "notes")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if app.load_error is not None:
                break
            await pilot.pause(0.05)
    assert isinstance(app.load_error, InputError)
    assert "not a valid EPUB" in str(app.load_error) and app.return_code == 2
    assert not (tmp_path / "notes").exists() and not (tmp_path / "state").exists()


@pytest.mark.usefixtures("slow_extraction")
def test_cli_reports_a_file_found_bad_after_the_first_frame_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from closeread.cli import main

    run = CloseReadApp.run
    monkeypatch.setattr(CloseReadApp, "run", lambda self, **kw: run(self, headless=True))
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage " * 50)
    notes = tmp_path / "notes"
    assert main([str(path), "--notes-dir", str(notes)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"closeread: {path}: is not a valid PDF (damaged: Data format error)"
    assert not notes.exists() and not (tmp_path / "state").exists()


async def test_a_text_file_has_no_header_row(tmp_path: Path, settle: Settle) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("A Title\n\nThe harbour council voted to close the pier.\n")
    app: CloseReadApp = make_app(path, tmp_path / "notes")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(DocHeader).display


async def test_a_url_read_noted_and_reopened_offline(tmp_path: Path, settle: Settle) -> None:
    """``closeread URL``: the page from a local server, a note, the server gone, the
    reading reopened from its snapshot with the note and the URL in the header."""
    import yaml

    from closeread.cli import _snapshots_for_urls
    from tests.unit.formats.test_urls import Handler

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/article.html"
    notes_dir = tmp_path / "notes"
    argv = [url, "--notes-dir", str(notes_dir)]
    try:
        path = Path(_snapshots_for_urls(argv)[0])  # as the CLI does before the reader
        app: CloseReadApp = make_app(path, notes_dir)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert url in str(app.query_one(DocHeader).render())
            await pilot.press("right_square_bracket", "a", *"Who says so?", "ctrl+s")
            await pilot.pause()
            quote = app.store.notes[0].target.quote
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert Path(_snapshots_for_urls(argv)[0]) == path  # offline: the snapshot, no fetch
    again = make_app(path, notes_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert url in str(again.query_one(DocHeader).render())
        notes = again.store.notes
        assert [(n.body, n.target.quote, n.status) for n in notes] == [
            ("Who says so?", quote, "anchored")
        ]
    saved = yaml.safe_load(next(notes_dir.glob("*.yaml")).read_text(encoding="utf-8"))
    assert saved["document"]["url"] == url
