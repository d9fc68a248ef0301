"""The reader's notes: model, YAML store, anchoring (pure core: no Textual, no Rich)."""

from __future__ import annotations

from closeread.notes.anchoring import AnchorResult, anchor, anchor_many
from closeread.notes.model import (
    CONTEXT_CHARS,
    NOTE_KINDS,
    VERDICTS,
    AnchorStatus,
    DocumentRef,
    LinkCorrection,
    Note,
    NoteKind,
    QuoteCorrection,
    SpanRef,
    Target,
    Tombstone,
    new_note_id,
    utc_now,
)
from closeread.notes.report import notes_report
from closeread.notes.store import NotesStore

__all__ = [
    "CONTEXT_CHARS",
    "NOTE_KINDS",
    "VERDICTS",
    "AnchorResult",
    "AnchorStatus",
    "DocumentRef",
    "LinkCorrection",
    "Note",
    "NoteKind",
    "NotesStore",
    "QuoteCorrection",
    "SpanRef",
    "Target",
    "Tombstone",
    "anchor",
    "anchor_many",
    "new_note_id",
    "notes_report",
    "utc_now",
]
