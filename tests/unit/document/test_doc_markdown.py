"""Markdown blocks: front matter, headings, quotes, lists, code, references; corpus files."""

from __future__ import annotations

import textwrap

import pytest

from closeread.document import Document, load, load_text
from closeread.document.layout import detect_format
from tests.conftest import corpus_file


def _blocks(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


def md(source: str) -> Document:
    return load_text(source, fmt="markdown")


def test_front_matter_is_metadata_and_gives_title_and_author() -> None:
    doc = md("---\ntitle: \"A Title\"\nauthor: 'Jane Roe'\ntags:\n  - x\n---\n\nBody.\n")
    assert doc.blocks[0].kind == "metadata"
    assert doc.title == "A Title"
    assert doc.byline == "Jane Roe"
    assert _blocks(doc)[1] == ("paragraph", "Body.")
    assert doc.text.startswith("---\ntitle:")


def test_atx_and_setext_headings() -> None:
    doc = md("Title\n=====\n\nSub\n---\n\n## Closed ##\n\n### Third\ntext")
    assert _blocks(doc) == [
        ("title", "Title"),
        ("heading", "Sub"),
        ("heading", "Closed"),
        ("heading", "Third"),
        ("paragraph", "text"),
    ]
    assert [b.level for b in doc.blocks[:4]] == [1, 2, 2, 3]
    assert "## Closed\n" in doc.text  # closing hashes dropped, marker kept outside the span


def test_block_quotes_rejoined_markers_outside_span() -> None:
    doc = md("Intro:\n\n> first line\n> second line\nlazy line\n>\n> next paragraph\n\n> > nested")
    assert _blocks(doc) == [
        ("paragraph", "Intro:"),
        ("quote", "first line second line lazy line"),
        ("quote", "next paragraph"),
        ("quote", "nested"),
    ]
    assert [b.level for b in doc.blocks[1:]] == [1, 1, 2]
    assert "> first line second line lazy line\n\n> next paragraph\n\n> > nested" in doc.text


def test_lists_nested_and_wrapped() -> None:
    doc = md("- one\n  wrapped\n- two\n    * nested\n1. first\n2) second")
    assert _blocks(doc) == [
        ("list_item", "one wrapped"),
        ("list_item", "two"),
        ("list_item", "nested"),
        ("list_item", "first"),
        ("list_item", "second"),
    ]
    assert doc.blocks[2].level > doc.blocks[1].level


def test_fenced_and_indented_code_kept_verbatim() -> None:
    doc = md("Text:\n\n```python\ndef f():\n\n    return 1\n```\n\nMore.\n\n    indented = code\n")
    kinds = _blocks(doc)
    assert kinds[1] == ("code", "def f():\n\n    return 1")
    assert kinds[3] == ("code", "    indented = code")
    assert "```python\ndef f():" in doc.text


def test_rules_references_comments_and_tables() -> None:
    doc = md(
        "Para [1].\n\n---\n\n[1]: http://example.org/a\n[#]: collector: (me)\n\n"
        "<!-- a comment -->\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert [k for k, _ in _blocks(doc)] == [
        "paragraph",
        "rule",
        "reference",
        "metadata",
        "metadata",
        "code",
    ]
    assert _blocks(doc)[2] == ("reference", "[1]: http://example.org/a")


def test_detect_format() -> None:
    assert (
        detect_format("# A\n\nSome [link](http://x.org) and\n\n- item\n- item\n\n> quote")
        == "markdown"
    )
    assert detect_format("Plain text.\n\nWith a [link](#) only.") == "text"
    assert detect_format(".. note::\n\n   x\n\n.. [1] ref\n\n- a\n- b\n# c\n") == "text"


def test_news_roundup_metadata_lines_and_title() -> None:
    doc = load(corpus_file("dev-news-opensource-roundup-2019-10-13.md"))
    assert [b.kind for b in doc.blocks[:9]] == ["metadata"] * 8 + ["title"]
    assert doc.title.startswith("System76 will ship Coreboot-powered firmware")
    assert doc.byline == "Lauren Maffeo"
    quotes = [t for k, t in _blocks(doc) if k == "quote"]
    assert quotes and quotes[0].startswith('_"Yes. Long term, System76')
    refs = [t for k, t in _blocks(doc) if k == "reference"]
    assert len(refs) == 20 and refs[2].startswith("[1]: https://")


def test_good_enough_practices_lists_and_quotes() -> None:
    doc = load(corpus_file("dev-long-good-enough-practices-draft.md"))
    assert doc.title == "Good Enough Practices for Scientific Computing"
    kinds = [k for k, _ in _blocks(doc)]
    assert kinds.count("list_item") > 100
    assert kinds.count("quote") >= 6
    assert kinds.count("reference") >= 19
    texts = [t for _, t in _blocks(doc)]
    assert "Two years ago we wrote a paper called" in texts[5]
    assert all("\n" not in t for k, t in _blocks(doc) if k not in ("code", "metadata"))


@pytest.mark.parametrize(
    ("name", "title", "byline"),
    [
        (
            "dev-author-year-o2r-reproducible-manuscripts.md",
            "Writing reproducible manuscripts for journals of Copernicus Publications",
            "Daniel N\u00fcst",
        ),
        (
            "dev-markdown-links-18f-open-source-facts.md",
            "Facts about publishing open source code in government",
            "britta-gustafson, will",
        ),
        ("dev-opinion-book-review-ours-to-hack.md", "Book review: Ours to Hack and to Own", ""),
    ],
)
def test_corpus_titles(name: str, title: str, byline: str) -> None:
    doc = load(corpus_file(name))
    assert doc.title == title
    assert doc.byline == byline


def test_long_doc_code_blocks() -> None:
    doc = load(corpus_file("long-doc.md"))
    kinds = [b.kind for b in doc.blocks]
    assert kinds.count("code") == 24
    assert kinds.count("list_item") > 2000
    assert kinds.count("heading") > 400


def test_hard_wrapped_markdown_copy_of_sample_gives_the_same_blocks() -> None:
    from tests.conftest import SAMPLE

    source = SAMPLE.read_text(encoding="utf-8")
    paragraphs = source.strip().split("\n\n")
    wrapped = ["# " + paragraphs[0], *paragraphs[1:3]]
    for p in paragraphs[3:]:
        lines = textwrap.fill(p, 70).split("\n")
        if p.startswith("The Isis attacks"):
            lines = ["> " + line for line in lines]
        wrapped.append("\n".join(lines))
    doc = md("\n\n".join(wrapped) + "\n")
    plain = load_text(source)
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        plain.text[b.start : b.end] for b in plain.blocks
    ]
    assert (doc.title, doc.byline, doc.publisher) == (plain.title, plain.byline, plain.publisher)
    assert [b.kind for b in doc.blocks].count("quote") == 1
    assert any("re-joined 2" in w for w in doc.warnings)


def test_quote_markers_separated_by_spaces_nest_like_adjacent_ones() -> None:
    # Found by the idempotence property: ">  > " normalised to "> >", which normalised to "".
    once = load_text(">  > ", fmt="markdown")
    assert once.text == load_text(once.text, fmt="markdown").text == ""
    nested = load_text("> a\n>  > b", fmt="markdown")
    assert [b.level for b in nested.blocks] == [1, 2]
