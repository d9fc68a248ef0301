"""The notes file on disk (VISION §5): strict reading and readable writing of YAML.

Reading uses PyYAML's *safe* loader only (a subclass that merely records the line of each
mapping, for error messages); tags such as ``!!python/object`` are refused. Any problem —
not UTF-8, a YAML syntax error, a wrong shape, a newer schema — raises ``NotesFileError``
naming the file and, where known, the line, and nothing is written.

Bounded: YAML aliases (``*name``) to a mapping, a list or a long text are refused — a few
kilobytes of them can stand for gigabytes (the "billion laughs"); closeread no longer
writes any, but versions before it aliased a note's ``modified`` to its ``created`` time,
so an alias of a short scalar (``MAX_ALIAS_CHARS``) is still read. Nesting deeper than
``MAX_DEPTH`` is refused too; both are checked on the composed node graph, before anything
is constructed. Times outside what a datetime holds in UTC are refused.

The plain files closeread writes are read from libyaml's events (``yaml_read.py``, the
same values ~3.5x sooner); anything beyond them goes through the composing path above.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, NoReturn

import yaml

from closeread import SCHEMA_VERSION
from closeread.errors import NotesFileError
from closeread.notes.migrate import migrate
from closeread.notes.model import (
    NOTE_KINDS,
    VERDICTS,
    DocumentRef,
    LinkCorrection,
    Note,
    QuoteCorrection,
    SpanRef,
    Target,
    Tombstone,
)
from closeread.notes.yaml_read import load_events

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_ALIAS_CHARS = 64
"""Longest scalar an alias may repeat (a timestamp is 20 characters)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists read (a notes file needs 5)."""
KNOWN_KEYS = ("closeread", "document", "notes", "links", "quotes", "deleted")
NOTE_KEYS = ("id", "kind", "created", "modified", "target", "body", "tags", "verdict")


@dataclass(slots=True)
class NotesData:
    """Everything a notes file holds."""

    document: DocumentRef
    notes: list[Note] = field(default_factory=list)
    links: list[LinkCorrection] = field(default_factory=list)
    deleted: list[Tombstone] = field(default_factory=list)
    quotes: list[QuoteCorrection] = field(default_factory=list)
    """The reader's "this is / is not a quote" corrections (optional ``quotes:`` key)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Unknown top-level keys, written back unchanged."""


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, remembering the first line of every mapping for error messages."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.lines: dict[int, int] = {}

    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:
        gen = super().construct_yaml_map(node)
        data = next(gen)
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        for _ in gen:
            pass


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_yaml_map)


class _Checker:
    """Shape checks that raise one clear ``NotesFileError`` naming the file and place."""

    def __init__(self, path: Path, lines: dict[int, int]) -> None:
        self.path = path
        self.lines = lines

    def fail(self, where: str, problem: str, node: object = None) -> NoReturn:
        line = self.lines.get(id(node)) if node is not None else None
        at = f"line {line}: " if line else ""
        raise NotesFileError(f"{at}{where}: {problem}; file left untouched", path=self.path)

    def mapping(self, value: object, where: str, parent: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, f"expected a mapping, found {_kind(value)}", parent)
        return value

    def string(self, m: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = m.get(key, default)
        if value is None and default is None and key not in m:
            self.fail(where, f"missing '{key}'", m)
        if not isinstance(value, str):
            self.fail(where, f"'{key}' must be text, found {_kind(value)}", m)
        return value

    def opt_int(self, m: dict[str, Any], key: str, where: str) -> int | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(where, f"'{key}' must be a non-negative integer or null", m)
        return value

    def time(self, m: dict[str, Any], key: str, where: str) -> datetime:
        value = m.get(key)
        try:
            return parse_time(value)
        except (ValueError, OverflowError):
            self.fail(where, f"'{key}' must be a UTC time like 2026-11-25T10:00:00Z", m)


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def parse_time(value: object) -> datetime:
    """A timestamp from YAML (a datetime, a date, or an ISO string) as an aware UTC datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime):
        raise ValueError(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).replace(microsecond=0)


def format_time(value: datetime) -> str:
    """``2026-11-25T10:00:00Z``; the year always in four digits (``%Y`` writes the year
    999 as ``999``, which no longer reads back as a date)."""
    utc = value.astimezone(timezone.utc)
    return f"{utc.year:04d}" + utc.strftime("-%m-%dT%H:%M:%SZ")


def decode(raw: bytes, path: Path) -> str:
    """The file's text; ``NotesFileError`` if it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotesFileError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); file left untouched",
            path=path,
        ) from None


def load_yaml(raw: bytes, path: Path) -> tuple[Any, dict[int, int]]:
    """Safe-load the bytes of a notes file; return the data and the line of each mapping."""
    text = decode(raw, path)
    fast = load_events(text, MAX_DEPTH)  # the plain files closeread writes, ~3.5x sooner
    if fast is not None:
        return fast
    return compose_yaml(text, path)


def compose_yaml(text: str, path: Path) -> tuple[Any, dict[int, int]]:
    """``load_yaml`` through PyYAML's composer and constructor, with every check."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_nodes(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            problem = f"{problem} (only plain YAML is read; tags are refused)"
        raise NotesFileError(f"{at}{problem}; file left untouched", path=path) from None
    except yaml.YAMLError as exc:
        raise NotesFileError(f"invalid YAML ({exc}); file left untouched", path=path) from None
    except (ValueError, OverflowError) as exc:  # a timestamp such as 0000-01-01
        raise NotesFileError(f"invalid value ({exc}); file left untouched", path=path) from None
    except (AttributeError, TypeError, LookupError):  # PyYAML constructors: ``!!bool maybe``
        raise NotesFileError(
            "a value does not fit its explicit type (such as !!timestamp); file left untouched",
            path=path,
        ) from None
    except RecursionError:
        raise NotesFileError("nested too deeply; file left untouched", path=path) from None
    finally:
        loader.dispose()
    return data, loader.lines


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """Refuse aliases (a node reached twice) and nesting deeper than ``MAX_DEPTH``."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            if isinstance(node, yaml.ScalarNode) and len(node.value) <= MAX_ALIAS_CHARS:
                continue
            line = node.start_mark.line + 1 if node.start_mark else 0
            raise NotesFileError(
                f"line {line}: YAML aliases (*name) of lists, mappings or long texts are "
                "refused in notes files; file left untouched",
                path=path,
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise NotesFileError(
                f"nested deeper than {MAX_DEPTH} levels; file left untouched", path=path
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


def parse(raw: bytes, path: Path) -> NotesData | None:
    """Read a notes file's bytes; None if the file is empty. Raises ``NotesFileError``."""
    data, lines = load_yaml(raw, path)
    if data is None:
        return None
    check = _Checker(path, lines)
    top = check.mapping(data, "notes file", None)
    version = top.get("closeread")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        check.fail("notes file", "missing or invalid 'closeread' schema version", top)
    if version > SCHEMA_VERSION:
        raise NotesFileError(
            f"written by a newer closeread (schema {version}, this version reads up to "
            f"{SCHEMA_VERSION}); file left untouched",
            path=path,
        )
    top = migrate(top, version)
    doc = check.mapping(top.get("document"), "document", top)
    document = DocumentRef(
        path=check.string(doc, "path", "document"),
        title=check.string(doc, "title", "document", ""),
        sha256=check.string(doc, "sha256", "document", ""),
        url=check.string(doc, "url", "document", ""),
        fingerprint=check.string(doc, "fingerprint", "document", ""),
    )
    notes = [_note(check, item, i, top) for i, item in enumerate(_seq(check, top, "notes"))]
    seen: set[str] = set()
    for note in notes:
        if note.id in seen:
            check.fail(f"note {note.id}", "duplicate id", top)
        seen.add(note.id)
    links = [_link(check, item, i, top) for i, item in enumerate(_seq(check, top, "links"))]
    quotes = [_quote(check, item, i, top) for i, item in enumerate(_seq(check, top, "quotes"))]
    deleted = []
    for i, item in enumerate(_seq(check, top, "deleted")):
        m = check.mapping(item, f"deleted[{i}]", top)
        deleted.append(
            Tombstone(
                check.string(m, "id", f"deleted[{i}]"), check.time(m, "time", f"deleted[{i}]")
            )
        )
    extra = {k: v for k, v in top.items() if k not in KNOWN_KEYS}
    return NotesData(document, notes, links, deleted, quotes, extra)


def _seq(check: _Checker, top: dict[str, Any], key: str) -> list[Any]:
    value = top.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        check.fail(key, f"expected a list, found {_kind(value)}", top)
    return value


def _note(check: _Checker, item: object, index: int, top: object) -> Note:
    where = f"notes[{index}]"
    m = check.mapping(item, where, top)
    if isinstance(m.get("id"), str):
        where = f"note {m['id']} (notes[{index}])"
    note_id = check.string(m, "id", where)
    if not note_id.strip():
        check.fail(where, "'id' is empty", m)
    kind = m.get("kind")
    if kind not in NOTE_KINDS:
        check.fail(where, f"'kind' must be one of {', '.join(NOTE_KINDS)}", m)
    verdict = m.get("verdict")
    if verdict is not None and verdict not in VERDICTS:
        check.fail(where, f"'verdict' must be one of {', '.join(VERDICTS)} or null", m)
    tags = m.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        check.fail(where, "'tags' must be a list of text", m)
    t = check.mapping(m.get("target"), f"{where}: target", m)
    start, end = check.opt_int(t, "start", where), check.opt_int(t, "end", where)
    if (start is None) != (end is None) or (start is not None and end is not None and end < start):
        check.fail(where, "'start' and 'end' must both be null or 0 <= start <= end", t)
    target = Target(
        quote=check.string(t, "quote", f"{where}: target"),
        prefix=check.string(t, "prefix", f"{where}: target", ""),
        suffix=check.string(t, "suffix", f"{where}: target", ""),
        start=start,
        end=end,
    )
    return Note(
        id=note_id,
        kind=kind,
        target=target,
        body=check.string(m, "body", where, ""),
        tags=list(tags),
        verdict=verdict,
        created=check.time(m, "created", where),
        modified=check.time(m, "modified", where),
        extra={k: v for k, v in m.items() if k not in NOTE_KEYS},
    )


def _span(check: _Checker, m: dict[str, Any], key: str, where: str) -> SpanRef:
    s = check.mapping(m.get(key), f"{where}: {key}", m)
    start, end = check.opt_int(s, "start", where), check.opt_int(s, "end", where)
    if start is None or end is None or end < start:
        check.fail(f"{where}: {key}", "needs 'start' <= 'end'", s)
    return SpanRef(check.string(s, "quote", f"{where}: {key}", ""), start, end)


def _link(check: _Checker, item: object, index: int, top: object) -> LinkCorrection:
    where = f"links[{index}]"
    m = check.mapping(item, where, top)
    action = m.get("action", "add")
    if action not in ("add", "remove"):
        check.fail(where, "'action' must be add or remove", m)
    return LinkCorrection(
        _span(check, m, "claim", where), _span(check, m, "citation", where), action
    )


def _quote(check: _Checker, item: object, index: int, top: object) -> QuoteCorrection:
    where = f"quotes[{index}]"
    m = check.mapping(item, where, top)
    action = m.get("action", "add")
    if action not in ("add", "remove"):
        check.fail(where, "'action' must be add or remove", m)
    span = _span(check, m, "span", where)
    if not span.quote:
        check.fail(f"{where}: span", "'quote' must not be empty", m)
    return QuoteCorrection(span, action, check.string(m, "source", where, ""))


# ---- writing -------------------------------------------------------------------------


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block style, multi-line text as ``|`` blocks; libyaml's emitter (5x faster) if built.
    Never an alias: a value used twice (the same ``created`` and ``modified``) is written
    twice, as the reader refuses most aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _PyDumper(yaml.SafeDumper):
    """The same in pure Python, which writes emoji and other non-BMP characters as they are
    (libyaml escapes them as ``\\U0001F600``); used when the notes hold any."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Line breaks YAML knows besides "\n": PyYAML folds them in plain, single-quoted and
# block scalars, so text holding them is written double-quoted, where they are escaped.
_OTHER_BREAKS = frozenset("\x85\u2028\u2029")


def str_style(value: str) -> str | None:
    """How a text is written: ``"`` (double-quoted), ``|`` (a block) or None (the
    emitter's choice: plain, or single-quoted where plain would not read back)."""
    if not _OTHER_BREAKS.isdisjoint(value):
        return '"'
    if "\n" in value:
        # A ``|`` block reads well for a multi-line body; text that starts or ends with
        # blank lines or spaces (a quote's context, mostly) would need ``|+``/``|2-``
        # indicators there, so it is written double-quoted on one line instead.
        body = value.removesuffix("\n")
        return '"' if body[:1].isspace() or body[-1:].isspace() else "|"
    return None


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=str_style(value))


def _time(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", format_time(value))


for _d in (_Dumper, _PyDumper):
    _d.add_representer(str, _str)
    _d.add_representer(datetime, _time)


def _span_dict(s: SpanRef) -> dict[str, Any]:
    return {"quote": s.quote, "start": s.start, "end": s.end}


def note_dict(note: Note) -> dict[str, Any]:
    """The YAML mapping of one note (also used by the ``yaml`` export)."""
    t = note.target
    out: dict[str, Any] = {
        "id": note.id,
        "kind": note.kind,
        "created": note.created,
        "modified": note.modified,
        "target": {
            "quote": t.quote,
            "prefix": t.prefix,
            "suffix": t.suffix,
            "start": t.start,
            "end": t.end,
        },
        "body": note.body,
        "tags": list(note.tags),
        "verdict": note.verdict,
    }
    out.update({k: v for k, v in note.extra.items() if k not in out})
    return out


def to_dict(data: NotesData) -> dict[str, Any]:
    """The whole file as plain data, in the key order of VISION §5."""
    out: dict[str, Any] = {
        "closeread": SCHEMA_VERSION,
        "document": {
            "path": data.document.path,
            "title": data.document.title,
            "sha256": data.document.sha256,
            **({"url": data.document.url} if data.document.url else {}),
        },
        "notes": [note_dict(n) for n in data.notes],
        "links": [
            {
                "claim": _span_dict(lc.claim),
                "citation": _span_dict(lc.citation),
                "action": lc.action,
            }
            for lc in data.links
        ],
    }
    if data.quotes:
        # Written only when there are some, so files without them stay as they were.
        out["quotes"] = [
            {"span": _span_dict(q.span), "action": q.action, "source": q.source}
            for q in data.quotes
        ]
    if data.deleted:
        out["deleted"] = [{"id": t.id, "time": t.time} for t in data.deleted]
    if data.document.fingerprint:
        out["document"]["fingerprint"] = data.document.fingerprint
    out.update({k: v for k, v in data.extra.items() if k not in out})
    return out


def _has_astral(data: NotesData) -> bool:
    """Whether any text of the notes has a character beyond U+FFFF (emoji...)."""
    texts = [data.document.title, data.document.path]
    for n in data.notes:
        texts += (n.body, n.target.quote, n.target.prefix, n.target.suffix, *n.tags)
    for lc in data.links:
        texts += (lc.claim.quote, lc.citation.quote)
    for q in data.quotes:
        texts += (q.span.quote, q.source)
    return any(t and max(t) > "\uffff" for t in texts)


def has_astral(data: NotesData) -> bool:
    """Whether any text of ``data`` is beyond U+FFFF (then ``dumper_for(True)`` writes it)."""
    return _has_astral(data)


def dumper_for(astral: bool) -> type[yaml.SafeDumper]:
    """The dumper ``dump`` uses: libyaml's, or pure Python for text with emoji."""
    return _PyDumper if astral else _Dumper


def dump(data: NotesData) -> str:
    """The text of a notes file: readable block-style YAML, UTF-8 characters kept as they are."""
    dumper = dumper_for(_has_astral(data))
    text: str = yaml.dump(
        to_dict(data),
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 20,
    )
    return text
