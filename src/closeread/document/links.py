"""The links of a document's text: ``[anchor text](url)`` written by the loaders (and by
Markdown authors), as spans of the anchor text with their URL."""

from __future__ import annotations

import re

INLINE_LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\[\]\n]{1,300})\]\((?P<url>[^()\s]{1,2000}(?:\([^()\s]*\)[^()\s]*)?)\)"
)


def text_links(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, url)`` for every inline link of ``text``; the span is the anchor text's."""
    return [(m.start("text"), m.end("text"), m.group("url")) for m in INLINE_LINK.finditer(text)]
