"""Inline Markdown written for a reader: images named, HTML stripped.

Applied by the layout to the content of Markdown prose blocks (paragraphs, headings, list
items, quotes; never code):

- ``![alt](src)`` and ``![alt][key]`` -> ``[image: alt]`` (``[image]`` without alt text);
- inline HTML -> its text: ``<a href="http...">text</a>`` becomes ``[text](http...)``, every
  other tag and ``<!-- comments -->`` are removed;
- code spans (`` `<b>` ``) are left exactly as written.

Reference-style links (``[text][key]`` with a ``[key]: url`` definition) stay as written:
the analysis resolves them to their URL (a ``link`` citation with its ``url``), so does
``Document.links``, and labelled corpora quote them as written. The rewrite is idempotent
(its output rewrites to itself), which keeps normalisation a fixed point.

The rewrite carries its own offset map (:func:`rewrite_mapped`): the characters it keeps as
written (text around the markup, alt and link text) are *segments* ``(out, in, length)``;
what it writes itself (``[image: ``, ``](url)``, a space for a run of whitespace) maps to
nothing, so a span over ``[image: a cat]`` maps to the whole ``![a cat](c.png)`` and a span
over ``x`` in ``a <b>x</b>`` to that ``x`` (:mod:`closeread.document.source_map`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

_CODE = re.compile(r"(`+)[^`]*?\1")
_IMG_INLINE = re.compile(r"!\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_IMG_REF = re.compile(r"!\[([^\[\]\n]*)\]\[[^\[\]\n]*\]")
_A_TAG = re.compile(
    r"<a\s[^<>]*?href\s*=\s*[\"']?(https?://[^\"'\s>]+)[\"']?[^<>]*>(.*?)</a\s*>",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
_WORD = re.compile(r"\S+")
_ODD_SPACE = re.compile(r"\s\s+|[^\S ]")  # a run of whitespace that is not one space

Segment = tuple[int, int, int]
"""``(out_start, in_start, length)``: ``out[out_start:+length]`` is ``in[in_start:+length]``."""
Piece = str | tuple[int, int]
"""Of a rewrite's output: new text, or a ``(start, end)`` range of its input copied."""


def definitions(text: str) -> dict[str, str]:
    """``[key]: url`` link definitions of a Markdown text: lower-cased key -> url."""
    defs: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        defs.setdefault(" ".join(m.group(1).lower().split()), m.group(2))
    return defs


def _assemble(text: str, segs: list[Segment], pieces: Iterable[Piece]) -> tuple[str, list[Segment]]:
    """The text ``pieces`` make of ``text``, with its segments on ``text``'s own input
    (``segs`` map ``text`` to it). Copied ranges come in increasing order."""
    parts: list[str] = []
    out: list[Segment] = []
    n = 0
    i = 0  # the first of ``segs`` that may still overlap a copied range
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
            n += len(piece)
            continue
        a, b = piece
        if b <= a:
            continue
        parts.append(text[a:b])
        while i < len(segs) and segs[i][0] + segs[i][2] <= a:
            i += 1
        j = i
        while j < len(segs) and segs[j][0] < b:
            s, src, length = segs[j]
            lo, hi = max(a, s), min(b, s + length)
            if hi > lo:
                o, k = n + lo - a, src + lo - s
                if out and out[-1][0] + out[-1][2] == o and out[-1][1] + out[-1][2] == k:
                    last = out.pop()
                    out.append((last[0], last[1], last[2] + hi - lo))
                else:
                    out.append((o, k, hi - lo))
            j += 1
        n += b - a
    return "".join(parts), out


def _sub(
    text: str,
    segs: list[Segment],
    pattern: re.Pattern[str],
    repl: Callable[[str, re.Match[str]], Iterable[Piece]],
) -> tuple[str, list[Segment]]:
    """``pattern.sub`` with pieces: what ``repl`` copies of a match keeps its map."""
    if pattern.search(text) is None:
        return text, segs

    def pieces() -> Iterator[Piece]:
        pos = 0
        for m in pattern.finditer(text):
            yield (pos, m.start())
            yield from repl(text, m)
            pos = m.end()
        yield (pos, len(text))

    return _assemble(text, segs, pieces())


def _squashed(text: str, a: int, b: int) -> Iterator[Piece]:
    """``" ".join(text[a:b].split())`` as pieces: the text between runs of whitespace, and
    of each run its first space (in ``a </b> <!-- c --> b``, the one after ``</b>``)."""
    first = _WORD.search(text, a, b)
    if first is None:
        return
    a = first.start()
    while text[b - 1].isspace():
        b -= 1
    for m in _ODD_SPACE.finditer(text, a, b):
        yield (a, m.start())
        space = text.find(" ", m.start(), m.end())
        yield " " if space < 0 else (space, space + 1)
        a = m.end()
    yield (a, b)


def _image(text: str, m: re.Match[str]) -> Iterator[Piece]:
    a, b = m.span(1)
    if text[a:b].isspace() or a == b:
        yield "[image]"
        return
    yield "[image: "
    yield from _squashed(text, a, b)
    yield "]"


def _link(text: str, m: re.Match[str]) -> Iterator[Piece]:
    """``[text](url)`` of an ``<a href>``: its text without tags, stripped."""
    a, b = m.span(2)
    kept: list[tuple[int, int]] = []
    pos = a
    for tag in _TAG.finditer(text, a, b):
        kept.append((pos, tag.start()))
        pos = tag.end()
    kept.append((pos, b))
    kept = [r for r in kept if r[1] > r[0]]
    while kept and text[kept[0][0] : kept[0][1]].isspace():
        del kept[0]
    while kept and text[kept[-1][0] : kept[-1][1]].isspace():
        del kept[-1]
    if kept:
        s, e = kept[0]
        kept[0] = (e - len(text[s:e].lstrip()), e)
        s, e = kept[-1]
        kept[-1] = (s, s + len(text[s:e].rstrip()))
    yield "["
    yield from kept
    yield f"]({m.group(1)})"


def _drop(text: str, m: re.Match[str]) -> tuple[()]:
    return ()


def _rewrite_plain(text: str, segs: list[Segment]) -> tuple[str, list[Segment]]:
    if "!" in text:
        text, segs = _sub(text, segs, _IMG_INLINE, _image)
        text, segs = _sub(text, segs, _IMG_REF, _image)
    if "<" in text:
        text, segs = _sub(text, segs, _COMMENT, _drop)
        text, segs = _sub(text, segs, _A_TAG, _link)
        text, segs = _sub(text, segs, _TAG, _drop)
    return text, segs


def rewrite_mapped(text: str) -> tuple[str, list[Segment]]:
    """:func:`rewrite` and the segments of its output kept as written in ``text``."""
    whole = [(0, 0, len(text))] if text else []
    if "!" not in text and "<" not in text:
        return text, whole
    if "`" not in text:
        out, segs = _rewrite_plain(text, whole)
    else:
        parts: list[str] = []
        segs = []
        n = pos = 0
        for m in [*_CODE.finditer(text), None]:
            end = len(text) if m is None else m.start()
            piece, piece_segs = _rewrite_plain(text[pos:end], [(0, pos, end - pos)])
            parts.append(piece)
            segs.extend((o + n, k, length) for o, k, length in piece_segs)
            n += len(piece)
            if m is not None:
                parts.append(m.group(0))
                segs.append((n, m.start(), m.end() - m.start()))
                n += m.end() - m.start()
                pos = m.end()
        out = "".join(parts)
        if out == text:
            return text, whole
    if out == text:
        return text, whole
    return _assemble(out, segs, _squashed(out, 0, len(out)))


def rewrite(text: str) -> str:
    """``text`` (one block's content) with its inline Markdown made readable (see module)."""
    if "!" not in text and "<" not in text:
        return text
    return rewrite_mapped(text)[0]
