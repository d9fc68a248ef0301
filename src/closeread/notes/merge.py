"""Merging two versions of the same notes (this instance's and the one on disk).

Rules, chosen so that two closeread instances never lose each other's notes:

- notes are matched by id; when both sides have a note, the newer ``modified`` wins; on a
  tie (times are whole seconds) this instance's version wins only if it changed the note
  since it last synchronised, otherwise the disk's (a stale copy never overwrites an edit);
- when the version both sides last agreed on (the *base*) is known, the fields the reader
  edits (kind, body, tags, verdict) are merged three-way, field by field: a field changed
  on one side only takes that change, so two windows editing different fields both win;
  the same field changed on both sides keeps both (``merge_field``), never drops one;
- a note present on one side only is kept — unless a tombstone (from either side) says it
  was deleted at or after its last modification; a note edited since the base is kept
  even against a newer tombstone (the deleting window never saw that edit);
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

Fields = tuple[str, str, tuple[str, ...], str | None]
"""The fields a reader edits, in a comparable form: (kind, body, tags, verdict)."""
FIELD_NAMES = ("kind", "body", "tags", "verdict")
BOTH_EDITED = "\n\n[edited in another closeread window at the same time:]\n"
"""Joins the two texts of a body edited in two windows at once (both are kept)."""


def fields(note: Note) -> Fields:
    """The reader-editable fields of ``note``."""
    return (note.kind, note.body, tuple(note.tags), note.verdict)


def merge_field(name: str, base: object, mine: object, theirs: object) -> tuple[object, bool]:
    """Three-way merge of one field; returns (value, whether both sides changed it).

    Tags merge as sets (each side's additions and removals apply). A body changed on
    both sides keeps both texts, ``mine`` first. Kind and verdict are choices, not text:
    ``mine`` (the later, explicit choice) wins and the conflict is reported.
    """
    if mine in (theirs, base):
        return theirs, False
    if theirs == base:
        return mine, False
    if name == "tags":
        b, m, t = (tuple(x) if isinstance(x, (list, tuple)) else () for x in (base, mine, theirs))
        removed = set(b) - set(m)
        out = [tag for tag in t if tag not in removed]
        out += [tag for tag in m if tag not in out and tag not in b]
        return tuple(out), False
    if name == "body":
        return f"{mine}{BOTH_EDITED}{theirs}", True
    return mine, True


def merge_fields(base: Fields, mine: Fields, theirs: Fields) -> tuple[Fields, list[str]]:
    """Field-by-field three-way merge; returns the fields and the names edited on both sides."""
    out: list[object] = []
    both: list[str] = []
    for name, b, m, t in zip(FIELD_NAMES, base, mine, theirs, strict=True):
        value, conflict = merge_field(name, b, m, t)
        out.append(value)
        if conflict:
            both.append(name)
    kind, body, tags, verdict = out
    assert isinstance(tags, tuple) and (verdict is None or isinstance(verdict, str))
    return (str(kind), str(body), tags, verdict), both


def with_fields(note: Note, values: Fields) -> Note:
    """``note`` with these reader-editable fields (in place; returns it)."""
    kind, body, tags, verdict = values
    note.kind = kind  # type: ignore[assignment]
    note.body, note.tags, note.verdict = body, list(tags), verdict
    return note


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
    base: dict[str, Fields] | None = None,
) -> tuple[list[Note], dict[str, datetime]]:
    """The merged notes (local order first, then disk-only ones) and the tombstones kept.

    ``changed``: ids of the notes this instance changed since it last synchronised.
    ``base``: the fields of each note as this instance last synchronised them.
    """
    changed = changed or set()
    base = base or {}
    by_id: dict[str, Note] = {n.id: n for n in local}
    edited_since_base: set[str] = set()
    for d in disk:
        mine = by_id.get(d.id)
        b = base.get(d.id)
        if b is not None and fields(d) != b:
            edited_since_base.add(d.id)
        if (
            mine is None
            or d.modified > mine.modified
            or (d.modified == mine.modified and d.id not in changed)
        ):
            winner, other = d, mine
        else:
            winner, other = mine, d
        if b is not None and other is not None and fields(winner) != fields(other):
            values = merge_fields(b, fields(mine), fields(d))[0] if mine is not None else fields(d)
            winner = with_fields(winner, values)
            winner.modified = max(d.modified, mine.modified) if mine is not None else d.modified
        by_id[d.id] = winner
    for note in local:
        b = base.get(note.id)
        if b is not None and fields(note) != b:
            edited_since_base.add(note.id)
    kept: list[Note] = []
    for note in by_id.values():
        died = tombstones.get(note.id)
        if died is None or note.modified > died or note.id in edited_since_base:
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
