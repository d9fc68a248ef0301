"""The reader's notes: model, YAML store, anchoring (pure core: no Textual, no Rich).

The names below are imported on first use (module ``__getattr__``), so importing one
submodule (``closeread.notes.model``) does not pay for YAML, rapidfuzz and the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeread.lazy import lazy_exports

if TYPE_CHECKING:
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

_WHERE = {
    "AnchorResult": "closeread.notes.anchoring",
    "anchor": "closeread.notes.anchoring",
    "anchor_many": "closeread.notes.anchoring",
    "CONTEXT_CHARS": "closeread.notes.model",
    "NOTE_KINDS": "closeread.notes.model",
    "VERDICTS": "closeread.notes.model",
    "AnchorStatus": "closeread.notes.model",
    "DocumentRef": "closeread.notes.model",
    "LinkCorrection": "closeread.notes.model",
    "Note": "closeread.notes.model",
    "NoteKind": "closeread.notes.model",
    "QuoteCorrection": "closeread.notes.model",
    "SpanRef": "closeread.notes.model",
    "Target": "closeread.notes.model",
    "Tombstone": "closeread.notes.model",
    "new_note_id": "closeread.notes.model",
    "utc_now": "closeread.notes.model",
    "notes_report": "closeread.notes.report",
    "NotesStore": "closeread.notes.store",
}

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

__getattr__, __dir__ = lazy_exports(__name__, globals(), _WHERE)
