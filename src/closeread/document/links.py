"""The links of a document's text, as spans of their anchor text with their URL.

Inline links ``[anchor](url)`` (what the HTML, EPUB and PDF loaders write) and Markdown
reference links ``[anchor][key]`` / ``[anchor][]`` resolved through their ``[key]: url``
definitions.
"""

from __future__ import annotations

import re

from closeread.document.md_inline import definitions

INLINE_LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\[\]\n]{1,300})\]\((?P<url>[^()\s]{1,2000}(?:\([^()\s]*\)[^()\s]*)?)"
    r"(?:\s+\"[^\"\n]*\")?\)"
)
REFERENCE_LINK = re.compile(
    r"(?<![!\]])\[(?P<text>[^\[\]\n]{1,300})\]\[(?P<key>[^\[\]\n]{0,100})\](?![(:])"
)


def text_links(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, url)`` for every link of ``text``, in text order; the span is the
    anchor text's."""
    found = [(m.start("text"), m.end("text"), m.group("url")) for m in INLINE_LINK.finditer(text)]
    if "][" in text:
        defs = definitions(text)
        for m in REFERENCE_LINK.finditer(text):
            key = " ".join((m.group("key") or m.group("text")).lower().split())
            if key in defs:
                found.append((m.start("text"), m.end("text"), defs[key]))
        found.sort()
    return found


_LINK_TAIL = re.compile(r"\[(?P<text>[^\[\]\n]{0,300})\]\([^()\s]*$")
"""An inline link cut by the end of a span: ``[anchor](http://…`` without its ``)``."""
_LINK_HEAD = re.compile(r"^[^\[\]\n]{0,300}\]\([^()\s]{1,2000}\)")
"""An inline link cut by the start of a span: ``anchor](url)``."""


def prose(text: str) -> str:
    """``text`` as a reader sees it: each link ``[anchor](url)`` or ``[anchor][key]`` as its
    anchor text, also when the span starts or ends inside one (a claim's sentence around a
    link). For display and prose exports only: offsets into the document keep the text."""
    out = INLINE_LINK.sub(lambda m: m.group("text"), text)
    if "][" in out:
        out = REFERENCE_LINK.sub(lambda m: m.group("text"), out)
    out = _LINK_HEAD.sub(lambda m: m.group(0)[: m.group(0).index("](")], out)
    return _LINK_TAIL.sub(lambda m: m.group("text"), out)
