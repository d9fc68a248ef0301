"""Plain-text normalisation and blocks: the sample article, hard wraps, repairs, headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.document import Document, load, load_text
from closeread.document.normalise import NORMALISATION_VERSION, clean_text
from tests.conftest import corpus_file


def _kinds(doc: Document) -> list[str]:
    return [b.kind for b in doc.blocks]


def _texts(doc: Document, kind: str | None = None) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind == kind]


@pytest.fixture(scope="module")
def sample() -> Document:
    from tests.conftest import SAMPLE

    return load(SAMPLE)


def test_sample_title_byline_publisher(sample: Document) -> None:
    assert _kinds(sample)[:4] == ["title", "byline", "publisher", "paragraph"]
    assert sample.title == "West Leverages Paris Attacks for Syria Endgame"
    assert sample.byline == "Tony Cartalucci"
    assert sample.publisher == "New Eastern Outlook"
    assert sample.normalisation_version == NORMALISATION_VERSION


def test_sample_broken_paragraphs_are_repaired(sample: Document) -> None:
    paragraphs = _texts(sample, "paragraph")
    assert any('From Libya To Syrian Rebels," that:' in p for p in paragraphs)
    assert any(
        p.endswith("no matter how tragic and regrettable the aftermath is.") for p in paragraphs
    )
    assert not any(p.startswith(("Rebels", "regrettable")) for p in paragraphs)
    assert any("re-joined 2 paragraph" in w for w in sample.warnings)


def test_sample_headings(sample: Document) -> None:
    assert _texts(sample, "heading") == [
        "The West Got What it Wanted in Libya \u2013 And Created ISIS in the Process",
        "Using Another 9/11 to Justify Creating Another Libya",
    ]


def test_sample_lead_ins_stay_paragraphs(sample: Document) -> None:
    lead_ins = [b for b in sample.blocks if sample.text[b.start : b.end].endswith(":")]
    assert len(lead_ins) == 5
    assert {b.kind for b in lead_ins} == {"paragraph"}
    # ... and so do the quoted paragraphs after them: detecting those is the analysis's job.
    index = sample.blocks.index(lead_ins[0])
    assert sample.blocks[index + 1].kind == "paragraph"


def test_sample_blocks_are_single_lines_separated_by_one_blank_line(sample: Document) -> None:
    for block in sample.blocks:
        assert "\n" not in sample.text[block.start : block.end]
    for a, b in zip(sample.blocks, sample.blocks[1:], strict=False):
        assert sample.text[a.end : b.start] == "\n\n"
    assert sample.text == sample.text.strip()


def test_hard_wrapped_prose_is_rejoined() -> None:
    doc = load_text(
        "This line was wrapped at seventy characters by an old editor and it\n"
        "goes on here, with a well-\nknown hyphen.\n\nSecond paragraph.\n"
    )
    assert _texts(doc) == [
        "This line was wrapped at seventy characters by an old editor and it goes on here,"
        " with a well-known hyphen.",
        "Second paragraph.",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("It ended with no matter how tragic and\n\nregrettable it was.", 1),
        ("He wrote \u201cThe Long Title Of The\n\nArticle,\u201d that:", 1),
        ("A finished sentence.\n\nlowercase start after a full stop.", 2),
        ("A list of things:\n\nitems follow here.", 2),
        ("She said \u201cyes.\u201d\n\nThen she left.", 2),
        ("A Short Title Line\n\nlowercase words completing it.", 1),
        ("A Short Title Line\n\ncover", 2),
    ],
)
def test_paragraph_repair_rule(source: str, expected: int) -> None:
    assert len(load_text(source).blocks) == expected


def test_short_lines_between_paragraphs_are_headings() -> None:
    doc = load_text(
        "Main Title\n\nFirst paragraph ends here.\n\nA Section Heading\n\nMore text.\n\n"
        "Not a heading, it ends with a stop.\n\n\u201cNor a line of dialogue,\u201d\n\nEnd."
    )
    assert _kinds(doc) == [
        "title",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
        "paragraph",
    ]


def test_indented_prose_is_a_quote_and_code_is_code() -> None:
    doc = load_text(
        "He wrote:\n\n    The indented passage is prose, so it is\n    a block quote.\n\n"
        "Example::\n\n    def f(x):\n        return x\n\nAnd   code-like:\n\n    a = b(c) + {d}\n"
    )
    assert _kinds(doc) == ["paragraph", "quote", "paragraph", "code", "paragraph", "code"]
    assert _texts(doc, "quote") == ["The indented passage is prose, so it is a block quote."]
    assert _texts(doc, "code")[0] == "    def f(x):\n        return x"


def test_plain_lists_and_rules() -> None:
    doc = load_text("Things:\n- one\n- two\n  continued\n\n* * *\n\n1. first\n2. second")
    assert _kinds(doc) == ["paragraph", "list_item", "list_item", "rule", "list_item", "list_item"]
    assert _texts(doc, "list_item") == ["one", "two continued", "first", "second"]


def test_tabs_controls_and_separators() -> None:
    assert clean_text("a\tb\r\nc\rd\ufeff") == "a   b\nc\nd"
    assert clean_text("x\x1b[0m\x00\x7f\x9b") == "x\u241b[0m\u2400\u2421\ufffd"
    assert clean_text("p\u2028q\u2029r\x0cs") == "p\nq\n\nr\ns"
    assert clean_text("trailing   \nspaces \n") == "trailing\nspaces\n"
    assert clean_text("lone \ud800 surrogate") == "lone \ufffd surrogate"


def test_pep_header_setext_and_rest_references() -> None:
    doc = load(corpus_file("dev-numbered-footnotes-pep-3104.txt"))
    assert doc.format == "text"
    assert doc.blocks[0].kind == "metadata"
    assert doc.title == "Access to Names in Outer Scopes"
    assert doc.byline == "Ka-Ping Yee"
    headings = _texts(doc, "heading")
    assert "Abstract" in headings and "Scope Override Declaration" in headings
    refs = _texts(doc, "reference")
    assert len(refs) == 31
    assert refs[0].startswith("[1] Scoping (was Re: Lambda binding solved?)")
    assert "https://" in refs[0]
    assert len(_texts(doc, "code")) >= 8


def test_war_and_peace_structure() -> None:
    doc = load(corpus_file("war-and-peace.txt"))
    headings = _texts(doc, "heading")
    assert headings.count("CHAPTER I") >= 15
    assert doc.blocks[0].kind == "title"
    paragraphs = _texts(doc, "paragraph")
    assert len(paragraphs) > 10_000
    assert all("\n" not in p for p in paragraphs)
    assert doc.text.count("\n\n\n") == 0


def test_document_path_and_sha(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Just one sentence.", encoding="utf-8")
    doc = load(path)
    assert doc.path == path
    assert doc.title == "note"  # no heading: the file name
    assert len(doc.sha256) == 64


def test_a_guessed_heading_rejoins_once_the_repaired_paragraph_ends_a_sentence() -> None:
    # Found by the idempotence property: repairing "title: x" + "and 1." must also join the
    # short line before it, as normalising the output again would.
    text = "By Jane Doe\n\ntitle: \x1b[31m\n\nand 1. "
    once = load_text(text, fmt="text")
    assert load_text(once.text, fmt="text").text == once.text
    assert "\n" not in once.text


@pytest.mark.parametrize("text", [" \xa0", "\u2003\n\xa0 \n", "\xa0\n\nWord."])
def test_chunks_of_unicode_spaces_only_are_dropped_not_a_crash(text: str) -> None:
    # Found by the property tests: a chunk of no-break spaces joined to "" and the heading
    # guess indexed into it.
    doc = load_text(text, fmt="text")
    assert all(doc.text[b.start : b.end].strip() for b in doc.blocks)
