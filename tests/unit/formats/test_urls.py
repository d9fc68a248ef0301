"""``closeread URL``: fetched once from a local server, kept as a snapshot, reread offline."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from closeread.cli import main
from closeread.document import fetch

from .pages import ARTICLE

pytest.importorskip("readability", reason="the html extra is not installed")

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    "/empty.html": (200, "text/html", b"<html><body><script>x()</script></body></html>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        redirects = {"/moved": "/article.html", "/loop-a": "/loop-b", "/loop-b": "/loop-a"}
        if self.path in redirects:
            self.send_response(301 if self.path == "/moved" else 302)
            self.send_header("Location", redirects[self.path])
            self.end_headers()
            return
        if self.path == "/unsized.html":  # no Content-Length: read until the limit
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(ARTICLE.encode())
            return
        if self.path == "/slow.html":
            time.sleep(1.5)
        code, ctype, body = ROUTES.get(self.path, (404, "text/html", b"not found"))
        if self.path == "/slow.html":
            code, ctype, body = ROUTES["/article.html"]
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # A client that refuses the body (a PNG is not a web page) hangs up early.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_analyze_a_url_keeps_a_snapshot_and_records_the_url(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/article.html"
    assert main(["analyze", url, "--notes-dir", str(tmp_path), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)["document"]
    assert doc["format"] == "html" and doc["url"] == url
    assert doc["title"] == "Tides of Opinion" and doc["author"] == "Ada Writer"
    snaps = sorted(p.suffix for p in (tmp_path / "snapshots").iterdir())
    assert snaps == [".html", ".json", ".md"]
    page = next((tmp_path / "snapshots").glob("*.html"))
    assert page.read_bytes() == ARTICLE.encode()  # the page exactly as served
    # The text the notes anchor to, so the W3C selectors are exact in the snapshot.
    assert page.with_suffix(".md").read_text(encoding="utf-8") == doc["text"]


def test_a_url_reopens_offline_from_its_snapshot(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/article.html"
    assert main(["analyze", url, "--notes-dir", str(tmp_path), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)["document"]
    # The server forgets the page: the snapshot is read, not the web.
    saved = ROUTES.pop("/article.html")
    try:
        assert main(["analyze", url, "--notes-dir", str(tmp_path), "--format", "json"]) == 0
    finally:
        ROUTES["/article.html"] = saved
    again = json.loads(capsys.readouterr().out)["document"]
    assert again["sha256"] == first["sha256"] and again["url"] == url


def test_redirects_are_followed(server: str, tmp_path: Path) -> None:
    path = fetch.open_url(f"{server}/moved", tmp_path)
    record = json.loads(path.with_suffix(".json").read_text())
    assert record["final_url"].endswith("/article.html")


def test_w3c_export_names_the_url_as_source(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/article.html"
    assert main(["export", url, "--notes-dir", str(tmp_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["type"] == "AnnotationCollection"
    from closeread.document import load
    from closeread.export.common import document_iri

    doc = load(next((tmp_path / "snapshots").glob("*.html")))
    assert document_iri(doc) == url


@pytest.mark.parametrize(
    ("route", "problem"),
    [
        ("/nowhere.html", "HTTP 404"),
        ("/image.png", "not a web page"),
        ("/empty.html", "no readable text"),
    ],
)
def test_bad_urls_are_one_line_exit_2_and_write_nothing(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], route: str, problem: str
) -> None:
    notes = tmp_path / "notes"
    assert main(["analyze", server + route, "--notes-dir", str(notes)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith(f"closeread: {server}{route}: ") and problem in err
    assert not notes.exists()


def test_timeout_is_one_clear_error(server: str, tmp_path: Path) -> None:
    from closeread.errors import InputError

    with pytest.raises(InputError, match="timed out"):
        fetch.open_url(f"{server}/slow.html", tmp_path, timeout=0.3)
    assert not any(tmp_path.iterdir())


def test_offline_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Port 9 on localhost: nothing listens there (connection refused), as when offline.
    assert main(["analyze", "http://127.0.0.1:9/x.html", "--notes-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the page" in err and not any(tmp_path.iterdir())


def test_size_limit(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from closeread.errors import InputError

    monkeypatch.setattr(fetch, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="too large"):
        fetch.open_url(f"{server}/article.html", tmp_path)


def test_the_notes_file_records_the_url(server: str, tmp_path: Path) -> None:
    import yaml

    from closeread.document import load
    from closeread.notes import NotesStore
    from closeread.notes.model import Note, Target, new_note_id

    url = f"{server}/article.html"
    doc = load(fetch.open_url(url, tmp_path / "snapshots"), url)
    store = NotesStore.open(doc, tmp_path)
    start = doc.text.index("The harbour council")
    store.add(Note(new_note_id(), "question", Target.from_span(doc.text, start, start + 40)))
    saved = yaml.safe_load(store.path.read_text(encoding="utf-8"))
    assert saved["document"]["url"] == url
    assert NotesStore.open(doc, tmp_path).notes[0].target.quote == doc.text[start : start + 40]


def test_readwise_csv_carries_the_url(server: str, tmp_path: Path) -> None:
    from closeread.document import load
    from closeread.export.readwise import export_csv
    from closeread.notes.model import Note, Target, new_note_id

    url = f"{server}/article.html"
    doc = load(fetch.open_url(url, tmp_path / "snapshots"))
    start = doc.text.index("The harbour council")
    note = Note(new_note_id(), "comment", Target.from_span(doc.text, start, start + 20))
    rows = export_csv(doc, [note]).splitlines()
    assert rows[1].split(",")[3] == url


def test_serve_a_url_serves_its_snapshot(
    server: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # VISION: closeread --serve [FILE|URL]: the browser tabs read the page's snapshot.
    from closeread import cli_serve

    served: list[Path] = []
    monkeypatch.setattr(cli_serve, "cmd_serve", lambda path, port, notes: served.append(path) or 0)
    notes = tmp_path / "notes"
    url = f"{server}/article.html"
    assert main(["--serve", url, "--notes-dir", str(notes)]) == 0
    assert served and served[0].parent == notes / "snapshots"
    assert fetch.snapshot_url(served[0]) == url
    assert main(["--serve", f"{server}/nowhere.html", "--notes-dir", str(notes)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"closeread: {server}/nowhere.html: the server answered HTTP 404 Not Found"
    assert len(served) == 1
