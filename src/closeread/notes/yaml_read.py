"""Reading a notes file from libyaml's events: what ``schema.load_yaml`` gives, 4x sooner.

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
    lines: dict[int, int] = {}
    resolvers = loader.yaml_implicit_resolvers
    if None in resolvers or loader.yaml_path_resolvers:
        raise _Fallback  # a resolver for every first character: not the safe loader's
    constructors = loader.yaml_constructors
    get_event: Any = loader.get_event
    if type(get_event()) is not StreamStartEvent:
        raise _Fallback
    event = get_event()
    if type(event) is StreamEndEvent:
        return None, lines
    if type(event) is not DocumentStartEvent:
        raise _Fallback
    # The open containers, innermost last; for a dict, the key waiting for its value.
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = _NO_KEY
    texts: set[str] = set()
    while True:
        event = get_event()
        cls = type(event)
        if cls is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Fallback
            value: Any = event.value
            if event.implicit[0] and value not in texts:
                found = resolvers.get(value[:1])
                if found:
                    for tag, regexp in found:
                        if regexp.match(value):
                            value = _construct(tag, value, constructors, loader)
                            break
                    else:
                        if len(value) <= 16:  # the keys, resolved once
                            texts.add(value)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) >= max_depth:
                raise _Fallback
            if cls is MappingStartEvent:
                value = {}
                lines[id(value)] = event.start_mark.line + 1
            else:
                value = []
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            value = stack.pop()
            keys.pop()
            if stack:
                continue
            root = value
            break
        else:  # an alias, or the document's end before a value
            raise _Fallback
        if not stack:
            if cls is ScalarEvent:
                root = value
                break
        else:
            top = stack[-1]
            if type(top) is list:
                top.append(value)
            elif keys[-1] is _NO_KEY:
                if cls is not ScalarEvent:
                    raise _Fallback  # a mapping or a list as a key
                keys[-1] = value
            else:
                top[keys[-1]] = value
                keys[-1] = _NO_KEY
        if cls is not ScalarEvent:
            stack.append(value)
            keys.append(_NO_KEY)
    # One document only (a second one is an error the composing path words).
    if type(get_event()) is not DocumentEndEvent or type(get_event()) is not StreamEndEvent:
        raise _Fallback
    return root, lines


_NO_KEY = object()
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
