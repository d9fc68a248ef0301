"""Exported selectors are exact in the resource they name, and import back ``anchored``.

For every exported annotation: ``source_text[start:end] == exact`` (and prefix/suffix are
the characters around it there), where ``source_text`` is the file's bytes decoded as UTF-8
with the byte-order mark dropped — decoded here independently of closeread. Readwise's
``Location`` points at the same place. Then ``closeread import`` of the export into an
empty notes folder gives every note back ``anchored`` at its passage.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.cli import main
from closeread.document import Document, load, load_text, segment
from closeread.export import export_notes
from closeread.export.importer import import_annotations
from closeread.notes import NotesStore
from closeread.notes.model import Note, Target
from tests.conftest import CORPUS

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "sample" / "west-leverages-paris-attacks.txt"

# A file we write: BOM, CRLF, hard wraps, a tab, a control character, mojibake of three
# kinds (accents, a punctuation mark, "Ã " for "à"), a word hyphenated across a line.
MESSY = (
    "\ufeffA Visit To The Rost\u00c3\u00b3vs\r\n\r\n"
    "Nat\u00c3\u00a1sha ran in\tlaughing, and the count\u00e2\u20ac\u2122s guests\r\n"
    "turned to look at her. \u00e2\u20ac\u0153Voil\u00c3  Marie!\u00e2\u20ac\x9d she said.\r\n"
    "\r\n\r\n"
    "It was a well-\r\nknown house \x1b[1m with a long\r\ntable. Nat\u00c3\u00a1sha sat "
    "down.\r\n\r\n"
    "    An indented quotation, set off as a block\r\n    over two lines.\r\n"
)
MESSY_MD = (
    "\ufeff# The Rost\u00c3\u00b3vs ##\r\n\r\n"
    "> Nat\u00c3\u00a1sha ran in, and the count\u00e2\u20ac\u2122s guests\r\n"
    "> turned to look at her.\r\n\r\n"
    "- an item that is\r\n  wrapped\r\n\r\n"
    "Then [a link](http://example.org/x) and *emphasis* in Nat\u00c3\u00a1sha's line.\r\n"
)


def _notes_on(doc: Document, every: int = 1, limit: int = 200) -> list[Note]:
    """Notes on sentences (every ``every``-th), on single words, and on a part of a word."""
    notes: list[Note] = []
    sentences = list(segment(doc))
    for i, (start, end) in enumerate(sentences[::every][:limit]):
        notes.append(
            Note(
                f"n-s{i:05d}",
                "comment",
                Target.from_span(doc.text, start, end),
                body=f"sentence {i}",
            )
        )
    for word in ("Natásha", "Rostóvs", "count\u2019s", "là", "well-known", "Ápsheron"):
        start = doc.text.find(word)
        if start >= 0:
            notes.append(
                Note(
                    f"n-w{len(notes):05d}",
                    "highlight",
                    Target.from_span(doc.text, start, start + len(word)),
                )
            )
            notes.append(
                Note(
                    f"n-p{len(notes):05d}",
                    "highlight",  # "á" alone, "Rost" ...
                    Target.from_span(doc.text, start + 3, start + 4),
                )
            )
    return notes


def _decoded(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _check_export(doc: Document, notes: list[Note], source_text: str) -> None:
    data = json.loads(export_notes("json", doc, None, notes))
    items = data["first"]["items"]
    assert len(items) == len(notes)
    starts: list[int] = []
    for item in items:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote, pos = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        start, end = pos["start"], pos["end"]
        assert source_text[start:end] == quote["exact"]
        assert quote["exact"].strip()
        assert source_text[max(0, start - len(quote["prefix"])) : start] == quote["prefix"]
        assert source_text[end : end + len(quote["suffix"])] == quote["suffix"]
        starts.append(start)
    # Both exports list the notes in document order.
    rows = list(csv.DictReader(io.StringIO(export_notes("csv", doc, None, notes))))
    assert [int(row["Location"]) for row in rows] == starts


def _round_trip(
    path: Path, notes: list[Note], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Export through the CLI, import into an empty folder: every note back, anchored."""
    doc = load(path)
    first, empty = tmp_path / "notes-a", tmp_path / "notes-b"
    first.mkdir()
    empty.mkdir()
    store = NotesStore.open(doc, first)
    store.add_many(notes)
    assert store.save_error is None
    out = tmp_path / "export.json"
    assert (
        main(["export", str(path), "--format", "json", "-o", str(out), "--notes-dir", str(first)])
        == 0
    )
    assert main(["import", str(path), str(out), "--notes-dir", str(empty)]) == 0
    capsys.readouterr()
    assert main(["notes", str(path), "--format", "json", "--notes-dir", str(empty)]) == 0
    back = {n["id"]: n for n in json.loads(capsys.readouterr().out)["notes"]}
    assert len(back) == len(notes)
    for note in notes:
        got = back[note.id]
        assert got["status"] == "anchored", (note.target.quote, got)
        assert (got["start"], got["end"]) == (note.target.start, note.target.end)
        assert got["quote"] == note.target.quote


@pytest.mark.parametrize(("name", "content"), [("messy.txt", MESSY), ("messy.md", MESSY_MD)])
def test_crlf_bom_mojibake_file(
    name: str, content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    doc = load(path)
    assert "Natásha" in doc.text and "Ã" not in doc.text
    notes = _notes_on(doc)
    assert len(notes) >= 6
    _check_export(doc, notes, _decoded(path))
    _round_trip(path, notes, tmp_path, capsys)


# Inline Markdown the layout rewrites: tags and comments removed, images named, an
# ``<a href>`` written as a link, a block of markup only dropped (``md_inline``).
INLINE_MD = (
    '# The <em>Rost\u00c3\u00b3vs</em>\r\n\r\n<div align="center">\r\n\r\n'
    "Nat\u00c3\u00a1sha ran <b>in</b>, laughing. See ![the count\u2019s house](h.png) here.\r\n"
    "\r\n</div>\r\n\r\n"
    '- a <a href="https://example.org/ball">ball</a> <!-- draft --> in the\r\n  evening.\r\n\r\n'
    "It was a well-known house with a long table.\r\n"
)


def test_markdown_with_inline_html_and_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes after and inside rewritten inline Markdown export the source's exact text
    (a note on ``[image: ...]`` quotes the image's markup) and import back in place."""
    path = tmp_path / "inline.md"
    path.write_bytes(INLINE_MD.encode("utf-8"))
    doc = load(path)
    assert "<b>" not in doc.text and "[image: the count\u2019s house]" in doc.text
    notes = _notes_on(doc)
    for word in (
        "in,",
        "[image: the count\u2019s house]",
        "house",
        "[ball](https://example.org/ball)",
        "ball",
        "table",
    ):
        start = doc.text.find(word)
        assert start >= 0, word
        target = Target.from_span(doc.text, start, start + len(word))
        notes.append(Note(f"n-i{len(notes):05d}", "highlight", target))
    assert len(notes) >= 12
    source = _decoded(path)
    _check_export(doc, notes, source)
    items = json.loads(export_notes("json", doc, None, notes))["first"]["items"]
    exact = {item["target"]["selector"][0]["exact"] for item in items}
    assert "![the count\u2019s house](h.png)" in exact  # the image's whole markup
    assert "It was a well-known house with a long table." in exact  # after the <div>s
    _round_trip(path, notes, tmp_path, capsys)


def test_a_document_from_no_file_is_indexed_by_its_normalised_text() -> None:
    doc = load_text("Title\r\n\r\nNat\u00c3\u00a1sha ran in,\r\nlaughing.\r\n")
    start = doc.text.index("Natásha")
    note = Note("n-nofile", "comment", Target.from_span(doc.text, start, len(doc.text)))
    item = json.loads(export_notes("json", doc, None, [note]))["first"]["items"][0]
    assert item["target"]["source"] == f"urn:sha256:{doc.sha256}"
    quote, pos = item["target"]["selector"]
    assert (pos["start"], pos["end"]) == (start, len(doc.text))
    assert quote["exact"] == doc.text[start:] == "Natásha ran in, laughing."
    row = next(csv.DictReader(io.StringIO(export_notes("csv", doc, None, [note]))))
    assert row["Location"] == str(start)


def test_html_file_and_url_snapshot(tmp_path: Path) -> None:
    # A saved page: the selectors index the text its loader extracted (``source_text``);
    # the same page read from a URL names the URL, whose snapshot is the document text.
    from tests.unit.formats.pages import ARTICLE

    path = tmp_path / "page.html"
    path.write_text(ARTICLE.replace("harbour", "harbour\u00c3\u00a9"), encoding="utf-8")
    doc = load(path)
    assert doc.source_format == "html" and doc.source_text and "Ã" not in doc.text
    notes = _notes_on(doc)
    assert len(notes) > 5
    _check_export(doc, notes, doc.source_text)
    back = import_annotations(export_notes("json", doc, None, notes), doc)
    assert [(n.status, n.target.start) for n in back] == [
        ("anchored", n.target.start) for n in sorted(notes, key=lambda n: n.target.start or 0)
    ]
    doc.url = "https://gazette.example/2026/tides"
    items = json.loads(export_notes("json", doc, None, notes))["first"]["items"]
    for item in items:
        assert item["target"]["source"] == doc.url
        quote, pos = item["target"]["selector"]
        assert doc.text[pos["start"] : pos["end"]] == quote["exact"]


def test_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = load(SAMPLE)
    notes = _notes_on(doc)
    _check_export(doc, notes, _decoded(SAMPLE))
    _round_trip(SAMPLE, notes, tmp_path, capsys)


def test_war_and_peace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "war-and-peace.txt"
    if not path.exists():
        pytest.skip(f"corpus file {path} not available (../shared)")
    doc = load(path)
    assert "Ã" not in doc.text
    notes = _notes_on(doc, every=157)
    assert len(notes) > 200
    _check_export(doc, notes, _decoded(path))
    _round_trip(path, notes, tmp_path, capsys)


# fmt: off
_PIECES = st.sampled_from([
    "\r\n", "\r\n\r\n", "\n\n", " ", "\t", "\ufeff", "\x1b[1m", "Nat\u00c3\u00a1sha ",
    "\u00c3\u0192\u00c2\u00a9 ", "count\u00e2\u20ac\u2122s ", "l\u00c3  la ", "well-\nknown ",
    "- item ", "> quoted ", "> > deep ", "1. one ", "# Title\n\n", "Title ##\n", "The claim. ",
    "He said: ", "\u201cyes\u201d ", "word ", "A. ", "é", "    code(x);\n", "```\ncode\n```\n",
    "Head\n====\n", "[1]: http://x.org\n", "<!-- c -->\n", "---\ntitle: T\n---\n", "\u2029",
    "<b>bold</b> ", "<br> ", "<div>\n\n", "![a cat](c.png) ", '<a href="https://x.org/a">link</a> ',
])
# fmt: on


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_PIECES, min_size=1, max_size=30).map("".join), st.sampled_from(["text", "markdown"])
)
def test_any_text_exports_exactly_and_imports_back_in_place(text: str, fmt: str) -> None:
    doc = load_text(text, Path("any.txt"), "markdown" if fmt == "markdown" else "text")
    notes = [
        Note(f"n-{i:06d}", "comment", Target.from_span(doc.text, s, e), body="x")
        for i, (s, e) in enumerate(segment(doc))
    ]
    data = export_notes("json", doc, None, notes)
    for item in json.loads(data)["first"]["items"]:
        quote, pos = item["target"]["selector"]
        assert text[pos["start"] : pos["end"]] == quote["exact"]
    for note, back in zip(notes, import_annotations(data, doc), strict=True):
        assert back.status == "anchored"
        assert (back.target.start, back.target.end) == (note.target.start, note.target.end)
