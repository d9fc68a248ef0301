"""Notes as YAML in the notes-store schema (VISION §5), e.g. to hand a reading to someone else.

The text is written by the notes store's own serializer (:func:`closeread.notes.schema.dump`),
so an exported file is a valid notes file.
"""

from __future__ import annotations

from collections.abc import Sequence

from closeread.document import Document
from closeread.export.common import ordered
from closeread.notes.model import DocumentRef, LinkCorrection, Note
from closeread.notes.schema import NotesData, dump


def export_yaml(doc: Document, notes: Sequence[Note], links: Sequence[LinkCorrection] = ()) -> str:
    """The notes file's YAML text for ``doc``'s notes and link corrections."""
    path = doc.path.as_posix() if doc.path is not None else ""
    data = NotesData(
        document=DocumentRef(path=path, title=doc.title, sha256=doc.sha256),
        notes=ordered(notes),
        links=list(links),
    )
    return dump(data)
