"""Opening a big document head first: the first screen from its first ~64 KB, the rest after.

``open_document`` reads and decodes the whole file (so every ``InputError`` is raised before
the terminal is taken over), lays out only the head for the first screen and starts laying
out the whole text in a forked child process, which runs on the second core while this
process paints. ``PendingLoad.wait()`` (called from a thread worker after the first frame)
collects the full ``Document``; where fork is unavailable it lays the text out itself.

The head is cut at a blank line and laid out with the same code as the whole text, so its
blocks and offsets are those of the full document (``head_is_prefix`` checks it, a test
proves it on the corpus); the reader swaps the full document in without moving the view.
"""

from __future__ import annotations

import marshal
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from closeread.document.decode import decode_bytes, read_bytes
from closeread.document.load import format_for, load_text
from closeread.document.model import Block, DocFormat, Document
from closeread.errors import InputError

if TYPE_CHECKING:
    from closeread.notes.model import LinkCorrection, Note

#: Documents up to this many characters are loaded whole before the first screen (~2 ms).
HEAD_CHARS = 64_000


@dataclass
class PendingLoad:
    """The full layout of a document whose head is on screen."""

    text: str
    """The decoded, not yet normalised text."""
    path: Path
    format: DocFormat
    encoding: str
    warnings: list[str] = field(default_factory=list)
    pid: int | None = None
    """The child laying the text out, or None: ``wait`` lays it out in this process."""
    fd: int | None = None
    """Read end of the pipe the child writes its result to."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _doc: Document | None = field(default=None, repr=False)

    def wait(self) -> Document:
        """The full document; blocks until the child is done (any thread, any number of
        times: the first caller collects it, the others get the same object)."""
        with self._lock:
            if self._doc is None:
                self._doc = self._collect()
            return self._doc

    def _collect(self) -> Document:
        if self.pid is not None and self.fd is not None:
            try:
                data = _read_all(self.fd)
            finally:
                os.close(self.fd)
                self.fd = None
                os.waitpid(self.pid, 0)
                self.pid = None
            if data:
                return _from_wire(marshal.loads(data), self.path)
        return self._load_here()

    def _load_here(self) -> Document:
        return load_text(
            self.text, self.path, self.format, encoding=self.encoding, warnings=self.warnings
        )

    def cancel(self) -> None:
        """Forget the child (the app quit before the document was needed)."""
        with self._lock:
            self._cancel()

    def _cancel(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.pid is not None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None


def head_cut(text: str, limit: int = HEAD_CHARS) -> int:
    """Where the head of ``text`` ends: at a blank line before ``limit``; 0 if none."""
    if len(text) <= limit:
        return 0
    cut = text.rfind("\n\n", limit // 2, limit)
    return cut if cut > 0 else 0


def head_is_prefix(head: Document, full: Document) -> bool:
    """Whether every block of ``head`` but the last is a block of ``full``, at the same place.

    The last head block may end differently: the paragraph after the cut can continue it.
    """
    shown = head.blocks[:-1]
    if full.blocks[: len(shown)] != shown:
        return False
    end = shown[-1].end if shown else 0
    return head.text[:end] == full.text[:end]


def open_document(path: Path, *, fork: bool = True) -> tuple[Document, PendingLoad | None]:
    """``(document, None)`` for a small file; ``(head, pending)`` for a big one.

    Raises ``InputError`` like ``closeread.document.load``.
    """
    decoded = decode_bytes(read_bytes(path), path)
    text = decoded.text
    fmt = format_for(path, text)
    cut = head_cut(text)
    doc = load_text(
        text[:cut] if cut else text,
        path,
        fmt,
        encoding=decoded.encoding,
        warnings=decoded.warnings,
    )
    readable = any(b.kind not in ("metadata", "rule") for b in doc.blocks)
    if not cut or not readable:
        if cut:  # the head is all markup: look at the whole text before giving up
            doc = load_text(text, path, fmt, encoding=decoded.encoding, warnings=decoded.warnings)
        if all(b.kind in ("metadata", "rule") for b in doc.blocks):
            raise InputError("has no readable text (only markup or metadata)", path=path)
        return doc, None
    pending = PendingLoad(text, path, fmt, decoded.encoding, list(decoded.warnings))
    if fork and hasattr(os, "fork"):
        _fork_loader(pending)
    return doc, pending


def _fork_loader(pending: PendingLoad) -> None:
    """Lay the full text out in a child: it uses the second core while this one paints.

    Called before the app starts its threads. The child only computes, writes to the pipe
    and leaves with ``os._exit`` (no atexit handlers, no flushing of inherited buffers).
    """
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read_fd)
            data = marshal.dumps(_to_wire(pending._load_here()))
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    pending.pid, pending.fd = pid, read_fd


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


Wire = tuple[str, list[tuple[str, int, int, int]], str, str, str, str, str, list[str], int]


def _to_wire(doc: Document) -> Wire:
    blocks = [(b.kind, b.start, b.end, b.level) for b in doc.blocks]
    return (
        doc.text,
        blocks,
        doc.format,
        doc.title,
        doc.byline,
        doc.publisher,
        doc.encoding,
        list(doc.warnings),
        doc.normalisation_version,
    )


def _from_wire(wire: Wire, path: Path) -> Document:
    text, blocks, fmt, title, byline, publisher, encoding, warnings, version = wire
    return Document(
        text=text,
        blocks=[Block(*b) for b in blocks],  # type: ignore[arg-type]
        path=path,
        format=fmt,  # type: ignore[arg-type]
        title=title,
        byline=byline,
        publisher=publisher,
        encoding=encoding,
        warnings=warnings,
        normalisation_version=version,
    )


class NoNotesYet:
    """Stands in for the ``NotesStore`` while the full text of a big document loads.

    Notes are anchored against the full text, so the store opens after it; until then the
    reader shows no notes and disables the note actions (``ReaderScreen.check_action``).
    """

    path = Path()
    read_only = False
    read_only_reason: str | None = None
    save_error: str | None = None
    save_reason: str | None = None

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.links: list[LinkCorrection] = []

    def notes_overlapping(self, start: int, end: int) -> list[Note]:
        return []

    def orphans(self) -> list[Note]:
        return []

    def reload(self) -> bool:
        return False

    def retry_save(self) -> bool:
        return True
