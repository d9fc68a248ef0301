"""Every bad input of every format, through every command: one line naming it and the
problem, exit status 2, nothing written (issue 10's "Done when")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from closeread.cli import main

from .books import DRM, epub, pdf
from .pages import ARTICLE
from .test_pdf import _blank_pdf
from .test_urls import server

pytest.importorskip("readability", reason="the html extra is not installed")
pytest.importorskip("fpdf", reason="fpdf2 (test extra) builds the test PDFs")
__all__ = ["server"]  # the local web server fixture


def _epub_without_opf() -> bytes:
    """A whole EPUB less its package document (the OPF its container names)."""
    import zipfile
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(BytesIO(epub())) as book, zipfile.ZipFile(out, "w") as copy:
        for name in book.namelist():
            if not name.endswith(".opf"):
                copy.writestr(name, book.read(name))
    return out.getvalue()


FILES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "truncated-html": (
        "cut.html",
        lambda: ARTICLE[: ARTICLE.index("<h1>")].encode(),
        "is cut short (truncated",
    ),
    "broken-epub": ("broken.epub", lambda: epub()[:300], "not a valid EPUB"),
    "epub-without-opf": (
        "no-opf.epub",
        _epub_without_opf,
        "not a valid EPUB (missing OEBPS/content.opf)",
    ),
    "drm-epub": ("locked.epub", lambda: epub(encryption=DRM), "DRM"),
    "encrypted-pdf": ("secret.pdf", lambda: pdf(encrypt="secret"), "encrypted"),
    "image-only-pdf": ("scan.pdf", _blank_pdf, "no text layer"),
}
URLS = {
    "url-404": ("/nowhere.html", "HTTP 404"),
    "url-binary": ("/image.png", "not a web page"),
    "url-timeout": ("/slow.html", "timed out"),
    "url-too-big": ("/article.html", "KB; the limit is 1 KB)"),
    "url-too-big-unsized": ("/unsized.html", "too large (more than the limit of 1 KB)"),
    "url-redirect-loop": ("/loop-a", "redirects in a loop"),
    "url-unreachable": ("http://127.0.0.1:9/x.html", "cannot reach the page"),
}
COMMANDS = {
    "read": lambda target: [target],
    "analyze": lambda target: ["analyze", target],
    "export": lambda target: ["export", target, "--format", "json", "-o", "out.json"],
}


def _run(
    target: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, Path]:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    monkeypatch.chdir(work)
    # The reader's start, up to the moment it would take the terminal: Textual stubbed
    # out, the file opened as ``make_app`` opens it (waiting for the child's extraction as
    # long as needed: a real start gives it ~0.2 s, the time Textual takes to load; a file
    # found bad only after the first frame is test_formats_reader.py's).
    import sys
    import types

    from closeread.document import opening as loading

    def make_app(path: Path, *args: object, **kwargs: object) -> object:
        loading.take_preopened(path) or loading.open_document(path)
        raise AssertionError("the reader must not start for a bad file")

    fake = types.ModuleType("closeread.tui.app")
    fake.make_app = make_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "closeread.tui.app", fake)
    monkeypatch.setattr(loading, "EXTRACT_GRACE", 60.0)
    notes = tmp_path / "notes"
    code = main([*COMMANDS[command](target), "--notes-dir", str(notes)])
    return code, str(target), notes


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", FILES)
def test_bad_files(
    case: str,
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, data, problem = FILES[case]
    path = tmp_path / name
    path.write_bytes(data())
    code, target, notes = _run(str(path), command, tmp_path, monkeypatch)
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert "\n" not in err and err.startswith(f"closeread: {target}: ") and problem in err
    assert not notes.exists() and not any((tmp_path / "work").iterdir())
    assert not (tmp_path / "state").exists() and not (tmp_path / "cache").exists()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", URLS)
def test_bad_urls(
    case: str,
    command: str,
    server: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from closeread.document import fetch

    monkeypatch.setattr(fetch, "TIMEOUT", 0.3)  # /slow.html answers after 1.5 s
    if "too-big" in case:
        monkeypatch.setattr(fetch, "MAX_BYTES", 1024)  # the article is a few KB
    route, problem = URLS[case]
    # Port 9 on localhost: nothing listens there (connection refused), as when offline.
    url = route if route.startswith("http") else server + route
    code, target, notes = _run(url, command, tmp_path, monkeypatch)
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert "\n" not in err and err.startswith(f"closeread: {target}: ") and problem in err
    assert not notes.exists() and not any((tmp_path / "work").iterdir())
    assert not (tmp_path / "state").exists() and not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    ("name", "data", "hidden", "advice"),
    [
        (
            "page.html",
            lambda: ARTICLE.encode(),
            ["lxml"],
            "needs lxml, which is missing here: pip install lxml",
        ),
        (
            "page.html",
            lambda: ARTICLE.encode(),
            ["readability"],
            "needs readability-lxml, which is missing here: pip install readability-lxml",
        ),
        ("book.epub", epub, ["lxml"], "needs lxml, which is missing here: pip install lxml"),
        (
            "report.pdf",
            pdf,
            ["pypdfium2", "pypdf"],
            "needs pypdfium2 or pypdf: pip install 'closeread[pdf]'",
        ),
    ],
)
def test_a_missing_library_is_one_line_naming_what_to_install(
    name: str,
    data: Callable[[], bytes],
    hidden: list[str],
    advice: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import sys

    for module in hidden:  # as if not installed: importing it raises ImportError
        for loaded in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
            monkeypatch.delitem(sys.modules, loaded)
        monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.delitem(sys.modules, "closeread.document.html_readable", raising=False)
    path = tmp_path / name
    path.write_bytes(data())
    assert main(["analyze", str(path), "--notes-dir", str(tmp_path / "notes")]) == 2
    assert capsys.readouterr().err.strip() == f"closeread: {path}: reading this format {advice}"
    assert not (tmp_path / "notes").exists()
