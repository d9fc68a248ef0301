"""From decoded text to the normalised text and its blocks (plain text or Markdown).

Steps: ``clean_text`` (characters), Markdown front matter and fenced code (which may hold
blank lines), then blank-line-separated chunks, each classified by ``plain_chunk`` or
``markdown_chunk`` into blocks written by a ``Builder``; finally title/byline/publisher.
The result is a fixed point: ``build(build(t).text).text == build(t).text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from closeread.document import md_inline
from closeread.document import meta as meta_mod
from closeread.document.builder import Builder, Rewrite
from closeread.document.markdown import markdown_chunk, split_fences
from closeread.document.model import Block, DocFormat
from closeread.document.normalise import clean_text
from closeread.document.plain import SLOW_START, heading_like, plain_chunk

_SLOW_START = frozenset(SLOW_START)
_FRONT_MATTER = re.compile(r"(---|\+\+\+)\n(.*?)^(?:---|\.\.\.|\+\+\+) *(?:\n|\Z)", re.S | re.M)
_YAML_KEY = re.compile(r"\s*[\w-]+\s*[:=]")
_MD_SIGNALS = re.compile(
    r"^(?:#{1,6} \S|```|~~~|> \S|[-*] \S|\[[^\]\n]+\]: \S)|\]\((?:https?://|#|/)",
    re.MULTILINE,
)
_REST_SIGNALS = re.compile(r"^\.\. [\w\[|_]|::$", re.MULTILINE)


@dataclass(slots=True)
class Layout:
    """The normalised text, its blocks and what was learnt about the document."""

    text: str
    blocks: list[Block]
    meta: meta_mod.Meta
    warnings: list[str] = field(default_factory=list)


def detect_format(text: str) -> DocFormat:
    """'markdown' when the start of ``text`` shows several Markdown constructs."""
    head = text[:20_000]
    if len(_REST_SIGNALS.findall(head)) >= 2:  # reStructuredText reads better as plain text
        return "text"
    signals = _MD_SIGNALS.findall(head)
    structural = sum(1 for s in signals if not s.startswith("]("))
    return "markdown" if structural >= 2 and len(signals) >= 4 else "text"


def _front_matter(text: str) -> tuple[str, str, str] | None:
    """(inner text, rest of the document) of a leading ``---`` front matter block."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return None
    inner = m.group(2).strip("\n")
    first_line = inner.split("\n", 1)[0]
    if inner and _YAML_KEY.match(first_line) is None:
        return None
    return m.group(1), inner, text[m.end() :]


def _paragraphs(body: str) -> Iterator[str]:
    """``body.split("\n\n")``, one piece at a time (a big book's pieces never all at once)."""
    i = 0
    find = body.find
    while (j := find("\n\n", i)) >= 0:
        yield body[i:j]
        i = j + 2
    yield body[i:]


def build(
    raw: str | list[str],
    fmt: DocFormat = "text",
    *,
    inline: bool = True,
    rewrites: list[Rewrite] | None = None,
) -> Layout:
    """Normalise ``raw`` and lay its blocks out.

    ``inline``: rewrite Markdown's inline images and HTML for reading
    (``md_inline``); off for text that a loader extracted (already written that way).
    ``rewrites``: a list that receives where that rewrite changed the text (``Rewrite``;
    the source map asks for them, loading does not).
    ``raw`` as a one-item list is taken out of it: a caller that keeps no other reference
    lets each intermediate copy of a big text go as soon as the next one exists.
    """
    text = clean_text(raw.pop() if isinstance(raw, list) else raw)
    out = Builder()
    if fmt == "markdown" and inline:
        out.inline = md_inline.rewrite
        out.rewrites = rewrites
    meta = meta_mod.Meta()
    first = True
    pieces: list[tuple[bool, str, str, str]]
    if fmt == "markdown":
        fm = _front_matter(text.lstrip("\n"))
        if fm is not None:
            fence, inner, text = fm
            out.add("metadata", inner, fence + "\n", "\n" + fence)
            meta = meta_mod.fields(inner)
            first = False
        pieces = split_fences(text)
        chunk_fn = markdown_chunk
        fast = False
    else:
        pieces = [(False, "", text, "")]
        chunk_fn = plain_chunk
        fast = True
    for is_code, opening, body, closing in pieces:
        if is_code:
            content = body.strip("\n")
            if content.strip():
                out.add("code", content, opening + "\n", "\n" + closing if closing else "")
            continue
        # Split on blank lines (not re.split: 5x slower); 3+ newlines leave a "\n" to strip.
        for chunk in _paragraphs(body):
            if not chunk:
                continue
            if chunk[0] == "\n" or chunk[-1] == "\n":
                chunk = chunk.strip("\n")
                if not chunk:
                    continue
            if fast and "\n" not in chunk and chunk[0] not in _SLOW_START:
                # The common case of plain text: a one-line paragraph.
                out.add_prose(chunk, soft_heading=len(chunk) <= 100 and heading_like(chunk))
            else:
                chunk_fn(out, chunk, first)
            first = False
    # The cleaned text goes before the laid-out one is joined (two copies, not three).
    body = ""
    del text, pieces
    text = out.text()
    blocks = out.blocks
    if not meta.title and not meta.byline:
        header = "\n".join(text[b.start : b.end] for b in blocks[:12] if b.kind == "metadata")
        if header:
            meta = meta_mod.fields(header)
    meta_mod.apply(text, blocks, meta)
    warnings = []
    if out.repairs:
        warnings.append(f"re-joined {out.repairs} paragraph(s) broken mid-sentence")
    return Layout(text, blocks, meta, warnings)
