"""Notes as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD).

Model: https://www.w3.org/TR/annotation-model/. Each note is an ``Annotation`` whose
motivation comes from its kind; its text, tags and verdict are ``TextualBody`` items
(purposes commenting/questioning/assessing, tagging, assessing); its target names the
document and carries a ``TextQuoteSelector`` plus, when anchored, a ``TextPositionSelector``
in code points (Python ``str`` offsets, as the model requires).

Both selectors are exact for the resource the ``source`` names (VISION §4): for a file, its
text as decoded (``Document.source``: the bytes decoded as ``closeread.document.decode``
does, a leading byte-order mark dropped, newlines as they are in the file, ``\r\n`` counting
two), so ``source[start:end] == exact`` and prefix/suffix are the 32 characters around it
there. The normalised offsets the notes keep are mapped through ``Document.to_source``.
A document read from no file is named ``urn:sha256:<digest of the normalised text>``: its
selectors index that normalised text. A note that is not anchored (an orphan) has only its
quote, as the reader last saw it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from closeread import __version__
from closeread.document import Document
from closeread.export.common import (
    MOTIVATIONS,
    document_iri,
    document_label,
    indexed_text,
    note_iri,
    ordered,
    utc_iso,
)
from closeread.notes.model import CONTEXT_CHARS, Note

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Purpose of the body holding the note's own text, by note kind. ``assessing`` is kept for
#: the verdict body alone (its value is one of ``VERDICTS``), so the importer can tell the
#: verdict from the text of a verdict note: a body with an ``id`` would be cleaner, but the
#: W3C suite reads any body with an ``id`` as an External Web Resource, which may not have
#: a purpose.
BODY_PURPOSES: dict[str, str] = {
    "comment": "commenting",
    "question": "questioning",
    "highlight": "commenting",
    "verdict": "commenting",
}


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def annotation(doc: Document, note: Note, source: str) -> dict[str, Any]:
    """One note as an ``Annotation`` (without ``@context``: the collection carries it)."""
    bodies: list[dict[str, Any]] = []
    if note.body.strip():
        bodies.append(_text_body(note.body, BODY_PURPOSES.get(note.kind, "commenting")))
    bodies.extend(_text_body(tag, "tagging") for tag in note.tags if tag.strip())
    if note.verdict:
        bodies.append(_text_body(note.verdict, "assessing"))
    selectors = source_selectors(doc, note, source)
    anno: dict[str, Any] = {
        "id": note_iri(doc, note),
        "type": "Annotation",
        "motivation": MOTIVATIONS.get(note.kind, "commenting"),
        "created": utc_iso(note.created),
        "modified": utc_iso(note.modified),
    }
    if bodies:
        anno["body"] = bodies[0] if len(bodies) == 1 else bodies
    anno["target"] = {"source": source, "selector": selectors}
    return anno


def source_selectors(doc: Document, note: Note, iri: str) -> list[dict[str, Any]]:
    """The note's TextQuoteSelector (and TextPositionSelector) in the text ``iri`` names."""
    target = note.target
    if target.start is None or target.end is None:
        return [
            {
                "type": "TextQuoteSelector",
                "exact": target.quote,
                "prefix": target.prefix,
                "suffix": target.suffix,
            }
        ]
    text, mapped = indexed_text(doc, iri)
    start, end = doc.to_source(target.start, target.end) if mapped else (target.start, target.end)
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_CHARS) : start],
            "suffix": text[end : end + CONTEXT_CHARS],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def to_collection(doc: Document, notes: Sequence[Note]) -> dict[str, Any]:
    """The notes as one ``AnnotationCollection`` with an embedded first page."""
    source = document_iri(doc)
    coll_id = f"urn:closeread:{doc.sha256[:16]}:notes"
    items = [annotation(doc, n, source) for n in ordered(notes)]
    return {
        "@context": CONTEXT,
        "id": coll_id,
        "type": "AnnotationCollection",
        "label": document_label(doc),
        "generator": {
            "id": "https://pypi.org/project/closeread/",
            "type": "Software",
            "name": f"closeread {__version__}",
        },
        "total": len(items),
        "first": {
            "id": f"{coll_id}:page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def export_json(doc: Document, notes: Sequence[Note]) -> str:
    """The JSON text of :func:`to_collection` (UTF-8 friendly, indented, ends with a newline)."""
    return json.dumps(to_collection(doc, notes), ensure_ascii=False, indent=2) + "\n"
