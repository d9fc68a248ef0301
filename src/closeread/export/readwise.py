"""Notes as a Readwise bulk-import CSV.

Columns, in Readwise's order: ``Highlight,Title,Author,URL,Note,Location,Date``.
- Highlight: the quoted passage (Readwise's only required column).
- Note: the note's text, then its verdict as ``Verdict: x``, then its tags as ``.tag``
  tokens (Readwise turns ``.tag`` words in a note into tags).
- Location: the passage's start offset in the text the W3C export's selectors index (the
  file as decoded; the normalised text for a document read from no file), in code points,
  so Readwise sorts highlights in reading order; empty for an orphan.
- Date: when the note was made, UTC, ``YYYY-MM-DD HH:MM:SS`` (the form Readwise reads).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import timezone

from closeread.document import Document
from closeread.document.normalise import visible_controls
from closeread.export.common import (
    author_of,
    document_iri,
    document_label,
    indexed_text,
    ordered,
    tag_token,
)
from closeread.notes.model import Note

COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")


def _note_text(note: Note) -> str:
    parts: list[str] = []
    if note.body.strip():
        parts.append(note.body.strip())
    if note.verdict:
        parts.append(f"Verdict: {note.verdict}")
    tags = " ".join(f".{tag_token(t)}" for t in note.tags if t.strip())
    if tags:
        parts.append(tags)
    return visible_controls("\n".join(parts))


def export_csv(doc: Document, notes: Sequence[Note]) -> str:
    """The CSV text (RFC 4180 quoting, ``\\r\\n`` line ends as the csv module writes them)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    title = document_label(doc)
    author = author_of(doc)
    # A web page's address; a local file has no URL Readwise could open (the title
    # identifies the book then).
    url = doc.url
    mapped = indexed_text(doc, document_iri(doc))[1]
    for note in ordered(notes):
        start = note.target.start
        if mapped and start is not None and note.target.end is not None:
            start = doc.to_source(start, note.target.end)[0]
        created = note.created
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        utc = created.astimezone(timezone.utc)
        date = f"{utc.year:04d}" + utc.strftime("-%m-%d %H:%M:%S")
        writer.writerow(
            [
                note.target.quote,
                title,
                author,
                url,
                _note_text(note),
                "" if start is None else str(start),
                date,
            ]
        )
    return out.getvalue()
