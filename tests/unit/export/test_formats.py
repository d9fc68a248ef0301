"""The csv, markdown, html and yaml exports, read back the way their users read them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from closeread.analysis import Analysis
from closeread.document import Document, load_text
from closeread.errors import InputError
from closeread.export import FORMATS, default_filename, export_notes, write_atomic
from closeread.export.markdown import escape
from closeread.notes.model import LinkCorrection, Note, SpanRef, Target
from closeread.notes.schema import parse


def test_formats_contract() -> None:
    assert FORMATS == ("markdown", "json", "yaml", "csv", "html")
    with pytest.raises(InputError, match="unknown export format 'pdf'"):
        export_notes("pdf", load_text("x."), None, [])


# --- csv (Readwise) -------------------------------------------------------------------------


def test_csv_has_readwise_columns_and_one_row_per_note(doc: Document, notes: list[Note]) -> None:
    text = export_notes("csv", doc, None, notes)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    assert len(rows) == len(notes) + 1
    records = list(csv.DictReader(io.StringIO(text)))
    by_quote = {r["Highlight"]: r for r in records}
    for note in notes:
        row = by_quote[note.target.quote]
        assert row["Title"] == doc.title
        if note.target.start is None:
            assert row["Location"] == ""
        else:  # an offset into the source text (the raw file), like the W3C selectors
            assert note.target.end is not None
            start = doc.to_source(note.target.start, note.target.end)[0]
            assert row["Location"] == str(start)
            assert doc.source[start:].startswith(note.target.quote.split()[0])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["Date"])
        assert row["Date"] == "2026-11-25 10:00:00"
        for tag in note.tags:
            assert "." + tag.replace(" ", "-") in row["Note"].split()
        if note.verdict:
            assert f"Verdict: {note.verdict}" in row["Note"]
        if note.body:
            assert note.body in row["Note"]
    # Reading order: anchored notes by position, the orphan last.
    locations = [r["Location"] for r in records]
    assert locations[-1] == ""
    assert [int(x) for x in locations[:-1]] == sorted(int(x) for x in locations[:-1])


def test_csv_quotes_commas_quotes_and_newlines() -> None:
    doc = load_text('He said "yes, and no", twice.\n\nThen more.')
    start = doc.text.index('"yes')
    note = Note(
        "n-csv001",
        "comment",
        Target.from_span(doc.text, start, start + 13),
        body='line one, "quoted"\nline two',
    )
    row = next(csv.DictReader(io.StringIO(export_notes("csv", doc, None, [note]))))
    assert row["Highlight"] == '"yes, and no"'
    assert row["Note"] == 'line one, "quoted"\nline two'


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_report_sections(doc: Document, analysis: Analysis, notes: list[Note]) -> None:
    md = export_notes("markdown", doc, analysis, notes)
    assert md.startswith("---\n")
    front = yaml.safe_load(md.split("---\n")[1])
    assert front["title"] == doc.title and "closeread" in front["tags"]
    headings = re.findall(r"^(#{1,3}) (.+)$", md, re.MULTILINE)
    names = [h[1] for h in headings if h[0] == "##"]
    assert names == ["Argument outline", "Sources", "Notes", "Orphaned notes"]
    outline = md.split("## Argument outline")[1].split("## Sources")[0]
    items = re.findall(r"^\d+\. \*\*(✓ supported|✗ unsupported)\*\*", outline, re.MULTILINE)
    assert items == ["✓ supported", "✗ unsupported", "✓ supported"]
    assert (
        "3. **✓ supported** · corrected by the reader · 1 note · reader's verdict: "
        "**unsupported** — A claim the reader linked by hand.\n"
    ) in outline
    assert "2. **✗ unsupported** · 1 note — It is the result of concerted" in outline
    # The outline names each citation; its quote is given once, under Sources.
    assert (
        "1. **✓ supported** — A claim that is backed.\n"
        "    - ✓ backed by `c1` block quote · **The Guardian** · *Paris attacks galvanise "
        "international efforts to end Syria war*\n"
    ) in outline
    # An unsupported claim linked to a citation does not read as backed by it.
    assert (
        "    - ✗ discusses `c1` block quote · **The Guardian** · *Paris attacks galvanise "
        "international efforts to end Syria war*, which does not back it\n"
    ) in outline
    assert outline.count("✓ backed by") == 2 and outline.count("✗ discusses") == 1
    assert "The Isis attacks in Paris" not in outline
    sources = md.split("## Sources")[1].split("## Notes")[0]
    assert "### The Guardian (1 citation)" in sources
    # Under its source's heading a citation does not repeat the source's name.
    assert (
        "- `c1` block quote · *Paris attacks galvanise international efforts to end Syria "
        "war* — “The Isis attacks in Paris"
    ) in sources
    assert "Also named: The London Guardian, the Guardian" in sources
    assert "*Paris attacks galvanise international efforts to end Syria war*" in sources
    assert "(source not identified)" in sources  # c2 has no source
    assert (
        "3 claims (2 supported, 1 unsupported) · 2 citations from 1 source · 9 notes (1 orphaned)\n"
    ) in md
    analysis.complete, analysis.progress = False, 0.4
    assert "· analysis 40% done" in export_notes("markdown", doc, analysis, notes)


def test_markdown_notes_under_their_passages(
    doc: Document, analysis: Analysis, notes: list[Note]
) -> None:
    md = export_notes("markdown", doc, analysis, notes)
    body = md.split("\n## Notes\n")[1]
    anchored, orphaned = body.split("## Orphaned notes")
    assert "> It is the result of concerted, immense, multinational state-sponsorship." in anchored
    assert (
        "**Comment:** No source given for this — \\*at all\\*, see \\<b\\>note\\</b\\>." in anchored
    )
    assert "#sponsorship #no-source" in anchored
    # A verdict note with text: its verdict once, its text as the note.
    assert "**Verdict: unsupported** — The author asserts; nothing cited.\n" in anchored
    assert anchored.count("unsupported") == 1
    start = notes[0].target.start
    assert f"Location: chars {start}-{notes[0].target.end}" in anchored
    assert "**Question:** Which deadline?  \nAnd set by whom?" in anchored
    # A verdict without text says its verdict once, as its text.
    assert "**Verdict:** ok\n\nLocation: chars" in anchored
    assert re.search(r"^### ¶ \d+ — ", anchored, re.MULTILINE)
    assert "> a passage that was edited away" in orphaned and "#lost" in orphaned
    # Each passage heading comes before its notes, in document order.
    positions = [
        anchored.index(n.target.quote.split("\n")[0][:20])
        for n in notes[:-1]
        if n.target.start is not None
    ]
    starts = [n.target.start for n in notes[:-1]]
    assert [p for _, p in sorted(zip(starts, positions, strict=True))] == sorted(positions)


def test_markdown_without_analysis(doc: Document, notes: list[Note]) -> None:
    md = export_notes("markdown", doc, None, notes)
    assert "analysis not available" in md and "*Not analysed.*" in md
    assert "## Notes" in md


def test_markdown_escape() -> None:
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("- item\n1. two") == "\\- item\n\\1. two"
    assert escape("a *b* [c](d) ==e== $f$ <g>") == (
        "a \\*b\\* \\[c\\](d) \\=\\=e\\=\\= \\$f\\$ \\<g\\>"
    )


# --- html -------------------------------------------------------------------------------------


def test_html_escapes_article_text_and_notes() -> None:
    text = (
        "A <script>alert('x')</script> title\n\n"
        "The <b>author</b> says <img src=x onerror=alert(1)> things & more."
    )
    doc = load_text(text)
    start = doc.text.index("<img")
    note = Note(
        "n-html01",
        "comment",
        Target.from_span(doc.text, start, start + 27),
        body="<script>evil()</script>",
        tags=["<i>"],
        verdict="misleading",
    )
    page = export_notes("html", doc, None, [note])
    assert "<script" not in page.lower()
    assert "<img" not in page.lower() and "<b>author" not in page
    assert "&lt;script&gt;evil()&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "#&lt;i&gt;" in page


def test_html_is_standalone_report(doc: Document, analysis: Analysis, notes: list[Note]) -> None:
    page = export_notes("html", doc, analysis, notes)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page
    assert not re.search(r"<(link|script|img|iframe)\b", page)
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    for section in ("Argument outline", "Sources", "Notes", "Orphaned notes"):
        assert f"<h2>{section}</h2>" in page
    assert page.count('<span class="ok">✓ supported</span>') == 2
    assert page.count('<span class="no">✗ unsupported</span>') == 1
    assert "<cite>Paris attacks galvanise international efforts to end Syria war</cite>" in page
    assert 'id="n-000000"' in page
    assert "<strong>Verdict: unsupported</strong> — The author asserts; nothing cited." in page
    assert "Verdict: <strong>unsupported</strong>" not in page  # said once
    assert "<li>✗ discusses <span" in page and ", which does not back it</li>" in page
    assert page.count("<li>✓ backed by <span") == 2
    # Outline -> the citation under Sources, and -> the first note on the claim.
    assert '<li id="c1">' in page and '<a href="#c1"><code>c1</code></a>' in page
    assert "1 note</a>" in page
    for target in re.findall(r'href="#([^"]+)"', page):
        assert f'id="{target}"' in page


# --- yaml -------------------------------------------------------------------------------------


def test_yaml_is_a_valid_notes_file(doc: Document, notes: list[Note], tmp_path: Path) -> None:
    link = LinkCorrection(claim=SpanRef("claim", 1, 2), citation=SpanRef("cite", 3, 4))
    text = export_notes("yaml", doc, None, notes, [link])
    raw = yaml.safe_load(text)
    assert raw["closeread"] == 1
    assert raw["document"]["sha256"] == doc.sha256
    assert len(raw["notes"]) == len(notes)
    assert raw["links"][0]["action"] == "add"
    back = parse(text.encode("utf-8"), tmp_path / "x.yaml")
    assert back is not None
    got = {n.id: n for n in back.notes}
    for note in notes:
        other = got[note.id]
        assert (other.kind, other.body, other.tags, other.verdict) == (
            note.kind,
            note.body,
            note.tags,
            note.verdict,
        )
        assert (other.target.quote, other.target.start, other.target.end) == (
            note.target.quote,
            note.target.start,
            note.target.end,
        )
        assert other.created == note.created


# --- helpers ----------------------------------------------------------------------------------


def test_default_filename_and_atomic_write(tmp_path: Path) -> None:
    assert default_filename(Path("a/b/west.txt"), "markdown") == "west-notes.md"
    assert default_filename(None, "csv") == "closeread-notes.csv"
    out = tmp_path / "report.md"
    out.write_text("old")
    write_atomic(out, "new ✓\n")
    assert out.read_text(encoding="utf-8") == "new ✓\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temp file left
    with pytest.raises(OSError):
        write_atomic(tmp_path / "missing" / "x.md", "x")


def test_note_starting_in_a_blank_line_is_under_its_paragraph() -> None:
    doc = load_text("First paragraph here.\n\nSecond paragraph here.")
    start = doc.text.index("\n\nSecond")
    note = Note("n-gap001", "comment", Target.from_span(doc.text, start, start + 10), body="b")
    md = export_notes("markdown", doc, None, [note])
    assert "### ¶ 2 — Second paragraph here." in md


def test_escape_sequences_in_notes_never_reach_a_terminal() -> None:
    """A note imported from elsewhere may hold ESC/BEL: every text format shows them as
    control pictures (␛, ␇) and the import itself stores them so."""
    from closeread.export.importer import import_annotations
    from closeread.export.tables import notes_table

    doc = load_text("Plain words here. And more words.")
    evil = "title \x1b]0;pwned\x07 clear \x1b[2J"
    anno = {
        "type": "Annotation",
        "motivation": "commenting",
        "body": [
            {"type": "TextualBody", "value": evil},
            {"type": "TextualBody", "value": "\x1b[31mred", "purpose": "tagging"},
        ],
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "Plain words"}},
    }
    (note,) = import_annotations(json.dumps(anno), doc)
    assert note.body == "title ␛]0;pwned␇ clear ␛[2J" and note.tags == ["␛[31mred"]
    raw = Note(
        "n-raw0001", "comment", Target.from_span(doc.text, 0, 5), body=evil, tags=["\x1b[31mred"]
    )
    outputs = [export_notes(fmt, doc, None, [raw]) for fmt in ("markdown", "html", "csv")]
    outputs.append(notes_table([raw], "notes/x.yaml"))
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out
        assert "␛" in out
