"""Applying the reader's link corrections (VISION §5 ``links``) to an analysis.

Claims and citations are found again by their ``SpanRef``: the exact offsets first; else
the entity with the same text nearest the old position; else the entity overlapping the
occurrence of the quote nearest the old position. A correction whose claim or citation
cannot be found is skipped (the notes store keeps it; nothing is lost).

This module does not import ``closeread.notes`` (the analysis layer sits below it); it
accepts any objects shaped like ``LinkCorrection``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from closeread.analysis.model import Analysis, Citation, Claim


class SpanLike(Protocol):
    quote: str
    start: int
    end: int


class LinkLike(Protocol):
    @property
    def claim(self) -> SpanLike: ...
    @property
    def citation(self) -> SpanLike: ...
    @property
    def action(self) -> str: ...


E = TypeVar("E", Citation, Claim)


def _text_of(entity: Citation | Claim) -> str:
    return entity.quote if isinstance(entity, Citation) else entity.text


def find_entity(text: str, entities: Sequence[E], ref: SpanLike) -> E | None:
    """The entity ``ref`` points at, re-found as described in the module docstring."""
    for ent in entities:
        if ent.start == ref.start and ent.end == ref.end:
            return ent
    same = [ent for ent in entities if _text_of(ent) == ref.quote]
    if same:
        return min(same, key=lambda ent: abs(ent.start - ref.start))
    if not ref.quote:
        return None
    best_pos, pos = -1, text.find(ref.quote)
    while pos >= 0:
        if best_pos < 0 or abs(pos - ref.start) < abs(best_pos - ref.start):
            best_pos = pos
        pos = text.find(ref.quote, pos + 1)
    if best_pos < 0:
        return None
    end = best_pos + len(ref.quote)
    overlapping = [
        (min(end, ent.end) - max(best_pos, ent.start), ent)
        for ent in entities
        if ent.start < end and best_pos < ent.end
    ]
    if not overlapping:
        return None
    return max(overlapping, key=lambda t: t[0])[1]


def locate(text: str, ref: SpanLike) -> tuple[int, int] | None:
    """Where ``ref`` is now: its offsets if they still hold its quote, else the nearest copy."""
    if not ref.quote:
        return None
    if ref.start >= 0 and text[ref.start : ref.start + len(ref.quote)] == ref.quote:
        return ref.start, ref.start + len(ref.quote)
    best, pos = -1, text.find(ref.quote)
    while pos >= 0:
        if best < 0 or abs(pos - ref.start) < abs(best - ref.start):
            best = pos
        pos = text.find(ref.quote, pos + 1)
    return (best, best + len(ref.quote)) if best >= 0 else None


def _renumber(analysis: Analysis) -> None:
    """Restore ids c1, c2, ... in document order after a manual citation was inserted."""
    analysis.citations.sort(key=lambda c: (c.start, -c.end))
    new_ids = {c.id: f"c{n}" for n, c in enumerate(analysis.citations, start=1)}
    for c in analysis.citations:
        c.id = new_ids[c.id]
    for k in analysis.claims:
        k.citations = [new_ids.get(cid, cid) for cid in k.citations]
    for src in analysis.sources:
        src.citations = [new_ids.get(cid, cid) for cid in src.citations]


def _manual_citation(text: str, analysis: Analysis, ref: SpanLike) -> Citation | None:
    """A citation the reader marked by hand (a span the analysis did not see as one)."""
    span = locate(text, ref)
    if span is None:
        return None
    start, end = span
    quoted = text[max(0, start - 1) : start] in ('"', "\u201c") or ref.quote[:1] in ('"', "\u201c")
    citation = Citation(
        f"manual-{len(analysis.citations) + 1}",
        "inline_quote" if quoted else "paraphrase",
        start,
        end,
        text[start:end],
        manual=True,
    )
    analysis.citations.append(citation)
    _renumber(analysis)
    return citation


def apply_corrections(text: str, analysis: Analysis, corrections: Iterable[LinkLike]) -> None:
    """Add or remove the corrected links, mark the claims ``corrected``, recompute support.

    Linking a claim to a span that is no citation yet marks that span as a citation by
    hand (``manual``; an inline quote when it is in quotation marks, else a paraphrase).
    """
    for corr in corrections:
        claim = find_entity(text, analysis.claims, corr.claim)
        if claim is None:
            continue
        citation = find_entity(text, analysis.citations, corr.citation)
        if citation is None and corr.action == "add":
            citation = _manual_citation(text, analysis, corr.citation)
        if citation is None:
            continue
        order = {c.id: i for i, c in enumerate(analysis.citations)}
        if corr.action == "add":
            if citation.id not in claim.citations:
                claim.citations.append(citation.id)
                claim.citations.sort(key=lambda cid: order.get(cid, 0))
            # The reader vouches for this link: the claim now rests on it.
            claim.supported = True
            claim.corrected = True
        elif corr.action == "remove" and citation.id in claim.citations:
            claim.citations.remove(citation.id)
            claim.supported = claim.supported and bool(claim.citations)
            claim.corrected = True
