"""Document metadata: title, byline and publisher, from front matter or the first blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from closeread.document.model import Block

_FIELD = re.compile(r"^\s*(?:\[#\]:\s*)?([A-Za-z][\w-]*)\s*[:=]\s*(.*?)\s*$", re.MULTILINE)
_LIST_ENTRY = re.compile(r"\s*-\s+(.*?)\s*")
BYLINE = re.compile(r"(?:By|BY|Written by|Words by)[:\s]\s*([A-Z][^.!?;]{1,78}?)\.?")
PUBLISHER = re.compile(
    r"(?:Source|Publisher|Published (?:in|by|at)|Originally published (?:in|by|at|on)|From)"
    r"\s*:\s*(\S.{0,78})",
    re.IGNORECASE,
)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMAIL = re.compile(r"\s*<[^>]*@[^>]*>")
_HEAD_WINDOW = 6  # byline/publisher lines are looked for among the first blocks only


@dataclass(slots=True)
class Meta:
    title: str = ""
    byline: str = ""
    publisher: str = ""
    date: str = ""


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    if len(value) >= 2 and value[0] == "(" and value[-1] == ")":  # [#]: key: (value)
        value = value[1:-1].strip()
    return value


def plain_name(value: str) -> str:
    """'[New Eastern Outlook](#)' -> 'New Eastern Outlook'; drop e-mail and profile URLs."""
    value = _MD_LINK.sub(r"\1", value)
    value = _EMAIL.sub("", value)
    value = re.sub(r"\s+https?://\S+", "", value)
    return value.strip().strip("*_").strip()


def fields(block_text: str) -> Meta:
    """Title/author/publisher from a front-matter or header block (YAML-ish ``key: value``)."""
    meta = Meta()
    lines = block_text.split("\n")
    for i, line in enumerate(lines):
        m = _FIELD.fullmatch(line)
        if m is None or line.startswith((" ", "\t")):
            continue
        key, value = m.group(1).lower(), _unquote(m.group(2))
        if not value:  # a YAML list may follow
            items = []
            for nxt in lines[i + 1 :]:
                e = _LIST_ENTRY.fullmatch(nxt)
                if e is None:
                    break
                items.append(_unquote(e.group(1)))
            value = ", ".join(x for x in items if x)
        if not value:
            continue
        if key in ("title", "subject") and not meta.title:
            meta.title = value
        elif key in ("author", "authors", "byline") and not meta.byline:
            meta.byline = plain_name(value)
        elif key in ("publisher", "publication", "source", "site") and not meta.publisher:
            meta.publisher = plain_name(value)
        elif key in ("date", "published", "pubdate") and not meta.date:
            meta.date = value
    return meta


def apply(text: str, blocks: list[Block], meta: Meta) -> None:
    """Mark the title, byline and publisher blocks (in place) and fill ``meta`` from them."""
    first = next((i for i, b in enumerate(blocks) if b.kind not in ("metadata", "rule")), None)
    if first is None:
        return
    b = blocks[first]
    heading = text[b.start : b.end]
    if b.kind == "heading" and (not meta.title or heading.casefold() == meta.title.casefold()):
        blocks[first] = Block("title", b.start, b.end, b.level or 1)
        meta.title = meta.title or heading
    for i in range(first, min(len(blocks), first + _HEAD_WINDOW)):
        b = blocks[i]
        if b.kind not in ("paragraph", "heading"):
            continue
        line = text[b.start : b.end]
        if len(line) > 100:
            continue
        by = BYLINE.fullmatch(line)
        if by is not None:
            meta.byline = meta.byline or plain_name(by.group(1))
            blocks[i] = Block("byline", b.start, b.end, 0)
            continue
        pub = PUBLISHER.fullmatch(line)
        if pub is not None:
            meta.publisher = meta.publisher or plain_name(pub.group(1))
            blocks[i] = Block("publisher", b.start, b.end, 0)
