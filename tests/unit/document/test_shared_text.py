"""A big text through shared memory as UTF-8 (``document.shared_text``): what the reader
reads back is exactly the string the child wrote, of the same kind, whether made at its
final size and filled slice by slice or decoded whole; bytes that are not that text are
refused, never read past the string (issue 13: the reader's peak as the text arrives)."""

from __future__ import annotations

import mmap
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.document import shared_text
from closeread.document.shared_text import read_text, widest, write_text

ALPHABETS = [
    st.characters(max_codepoint=0x7F),
    st.characters(max_codepoint=0xFF),
    st.characters(max_codepoint=0xFFFF),  # lone surrogates too
    st.characters(),
]
texts = st.one_of(*(st.text(alphabet, max_size=300) for alphabet in ALPHABETS))


def through(text: str, at: int = 3) -> tuple[mmap.mmap, int]:
    shared = mmap.mmap(-1, at + 4 * len(text) + 16)
    size = write_text(text, shared, at)
    assert size == len(text.encode("utf-8", "surrogatepass"))
    return shared, size


def widest_of(text: str) -> int:
    top = max(map(ord, text), default=0)
    return next(m for m in (0x7F, 0xFF, 0xFFFF, 0x10FFFF) if top <= m)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(1, 9), st.integers(1, 7), st.booleans())
def test_the_text_read_back_is_the_text_written(
    text: str, slice_bytes: int, slice_chars: int, whole: bool
) -> None:
    saved = shared_text.SLICE_BYTES, shared_text.SLICE_CHARS, shared_text._builder
    shared_text.SLICE_BYTES, shared_text.SLICE_CHARS = slice_bytes, slice_chars
    if whole:  # the fallback: decoded at once
        shared_text._builder = lambda maxchar: None  # type: ignore[assignment]
    try:
        assert widest(text) == widest_of(text)
        shared, size = through(text)
        back = read_text(shared, 3, size, len(text), widest(text))
    finally:
        shared_text.SLICE_BYTES, shared_text.SLICE_CHARS, shared_text._builder = saved
    assert back == text
    assert sys.getsizeof(back) == sys.getsizeof(text)  # the same kind (canonical form)
    assert hash(back) == hash(text)
    assert back.isascii() == text.isascii()


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython's strings only")
def test_strings_are_made_at_their_final_size_on_cpython() -> None:
    for maxchar in (0x7F, 0xFF, 0xFFFF, 0x10FFFF):
        assert shared_text._builder(maxchar) is not None


def test_a_big_text_drops_its_pages_and_keeps_the_rest_of_the_mapping() -> None:
    text = "“Well, Prince,” said she — " * 50_000
    shared, size = through(text, at=0)
    shared[size : size + 5] = b"after"  # what the child writes next stays readable
    assert read_text(shared, 0, size, len(text), widest(text)) == text
    assert shared[size : size + 5] == b"after"


@pytest.mark.parametrize(
    ("text", "length", "maxchar"),
    [
        ("caf\xe9", 4, 0x7F),  # wider than said: latin-1 in an ASCII string
        ("“x”", 3, 0xFF),
        ("a\U0001f600b", 3, 0xFFFF),  # a pair of surrogates would not fit
        ("abc", 2, 0x7F),  # more characters than said
        ("abc", 4, 0x7F),  # fewer
    ],
)
def test_bytes_that_are_not_the_text_said_are_refused(text: str, length: int, maxchar: int) -> None:
    shared, size = through(text)
    with pytest.raises(ValueError):
        read_text(shared, 3, size, length, maxchar)


def test_bytes_that_are_not_utf8_are_refused() -> None:
    shared = mmap.mmap(-1, 16)
    shared[0:4] = b"a\xffbc"
    with pytest.raises(ValueError):
        read_text(shared, 0, 4, 4, 0x7F)


def test_a_text_that_does_not_fit_is_not_written() -> None:
    shared = mmap.mmap(-1, 8)
    assert write_text("x" * 20, shared, 0) == -1
