"""EPUB books: spine order, headings, notes as footnote citations, OPF metadata (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.cli import main
from closeread.document import load
from closeread.document.epub_loader import extract_epub
from closeread.errors import InputError

from .books import DRM, epub

pytest.importorskip("lxml", reason="lxml is not installed")


def test_chapters_in_spine_order_with_headings() -> None:
    ext = extract_epub(epub())
    text = ext.text
    assert text.index("# Chapter One") < text.index("# Chapter Two")  # spine, not manifest
    assert "[the harbour history](https://harbour.example/history)" in text


def test_notes_become_footnotes_of_their_chapter() -> None:
    text = extract_epub(epub()).text
    assert "every night.[^1] The lamp" in text
    assert "[^1]: The stairs numbered one hundred and twelve." in text
    assert "had said.[^2]" in text
    assert "[^2]: The almanac of 1921, page 40." in text
    assert text.count("The stairs numbered") == 1  # not repeated where it stood


def test_an_endnotes_chapter_left_with_its_heading_alone_is_not_read() -> None:
    from .books import CHAPTER1, CHAPTER2, NOTES

    text = extract_epub(epub()).text
    assert text.endswith("[^2]: The almanac of 1921, page 40.") and "# Notes" not in text
    # A notes chapter that also says something else keeps its heading and that text.
    kept = NOTES + "<p>These notes were checked against the harbour archive.</p>"
    book = epub({"chapter1": CHAPTER1, "chapter2": CHAPTER2, "notes": kept})
    assert extract_epub(book).text.endswith(
        "## Notes\n\nThese notes were checked against the harbour archive."
    )


def test_opf_metadata() -> None:
    ext = extract_epub(epub())
    assert ext.title == "The Keeper of the Pier"
    assert ext.author == "Ada Writer, Bo Second"
    assert (ext.date, ext.site, ext.language) == ("2025-03-01", "Harbour Press", "en")


def test_footnotes_are_citations(tmp_path: Path) -> None:
    book = tmp_path / "keeper.epub"
    book.write_bytes(epub())
    doc = load(book)
    assert doc.source_format == "epub" and doc.title == "The Keeper of the Pier"
    from closeread.analysis import analyze

    kinds = [c.kind for c in analyze(doc).citations]
    assert kinds.count("footnote") >= 2


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"PK\x03\x04 truncated", "not a valid EPUB"),
        (epub()[:300], "not a valid EPUB"),
        (epub(encryption=DRM), "DRM"),
        (epub(dict.fromkeys(("chapter1", "chapter2", "notes"), "<p> </p>")), "no readable text"),
    ],
    ids=["not-a-zip", "truncated", "drm", "empty"],
)
def test_bad_books(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        extract_epub(data)
    book = tmp_path / "bad.epub"
    book.write_bytes(data)
    notes = tmp_path / "notes"
    assert main(["analyze", str(book), "--notes-dir", str(notes)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and problem in err and not notes.exists()
