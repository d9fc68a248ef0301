"""Sentence segmentation with exact offsets (PLACEHOLDER: to be replaced)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from closeread.document.model import Document
from closeread.spans import SpanArray

_BOUNDARY = re.compile(r"[^.!?]*(?:[.!?]+[\"'”’)]*|$)")


def iter_sentence_chunks(doc: Document, chunk_chars: int = 200_000) -> Iterator[SpanArray]:
    """Yield sentence spans in document order, a chunk at a time (each chunk ~chunk_chars)."""
    chunk = SpanArray()
    size = 0
    for block in doc.blocks:
        for m in _BOUNDARY.finditer(doc.text, block.start, block.end):
            s, e = m.start(), m.end()
            while s < e and doc.text[s].isspace():
                s += 1
            while e > s and doc.text[e - 1].isspace():
                e -= 1
            if e > s:
                chunk.append(s, e)
        size += block.end - block.start
        if size >= chunk_chars:
            yield chunk
            chunk, size = SpanArray(), 0
    if len(chunk):
        yield chunk


def segment(doc: Document) -> SpanArray:
    """All sentences of ``doc``: sorted, trimmed, non-overlapping, within blocks."""
    out = SpanArray()
    for chunk in iter_sentence_chunks(doc):
        out.extend(chunk)
    return out
