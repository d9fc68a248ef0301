"""Offsets of the normalised text mapped to the text it was made from, and back.

``Document.text`` is *built* from the source (newlines unified, tabs expanded, hard wraps
and broken paragraphs re-joined, Markdown continuation markers and closing ``#``s dropped,
mojibake repaired...), so a passage at 102 in one is at 104 in the other. Exports must point
into the resource they name (VISION §4), so they ask this map.

How it is built, and why afterwards rather than during normalisation: normalisation keeps
every non-space character of the source in order except the markers it drops, and changes
characters only in known, local ways (mojibake sequences -> one character, controls -> their
pictures). So the map is an *alignment*, computed lazily on the first export:

1. mojibake edits (:mod:`closeread.document.mojibake`, one layer per repair pass) give an
   exact map between the source and the repaired source;
2. the repaired source, with the one-for-one character substitutions of
   :func:`closeread.document.normalise.clean_text` applied, is aligned with the normalised
   text: each normalised line is looked for (``str.find``, in C) just after the previous
   match; a line that was rebuilt (joined lines, dropped markers) is aligned word by word,
   and a word that is not found whole (``well-`` + ``known``, a dropped BOM) character by
   character.

3. Markdown's inline rewrite (:mod:`closeread.document.md_inline`: images named, HTML
   removed, ``<a href>`` written as a link) is not a local change of characters, so it is
   not aligned but *recorded*: the source is laid out again with the rewrite's own offset
   maps kept (only for a Markdown source holding ``<`` or ``![``, on the first export), and
   the normalised text is mapped exactly to the text as laid out before the rewrite, which
   then aligns with the source as above.

Instrumenting the builders instead would thread offsets through every rule of ``plain``,
``markdown`` and ``builder`` and cost the first screen on every load; this costs nothing
until an export asks. Measured on War and Peace (``benchmarks/load_bench.py``): ~0.1 s once,
then O(log n) per span.

A span maps to the smallest source span holding the same non-space characters: a start in
the whitespace before a word maps to that word's start, an end after it to its end.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from closeread.document.mojibake import Edit, apply_edits, edit_passes

if TYPE_CHECKING:
    from closeread.document.builder import Rewrite

_SLACK = 64
"""How far past the previous match a line or word may be (dropped markers, blank lines)."""
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s*")
_WORDY = re.compile(r"\w")
# The characters clean_text maps one for one to another non-space character.
_ONE_FOR_ONE: dict[int, str] = {
    c: chr(0x2400 + c) for c in range(32) if chr(c) not in "\t\n\x0b\x0c\r"
}
_ONE_FOR_ONE.update({0x7F: "\u2421", **{c: "\ufffd" for c in range(0x80, 0xA0) if c != 0x85}})
_ONE_FOR_ONE.update({c: "\ufffd" for c in range(0xD800, 0xE000)})
_NEEDS_TRANSLATION = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


class Alignment:
    """Equal segments of two texts, in order: ``b[bs:bs+n]`` stands for ``a[as:as+n]``.

    Between segments are gaps (text on one side or both that the other side dropped or
    changed). Positions in a gap map to the gap's edge: a start to its far edge (the gap is
    skipped) unless it sits at the gap's first position, an end to its near edge unless it
    sits at the gap's last position.
    """

    __slots__ = ("a_len", "a_starts", "b_len", "b_starts", "lengths")

    def __init__(self, a_len: int, b_len: int) -> None:
        self.a_starts = array("q")
        self.b_starts = array("q")
        self.lengths = array("q")
        self.a_len = a_len
        self.b_len = b_len

    def add(self, a_start: int, b_start: int, length: int) -> None:
        """Append a segment (after the previous one on both sides); merges contiguous ones."""
        if length <= 0:
            return
        n = len(self.lengths)
        if n:
            last = self.lengths[n - 1]
            if self.a_starts[n - 1] + last == a_start and self.b_starts[n - 1] + last == b_start:
                self.lengths[n - 1] = last + length
                return
        self.a_starts.append(a_start)
        self.b_starts.append(b_start)
        self.lengths.append(length)

    def __len__(self) -> int:
        return len(self.lengths)

    @staticmethod
    def _map(
        x: int,
        src: array[int],
        dst: array[int],
        lengths: array[int],
        src_len: int,
        dst_len: int,
        start: bool,
    ) -> int:
        i = (bisect_right(src, x) if start else bisect_left(src, x)) - 1
        if i >= 0:
            offset = x - src[i]
            if offset < lengths[i] or (not start and offset == lengths[i]):
                return dst[i] + offset
        gap_src = (src[i] + lengths[i]) if i >= 0 else 0
        gap_dst = (dst[i] + lengths[i]) if i >= 0 else 0
        nxt_src = src[i + 1] if i + 1 < len(src) else src_len
        nxt_dst = dst[i + 1] if i + 1 < len(dst) else dst_len
        if start:
            return gap_dst if x <= gap_src else nxt_dst
        return nxt_dst if x >= nxt_src else gap_dst

    def a_to_b(self, start: int, end: int) -> tuple[int, int]:
        """The ``b`` span standing for ``a[start:end]``."""
        s = self._map(
            start, self.a_starts, self.b_starts, self.lengths, self.a_len, self.b_len, True
        )
        e = self._map(
            end, self.a_starts, self.b_starts, self.lengths, self.a_len, self.b_len, False
        )
        return s, max(s, e)

    def b_to_a(self, start: int, end: int) -> tuple[int, int]:
        """The ``a`` span standing for ``b[start:end]``."""
        s = self._map(
            start, self.b_starts, self.a_starts, self.lengths, self.b_len, self.a_len, True
        )
        e = self._map(
            end, self.b_starts, self.a_starts, self.lengths, self.b_len, self.a_len, False
        )
        return s, max(s, e)


def edits_alignment(edits: list[Edit], source_len: int) -> Alignment:
    """Alignment of the repaired text (``a``) with the source (``b``) around ``edits``."""
    delta = sum(len(e.replacement) - (e.end - e.start) for e in edits)
    out = Alignment(source_len + delta, source_len)
    src = rep = 0
    for start, end, replacement in edits:
        out.add(rep, src, start - src)
        rep += start - src + len(replacement)
        src = end
    out.add(rep, src, source_len - src)
    return out


def _find(src: str, piece: str, pos: int) -> int:
    """``piece`` in ``src`` just after ``pos`` (past whitespace and a few dropped markers).

    Never past a letter or digit: normalisation drops whitespace and markers, not words, so
    a match beyond a word is the same text again further on (a line "> a > a" joined from
    two quoted lines must not be taken for a later line that reads the same).
    """
    j = src.find(piece, pos, pos + len(piece) + _SLACK)
    if j < 0:
        skip = _SPACE.match(src, pos)
        after = skip.end() if skip is not None else pos
        if after - pos > _SLACK // 2:
            j = src.find(piece, after, after + len(piece) + _SLACK)
    if j > pos and _WORDY.search(src, pos, j) is not None:
        return -1
    return j


def text_alignment(norm: str, src: str) -> Alignment:
    """Alignment of the normalised text (``a``) with the repaired source (``b``)."""
    if _NEEDS_TRANSLATION.search(src) is not None:
        src = src.translate(_ONE_FOR_ONE)  # same length: offsets are unchanged
    out = Alignment(len(norm), len(src))
    pos = 0
    for line in _LINE.finditer(norm):
        piece, base = line.group(), line.start()
        j = _find(src, piece, pos)
        if j >= 0:
            out.add(base, j, len(piece))
            pos = j + len(piece)
            continue
        for word in _WORD.finditer(piece):
            w, wbase = word.group(), base + word.start()
            j = _find(src, w, pos)
            if j >= 0:
                out.add(wbase, j, len(w))
                pos = j + len(w)
                continue
            for k, char in enumerate(w):
                j = src.find(char, pos, pos + _SLACK)
                if j > pos and _WORDY.search(src, pos, j) is not None:
                    continue  # not here: leave the character unmapped
                if j >= 0:
                    out.add(wbase + k, j, 1)
                    pos = j + 1
    return out


def rewrites_alignment(norm: str, rewrites: list[Rewrite]) -> tuple[str, Alignment]:
    """The text as laid out before the inline rewrite (``b``), aligned with ``norm`` (``a``)
    by the rewrite's own segments (what it kept as written) around each change."""
    pieces: list[str] = []
    out = Alignment(len(norm), 0)
    pos = prev = 0  # in norm, in the text before
    for at, length, written, segments in rewrites:
        out.add(pos, prev, at - pos)
        pieces.append(norm[pos:at])
        prev += at - pos
        for o, i, n in segments:
            out.add(at + o, prev + i, n)
        pieces.append(written)
        prev += len(written)
        pos = at + length
    out.add(pos, prev, len(norm) - pos)
    pieces.append(norm[pos:])
    out.b_len = prev + len(norm) - pos
    return "".join(pieces), out


def _inline_rewrites(norm: str, source: str) -> list[Rewrite] | None:
    """The inline rewrites of laying ``source`` out as Markdown again, if that gives ``norm``."""
    if "<" not in source and "![" not in source:
        return None
    from closeread.document.layout import build  # lazy: Markdown with inline markup only

    rewrites: list[Rewrite] = []
    layout = build(source, "markdown", rewrites=rewrites)
    return rewrites if rewrites and layout.text == norm else None


class SourceMap:
    """Normalised-text spans to source-text spans and back (see the module docstring).

    ``markdown``: ``norm`` was laid out from ``source`` as Markdown with the inline rewrite.
    """

    __slots__ = ("_edits", "_inline", "_text")

    def __init__(self, norm: str, source: str, *, markdown: bool = False) -> None:
        self._edits: list[Alignment] = []
        for edits in edit_passes(source):
            self._edits.append(edits_alignment(edits, len(source)))
            source = apply_edits(source, edits)
        self._inline: Alignment | None = None
        rewrites = _inline_rewrites(norm, source) if markdown else None
        if rewrites:
            norm, self._inline = rewrites_alignment(norm, rewrites)
        self._text = text_alignment(norm, source)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span holding what ``norm[start:end]`` holds."""
        if self._inline is not None:
            start, end = self._inline.a_to_b(start, end)
        s, e = self._text.a_to_b(start, end)
        for layer in reversed(self._edits):
            s, e = layer.a_to_b(s, e)
        return s, e

    def from_source(self, start: int, end: int) -> tuple[int, int]:
        """The normalised span standing for ``source[start:end]``."""
        s, e = start, end
        for layer in self._edits:
            s, e = layer.b_to_a(s, e)
        s, e = self._text.b_to_a(s, e)
        return (s, e) if self._inline is None else self._inline.b_to_a(s, e)
