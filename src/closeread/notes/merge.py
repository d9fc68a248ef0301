"""Merging two versions of the same notes (this instance's and the one on disk).

Rules, chosen so that two closeread instances never lose each other's notes:

- notes are matched by id; when both sides have a note, the newer ``modified`` wins; on a
  tie (times are whole seconds) this instance's version wins only if it changed the note
  since it last synchronised, otherwise the disk's (a stale copy never overwrites an edit);
- a note present on one side only is kept — unless a tombstone (from either side) says it
  was deleted at or after its last modification;
- tombstones are united (latest time per id); a tombstone whose note was changed after the
  deletion (e.g. restored by undo) is dropped;
- link corrections are keyed by their claim and citation spans; the ones this instance
  changed since it last synchronised win, the others come from disk, and the local ones the
  disk does not know are kept. Quote corrections are merged the same way, keyed by span.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime
from typing import TypeVar

from closeread.notes.model import LinkCorrection, Note, QuoteCorrection, Tombstone

_T = TypeVar("_T")
_K = TypeVar("_K", bound=Hashable)

LinkKey = tuple[int, int, int, int]
QuoteKey = tuple[int, int]


def link_key(link: LinkCorrection) -> LinkKey:
    """Identity of a correction: the claim span and the citation span it is about."""
    return (link.claim.start, link.claim.end, link.citation.start, link.citation.end)


def merge_tombstones(*sides: Iterable[Tombstone]) -> dict[str, datetime]:
    """Latest deletion time per note id over all sides."""
    out: dict[str, datetime] = {}
    for side in sides:
        for t in side:
            if t.id not in out or t.time > out[t.id]:
                out[t.id] = t.time
    return out


def merge_notes(
    local: Sequence[Note],
    disk: Sequence[Note],
    tombstones: dict[str, datetime],
    changed: set[str] | None = None,
) -> tuple[list[Note], dict[str, datetime]]:
    """The merged notes (local order first, then disk-only ones) and the tombstones kept.

    ``changed``: ids of the notes this instance changed since it last synchronised.
    """
    changed = changed or set()
    by_id: dict[str, Note] = {n.id: n for n in local}
    for d in disk:
        mine = by_id.get(d.id)
        if mine is None or d.modified > mine.modified or (
            d.modified == mine.modified and d.id not in changed
        ):
            by_id[d.id] = d
    kept: list[Note] = []
    for note in by_id.values():
        died = tombstones.get(note.id)
        if died is None or note.modified > died:
            kept.append(note)
    alive = {n.id for n in kept}
    tombs = {i: t for i, t in tombstones.items() if i not in alive}
    return kept, tombs


def merge_links(
    local: Sequence[LinkCorrection],
    disk: Sequence[LinkCorrection],
    changed: set[LinkKey],
) -> list[LinkCorrection]:
    """Disk corrections overlaid with the ones changed here; local-only ones kept."""
    return _overlay(local, disk, changed, link_key)


def quote_key(correction: QuoteCorrection) -> QuoteKey:
    """Identity of a quote correction: the span it is about."""
    return (correction.span.start, correction.span.end)


def merge_quotes(
    local: Sequence[QuoteCorrection],
    disk: Sequence[QuoteCorrection],
    changed: set[QuoteKey],
) -> list[QuoteCorrection]:
    """Disk quote corrections overlaid with the ones changed here; local-only ones kept."""
    return _overlay(local, disk, changed, quote_key)


def _overlay(
    local: Sequence[_T], disk: Sequence[_T], changed: set[_K], key: Callable[[_T], _K]
) -> list[_T]:
    """Items by ``key``: the disk's win unless changed here; local-only ones are kept."""
    out: dict[_K, _T] = {key(item): item for item in local}
    for item in disk:
        k = key(item)
        if k not in changed:
            out[k] = item
    return list(out.values())
