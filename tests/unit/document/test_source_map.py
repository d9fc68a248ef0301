"""The map from normalised offsets to the source text: property tests over any text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.document import load_text
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


# The markers of an empty block: a heading or block quote line, a code fence's two lines
# (lines end at the breaks normalisation reads as such: "\r" alone is one; not the
# separators U+001C-U+001E that ``str.splitlines`` also splits at: the text shows them,
# "\x1e# " is a paragraph "␞#").
_BREAK = "\r\n\x0b\x0c\x85\u2028\u2029"
_EMPTY_BLOCK_LINE = re.compile(
    rf"(?:^|(?<=[{_BREAK}]))[ \t]*(?:#{{1,6}}(?:[ \t]+#*)?|>[ >\t]*"
    rf"|(`{{3,}}|~{{3,}})[^{_BREAK}]*(?:[{_BREAK}]+[ \t]*)*[{_BREAK}]+[ \t]*\1)[ \t]*"
    rf"(?=[{_BREAK}]|\Z)"
)


def markdown_squash(text: str, a: int, b: int) -> str:
    """``source_squash`` of a Markdown paragraph's span without the lines of empty blocks
    in it: an empty block is dropped, and a sentence broken around it re-joined ("and\n
    \n#\n\nthe"), as it is when the output (which has no such line) is read again."""
    end = b + (1 if text[b : b + 1] in (" ", "\t", "\r", "\n") else 0)
    return squash(_EMPTY_BLOCK_LINE.sub("", text[a:end]))


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
        if fmt == "text" or block.kind in ("heading", "title"):
            assert source_squash(text, a, b) == squash(content)
        elif block.kind == "paragraph":
            assert markdown_squash(text, a, b) == squash(content)
        if fmt == "text" and content == content.strip():  # code keeps its indentation
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
