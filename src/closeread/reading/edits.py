"""The reader's changes to its notes and corrections, as the keys make them (no terminal).

Each function changes the notes store and returns what the reader is told ("note saved",
"highlight removed: z undoes"); the screen refreshes the views and shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeread.analysis import Analysis, Citation, Claim
from closeread.notes.merge import Fields
from closeread.notes.model import (
    LinkCorrection,
    Note,
    NoteKind,
    QuoteCorrection,
    SpanRef,
    Target,
)

if TYPE_CHECKING:
    from closeread.notes.store import NotesStore

Span = tuple[int, int]

#: How many citations on each side of a claim the link dialog offers.
LINK_CANDIDATES = 6


def add_note(store: NotesStore, text: str, span: Span, kind: NoteKind, body: str = "") -> str:
    store.add(Note(store.new_id(), kind, Target.from_span(text, *span), body=body))
    return "note saved"


def toggle_highlight(store: NotesStore, text: str, span: Span) -> str:
    """``h``: highlight ``span``; on a bare highlight of exactly it, take it away (z undoes)."""
    same = [
        n
        for n in store.notes_overlapping(*span)
        if n.kind == "highlight" and not n.body and (n.target.start, n.target.end) == span
    ]
    if same:
        store.delete(same[0].id)
        return "highlight removed: z undoes"
    store.add(Note(store.new_id(), "highlight", Target.from_span(text, *span)))
    return "highlighted"


def change_note(store: NotesStore, note: Note, started: Fields, message: str, **new: object) -> str:
    """Save the reader's change (only the fields they edited) onto the latest version of
    ``note``: another window's edits to other fields are kept, the same field edited in
    both keeps both texts (``NotesStore.change``); a note deleted meanwhile comes back."""
    gone = store.get(note.id) is None
    _, both = store.change(note, started, **new)
    if gone:
        return message + " (the note had been deleted in another closeread window: restored)"
    if both:
        fields = " and ".join(both)
        if "body" in both:
            return message + f" ({fields} also changed in another closeread window: both kept)"
        return message + f" ({fields} also changed in another window: yours kept)"
    return message


def judge_claim(store: NotesStore, text: str, claim: Claim, verdict: str) -> str:
    """A verdict on a claim without a note: a verdict note on the claim's text."""
    if verdict:
        target = Target.from_span(text, claim.start, claim.end)
        store.add(Note(store.new_id(), "verdict", target, verdict=verdict))
    return verdict_said(verdict)


def verdict_said(verdict: str) -> str:
    return f"verdict: {verdict}" if verdict else "verdict cleared"


def link_candidates(analysis: Analysis, claim: Claim) -> list[tuple[str, str, bool]]:
    """``(id, label, linked)`` of the citations nearest ``claim``, in text order."""
    by_distance = sorted(analysis.citations, key=lambda c: abs(c.start - claim.start))
    nearest = sorted(by_distance[: 2 * LINK_CANDIDATES], key=lambda c: c.start)
    return [(c.id, citation_label(c), c.id in claim.citations) for c in nearest]


def toggle_link(store: NotesStore, claim: Claim, citation: Citation) -> str:
    """Link ``claim`` to ``citation``, or unlink them (the analysis then runs again)."""
    linked = citation.id in claim.citations
    store.set_link(
        LinkCorrection(
            SpanRef(claim.text, claim.start, claim.end),
            SpanRef(citation.quote, citation.start, citation.end),
            "remove" if linked else "add",
        )
    )
    return f"{'unlinked' if linked else 'linked'} {claim.id} and {citation.id}"


def mark_quote(store: NotesStore, text: str, span: Span, source: str) -> str:
    """``Q``: the reader says ``span`` is a quote (of ``source``, if named)."""
    store.set_quote(QuoteCorrection(SpanRef(text[span[0] : span[1]], *span), "add", source))
    return f"marked as a quote{f' from {source}' if source else ''}"


def unmark_quote(store: NotesStore, citation: Citation) -> str:
    """``X``: the reader says ``citation`` is no quote."""
    store.set_quote(
        QuoteCorrection(SpanRef(citation.quote, citation.start, citation.end), "remove")
    )
    return f"{citation.id} is not a quote: the analysis runs again"


def citation_label(c: Citation) -> str:
    quote = " ".join(c.quote.split())
    quote = quote if len(quote) <= 50 else quote[:49] + "…"
    return f"{c.source_name or 'unattributed'} · “{quote}”"
