"""Pairing double quotation marks inside a paragraph.

News prints quotations with curly marks (“ ”), straight marks ("), two apostrophes ('')
or TeX-style ``…''. Marks are paired within one paragraph; a quotation still open at the
end of its paragraph runs to the paragraph's end (``open_end``): when the next paragraph
opens with a quotation mark, that is the same speaker going on (the convention for
quotations over several paragraphs). Single quotation marks are quotes inside quotes (or
apostrophes) and are not paired here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"\u201c|\u201d|\u201e|\"|``|''")
"""(Every alternative a character: the scan skips to the next of their first characters,
three times faster than trying ``[…]`` at every position.)"""
_OPEN_CTX = re.compile(r"[\s(\[\u2014\u2013/-]")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: ``start``/``end`` inside the marks (spaces trimmed)."""

    start: int
    end: int
    outer_start: int
    """Offset of the opening mark (or the paragraph start when there is none)."""
    outer_end: int
    """Offset just past the closing mark (or the paragraph end when it stays open)."""
    open_end: bool = False
    """No closing mark before the paragraph ended."""
    unopened: bool = False
    """A closing mark with no opening one: the quotation runs from the paragraph start."""


def _looks_opening(text: str, i: int, n: int, start: int) -> bool:
    """A straight mark at ``i`` (``n`` chars) opens when a word follows it and none precedes."""
    before = text[i - 1] if i > start else " "
    after = text[i + n] if i + n < len(text) else " "
    if before.isspace() or before in "([\u2014\u2013/-":
        return not after.isspace()
    return False


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def pair_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """The quotations of the paragraph ``text[start:end]``, in order."""
    out: list[QuoteSpan] = []
    if not (
        text.find('"', start, end) >= 0
        or text.find("\u201c", start, end) >= 0
        or text.find("\u201d", start, end) >= 0
        or text.find("''", start, end) >= 0
        or text.find("\u201e", start, end) >= 0
        or text.find("``", start, end) >= 0
    ):
        return out  # (no mark of ``_MARK``: six scans in C cost less than one of the regex)
    open_at = -1
    open_len = 0
    first_mark = True
    # ``x`` is reStructuredText / Markdown code, not TeX quotation marks, unless the
    # paragraph also closes with ''.
    tex = text.find("``", start, end) >= 0 and text.find("''", start, end) >= 0
    for m in _MARK.finditer(text, start, end):
        mark = m.group()
        if mark == "``" and not tex:
            continue
        i = m.start()
        n = len(mark)
        if open_at < 0:
            if mark == "\u201d" and _looks_opening(text, i, n, start) and first_mark and i == start:
                open_at, open_len = i, n  # a paragraph opened with the wrong curly mark
                first_mark = False
                continue
            if mark == "\u201d" or (mark in ('"', "''") and not _looks_opening(text, i, n, start)):
                # A closing mark with nothing open: a quotation from the paragraph start
                # (the continuation of one from the paragraph before), or a stray mark.
                if (first_mark and mark == "\u201d") or (first_mark and i - start > 3):
                    s, e = _trim(text, start, i)
                    if e > s:
                        out.append(QuoteSpan(s, e, start, i + n, unopened=True))
                first_mark = False
                continue
            open_at, open_len = i, n
        else:
            if mark in ("\u201c", "\u201e", "``") or (
                mark in ('"', "''")
                and _looks_opening(text, i, n, start)
                and not _looks_closing(text, i, n, end)
            ):
                # A new opening mark while one is open: the first was never closed.
                s, e = _trim(text, open_at + open_len, i)
                if e > s:
                    out.append(QuoteSpan(s, e, open_at, i, open_end=True))
                open_at, open_len = i, n
            else:
                s, e = _trim(text, open_at + open_len, i)
                if e > s:
                    out.append(QuoteSpan(s, e, open_at, i + n))
                open_at = -1
        first_mark = False
    if open_at >= 0:
        s, e = _trim(text, open_at + open_len, end)
        if e > s:
            out.append(QuoteSpan(s, e, open_at, end, open_end=True))
    return out


def _looks_closing(text: str, i: int, n: int, end: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < end else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())
