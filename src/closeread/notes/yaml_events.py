"""One note's YAML from the emitter's events, without PyYAML's representer (twice as fast).

``yaml.dump`` of a note runs three stages: the representer turns the dict into nodes, the
serializer asks the resolver, for every scalar, whether it would read back as the same
type when written plain, and turns the nodes into events; the emitter (libyaml's C one when
built) writes the events. The first two are pure Python and took ~80 % of an import of
100,000 annotations (each new note is written once). Here the events are built directly
from the note's dict, with the same tags, styles and ``implicit`` flags the serializer
would give (the resolver's answer for each string is remembered for repeated texts: the
keys), so the emitter writes the same bytes; ``tests/unit/notes/test_yaml_events.py``
compares them with ``yaml.dump`` on generated notes.

Values other than text, whole numbers, booleans, ``None``, datetimes, lists and mappings
with text keys (possible only in keys of a note this version does not know) return None:
the caller falls back to ``yaml.dump``.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from closeread.notes.schema import format_time, str_style

STR = "tag:yaml.org,2002:str"


class _Unsupported(Exception):
    """A value this module does not write (the caller uses ``yaml.dump``)."""


def dump_item(data: dict[str, Any], dumper: type[yaml.SafeDumper]) -> str | None:
    """``yaml.dump([data], Dumper=dumper, ...)`` with the notes file's options (block
    style, UTF-8 as is, no line folding), or None for a value it does not write."""
    events: list[Event] = [
        StreamStartEvent(),
        DocumentStartEvent(explicit=False),
        SequenceStartEvent(None, None, True, flow_style=False),
    ]
    try:
        _events(data, events)
    except _Unsupported:
        return None
    events += [SequenceEndEvent(), DocumentEndEvent(explicit=False), StreamEndEvent()]
    text: str = yaml.emit(events, Dumper=dumper, allow_unicode=True, width=1 << 20)
    return text


def _events(value: object, out: list[Event]) -> None:
    if isinstance(value, str):
        out.append(_scalar(STR, value, str_style(value)))
    elif value is None:
        out.append(_scalar("tag:yaml.org,2002:null", "null"))
    elif isinstance(value, bool):
        out.append(_scalar("tag:yaml.org,2002:bool", "true" if value else "false"))
    elif isinstance(value, int):
        out.append(_scalar("tag:yaml.org,2002:int", str(value)))
    elif isinstance(value, datetime):
        out.append(_scalar("tag:yaml.org,2002:timestamp", format_time(value)))
    elif isinstance(value, dict):
        out.append(MappingStartEvent(None, None, True, flow_style=False))
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unsupported
            _events(key, out)
            _events(item, out)
        out.append(MappingEndEvent())
    elif isinstance(value, list):
        out.append(SequenceStartEvent(None, None, True, flow_style=False))
        for item in value:
            _events(item, out)
        out.append(SequenceEndEvent())
    else:
        raise _Unsupported


class _Resolver(yaml.resolver.Resolver):
    """The resolver of both notes dumpers (SafeDumper's and CSafeDumper's: the same rules)."""


_RESOLVER = _Resolver()


def _scalar(tag: str, value: str, style: str | None = None) -> ScalarEvent:
    """The event the serializer makes of a node: ``implicit`` says whether the plain and
    the quoted form read back with ``tag`` (else the emitter writes the tag)."""
    return ScalarEvent(None, tag, (_plain_tag(value) == tag, tag == STR), value, style=style)


@functools.lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    """The type ``value`` written plain reads back as (``true``: bool, ``12``: int)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag
