"""Reading a notes file from libyaml's events: what ``schema.load_yaml`` gives, ~3.5x sooner.

``schema.load_yaml`` composes the whole node graph (libyaml's C composer still makes a
Python node and two marks per scalar and asks the Python resolver about each), walks it
for aliases and depth, then runs PyYAML's Python constructor over it: ~0.4 s for 2,000
notes, where libyaml's parser alone takes ~0.05 s. Here the values are built straight
from the parser's events, with PyYAML's own resolver and scalar constructors (so ``12``
is an int, ``2026-11-25T10:00:00Z`` a datetime, ``~`` None, exactly as before) and the
line of every mapping recorded for error messages, as ``schema._LineLoader`` does.

Only the plain subset is built here: mappings, lists, and scalars whose type is implied
(text, null, bool, int, float, timestamp). Anything else — an anchor or an alias, an
explicit tag (``!!python/object``, ``!!binary``), a merge key (``<<``), a mapping or a
list as a key, nesting deeper than ``schema.MAX_DEPTH``, a second document, a scalar its
constructor refuses, a syntax error — returns None, and the caller takes the composing
path, which reads, bounds or refuses it with the messages it always gave.
``tests/unit/notes/test_yaml_read.py`` checks both paths give the same data and lines.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

NULL = "tag:yaml.org,2002:null"
INT = "tag:yaml.org,2002:int"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BUILT = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
"""Implied types built with PyYAML's own constructors; any other one goes the slow way."""


class _Fallback(Exception):
    """Something outside the plain subset: the caller composes instead."""


_Loader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def load_events(text: str, max_depth: int) -> tuple[Any, dict[int, int]] | None:
    """The data of ``text`` and the 1-based line of each mapping (keyed by ``id``), or
    None if the text needs the composing path (see the module docstring)."""
    if _Loader is None:  # no libyaml: the pure-Python parser gains nothing here
        return None
    loader = _Loader(text)
    try:
        return _build(loader, max_depth)
    except (_Fallback, yaml.YAMLError, ValueError, TypeError, LookupError, OverflowError):
        return None
    finally:
        loader.dispose()


def _build(loader: yaml.SafeLoader, max_depth: int) -> tuple[Any, dict[int, int]]:
    if None in loader.yaml_implicit_resolvers or loader.yaml_path_resolvers:
        raise _Fallback  # a resolver for every first character: not the safe loader's
    get_event: Any = loader.get_event
    if type(get_event()) is not StreamStartEvent:
        raise _Fallback
    event = get_event()
    if type(event) is StreamEndEvent:
        return None, {}
    if type(event) is not DocumentStartEvent:
        raise _Fallback
    builder = _Builder(loader, max_depth)
    root = builder.node(get_event(), 0)
    # One document only (a second one is an error the composing path words).
    if type(get_event()) is not DocumentEndEvent or type(get_event()) is not StreamEndEvent:
        raise _Fallback
    return root, builder.lines


class _Builder:
    """Builds the values of one document, event by event (recursion bounded by depth)."""

    def __init__(self, loader: yaml.SafeLoader, max_depth: int) -> None:
        self.loader = loader
        self.get_event: Any = loader.get_event
        self.resolvers = loader.yaml_implicit_resolvers
        self.constructors = loader.yaml_constructors
        self.max_depth = max_depth
        self.lines: dict[int, int] = {}
        self.texts: set[str] = set()
        """Short plain scalars known to be text (the keys): resolved once."""

    def node(self, event: Any, depth: int) -> Any:
        cls = type(event)
        if cls is ScalarEvent:
            return self.scalar(event)
        if cls is MappingStartEvent:
            return self.mapping(event, depth)
        if cls is SequenceStartEvent:
            return self.sequence(event, depth)
        raise _Fallback  # an alias, or something out of place

    def scalar(self, event: Any) -> Any:
        if event.anchor is not None or event.tag is not None:
            raise _Fallback
        value = event.value
        if event.implicit[0] and value not in self.texts:
            found = self.resolvers.get(value[:1])
            if found:
                for tag, regexp in found:
                    if regexp.match(value):
                        return _construct(tag, value, self.constructors, self.loader)
            if len(value) <= 16:
                self.texts.add(value)
        return value

    def mapping(self, event: Any, depth: int) -> dict[Any, Any]:
        if event.anchor is not None or event.tag is not None or depth >= self.max_depth:
            raise _Fallback
        out: dict[Any, Any] = {}
        self.lines[id(out)] = event.start_mark.line + 1
        get_event, scalar, node = self.get_event, self.scalar, self.node
        while True:
            key = get_event()
            cls = type(key)
            if cls is MappingEndEvent:
                return out
            if cls is not ScalarEvent:
                raise _Fallback  # a mapping or a list as a key, or an alias
            value = get_event()
            out[scalar(key)] = (
                scalar(value) if type(value) is ScalarEvent else node(value, depth + 1)
            )

    def sequence(self, event: Any, depth: int) -> list[Any]:
        if event.anchor is not None or event.tag is not None or depth >= self.max_depth:
            raise _Fallback
        out: list[Any] = []
        get_event, scalar, node = self.get_event, self.scalar, self.node
        while True:
            item = get_event()
            cls = type(item)
            if cls is SequenceEndEvent:
                return out
            out.append(scalar(item) if cls is ScalarEvent else node(item, depth + 1))


_UTC_SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\Z")
"""The times closeread writes: read by ``datetime.fromisoformat``, as PyYAML reads them."""


def _construct(tag: str, value: str, constructors: dict[Any, Any], loader: Any) -> Any:
    """The value of a plain scalar ``value`` that resolves to ``tag`` (not text)."""
    if tag == NULL:
        return None
    if tag == INT and value.isdigit() and value.isascii() and value[0] != "0":
        return int(value)
    if tag == TIMESTAMP and _UTC_SECOND.match(value):
        return datetime.fromisoformat(value[:-1]).replace(tzinfo=timezone.utc)
    if tag not in _BUILT:
        raise _Fallback
    return constructors[tag](loader, yaml.ScalarNode(tag, value))
