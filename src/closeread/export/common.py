"""Helpers shared by the export formats (pure core)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from closeread.document import Document
from closeread.document.normalise import visible_controls
from closeread.notes.model import Note
from closeread.notes.storage import atomic_write

#: File extension of each format, for default output names.
EXTENSIONS: dict[str, str] = {
    "markdown": "md",
    "json": "json",
    "yaml": "yaml",
    "csv": "csv",
    "html": "html",
}

#: W3C Web Annotation motivation for each note kind (and back).
MOTIVATIONS: dict[str, str] = {
    "comment": "commenting",
    "question": "questioning",
    "highlight": "highlighting",
    "verdict": "assessing",
}


def utc_iso(when: datetime) -> str:
    """``2026-11-25T10:00:00Z``: UTC, to the second, with ``Z`` (naive times count as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    utc = when.astimezone(timezone.utc)
    return f"{utc.year:04d}" + utc.strftime("-%m-%dT%H:%M:%SZ")  # year 999 as 0999


def document_iri(doc: Document) -> str:
    """The IRI naming the document: the URL it was fetched from, else its ``file:`` URI, else
    ``urn:sha256:<sha of the text>``."""
    if doc.url:
        return doc.url
    if doc.path is not None:
        try:
            return doc.path.resolve().as_uri()
        except (OSError, ValueError):
            pass
    return f"urn:sha256:{doc.sha256}"


def indexed_text(doc: Document, iri: str) -> tuple[str, bool]:
    """The text that selectors of an annotation whose ``source`` is ``iri`` index, and
    whether it is ``doc.source`` (positions then go through ``doc.to_source``).

    ``urn:sha256:`` names the normalised text itself (a document read from no file), and a
    web page's URL names its snapshot, whose text is the normalised text too
    (``fetch.open_url`` saves it); a file names its own text, ``doc.source``: the file as
    decoded, or the text extracted from an HTML, EPUB or PDF file.
    """
    if iri.startswith("urn:sha256:") or (doc.url and iri == doc.url):
        return doc.text, False
    return doc.source, True


def note_iri(doc: Document, note: Note) -> str:
    """A stable IRI for a note: ``urn:closeread:<first 16 hex of the text's sha256>:<note id>``."""
    return f"urn:closeread:{doc.sha256[:16]}:{note.id}"


def ordered(notes: Sequence[Note]) -> list[Note]:
    """Notes in document order; orphans (no position) last, in their given order."""
    anchored = [n for n in notes if n.target.start is not None]
    orphans = [n for n in notes if n.target.start is None]
    anchored.sort(key=lambda n: (n.target.start or 0, n.target.end or 0))
    return anchored + orphans


def plural(count: int, word: str) -> str:
    """``1 note``, ``2 notes``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def tag_token(tag: str) -> str:
    """A tag as one token (spaces become ``-``), as Obsidian and Readwise want it."""
    return re.sub(r"\s+", "-", visible_controls(tag.strip()))


def shorten(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def author_of(doc: Document) -> str:
    """The document's author line without a leading "By"."""
    return re.sub(r"^\s*by\s+", "", doc.byline, flags=re.IGNORECASE).strip()


def document_label(doc: Document) -> str:
    """A human name for the document: its title, else its file name, else "Untitled"."""
    if doc.title.strip():
        return doc.title.strip()
    if doc.path is not None:
        return doc.path.name
    return "Untitled"


def default_filename(doc_path: Path | None, fmt: str) -> str:
    """``<stem>-notes.<ext>`` for an export of ``doc_path`` in ``fmt``."""
    stem = doc_path.stem if doc_path is not None else "closeread"
    return f"{stem}-notes.{EXTENSIONS.get(fmt, 'txt')}"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: temp file in the same folder, fsync,
    replace (the notes files' writer, without their ``.bak``).

    Only regular files are written: a symlink is written through to its target (the link
    stays), anything else (a FIFO, a device, a socket) raises ``OSError`` untouched.

    Raises ``OSError`` (the caller reports it); on failure the old file is left untouched.
    """
    import errno
    import os
    import stat

    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        from closeread.notes.storage import file_kind

        raise OSError(
            errno.EINVAL, f"is {file_kind(mode)}, not a regular file: not replaced", str(path)
        )
    atomic_write(target, text.encode("utf-8"), backup=False)
