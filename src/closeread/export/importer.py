"""Reading W3C Web Annotations (and Hypothesis exports) back into notes.

Accepted shapes: an ``AnnotationCollection`` with an embedded ``first`` page, an
``AnnotationPage``, a JSON list of annotations, one ``Annotation``, and Hypothesis API
results (``{"rows": [...]}`` or ``{"annotations": [...]}`` or a list of its annotations,
each with ``target[].selector``, ``text`` and ``tags``). Each annotation becomes a ``Note``:
motivation → kind, ``TextualBody`` items → body / tags (purpose ``tagging``) / verdict
(purpose ``assessing``), selectors → a target anchored against the document's current text.
Selectors exact in the document's source text (what our export writes: see ``w3c``) are
mapped to the normalised text first, so an exported note comes back ``anchored``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from closeread.document import Document
from closeread.document.normalise import visible_controls
from closeread.errors import InputError
from closeread.export.anchor import anchor_target
from closeread.notes.model import CONTEXT_CHARS, VERDICTS, Note, NoteKind, Target, utc_now

KINDS_BY_MOTIVATION: dict[str, NoteKind] = {
    "commenting": "comment",
    "questioning": "question",
    "highlighting": "highlight",
    "assessing": "verdict",
    "replying": "comment",
    "describing": "comment",
    "classifying": "comment",
    "editing": "comment",
    "linking": "comment",
    "bookmarking": "highlight",
    "tagging": "highlight",
    "identifying": "highlight",
}
MAX_SELECTORS = 1000
"""Selectors looked at per annotation (a ``refinedBy`` chain is followed this far)."""
MAX_IMPORT_BYTES = 256 * 1024 * 1024
"""The largest annotation file imported."""
_OUR_ID = re.compile(r"^urn:closeread:[0-9a-f]+:(n-[0-9A-Za-z_-]+)$")


def _strip_ns(value: str) -> str:
    """``oa:commenting`` / full IRIs → ``commenting``."""
    return re.split(r"[:#/]", value)[-1].strip().lower()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> set[str]:
    return {_strip_ns(t).lower() for t in _as_list(obj.get("type")) if isinstance(t, str)}


def iter_annotations(data: Any, *, top: bool = True) -> Iterator[dict[str, Any]]:
    """The annotation objects found in any of the accepted container shapes.

    A lone object that is neither a container nor has a ``target`` is refused (it is some
    other JSON file); inside a list such objects are skipped.
    """
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict):
                yield from iter_annotations(item, top=False)
        return
    if not isinstance(data, dict):
        raise InputError("not an annotation, an annotation list, or a collection")
    kinds = _types(data)
    if "annotationcollection" in kinds:
        first = data.get("first")
        if isinstance(first, dict):
            yield from iter_annotations(first, top=False)
        elif first is not None:
            raise InputError("the collection's first page is not embedded; download it")
        return
    if "annotationpage" in kinds:
        for item in _as_list(data.get("items")):
            if isinstance(item, dict):
                yield item
        return
    for key in ("rows", "annotations", "items"):
        if isinstance(data.get(key), list) and "target" not in data:
            yield from iter_annotations(data[key], top=False)
            return
    if top and "target" not in data and "annotation" not in kinds:
        raise InputError("not an annotation, an annotation list, or a collection (no 'target')")
    yield data


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return when.astimezone(timezone.utc).replace(microsecond=0)
    except (ValueError, OverflowError):  # not a date, or outside what UTC can hold
        return None


def _selectors(anno: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The first TextQuoteSelector and TextPositionSelector of the annotation's targets."""
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    queue: deque[Any] = deque()
    for target in _as_list(anno.get("target")):
        if isinstance(target, dict):
            queue.extend(_as_list(target.get("selector")))
    seen = 0
    while queue and seen < MAX_SELECTORS:
        sel = queue.popleft()
        seen += 1
        if not isinstance(sel, dict):
            continue
        kinds = _types(sel)
        if "textquoteselector" in kinds and quote is None and isinstance(sel.get("exact"), str):
            quote = sel
        elif "textpositionselector" in kinds and position is None:
            position = sel
        queue.extend(_as_list(sel.get("refinedBy")))
    return quote, position


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _note_id(anno: dict[str, Any], fallback: str) -> str:
    raw = anno.get("id") or anno.get("@id")
    if isinstance(raw, str) and raw:
        ours = _OUR_ID.match(raw)
        if ours:
            return ours.group(1)
        fallback = raw
    # Deterministic, so importing the same file twice finds the notes already there.
    return "n-" + hashlib.sha256(fallback.encode("utf-8")).hexdigest()[:6]


def _bodies(anno: dict[str, Any]) -> tuple[list[str], list[str], str | None, bool]:
    """(texts, tags, verdict, had a commenting-like text body) from bodies or Hypothesis keys."""
    texts: list[str] = []
    tags: list[str] = []
    verdict: str | None = None
    if isinstance(anno.get("bodyValue"), str) and anno["bodyValue"].strip():
        texts.append(anno["bodyValue"])
    for body in _as_list(anno.get("body")):
        if not isinstance(body, dict):
            continue
        value = body.get("value", body.get("chars"))
        if not isinstance(value, str) or not value.strip():
            continue
        purposes = {_strip_ns(p) for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        if "tagging" in purposes:
            tags.append(value.strip())
        elif "assessing" in purposes and value.strip().lower() in VERDICTS and verdict is None:
            # Our export's verdict body; free-text assessments stay part of the body.
            verdict = value.strip().lower()
        else:
            texts.append(value)
    if isinstance(anno.get("text"), str) and anno["text"].strip():  # Hypothesis
        texts.append(anno["text"])
    tags.extend(t.strip() for t in _as_list(anno.get("tags")) if isinstance(t, str) and t.strip())
    return texts, tags, verdict, bool(texts)


def _kind(anno: dict[str, Any], has_text: bool, verdict: str | None) -> NoteKind:
    for motivation in _as_list(anno.get("motivation")):
        if isinstance(motivation, str):
            kind = KINDS_BY_MOTIVATION.get(_strip_ns(motivation))
            if kind is not None:
                return kind
    if verdict and not has_text:
        return "verdict"
    return "comment" if has_text else "highlight"


def to_note(
    anno: dict[str, Any],
    doc: Document,
    index: int,
    placed: dict[tuple[str, str, str, int | None, int | None], tuple[str, Target]] | None = None,
) -> Note | None:
    """One annotation as an anchored note, or None if it does not point into a text.

    ``placed`` remembers where each target was anchored, so a file repeating one target
    many times (a million copies) anchors it once.
    """
    quote_sel, pos_sel = _selectors(anno)
    start = _int(pos_sel.get("start")) if pos_sel else None
    end = _int(pos_sel.get("end")) if pos_sel else None
    if quote_sel is not None and start is not None and end is not None and start < end:
        span = _in_source(doc, quote_sel["exact"], start, end)
        if span is not None:
            start, end = span
            quote_sel = {
                "exact": doc.text[start:end],
                "prefix": doc.text[max(0, start - CONTEXT_CHARS) : start],
                "suffix": doc.text[end : end + CONTEXT_CHARS],
            }
    if quote_sel is not None:
        # Controls as the document shows them (its text went through the same mapping),
        # so a quote of a raw file still matches and no escape sequence gets in.
        target = Target(
            quote=visible_controls(quote_sel["exact"]),
            prefix=visible_controls(str(quote_sel.get("prefix") or "")),
            suffix=visible_controls(str(quote_sel.get("suffix") or "")),
            start=start,
            end=end,
        )
    elif start is not None and end is not None and start < end <= len(doc.text):
        target = Target.from_span(doc.text, start, end)
    else:
        return None
    texts, tags, verdict, has_text = _bodies(anno)
    created = _date(anno.get("created")) or utc_now()
    modified = _date(anno.get("modified") or anno.get("updated")) or created
    note = Note(
        id=_note_id(anno, f"{index}:{target.quote}:{created.isoformat()}"),
        kind=_kind(anno, has_text, verdict),
        target=target,
        body=visible_controls("\n\n".join(t.strip("\n") for t in texts)),
        tags=list(dict.fromkeys(visible_controls(t) for t in tags)),
        verdict=verdict or None,
        created=created,
        modified=modified,
    )
    key = (target.quote, target.prefix, target.suffix, target.start, target.end)
    known = placed.get(key) if placed is not None else None
    if known is not None:
        note.status = known[0]  # type: ignore[assignment]
        t = known[1]
        note.target = Target(t.quote, t.prefix, t.suffix, t.start, t.end)
        return note
    anchor_target(note, doc.text)
    if placed is not None:
        placed[key] = (note.status, note.target)
    return note


def _in_source(doc: Document, exact: str, start: int, end: int) -> tuple[int, int] | None:
    """The normalised span of a selector that is exact in ``doc.source`` (our export, or a
    tool that read the same file), else None (positions in some other text)."""
    if doc.source[start:end] != exact or not exact.strip():
        return None
    return doc.from_source(start, end)


def import_annotations(data: str, doc: Document) -> list[Note]:
    """Notes from W3C/Hypothesis annotation JSON, anchored against ``doc.text``.

    Annotations without a text selector (page notes, bookmarks of a whole page) are
    skipped. Raises ``InputError`` when ``data`` is not JSON or has no recognisable shape.
    """
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        raise InputError(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError("JSON nested too deeply to be annotations") from None
    try:
        return _to_notes(parsed, doc)
    except RecursionError:
        raise InputError("annotations nested too deeply") from None


def _to_notes(parsed: Any, doc: Document) -> list[Note]:
    notes: list[Note] = []
    seen: dict[str, Note] = {}
    placed: dict[tuple[str, str, str, int | None, int | None], tuple[str, Target]] = {}
    for index, anno in enumerate(iter_annotations(parsed)):
        note = to_note(anno, doc, index, placed)
        if note is None:
            continue
        other = seen.get(note.id)
        if other is not None:
            if same_note(other, note):
                continue  # the same annotation twice in the file
            # Short ids of different annotations can collide (24 bits): keep both.
            note.id = f"{note.id}-{index}"
        seen[note.id] = note
        notes.append(note)
    return notes


def identity(note: Note) -> tuple[str, datetime]:
    """What makes two notes one annotation (imported twice): the same passage and creation
    time. Edits to the body after an import do not make it another note."""
    return (note.target.quote, note.created)


def same_note(a: Note, b: Note) -> bool:
    """Whether ``a`` and ``b`` are one annotation (see :func:`identity`)."""
    return identity(a) == identity(b)
