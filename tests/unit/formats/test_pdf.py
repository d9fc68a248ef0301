"""PDF with a text layer: paragraphs re-joined, hyphens undone, headers, footers and page
numbers dropped; scanned and encrypted PDFs refused in one line (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.cli import main
from closeread.document import load
from closeread.document.pdf_loader import extract_pdf, paragraphs
from closeread.errors import InputError

from .books import footnoted_pdf, pdf

pytest.importorskip("pypdfium2", reason="pypdfium2 is not installed")
pytest.importorskip("fpdf", reason="fpdf2 (test extra) builds the test PDFs")


def test_paragraphs_rejoined_and_hyphenation_undone() -> None:
    text = extract_pdf(pdf()).text
    paras = text.split("\n\n")
    assert paras[0].startswith(
        "The harbour board has published its annual report on the state of the"
    )
    assert "the information given to the council" in paras[0]
    assert paras[1].endswith("which the board calls unaffordable.")


def test_running_header_and_page_numbers_dropped() -> None:
    text = extract_pdf(pdf()).text
    assert "Pier Review" not in text
    assert "Page 1" not in text and "Page 3" not in text


def test_a_paragraph_runs_on_across_a_page_break() -> None:
    first = [["The pier was built in 1890 by the town and was for a long time the"]]
    second = [["pride of the coast, visited by many in every season of the year."]]
    text = extract_pdf(pdf([first, second, [["A closing remark on the matter."]]])).text
    assert "for a long time the pride of the coast" in text


def test_metadata_and_author_year_citations(tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(pdf())
    doc = load(report)
    assert doc.source_format == "pdf" and doc.loader == "pypdfium2"
    assert (doc.title, doc.author) == ("State of the Pier", "Harbour Board")
    from closeread.analysis import analyze

    assert "author_year" in {c.kind for c in analyze(doc).citations}


def test_reference_entries_start_paragraphs() -> None:
    lines = [
        ["A claim with a numbered citation [1] in the middle of a long line here."],
        ["[1] Smith, J. The pier. Harbour Press, 2019.", "[2] Roe, J. Tides. 2020."],
    ]
    paras = paragraphs(lines)
    assert paras[-2:] == [
        "[1] Smith, J. The pier. Harbour Press, 2019.",
        "[2] Roe, J. Tides. 2020.",
    ]


@pytest.mark.parametrize(
    ("kind", "problem"),
    [("scanned", "no text layer"), ("encrypted", "encrypted"), ("broken", "not a valid PDF")],
)
def test_bad_pdfs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, problem: str
) -> None:
    data = {
        "scanned": _blank_pdf,
        "encrypted": lambda: pdf(encrypt="secret"),
        "broken": lambda: b"%PDF-1.7\n" + b"garbage " * 50,
    }[kind]()
    with pytest.raises(InputError, match=problem):
        extract_pdf(data)
    book = tmp_path / "bad.pdf"
    book.write_bytes(data)
    notes = tmp_path / "notes"
    assert main(["analyze", str(book), "--notes-dir", str(notes)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and problem in err and not notes.exists()


def _blank_pdf() -> bytes:
    """Pages with no text at all, as a scan without OCR has."""
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.rect(20, 20, 100, 100, style="F")  # a drawing, no text
    return bytes(doc.output())


@pytest.fixture(params=["pypdfium2", "pypdf"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each PDF library in turn (pypdf: where pypdfium2 is not installed)."""
    if request.param == "pypdf":
        pytest.importorskip("pypdf", reason="pypdf (extra pdf) is not installed")
        from closeread.document import pdf_loader

        monkeypatch.setattr(pdf_loader, "_read_pdfium", lambda data, where: None)
    return str(request.param)


def test_both_libraries_give_the_same_paragraphs(reader: str) -> None:
    ext = extract_pdf(pdf())
    assert ext.loader == reader
    paras = ext.text.split("\n\n")
    assert "the information given to the council" in paras[0]
    assert "Pier Review" not in ext.text and "Page 2" not in ext.text
    assert (ext.title, ext.author) == ("State of the Pier", "Harbour Board")
    assert ext.date[:2] == "20"


@pytest.mark.parametrize("kind", ["encrypted", "broken", "scanned"])
def test_both_libraries_refuse_bad_pdfs(reader: str, kind: str) -> None:
    data = {
        "encrypted": lambda: pdf(encrypt="secret"),
        "broken": lambda: b"%PDF-1.7\n" + b"garbage " * 50,
        "scanned": _blank_pdf,
    }[kind]()
    with pytest.raises(InputError, match=r"encrypted|not a valid PDF|no text layer"):
        extract_pdf(data)


def test_vertical_gaps_separate_paragraphs_of_full_lines() -> None:
    def page(n: str) -> list[list[str]]:
        full = f"Every line of paragraph {n} runs to the same width as the line before it,"
        return [[full, full, f"and its last line, in part {n}, is as long as the others."]] * 2

    paras = extract_pdf(pdf([page("one"), page("two"), page("three")])).text.split("\n\n")
    # Two paragraphs on each page, told apart by the gap between them alone.
    assert [p.count("Every line") for p in paras] == [2] * 6


def test_titles_author_lines_and_section_headings_stand_alone() -> None:
    body = [
        "The survey of the pier finds that the old structure has lost much of its",
        "strength over the last decade of storms, and that the figures given to the",
        "council last year were incomplete in several places that matter a lot.",
    ]
    lines = [
        [
            "Tides, Piers and Public Money",
            "Ada Writer and Bo Second",
            "1. Introduction",
            *body,
            "2.1 Costs",
            *body,
            "References",
            "[1] Smith, J. The pier. Harbour Press, 2019.",
        ]
    ]
    text = " ".join(body)
    assert paragraphs(lines) == [
        "Tides, Piers and Public Money",
        "Ada Writer and Bo Second",
        "## 1. Introduction",
        text,
        "## 2.1 Costs",
        text,
        "## References",
        "[1] Smith, J. The pier. Harbour Press, 2019.",
    ]


def test_a_short_line_that_runs_on_is_no_heading() -> None:
    lines = [
        [
            "The board met on a Tuesday and agreed, after a long debate about the",
            "costs of repairs and the cost of a new pier, which it could not settle,",
            "that the old pier,",
            "Which Stood For A Century, would close.",
        ]
    ]
    assert len(paragraphs(lines)) == 1


def test_lines_from_boxes_give_the_same_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback for pages whose text PDFium cannot index reads the same paragraphs."""
    from closeread.document import pdf_loader

    fast = extract_pdf(pdf()).text
    monkeypatch.setattr(
        pdf_loader, "_page_text", lambda page: (pdf_loader._page_text_by_boxes(page), [])
    )
    assert extract_pdf(pdf()).text == fast


def test_superscript_markers_and_notes_at_the_foot_become_footnotes() -> None:
    paras = extract_pdf(footnoted_pdf(3)).text.split("\n\n")  # 3: a header repeats
    # The marker stays in its sentence, which runs on (PDFium ends its line after one).
    first = next(p for p in paras if p.startswith("The harbour board"))
    assert "in a decade[^1], which the engineers" in first and first.endswith("carry it.")
    assert "the winter storms.[^2] A second survey" in paras[paras.index(first) + 3]
    # Each note comes right after the paragraph of its marker, whole, and nowhere else.
    assert paras[paras.index(first) + 1] == "[^1]: Harbour Board, Annual Report 2023, page 12."
    assert paras[paras.index(first) + 4] == (
        "[^2]: Survey by Lindqvist and Okafor, commissioned in 2022 and published the next "
        "spring by the harbour press office, with an appendix of photographs."
    )
    assert sum("Annual Report 2023" in p for p in paras) == 3  # once a page
    assert sum(p.startswith("[^") for p in paras) == 6
    assert not any("Page 1" in p or "Pier Review" in p for p in paras)  # footer and header


def test_footnote_numbers_restarting_on_each_page_stay_apart() -> None:
    text = extract_pdf(footnoted_pdf(2)).text
    assert text.count("[^1]:") == text.count("[^1p2]:") == 1
    assert "a decade[^1p2], which" in text and "storms.[^2p2] A second" in text


def test_footnotes_and_superscript_citations_back_their_claims(tmp_path: Path) -> None:
    from closeread.analysis import analyze

    path = tmp_path / "footnoted.pdf"
    path.write_bytes(footnoted_pdf(1, cite=True))
    doc = load(path)
    assert "to visitors.\u00b3" in doc.text  # no note 3 on the page: a numbered citation
    analysis = analyze(doc)
    sources = {c.quote: c for c in analysis.citations if c.kind == "footnote"}
    assert sources["[^1]"].title.startswith("Harbour Board, Annual Report 2023")
    assert sources["[^2]"].title.startswith("Survey by Lindqvist and Okafor")
    assert sources["\u00b3"].title.startswith("Moreau, K. On the cost of repairs")
    decade = next(c for c in analysis.claims if "lost half of its strength" in c.text)
    assert decade.supported and decade.citations == [sources["[^1]"].id]


def test_two_columns_are_read_column_after_column() -> None:
    from fpdf import FPDF

    from .books import FOOTNOTED

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=10)
    cols = doc.text_columns(ncols=2, gutter=8)
    expected = []
    for i in range(6):  # enough for the text to fill the first column and go on
        for text, _ in FOOTNOTED:
            expected.append(text.replace("{n}", "") + f" Paragraph {i}.")
            cols.write(expected[-1])
            cols.ln()
            cols.ln()
    cols.render()
    assert doc.page == 1  # one page, two columns
    assert extract_pdf(bytes(doc.output())).text.split("\n\n") == expected


def test_footnotes_marked_with_symbols() -> None:
    text = extract_pdf(footnoted_pdf(1, marks=("*", "\u00a7"))).text
    assert "in a decade[^a], which" in text and "the winter storms.[^s] A second" in text
    assert "[^a]: Harbour Board, Annual Report 2023, page 12." in text
    assert "[^s]: Survey by Lindqvist and Okafor" in text
