"""Property tests: any text loads, normalisation is a fixed point, spans keep their invariants."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.document import load_text, segment
from closeread.document.model import Document

# Text built from pieces that exercise the parsers (markers, quotes, punctuation,
# newlines, controls) as well as arbitrary characters.
# fmt: off
PIECES = st.sampled_from(
    [
        "\n", "\n\n", "\n\n\n", " ", "  ", "    ", "\t", "\r\n", "\r", "\ufeff", "\x1b[31m",
        "# ", "## ", "> ", ">", "- ", "* ", "1. ", "2) ", "```", "~~~", "---", "===", "***",
        "[1]: http://x.org", "[#]: key: (v)", ".. [2] ", "::", "|", "<!--", "-->", "title: ",
        "By Jane Doe", "Source: [X](#)", "Mr. ", "U.S. ", "e.g. ", "... ", ". . . ", "“", "”",
        '"', "'", "(", ")", "[", "]", ".", "!", "?", ":", ",", "and ", "The ", "word ", "A. ",
        "\u2028", "\u2029", "\x0c", "\x85", "\x00", "\x7f", "\x9b", "é", "中文。",
    ]
)
# fmt: on
TEXTS = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join),
    st.text(max_size=200),
)


def _check_blocks(doc: Document) -> None:
    prev_end = -1
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.text)
        assert block.start >= prev_end
        assert doc.text[block.start : block.end].strip()
        prev_end = block.end


def _check_sentences(doc: Document) -> None:
    spans = segment(doc)
    prev_end = -1
    bi = 0
    for start, end in spans:
        assert prev_end <= start < end <= len(doc.text)
        sentence = doc.text[start:end]
        assert sentence == sentence.strip()
        while doc.blocks[bi].end < end:
            bi += 1
        assert doc.blocks[bi].start <= start and end <= doc.blocks[bi].end
        prev_end = end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["text", "markdown"]))
def test_any_text_loads_with_valid_blocks_and_sentences(text: str, fmt: str) -> None:
    doc = load_text(text, fmt=fmt)  # type: ignore[arg-type]
    _check_blocks(doc)
    _check_sentences(doc)
    assert doc.sha256


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["text", "markdown"]))
def test_normalisation_is_idempotent(text: str, fmt: str) -> None:
    once = load_text(text, fmt=fmt)  # type: ignore[arg-type]
    twice = load_text(once.text, fmt=fmt)  # type: ignore[arg-type]
    assert twice.text == once.text
