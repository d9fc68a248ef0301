"""The data of ``closeread notes FILE --format json`` (VISION §4)."""

from __future__ import annotations

from typing import Any

from closeread.notes.schema import format_time
from closeread.notes.store import NotesStore


def notes_report(store: NotesStore) -> dict[str, Any]:
    """``{"notes_file", "notes": [{id, kind, body, tags, verdict, quote, start, end, status}]}``.

    Notes come in document order, orphans (``start``/``end`` null) last. Extra keys:
    ``created``/``modified`` per note, ``guess`` (``{start, end, quote}`` of the likeliest
    place of an orphan, not attached for lack of evidence; else null), and ``read_only``
    with its reason.
    """
    return {
        "notes_file": str(store.path),
        "read_only": store.read_only_reason,
        "notes": [
            {
                "id": n.id,
                "kind": n.kind,
                "body": n.body,
                "tags": list(n.tags),
                "verdict": n.verdict,
                "quote": n.target.quote,
                "start": n.target.start,
                "end": n.target.end,
                "status": n.status,
                "created": format_time(n.created),
                "modified": format_time(n.modified),
                "guess": _guess(store.text, n.guess) if n.is_orphan else None,
            }
            for n in store.notes
        ],
    }


def _guess(text: str, guess: tuple[int, int] | None) -> dict[str, Any] | None:
    if guess is None or not 0 <= guess[0] < guess[1] <= len(text):
        return None
    return {"start": guess[0], "end": guess[1], "quote": text[guess[0] : guess[1]]}
