"""The reader's quote corrections: "this span is a quote" / "this is not a quote".

They are applied *inside* the analysis run (not patched onto its result), so everything
downstream follows from them the normal way: a span marked as a quote becomes a manual
citation whose sentences stop being claims, whose lead-in sentence is linked to it and
whose source is merged with the others; a span marked as not a quote loses its citation
(and the claim links to it) and its text is read as the author's.

- ``add`` makes a ``block_quote`` when the span covers more than one block or (nearly) a
  whole paragraph, else an ``inline_quote``. Its source is the one the reader gave, else
  the speaker its lead-in names, found by the same rules as for detected quotes (the
  sentence ending in ":" before a block quote; the rest of the sentence around an inline
  quote). A detected quote at the same place is replaced by the manual one.
- ``remove`` drops every detected citation at that span.

Spans are re-found by their exact offsets, else by the copy of their quote text nearest
the old offsets; a correction whose text is gone is skipped (the notes store keeps it).
This module does not import ``closeread.notes``; it accepts objects shaped like
``QuoteCorrection``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from closeread.analysis.blockquotes import _attribute, _is_lead_in, _lead_in_span
from closeread.analysis.corrections import SpanLike, locate
from closeread.analysis.found import Found
from closeread.analysis.names import clean_name, kind_hint
from closeread.analysis.quotes import _sentence_end, _sentence_start, find_inline_quotes
from closeread.document import Document

WHOLE_BLOCK = 0.9
"""A span covering this share of a paragraph's text marks the paragraph as a block quote."""
SAME_SPAN = 0.8
"""Two spans are "the same quote" when their overlap is this share of the longer one."""


class QuoteLike(Protocol):
    @property
    def span(self) -> SpanLike: ...
    @property
    def action(self) -> str: ...
    @property
    def source(self) -> str: ...


def same_span(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans are the same quote (tolerating quote marks and trimmed spaces)."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0], 1)
    return overlap >= SAME_SPAN * longest


@dataclass(slots=True)
class QuoteFixes:
    """The located quote corrections of one document."""

    added: list[Found] = field(default_factory=list)
    """Manual quote citations, in document order."""
    removed: list[tuple[int, int]] = field(default_factory=list)
    """Spans the reader says are not quotes."""
    whole_blocks: set[int] = field(default_factory=set)
    """Blocks (nearly) entirely inside a manual block quote: no claims there."""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)

    def drops(self, f: Found) -> bool:
        """Whether a detected citation gives way: marked as no quote, or replaced."""
        span = (f.start, f.end)
        if any(same_span(span, r) for r in self.removed):
            return True
        return f.kind in ("block_quote", "inline_quote") and any(
            same_span(span, (a.start, a.end)) for a in self.added
        )

    def blocks_quote(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span the reader says is not a quote."""
        return any(s < end and start < e for s, e in self.removed)


def _blocks_of(doc: Document, start: int, end: int) -> list[int]:
    return [i for i, b in enumerate(doc.blocks) if b.start < end and start < b.end]


def _covered(doc: Document, i: int, start: int, end: int) -> bool:
    b = doc.blocks[i]
    body = max(b.end - b.start, 1)
    return min(end, b.end) - max(start, b.start) >= WHOLE_BLOCK * body


def _block_quote(doc: Document, start: int, end: int, blocks: list[int]) -> Found:
    text = doc.text
    found = Found("block_quote", start, end, manual=True)
    first = doc.blocks[blocks[0]]
    lead: tuple[int, int] | None = None
    if start - first.start <= 2:
        i = blocks[0] - 1
        if i >= 0 and doc.blocks[i].kind == "paragraph" and _is_lead_in(text, doc.blocks[i]):
            lead = _lead_in_span(doc, i)
    elif text[first.start : start].strip():
        lead = (_sentence_start(text, start, first.start), start)
    if lead is not None:
        found.lead_in_start, found.lead_in_end = lead
        _attribute(text, lead[0], lead[1], found)
    return found


def _inline_quote(doc: Document, start: int, end: int, floor: int, limit: int) -> Found:
    text = doc.text
    found = Found("inline_quote", start, end, manual=True)
    s0 = _sentence_start(text, start, floor)
    s1 = max(_sentence_end(text, end, limit), end)
    for f in find_inline_quotes(text, s0, s1):
        if same_span((f.start, f.end), (start, end)):
            found.raw_source, found.source_kind = f.raw_source, f.source_kind
            return found
    for lead in ((s0, start), (end, s1)):
        if text[lead[0] : lead[1]].strip(' "\u201c\u201d,.;:'):
            probe = Found("inline_quote", start, end)
            _attribute(text, lead[0], lead[1], probe)
            if probe.raw_source:
                found.raw_source, found.source_kind = probe.raw_source, probe.source_kind
                found.lead_in_start, found.lead_in_end = lead
                return found
    return found


def plan_quote_fixes(doc: Document, corrections: Iterable[QuoteLike]) -> QuoteFixes:
    """Locate the corrections in ``doc`` and build the manual citations they ask for.

    A later correction of the same span wins over an earlier one.
    """
    text = doc.text
    latest: dict[tuple[int, int], QuoteLike] = {}
    for corr in corrections:
        span = locate(text, corr.span)
        if span is not None and span[1] > span[0]:
            latest.pop(span, None)
            latest[span] = corr
    fixes = QuoteFixes()
    for (start, end), corr in latest.items():
        if corr.action == "remove":
            fixes.removed.append((start, end))
            continue
        if corr.action != "add":
            continue
        blocks = _blocks_of(doc, start, end)
        if not blocks:
            continue
        whole = [i for i in blocks if _covered(doc, i, start, end)]
        if len(blocks) > 1 or whole:
            found = _block_quote(doc, start, end, blocks)
            fixes.whole_blocks.update(whole)
        else:
            b = doc.blocks[blocks[0]]
            found = _inline_quote(doc, start, end, b.start, b.end)
        if corr.source.strip():
            found.raw_source = corr.source.strip()
            found.source_kind = kind_hint(found.raw_source)
        elif found.raw_source and not clean_name(found.raw_source):
            found.raw_source = ""
        fixes.added.append(found)
    fixes.added.sort(key=lambda f: (f.start, -f.end))
    fixes.removed.sort()
    return fixes
