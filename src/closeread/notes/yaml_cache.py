"""Saving one note costs the same with 20 or 20,000 notes: each note's YAML is kept.

A save used to hand the whole file to PyYAML; its representer runs in Python even with
libyaml's C emitter (``CSafeDumper``, already used), so 2,000 notes cost ~0.5 s per save
(measured on War and Peace, one note a paragraph). ``dump_cached`` writes the same bytes
(a test compares them with :func:`closeread.notes.schema.dump`) by serialising each note
on its own and reusing the text of every note that did not change since the last save.

This works because PyYAML writes a top-level block mapping key by key and a block sequence
item by item, each without reference to its neighbours: ``notes:`` followed by the
concatenated ``- id: ...`` items is exactly what ``yaml.dump`` of the whole mapping writes
(the sequence is not indented under its key in PyYAML's block style).

Each note's entry remembers the note object it was made from and the tuple of its written
fields (its content key). The store marks every note it changes in place (``touch``), so a
save looks at the marked notes only (and at the list, for notes added, replaced or gone):
with 20,000 notes a save no longer builds 20,000 keys. After a merge with another
instance's file, which may change any note, every key is compared once, and a cache used
without the store's marks (``NoteYamlCache()``) compares them at every save.
"""

from __future__ import annotations

import operator
import re
from typing import Any

import yaml

from closeread.notes import schema
from closeread.notes.model import Note
from closeread.notes.yaml_events import dump_item

_END = "...\n"
"""The document end marker PyYAML writes after a text ending with blank lines (``|+``)."""
_DUMP_ARGS: dict[str, Any] = {
    "sort_keys": False,
    "allow_unicode": True,
    "default_flow_style": False,
    "width": 1 << 20,
}


def _key(note: Note) -> tuple[object, ...]:
    t = note.target
    return (
        note.id,
        note.kind,
        note.created,
        note.modified,
        t.quote,
        t.prefix,
        t.suffix,
        t.start,
        t.end,
        note.body,
        tuple(note.tags),
        note.verdict,
        repr(note.extra) if note.extra else "",
    )


class _Entry:
    """One note's YAML: the note object it was made from, its content key, and its text
    per dumper (without a trailing ``...`` line; ``ended`` says whether it had one)."""

    __slots__ = ("astral", "key", "note", "texts")

    def __init__(self, note: Note, key: tuple[object, ...]) -> None:
        self.note = note
        self.key = key
        t = note.target
        texts = (note.body, t.quote, t.prefix, t.suffix, *note.tags)
        self.astral = any(s and max(s) > "\uffff" for s in texts)
        self.texts: dict[type[yaml.SafeDumper], _Part] = {}

    def text(self, dumper: type[yaml.SafeDumper]) -> _Part:
        """The note's ``- id: ...`` item in UTF-8, whether it ended with ``...`` and
        whether it holds a block scalar (``_part``)."""
        found = self.texts.get(dumper)
        if found is None:
            item = schema.note_dict(self.note)
            text = dump_item(item, dumper) or yaml.dump([item], Dumper=dumper, **_DUMP_ARGS)
            found = self.texts[dumper] = _part(text)
        return found


class NoteYamlCache:
    """The YAML text of each note as last written.

    A note is re-serialised when it is new, when the list holds another object for its
    id, or when it was marked changed (``touch``): the store marks every note it changes
    in place. ``touch()`` with no id (after a merge, which may change any note) makes the
    next save compare every note's content key instead — as a cache used without the
    store's marks (``trusting=False``) always does.
    """

    def __init__(self, *, trusting: bool = False) -> None:
        self._entries: dict[str, _Entry] = {}
        self._dirty: set[str] = set()
        self._trusting = trusting
        self._verify = True

    def touch(self, note_id: str | None = None) -> None:
        """Say that the note ``note_id`` (None: any note) changed in place."""
        if note_id is None:
            self._verify = True
        else:
            self._dirty.add(note_id)

    def entries(self, notes: list[Note]) -> list[_Entry]:
        """The entry of each note, refreshed where the note changed."""
        entries = self._entries
        verify = self._verify or not self._trusting
        dirty = self._dirty
        out: list[_Entry] = []
        for note in notes:
            e = entries.get(note.id)
            if e is None or e.note is not note or verify or note.id in dirty:
                key = _key(note)
                if e is None or e.key != key:
                    e = entries[note.id] = _Entry(note, key)
                e.note = note
            out.append(e)
        if len(entries) > 2 * len(out) + 64:  # forget deleted notes now and then
            self._entries = {n.id: e for n, e in zip(notes, out, strict=True)}
        self._dirty = set()
        self._verify = False
        return out


def dump_cached(data: schema.NotesData, cache: NoteYamlCache) -> str:
    """The same text as ``schema.dump(data)``, reusing the YAML of unchanged notes."""
    return dump_cached_bytes(data, cache).decode("utf-8")


def dump_cached_bytes(data: schema.NotesData, cache: NoteYamlCache) -> bytes:
    """``dump_cached`` in UTF-8, as written to the file: each note's bytes are kept, so a
    save of 20,000 notes joins them instead of encoding 8 MB of text again."""
    entries = cache.entries(data.notes)
    rest = schema.NotesData(document=data.document, links=data.links, quotes=data.quotes)
    astral = any(map(_ASTRAL, entries)) or schema.has_astral(rest)
    dumper = schema.dumper_for(astral)
    whole = schema.to_dict(
        schema.NotesData(
            document=data.document,
            links=data.links,
            deleted=data.deleted,
            quotes=data.quotes,
            extra=data.extra,
        )
    )
    del whole["notes"]
    head = {k: whole.pop(k) for k in ("closeread", "document")}
    parts = [_part(yaml.dump(head, Dumper=dumper, **_DUMP_ARGS))]
    if entries:
        parts.append((b"notes:\n", False, False))
        parts += [e.texts.get(dumper) or e.text(dumper) for e in entries]
    else:
        parts.append((b"notes: []\n", False, False))
    if whole:
        parts.append(_part(yaml.dump(whole, Dumper=dumper, **_DUMP_ARGS)))
    # A text ending in a ``|+`` block makes the emitter close the document with ``...``:
    # it goes once at the very end, when the last part has it or, for emitters whose flag
    # outlives later keys (libyaml's), when the last part with a block scalar has it (a
    # later block scalar clears the flag).
    if _sticky_end(dumper):
        # The flag lasts until the next block scalar: the last part that holds one says.
        blocks = [p for p in parts if p[2]]
        ended = bool(blocks) and blocks[-1][1]
    else:
        ended = parts[-1][1]
    return b"".join(map(_TEXT, parts)) + (_END.encode() if ended else b"")


_ASTRAL = operator.attrgetter("astral")
_TEXT = operator.itemgetter(0)

_Part = tuple[bytes, bool, bool]
"""A part of the file: its UTF-8 text without a ``...`` end line, whether it had one,
and whether it holds a block scalar."""
_BLOCK_SCALAR = re.compile(r"(?:: |^[ ]*- )[|>][0-9+-]*$", re.MULTILINE)
"""The header of a block scalar (``key: |+``, ``- |-``): a plain value never starts with
``|`` or ``>`` (the emitter quotes it)."""


def _part(text: str) -> _Part:
    """``text`` as a part of the file (``_Part``)."""
    ended = _ended(text)
    body = text[: -len(_END)] if ended else text
    return body.encode("utf-8"), ended, ended or _BLOCK_SCALAR.search(body) is not None


def _ended(part: str) -> bool:
    return part.endswith("\n" + _END)


_STICKY: dict[str, bool] = {}


def _sticky_end(dumper: type[yaml.SafeDumper]) -> bool:
    """Whether this emitter writes ``...`` after a ``|+`` block that is not the last value
    (libyaml does, PyYAML's Python emitter does not): asked once, of the emitter itself."""
    name = dumper.__qualname__
    if name not in _STICKY:
        probe = yaml.dump({"a": "\n", "b": 1}, Dumper=dumper, **_DUMP_ARGS)
        _STICKY[name] = _ended(probe)
    return _STICKY[name]
