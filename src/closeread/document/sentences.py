"""Sentence segmentation with exact code-point offsets.

Design. Measured with ``benchmarks/sentences_bench.py`` on the 2-core dev machine, one core
(``taskset -c 0``), over War and Peace's ~11,200 paragraphs; "est." = timed on the first 10%
and scaled (pass ``--full`` to time it all; the issue reports 16 s for full pysbd):

=============================================  ============  =================
candidate                                      Golden Rules  War and Peace
=============================================  ============  =================
regex: ``[.!?]+`` + closers + whitespace       19/48         0.04 s
pysbd on every paragraph                       47/48         ~9.9 s est.
pysbd only where a break is ambiguous, regex   38/48         ~7.1 s est.
elsewhere (most W&P paragraphs hold a
"Mr." or an initial, so pysbd still runs)
**this module** (regex candidates + rules)     **48/48**     **0.14-0.26 s**
=============================================  ============  =================

So we use our own rules, not pysbd: a regex finds every *candidate* (a run of ``.!?…``,
possibly spaced like ``. . .``, then closing quotes/brackets, then whitespace and a
character that is not lower case), and ``_cut`` decides each from the token before it
(abbreviation lists in ``abbreviations``, initials, "U.S."-style multi-period
abbreviations, numbers; a footnote marker right after the stop, "should.[^1] A", ends the
sentence after the marker), the word after it (usual sentence starters) and the shape of
the punctuation (ellipses, ``?!``). Lists written inline ("1) a 2) b", "a. x b. y") are
split at their numbered markers when a block starts with one. Being a single pass with
O(1) work per candidate keeps it linear and fast, and offsets are exact by construction:
spans are cut from the text, never re-found in it.

Only prose blocks (paragraph, quote, list item) are segmented; a title, byline, publisher
line, heading or reference entry is one span; code, metadata and thematic breaks have
none (they hold no sentences a reader walks through, and claims must not come from them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from closeread.document.abbreviations import (
    BEFORE_NUMBER,
    NEVER_BEFORE_ANYTHING,
    OTHER,
    POSTPOSITIVE,
    PREPOSITIVE,
    SENTENCE_STARTERS,
)
from closeread.document.model import Document
from closeread.document.regex_scan import jump_matches
from closeread.spans import SpanArray

SEGMENTED_KINDS = frozenset({"paragraph", "quote", "list_item"})
WHOLE_KINDS = frozenset({"title", "byline", "publisher", "heading", "reference"})

_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
# A candidate starts at the first mark of a run (the lookbehinds): any match starting inside
# a run also matches from its start, so nothing is lost, and a 20,000-dot line is scanned
# once instead of once per dot (which took 25 s).
_CANDIDATE = re.compile(
    r"(?<![.!?\u2026\u203c\u2047\u2048\u2049])(?<![.!?\u2026] )"
    r"(?P<c>[.!?\u2026\u203c\u2047\u2048\u2049]+(?: [.!?\u2026]+)*)"
    rf"(?P<q>[{_CLOSERS}]*)"
    # Footnote markers after the full stop: "should.[^1] A", "night.[4]_ The", "so.² It".
    r"(?P<f>(?:\[\^?[\w\-]{1,20}\]_?|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)*)"
    r"(?=\s+(?P<n>[^\sa-z,;:.!?\u2026]))"
    r"|(?P<cjk>[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019\uff09]*)"
)
_MARK = re.compile(r"[.!?\u2026\u203c\u2047\u2048\u2049\u3002\uff01\uff1f]")
"""The characters a ``_CANDIDATE`` match can start with (both of its branches)."""


def _candidates(text: str, pos: int, end: int) -> Iterator[re.Match[str]]:
    """``_CANDIDATE.finditer(text, pos, end)``, found five times faster: the pattern opens
    with look-behinds, so the regex engine tries it at every character of a paragraph;
    here a one-class scan jumps from mark to mark (in C) and the pattern is tried there
    only. Every match starts at a mark and none is empty, so the matches are the same."""
    return jump_matches(_MARK, _CANDIDATE, text, pos, end)


_LETTER_ABBREV = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_MARKER_ONLY = re.compile(r"[\u2022\u2043\-*\u25e6\u2023]? ?(?:\d{1,3}|[A-Za-z])\)?")
_LIST_HEAD = re.compile(r"([\u2022\u2043\-*\u25e6\u2023] ?)?(\d{1,3}|[a-zA-Z])(\.\)|\)|\.) ")
_OPENERS = "(\"'\u201c\u2018[\u00ab"
_SPACE = " \t\n\u00a0"


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _list_cuts(text: str, start: int, end: int) -> list[int]:
    """Starts of inline list items after a leading marker ("1) a 2) b", "a. x b. y")."""
    m = _LIST_HEAD.match(text, start, end)
    if m is None:
        return []
    bullet, label, style = m.group(1) or "", m.group(2), m.group(3)
    cuts: list[int] = []
    pos = m.end()
    while True:
        label = _next_label(label)
        needle = " " + bullet + label + style + " "
        found = text.find(needle, pos, end)
        if found < 0:
            return cuts
        cuts.append(found + 1)
        pos = found + len(needle)


def _first_alpha_is_lower(text: str, j: int, end: int) -> bool:
    for k in range(j, min(j + 4, end)):
        ch = text[k]
        if ch.isalnum():
            return ch.islower()
    return False


def _first_alnum_is_digit(text: str, j: int, end: int) -> bool:
    for k in range(j, min(j + 3, end)):
        if text[k].isalnum():
            return text[k].isdigit()
    return False


def _cut(text: str, m: re.Match[str], sent_start: int, end: int) -> int | None:
    """Where the sentence ends if candidate ``m`` is a boundary, else None."""
    if m.group("cjk") is not None:
        return m.end()
    c = m.group("c")
    j = m.start("n")
    nxt = text[j]
    if nxt.islower() or (not nxt.isalnum() and _first_alpha_is_lower(text, j, end)):
        return None
    cstart = m.start()
    if "!" in c or "?" in c or "\u203c" <= c[0] <= "\u2049":
        return m.end()
    dots = c.count(".") + 3 * c.count("\u2026")
    if dots >= 2:  # an ellipsis
        if cstart > sent_start and text[cstart - 1] == "[":  # "[...]" marks an omission
            return None
        if " " in c:
            if cstart > sent_start and text[cstart - 1] not in _SPACE and c.startswith(". "):
                return cstart + 1  # "compounds. . . . The" -> the period ends it
            return m.end() if dots >= 4 else None  # ". . . ." ends, ". . ." does not
        return m.end()
    if _MARKER_ONLY.fullmatch(text, sent_start, cstart):  # "1." "a." "• 9." at the start
        return None
    if m.group("q") or m.group("f"):  # 'great." She' / 'should.[^1] A': the sentence ended
        return m.end()
    tok_start = max(text.rfind(" ", sent_start, cstart) + 1, sent_start)
    tok = text[tok_start:cstart].lstrip(_OPENERS)
    if not tok:
        return m.end()
    low = tok.lower()
    if low in PREPOSITIVE or low in NEVER_BEFORE_ANYTHING:
        return None
    if nxt.isdigit() and low in BEFORE_NUMBER:
        return None
    if low in POSTPOSITIVE:  # "& Co. It closed" ends; "et al. (2019)" / "et al. 2019" does not
        return None if _first_alnum_is_digit(text, j, end) else m.end()
    word_end = j
    while word_end < end and text[word_end].isalpha():
        word_end += 1
    word = text[j:word_end]
    if _LETTER_ABBREV.fullmatch(tok):  # U.S. / a.m. / E.U.
        if low in ("a.m", "p.m") and tok.isupper():
            return m.end()
        return m.end() if word in SENTENCE_STARTERS else None
    if len(tok) == 1 and tok.isupper():  # an initial, or the pronoun "I"
        if tok == "I" and tok_start > sent_start:
            prev = text[max(text.rfind(" ", sent_start, tok_start - 1) + 1, sent_start) : tok_start]
            if prev[:1].islower():
                return m.end()
        return None
    if low in OTHER:
        return m.end() if word in SENTENCE_STARTERS else None
    return m.end()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Trimmed sentence spans of ``text[start:end]``, in order, never overlapping."""
    if end is None:
        end = len(text)
    spans: list[tuple[int, int]] = []

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))

    sent_start = start
    while sent_start < end and text[sent_start].isspace():
        sent_start += 1
    cuts = _list_cuts(text, sent_start, end)
    ci = 0
    for m in _candidates(text, sent_start, end):
        while ci < len(cuts) and cuts[ci] <= m.start():
            emit(sent_start, cuts[ci])
            sent_start = cuts[ci]
            ci += 1
        if m.start() < sent_start:
            continue
        cut = _cut(text, m, sent_start, end)
        if cut is not None:
            emit(sent_start, cut)
            sent_start = cut
            while sent_start < end and text[sent_start].isspace():
                sent_start += 1
    for cut in cuts[ci:]:
        emit(sent_start, cut)
        sent_start = cut
    emit(sent_start, end)
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def iter_sentence_chunks(doc: Document, chunk_chars: int = 200_000) -> Iterator[SpanArray]:
    """Yield sentence spans in document order, a chunk at a time (each ~``chunk_chars``).

    Chunks end at block boundaries, so concatenating them gives exactly ``segment(doc)``.
    """
    text = doc.text
    chunk = SpanArray()
    size = 0
    for block in doc.blocks:
        kind = block.kind
        if kind in SEGMENTED_KINDS:
            for a, b in split_sentences(text, block.start, block.end):
                chunk.starts.append(a)
                chunk.ends.append(b)
        elif kind in WHOLE_KINDS:
            a, b = _trimmed(text, block.start, block.end)
            if b > a:
                chunk.append(a, b)
        size += block.end - block.start
        if size >= chunk_chars:
            yield chunk
            chunk, size = SpanArray(), 0
    if len(chunk):
        yield chunk


def segment(doc: Document) -> SpanArray:
    """All sentences of ``doc``: sorted, trimmed, non-overlapping, each inside one block."""
    out = SpanArray()
    for chunk in iter_sentence_chunks(doc):
        out.starts.extend(chunk.starts)
        out.ends.extend(chunk.ends)
    return out
