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

A note's cache key is the tuple of its written fields, built fresh at every save: notes are
mutable dataclasses, so an id alone could not tell a changed note from an unchanged one.
Building the keys of 2,000 notes takes ~2 ms; serialising one note ~0.2 ms.
"""

from __future__ import annotations

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


class NoteYamlCache:
    """The YAML text of each note as last written, keyed by its content and the dumper."""

    def __init__(self) -> None:
        self._texts: dict[tuple[type[yaml.SafeDumper], tuple[object, ...]], str] = {}
        self._astral: dict[tuple[object, ...], bool] = {}

    def has_astral(self, keys: list[tuple[object, ...]], notes: list[Note]) -> bool:
        """Whether any note holds a character beyond U+FFFF (remembered per note)."""
        known = self._astral
        fresh: dict[tuple[object, ...], bool] = {}
        for key, note in zip(keys, notes, strict=True):
            found = known.get(key)
            if found is None:
                t = note.target
                texts = (note.body, t.quote, t.prefix, t.suffix, *note.tags)
                found = any(s and max(s) > "\uffff" for s in texts)
            fresh[key] = found
        self._astral = fresh
        return any(fresh.values())

    def notes_parts(
        self, keys: list[tuple[object, ...]], notes: list[Note], dumper: type[yaml.SafeDumper]
    ) -> list[str]:
        """The ``- id: ...`` item of each note, reused if unchanged."""
        known = self._texts
        fresh: dict[tuple[type[yaml.SafeDumper], tuple[object, ...]], str] = {}
        parts: list[str] = []
        for key, note in zip(keys, notes, strict=True):
            text = known.get((dumper, key))
            if text is None:
                item = schema.note_dict(note)
                text = dump_item(item, dumper) or yaml.dump([item], Dumper=dumper, **_DUMP_ARGS)
            fresh[dumper, key] = text
            parts.append(text)
        self._texts = fresh  # forget deleted and superseded notes
        return parts


def dump_cached(data: schema.NotesData, cache: NoteYamlCache) -> str:
    """The same text as ``schema.dump(data)``, reusing the YAML of unchanged notes."""
    keys = [_key(n) for n in data.notes]
    rest = schema.NotesData(document=data.document, links=data.links, quotes=data.quotes)
    astral = cache.has_astral(keys, data.notes) or schema.has_astral(rest)
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
    parts = [yaml.dump(head, Dumper=dumper, **_DUMP_ARGS)]
    if data.notes:
        parts += ["notes:\n", *cache.notes_parts(keys, data.notes, dumper)]
    else:
        parts.append("notes: []\n")
    if whole:
        parts.append(yaml.dump(whole, Dumper=dumper, **_DUMP_ARGS))
    # A text ending in a ``|+`` block makes the emitter close the document with ``...``:
    # it goes once at the very end, when the last part has it or, for emitters whose flag
    # outlives later keys (libyaml's), when any part has it.
    ended = [_ended(p) for p in parts]
    end = _END if ended[-1] or (_sticky_end(dumper) and any(ended)) else ""
    return "".join(p[: -len(_END)] if e else p for p, e in zip(parts, ended, strict=True)) + end


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
