"""Anchoring imported notes against the document text, exactly as the notes store does on load."""

from __future__ import annotations

from closeread.notes.anchoring import anchor
from closeread.notes.model import Note, Target


def anchor_target(note: Note, text: str) -> None:
    """Place ``note`` in ``text`` in place: sets ``target.start/end`` and ``status``.

    Position, else exact quote (best prefix/suffix), else fuzzy with a minimum score, else
    orphan (:mod:`closeread.notes.anchoring`). A note found elsewhere adopts the text as it
    is now, so the next open finds it in place.
    """
    found = anchor(note.target, text)
    note.status = found.status
    note.guess = found.guess
    if found.start is None or found.end is None:
        note.target.start = note.target.end = None
    elif found.status != "anchored":
        note.target = Target.from_span(text, found.start, found.end)
