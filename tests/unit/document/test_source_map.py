"""The map from normalised offsets to the source text: property tests over any text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.document import load_text, md_inline
from closeread.document.mojibake import repair
from closeread.document.normalise import clean_text
from closeread.document.source_map import Alignment, SourceMap

# fmt: off
PIECES = st.sampled_from(
    [
        "\n", "\n\n", "\n\n\n", " ", "  ", "    ", "\t", "\r\n", "\r\n\r\n", "\r", "\ufeff",
        "\x1b[31m", "\x00", "\x7f", "\x9b", "\u2028", "\u2029", "\x0c", "\x85",
        "Nat\u00c3\u00a1sha ", "don\u00e2\u20ac\u2122t ", "l\u00c3  la ", "\u00c3\x81p ",
        "\u00c3\u0192\u00c2\u00a9t\u00c3\u0192\u00c2\u00a9 ",  # encoded twice
        "well-\nknown ", "- item ", "1. first ", "Title\n=====\n", "    indented ",
        "By Jane Doe", "word ", "The ", "claim.", "said: ", "“quoted”", '"', "é", "中文。",
        "# ", "> ", "> > ", "```", "[1]: http://x.org",
        # Inline Markdown the layout rewrites (md_inline): HTML, comments, images, links.
        "<b>", "</b>", "<br/>", "<span class=\"x\">", "</span>", "<!-- note -->", "<div>",
        "![a cat](c.png)", "![](x.png)", "![two  words][k]", '<a href="https://x.org/a">',
        "</a>", "`<i>`", "!",
    ]
)
# fmt: on
TEXTS = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join),
    st.text(max_size=120),
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def squash(text: str) -> str:
    """The characters normalisation keeps, without the whitespace it is free to change."""
    return "".join(clean_text(repair(text)).split())


def source_squash(text: str, a: int, b: int) -> str:
    """``squash`` of a source span, read with the whitespace right after it: the mojibake
    repair of a lone "Ã" depends on it ("Ã\r" is "à"), and squash drops it anyway."""
    return squash(text[a : b + (1 if text[b : b + 1] in (" ", "\t", "\r", "\n") else 0)])


# The markers of an empty block: a heading (indented 3 spaces at most: "    #" is text)
# or block quote line, a code fence's two lines
# (lines end at the breaks normalisation reads as such: "\r" alone is one; not the
# separators U+001C-U+001E that ``str.splitlines`` also splits at: the text shows them,
# "\x1e# " is a paragraph "␞#").
_BREAK = "\r\n\x0b\x0c\x85\u2028\u2029"
_EMPTY_BLOCK_LINE = re.compile(
    rf"(?:^|(?<=[{_BREAK}]))(?: {{0,3}}#{{1,6}}(?:[ \t]+#*)?|[ \t]*>[ >\t]*"
    rf"|[ \t]*(`{{3,}}|~{{3,}})[^{_BREAK}]*(?:[{_BREAK}]+[ \t]*)*[{_BREAK}]+[ \t]*\1)[ \t]*"
    rf"(?=[{_BREAK}]|\Z)"
)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def markdown_squash(text: str, a: int, b: int, *, heading: bool = False) -> str:
    """``source_squash`` of a Markdown paragraph's span without the lines of empty blocks
    in it: an empty block is dropped, and a sentence broken around it re-joined ("and\n
    \n#\n\nthe"), as it is when the output (which has no such line) is read again.

    Read as the layout reads a paragraph: each part between blank lines (a paragraph
    re-joined after a stray blank line has several) joined into one line, and its inline
    Markdown rewritten (``<b>x</b>`` -> ``x``, ``![a cat](c.png)`` -> ``[image: a cat]``):
    the span of ``a <b>x</b> c.`` must hold the tags, not stop at ``a``."""
    end = b + (1 if text[b : b + 1] in (" ", "\t", "\r", "\n") else 0)
    span = text[a:end]
    if not heading:  # (lines of the text: a span may start after a tag, "<b># x" -> "# x")
        empty = [m.span() for m in _EMPTY_BLOCK_LINE.finditer(text, a, end)]
        for s, e in reversed(empty):
            span = span[: s - a] + span[e - a :]
    span = clean_text(repair(span))
    parts = _BLANK_LINE.split(span.replace("\r\n", "\n").replace("\r", "\n"))
    return squash(" ".join(md_inline.rewrite(" ".join(p.split())) for p in parts))


@SETTINGS
@given(TEXTS, st.data())
def test_a_normalised_span_maps_to_source_text_that_normalises_back(
    text: str, data: st.DataObject
) -> None:
    doc = load_text(text, fmt="text")
    n = len(doc.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    a, b = doc.to_source(start, end)
    assert 0 <= a <= b <= len(text)
    assert source_squash(text, a, b) == squash(doc.text[start:end])


@SETTINGS
@given(TEXTS, st.sampled_from(["text", "markdown"]))
def test_block_spans_map_exactly_both_ways(text: str, fmt: str) -> None:
    doc = load_text(text, fmt=fmt)  # type: ignore[arg-type]
    prev = 0
    for block in doc.blocks:
        a, b = doc.to_source(block.start, block.end)
        assert prev <= a <= b <= len(text)  # in order, inside the source
        prev = a
        content = doc.text[block.start : block.end]
        if fmt == "text":
            assert source_squash(text, a, b) == squash(content)
        elif block.kind in ("heading", "title"):
            assert markdown_squash(text, a, b, heading=True) == squash(content)
        elif block.kind == "paragraph":
            assert markdown_squash(text, a, b) == squash(content)
        # (code keeps its indentation; a Markdown paragraph with inline markup is rewritten)
        plain = fmt == "text" and content == content.strip()
        if plain or (block.kind == "paragraph" and ("<" in text or "!" in text)):
            assert doc.from_source(a, b) == (block.start, block.end)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 5)), max_size=10), st.data())
def test_alignment_maps_are_monotone_and_inverse_on_segments(
    gaps: list[tuple[int, int]], data: st.DataObject
) -> None:
    al = Alignment(0, 0)
    a = b = 0
    for gap, length in gaps:
        a += gap
        b += data.draw(st.integers(0, 5))
        al.add(a, b, length)
        a += length
        b += length
    al.a_len, al.b_len = a + 3, b + 2
    xs = sorted(data.draw(st.lists(st.integers(0, al.a_len), min_size=2, max_size=2)))
    s, e = al.a_to_b(xs[0], xs[1])
    assert 0 <= s <= e <= al.b_len
    for i in range(len(al)):
        seg = (al.a_starts[i], al.a_starts[i] + al.lengths[i])
        assert al.b_to_a(*al.a_to_b(*seg)) == seg


def test_a_paragraph_rejoined_around_an_empty_block_spans_its_markers() -> None:
    """Found by the property test above: the two halves of a sentence around an empty
    heading (or block quote, or code fence) are one paragraph, whose source holds the
    dropped markers; the rest of its source is its text exactly."""
    for empty in ("#", "# #", ">", "```\n```"):
        text = f"The mayor said the bridge\n\n{empty}\n\nwould open in May."
        doc = load_text(text, fmt="markdown")
        (block,) = doc.blocks
        assert doc.text == "The mayor said the bridge would open in May."
        a, b = doc.to_source(block.start, block.end)
        assert (a, b) == (0, len(text))
        assert markdown_squash(text, a, b) == squash(doc.text)
        assert source_squash(text, a, b) != squash(doc.text)  # the markers are in it


def test_crlf_bom_tabs_and_mojibake() -> None:
    source = "Title\r\n\r\nNat\u00c3\u00a1sha\tsaid:\r\nit was\r\nwell-\r\nknown.\r\n"
    doc = load_text(source)
    assert doc.text == "Title\n\nNatásha said: it was well-known."
    for word in ("Natásha", "said:", "well-known.", "Title", "á"):
        start = doc.text.index(word)
        a, b = doc.to_source(start, start + len(word))
        assert squash(source[a:b]) == squash(word)
        assert doc.from_source(a, b) == (start, start + len(word))
    start = doc.text.index("á")
    assert doc.to_source(start, start + 1) == (12, 14)
    assert source[12:14] == "\u00c3\u00a1"


def test_a_text_that_is_its_own_source_maps_to_itself() -> None:
    doc = load_text("One line.")
    assert doc.to_source(0, 3) == (0, 3)
    assert SourceMap("a b", "a  b").to_source(0, 3) == (0, 4)


def test_a_lone_a_tilde_before_a_line_end_maps_back() -> None:
    """Found by hypothesis: "Ã\r" is repaired to "à"; its block maps to the "Ã"."""
    for fmt in ("text", "markdown"):
        doc = load_text("\u00c3\r", fmt=fmt)  # type: ignore[arg-type]
        (block,) = doc.blocks
        a, b = doc.to_source(block.start, block.end)
        assert (a, b) == (0, 1)
        assert source_squash("\u00c3\r", a, b) == squash(doc.text[block.start : block.end])


SECOND = "\n\nSecond para."


def _block_sources(text: str) -> list[tuple[str, str]]:
    """Each block's text and the source its span maps to (checked to map back)."""
    doc = load_text(text, fmt="markdown")
    out = []
    for block in doc.blocks:
        a, b = doc.to_source(block.start, block.end)
        assert doc.from_source(a, b) == (block.start, block.end)
        out.append((doc.text[block.start : block.end], text[a:b]))
    return out


def _span_source(text: str, word: str) -> str:
    """The source of ``word``'s span in the normalised text (checked to map back)."""
    doc = load_text(text, fmt="markdown")
    start = doc.text.index(word)
    a, b = doc.to_source(start, start + len(word))
    assert doc.from_source(a, b) == (start, start + len(word))
    return text[a:b]


def test_a_paragraph_with_inline_html_maps_whole_and_the_next_block_maps_exactly() -> None:
    """Found by the lead: the tags the layout removes made the paragraph map to "a" and
    every later block to an empty span at the end."""
    text = "a <b>x</b> c." + SECOND
    assert _block_sources(text) == [("a x c.", "a <b>x</b> c."), ("Second para.", "Second para.")]
    doc = load_text(text, fmt="markdown")
    assert doc.to_source(0, 6) == (0, 13)
    assert doc.to_source(8, 20) == (15, 27)
    assert doc.from_source(15, 27) == (8, 20)
    assert _span_source(text, "x") == "x"
    assert doc.to_source(2, 3) == (5, 6)
    assert _span_source(text, "x c.") == "x</b> c."


def test_an_image_maps_to_its_whole_markup_and_its_alt_text_to_itself() -> None:
    text = "See ![a cat](c.png) here." + SECOND
    assert _block_sources(text) == [
        ("See [image: a cat] here.", "See ![a cat](c.png) here."),
        ("Second para.", "Second para."),
    ]
    assert _span_source(text, "[image: a cat]") == "![a cat](c.png)"
    assert _span_source(text, "cat") == "cat"
    assert _span_source(text, "here.") == "here."
    doc = load_text(text, fmt="markdown")
    assert doc.to_source(26, 38) == (27, 39)


def test_an_html_link_maps_to_its_tags_and_its_text_to_itself() -> None:
    text = 'A <a href="https://x.org/a">link</a> here.' + SECOND
    assert _block_sources(text) == [
        ("A [link](https://x.org/a) here.", 'A <a href="https://x.org/a">link</a> here.'),
        ("Second para.", "Second para."),
    ]
    assert _span_source(text, "[link](https://x.org/a)") == '<a href="https://x.org/a">link</a>'
    assert _span_source(text, "link") == "link"


def test_markup_rewrites_in_every_prose_block_and_a_block_they_empty() -> None:
    """Headings, list items, quotes and a re-joined paragraph are rewritten too; a block
    of markup only (``<div>``) is dropped, and what follows it still maps exactly."""
    text = (
        "# The <em>cat</em> ![c](c.png)\n\n<div>\n\n- an <i>item</i>\n\n"
        "> a <!-- hidden --> quote\n\nBroken <b>in</b>\n\ntwo <br> parts.\n\n"
        "`<kept>` code <u>span</u>.\n\n</div>" + SECOND
    )
    assert _block_sources(text) == [
        ("The cat [image: c]", "The <em>cat</em> ![c](c.png)"),
        ("an item", "an <i>item"),
        ("a quote", "a <!-- hidden --> quote"),
        ("Broken in two parts.", "Broken <b>in</b>\n\ntwo <br> parts."),
        ("`<kept>` code span.", "`<kept>` code <u>span</u>."),
        ("Second para.", "Second para."),
    ]
    assert _span_source(text, "<kept>") == "<kept>"
    assert _span_source(text, "two parts") == "two <br> parts"


def test_a_document_laid_out_without_the_rewrite_keeps_the_alignment() -> None:
    """A loader's Markdown (HTML, EPUB, PDF) is laid out without the inline rewrite: its
    tags are text, mapped as they are."""
    doc = load_text("a <b>x</b> c." + SECOND, fmt="markdown", inline=False)
    doc.source_text = "a <b>x</b> c." + SECOND
    doc.source_format = "html"
    assert doc.text == "a <b>x</b> c." + SECOND
    assert doc.to_source(15, 27) == (15, 27)
