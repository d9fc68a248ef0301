"""Opening a big document head first: the first screen from its first ~64 KB, the rest after.

``open_document`` reads and decodes the whole file (so every ``InputError`` is raised before
the terminal is taken over), lays out only the head for the first screen and starts laying
out the whole text in a forked child process, which runs on the second core while this
process paints. ``PendingLoad.wait()`` (called from a thread worker after the first frame)
collects the full ``Document``; where fork is unavailable it lays the text out itself.

The head is cut at a blank line and laid out with the same code as the whole text, so its
blocks and offsets are those of the full document (``head_is_prefix`` checks it, a test
proves it on the corpus); the reader swaps the full document in without moving the view.

Why a forked child that hands back its result through shared memory (``mmap``) in
``marshal`` form, rather than a thread or a ``ProcessPoolExecutor``: what counts is the CPU
the reader's process spends while it paints the first screen and answers the first keys
(one interpreter lock for both). Measured on War and Peace (medians of 5, loaded 2-core
machine, ``open_document`` to the full ``Document``): this process spends 23 ms here, of
which ~15 ms unmarshalling; laid out in a thread it spends 100 ms (the whole layout, under
the lock); with a ``ProcessPoolExecutor`` 56 ms (pickling the document back) and the result
comes 0.3-0.8 s later (fork, forkserver or spawn start-up). The fork is only used on a
text or Markdown file, before the app starts its threads; elsewhere the text is laid out
in this process.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import marshal
import mmap
import os
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from closeread.document.block_columns import BlockColumns, BlocksWire, block_columns
from closeread.document.decode import decode_bytes, read_bytes
from closeread.document.formats import EXTRACTED, SUFFIXES, sniff
from closeread.document.load import format_for, load_text
from closeread.document.model import Document
from closeread.document.shared_text import drop_pages, read_text, widest, write_text
from closeread.errors import InputError

#: Collect the child's result in a thread as soon as it is ready, instead of after the first
#: frame. Measured on War and Peace: the ~15 ms of unmarshalling then compete with the
#: start-up for the GIL (first screen +15-40 ms) for no gain on End (35 ms either way).
COLLECT_EARLY = False
#: Documents up to this many characters (bytes) are loaded whole before the first screen;
#: of bigger ones only a head this long (~1 ms; a screen shows ~4 KB).
HEAD_CHARS = 32_000


@dataclass(frozen=True)
class ChildTask:
    """Work for the child that lays a big text out, after the layout is handed over.

    ``compute(full document)`` runs in the child (its result must be ``marshal``-able);
    ``receive(get)`` is called in this process when the document is collected, and
    ``get()`` returns that result (blocking until it is there; None if it failed). The
    reader reads a cached analysis this way (``analysis.preload``): the read overlaps the
    start-up instead of following it, and the document never waits for it.

    With ``follow``, the child goes on after handing ``compute``'s result over:
    ``follow(document, result)`` runs in it (the reader's analysis on a cache miss) and the
    child leaves when it returns; this process then reaps the child instead of stopping
    it. ``prepare()`` is called here just before the fork; what it returns is called
    right after it, with True in the child and False here (to share pipes with it).
    """

    compute: Callable[[Document], Any]
    receive: Callable[[Callable[[], Any]], None]
    follow: Callable[[Document, Any], None] | None = None
    prepare: Callable[[], Callable[[bool], None]] | None = None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection meanwhile (process-wide; restored after). Unmarshalling a
    book's layout or a cached analysis makes ~100,000 long-lived, acyclic objects, and
    the collections they would trigger, each walking the young objects, cost more than
    the decoding itself (a cached War and Peace: 120 ms against 50 ms)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _as_task(task: ChildTask | tuple[Any, ...] | None) -> ChildTask | None:
    return task if task is None or isinstance(task, ChildTask) else ChildTask(*task)


@dataclass
class PendingLoad:
    """The full layout of a document whose head is on screen."""

    data: bytes
    """The file's bytes (decoded whole by whoever lays the full text out)."""
    path: Path
    pid: int | None = None
    """The child laying the text out, or None: ``wait`` lays it out in this process."""
    fd: int | None = None
    """Read end of the pipe on which the child says how many bytes of ``shared`` it used."""
    shared: mmap.mmap | None = field(default=None, repr=False)
    """Memory shared with the child, where it leaves the marshalled document."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _doc: Document | None = field(default=None, repr=False)
    task: ChildTask | None = field(default=None, repr=False)
    stamp: tuple[int, int] | None = None
    """The file's size and modification time when ``data`` was read (``file_stamp``)."""

    def wait(self) -> Document:
        """The full document; blocks until the child is done (any thread, any number of
        times: the first caller collects it, the others get the same object)."""
        with self._lock:
            if self._doc is None:
                self._doc = self._collect()
            return self._doc

    def _collect(self) -> Document:
        if self.pid is not None and self.fd is not None and self.shared is not None:
            keep = False
            try:
                header = _read_exact(self.fd, 8)
                size = struct.unpack("<q", header)[0] if len(header) == 8 else -1
                with collector_paused():
                    wire = _read_apart(self.shared, 0, size) if size > 0 else None
                if wire is not None and self.task is not None:
                    # The child goes on with the task: its result is read on demand.
                    keep = True
                    self.task.receive(self._task_result)
            finally:
                if not keep:
                    self._cancel()
            if wire is not None:
                doc = _from_wire(wire, self.path)
                # The text exports point into: the file read and decoded again if an
                # export asks for it (its bytes are not held: a 50 MB book's 50 MB).
                doc.source_loader = functools.partial(_source_again, self.path, self.stamp, doc)
                self.data = b""
                return doc
        return self._load_here()

    def _task_result(self) -> Any:
        """What ``task``'s compute returned in the child (None if it failed or did not
        fit); blocks until the child is done. Any thread, once."""
        with self._lock:
            try:
                if self.fd is None or self.shared is None:
                    return None
                header = _read_exact(self.fd, 16)
                if len(header) != 16:
                    return None
                start, size = struct.unpack("<qq", header)
                if size <= 0:
                    return None
                with collector_paused():
                    return _unmarshal(self.shared, start, size)
            except (OSError, ValueError, EOFError, TypeError):
                return None
            finally:
                if self.task is not None and self.task.follow is not None:
                    self._release()
                else:
                    self._cancel()

    def _release(self) -> None:
        """Let the child go on with the task's ``follow`` (it leaves by itself); reap it
        when it does."""
        pid, self.pid = self.pid, None
        if pid is not None:
            threading.Thread(target=_reap, args=(pid,), name="closeread-reap", daemon=True).start()
        self._cancel()

    def _load_here(self) -> Document:
        # ``load`` without its "no readable text" check: the head had readable text.
        data = self.data or self._read_again()
        decoded = decode_bytes(data, self.path)
        fmt = format_for(self.path, decoded.text)
        return load_text(
            decoded.text, self.path, fmt, encoding=decoded.encoding, warnings=decoded.warnings
        )

    def _read_again(self) -> bytes:
        """The file's bytes again (they were let go when the child took them over), as
        long as the file is the one the head came from (its size and time)."""
        changed = InputError("changed while it was being opened: open it again", path=self.path)
        if self.stamp is None or file_stamp(self.path) != self.stamp:
            raise changed
        data = read_bytes(self.path)
        if len(data) != self.stamp[0] or file_stamp(self.path) != self.stamp:
            raise changed
        return data

    def cancel(self) -> None:
        """Forget the child (the app quit before the document was needed)."""
        with self._lock:
            self._cancel()

    def _cancel(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, 9)  # harmless when it is done already (a zombie)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None
        if self.shared is not None:
            self.shared.close()
            self.shared = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


_preopened: dict[Path, tuple[Document, PendingLoad | None]] = {}


_extracting: dict[Path, ExtractLoad] = {}


def _reap(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def preopen(path: Path, task: ChildTask | tuple[Any, ...] | None = None) -> None:
    """``open_document(path)`` now, for ``make_app`` to take later (``take_preopened``).

    The CLI calls it before importing Textual: the child laying out a book then starts
    ~100 ms earlier, forked from a process a third the size. An HTML, EPUB or PDF file is
    extracted in a child meanwhile (``ExtractLoad``): its libraries and extraction take
    about as long as Textual's import and set-up, which this process does in the meantime.
    Raises ``InputError``.
    """
    path = Path(path)
    if hasattr(os, "fork") and path.suffix.lower() in SUFFIXES:
        extract = ExtractLoad(path)
        if extract.start():
            _extracting[path] = extract
            return
    _preopened[path] = open_document(path, task=task)


#: How long ``take_preopened`` waits for a small file being extracted (HTML, EPUB, PDF)
#: before the reader starts without it, so that a page done in a moment shows at once.
#: Extraction takes ~0.1-0.5 s (a 200 KB page, a 50-page PDF), about what Textual takes to
#: start; when it is not done by then, the first frame says "Extracting ..." and the text
#: follows (issue 10: first screen ≤ 1.5x the floor).
EXTRACT_GRACE = 0.03
#: Files larger than this are not waited for at all: their extraction takes longer than
#: Textual's start, and a wait would only delay the first frame (a tenth of the floor).
GRACE_MAX_BYTES = 48 * 1024


def take_preopened(path: Path) -> tuple[Document, PendingLoad | None] | None:
    """What ``preopen(path)`` opened, once; None if it was not called for ``path``.

    A file still being extracted after ``EXTRACT_GRACE`` gives a stand-in document that
    says so and an ``ExtractPending`` that delivers the text (or raises ``InputError``)
    when the reader asks for it. Raises ``InputError`` when a file extracted in a child
    turned out bad by then (still before the terminal is taken over: ``make_app`` calls
    this)."""
    extract = _extracting.pop(Path(path), None)
    if extract is not None:
        if extract.ready(EXTRACT_GRACE if extract.size <= GRACE_MAX_BYTES else 0.0):
            return extract.wait(), None
        return extracting_document(extract.path), ExtractPending(b"", extract.path, extract=extract)
    return _preopened.pop(Path(path), None)


EXTRACTING = "Extracting the text of"
"""How the stand-in document of a file being extracted begins."""


def extracting_document(path: Path) -> Document:
    """What the reader shows while ``path`` (HTML, EPUB, PDF) is being extracted."""
    fmt = SUFFIXES.get(path.suffix.lower(), "txt")
    doc = load_text(f"{EXTRACTING} {path.name} ({fmt})\u2026\n", path, "text")
    doc.title = path.name
    return doc


@dataclass
class ExtractPending(PendingLoad):
    """The text of a file extracted in a child, for a reader that started without it.

    ``wait`` raises the ``InputError`` of a bad file (every time it is called)."""

    extract: ExtractLoad | None = None
    _error: InputError | None = field(default=None, repr=False)

    def _collect(self) -> Document:
        if self._error is not None:
            raise self._error
        if self.extract is None:
            from closeread.document.load import load

            return load(self.path)
        extract, self.extract = self.extract, None
        try:
            return extract.wait()
        except InputError as exc:
            self._error = exc
            raise

    def _cancel(self) -> None:
        if self.extract is not None:
            self.extract.cancel()
            self.extract = None


@dataclass
class ExtractLoad:
    """An HTML/EPUB/PDF file being extracted and laid out by a forked child."""

    path: Path
    pid: int | None = None
    fd: int | None = None
    shared: mmap.mmap | None = field(default=None, repr=False)
    size: int = 0
    """The file's size in bytes."""

    def start(self) -> bool:
        """Fork the child; False when that is not possible (the caller loads in-process)."""
        try:
            self.size = self.path.stat().st_size
        except OSError:
            return False  # missing or unreadable: ``open_document`` says so in one line
        forked = _fork(lambda: _extract_wire(self.path), max(64 << 20, 8 * self.size))
        if forked is None:
            return False
        self.pid, self.fd, self.shared = forked
        return True

    def ready(self, timeout: float) -> bool:
        """Whether the child is done (or gone), waiting at most ``timeout`` seconds."""
        if self.fd is None:
            return True
        import select

        return bool(select.select([self.fd], [], [], timeout)[0])

    def cancel(self) -> None:
        """Stop the child and forget it (the reader quit before the text was needed)."""
        pid, fd, shared = self.pid, self.fd, self.shared
        self.pid = self.fd = self.shared = None
        if shared is not None:
            shared.close()
        if fd is not None:
            os.close(fd)
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
                os.waitpid(pid, 0)

    def wait(self) -> Document:
        """The extracted document; ``InputError`` as ``load`` would raise it."""
        result = _collect(self.pid, self.fd, self.shared)
        self.pid = self.fd = self.shared = None
        if result is None:  # the child died: do it here
            from closeread.document.load import load

            return load(self.path)
        if result[0] == "error":
            raise InputError(result[1])
        doc = _from_wire(result[1], self.path)
        for name, value in result[2].items():
            setattr(doc, name, value)
        return doc


_EXTRA_FIELDS = ("loader", "source_text", "url", "canonical_url", "date", "language")


#: The extracting child's niceness: on a busy machine it then leaves the CPU to the
#: reader's start (the first frame says "Extracting ..."), on an idle one it has its own
#: core. The most there is (19): where the two share a core, nice 10 still took a tenth of
#: it from the reader's start, nice 19 takes 1.5% (the kernel's weights, 110 and 15
#: against 1024). The child stays in the reader's session: with autogroup scheduling
#: (the desktop default) a child in a session of its own would compete with the reader
#: as an equal, whatever its niceness.
EXTRACT_NICE = 19


def _extract_wire(path: Path) -> Any:
    with contextlib.suppress(OSError):
        os.nice(EXTRACT_NICE)
    from closeread.document.load import load

    try:
        doc = load(path)
    except InputError as exc:
        return ("error", str(exc))
    return ("ok", _to_wire(doc), {name: getattr(doc, name) for name in _EXTRA_FIELDS})


def _fork(
    compute: Callable[[], Any],
    size: int,
    then: Callable[[], Any] | None = None,
    follow: Callable[[Any], None] | None = None,
    prepare: Callable[[], Callable[[bool], None]] | None = None,
) -> tuple[int, int, mmap.mmap] | None:
    """Run ``compute`` in a forked child that leaves its marshalled result in shared
    memory; ``(pid, read fd, memory)`` or None when fork fails. The pipe first carries
    the result's size (8 bytes); with ``then``, the child then computes ``then()`` and
    leaves it after the first result, and the pipe carries its ``(start, size)``; with
    ``follow``, the child then runs ``follow(then's result)`` (after closing the pipe and
    the shared memory) before it leaves. ``prepare``: see ``ChildTask``."""
    shared = mmap.mmap(-1, size)
    read_fd, write_fd = os.pipe()
    after = prepare() if prepare is not None else None
    try:
        pid = os.fork()
    except OSError:
        if after is not None:
            after(False)
        shared.close()
        os.close(read_fd)
        os.close(write_fd)
        return None
    if after is not None:
        after(pid == 0)
    if pid == 0:  # the child: compute, write, leave without running any handler
        written = -1
        try:
            if then is not None:
                # The layout child, in its own session: with the kernel's autogroup
                # scheduling (the desktop default) it then gets a CPU share of its own
                # on a busy machine instead of taking the reader's while the reader
                # paints its first screen; and the terminal's hang-up does not stop a
                # ``follow`` writing the analysis cache.
                with contextlib.suppress(OSError):
                    os.setsid()
            gc.disable()
            os.close(read_fd)
            written = _leave(compute(), shared, 0)
        finally:
            try:
                os.write(write_fd, struct.pack("<q", written))
                if then is not None and written > 0:
                    start, size, result = written, -1, None
                    with contextlib.suppress(Exception):  # an extra: never the document
                        result = then()
                        size = _leave(result, shared, start)
                    os.write(write_fd, struct.pack("<qq", start, size))
                    if follow is not None:
                        os.close(write_fd)
                        shared.close()  # this process's pages of it: the reader has its own
                        follow(result)
            finally:
                os._exit(0)
    os.close(write_fd)
    return pid, read_fd, shared


@dataclass(frozen=True)
class TextApart:
    """A value for ``_leave`` whose big text goes into the shared memory as UTF-8 of its
    own (``shared_text``), read back by ``_read_apart`` without a second whole copy."""

    value: tuple[Any, ...]
    """Marshalled after the text, with the text's ``(length, widest)`` first."""
    text: str


_APART = struct.Struct("<q")
"""Ahead of a ``TextApart``'s text: the size of its UTF-8."""


def _leave(value: Any, shared: mmap.mmap, at: int) -> int:
    """Write ``value`` marshalled into ``shared`` at ``at``; its size, or -1 if it does
    not fit. (Its bytes are freed on return: the child may go on for a long time.)
    A ``TextApart``: the size of its text's UTF-8, that UTF-8, then its value marshalled."""
    if isinstance(value, TextApart):
        head = at + _APART.size
        if head > len(shared) or (size := write_text(value.text, shared, head)) < 0:
            return -1
        rest = _leave(value.value, shared, head + size)
        if rest < 0:
            return -1
        shared[at:head] = _APART.pack(size)
        return _APART.size + size + rest
    data = marshal.dumps(value)
    if at + len(data) > len(shared):
        return -1
    shared[at : at + len(data)] = data
    return len(data)


def _read_apart(shared: mmap.mmap, start: int, size: int) -> tuple[Any, ...] | None:
    """The value of a ``TextApart`` that ``_leave`` wrote at ``start`` (``size`` bytes
    in all), its text in first place; None if the bytes are not one."""
    try:
        (text_size,) = _APART.unpack(shared[start : start + _APART.size])
        head = start + _APART.size
        if not 0 <= text_size <= size - _APART.size:
            return None
        value = _unmarshal(shared, head + text_size, size - _APART.size - text_size)
        length, maxchar = value[0]
        text = read_text(shared, head, text_size, length, maxchar)
    except (ValueError, EOFError, TypeError, struct.error):
        return None
    return (text, *value[1:])


def _unmarshal(shared: mmap.mmap, start: int, size: int) -> Any:
    """What is marshalled in ``shared[start:start + size]``, read in place (a 50 MB book
    is not copied first), and those pages then dropped from this process's memory (the
    mapping stays: the child may write more after them; the data stays for the child)."""
    with memoryview(shared) as view, view[start : start + size] as part:
        value = marshal.loads(part)
    drop_pages(shared, start, start + size)
    return value


def _collect(pid: int | None, fd: int | None, shared: mmap.mmap | None) -> Any:
    """What the child of ``_fork`` computed, or None if it left nothing."""
    if pid is None or fd is None or shared is None:
        return None
    try:
        header = _read_all(fd)
        size = struct.unpack("<q", header)[0] if len(header) == 8 else -1
        return _unmarshal(shared, 0, size) if size > 0 else None
    finally:
        shared.close()
        os.close(fd)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


def head_cut(text: str, limit: int | None = None) -> int:
    """Where the head of ``text`` ends: at a blank line before ``limit``; 0 if none."""
    limit = HEAD_CHARS if limit is None else limit
    if len(text) <= limit:
        return 0
    cut = text.rfind("\n\n", limit // 2, limit)
    return cut if cut > 0 else 0


def head_cut_bytes(data: bytes, limit: int | None = None) -> int:
    """``head_cut`` on the raw bytes of a UTF-8 (or ASCII) file: a blank line is the same
    bytes in any of them, and never inside a multi-byte character."""
    limit = HEAD_CHARS if limit is None else limit
    if len(data) <= limit or data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16
        return 0
    cut = data.rfind(b"\n\n", limit // 2, limit)
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


def open_document(
    path: Path, *, fork: bool = True, task: ChildTask | tuple[Any, ...] | None = None
) -> tuple[Document, PendingLoad | None]:
    """``(document, None)`` for a small file; ``(head, pending)`` for a big one (with
    ``task`` run after the layout in the child, if there is one).

    Raises ``InputError`` like ``closeread.document.load``.
    """
    data = read_bytes(path)
    if sniff(path, data[:1024]) in EXTRACTED:  # HTML, EPUB, PDF: extracted whole, at once
        from closeread.document.load import load

        return load(path), None
    # Decode only the head when it can be cut from the bytes (a UTF-8 or ASCII file with
    # blank lines): the whole text is decoded by the child. Errors still come first:
    # "binary" and "empty" are decided by the first bytes.
    decoded = None
    byte_cut = head_cut_bytes(data)
    if byte_cut:
        decoded = decode_bytes(data[:byte_cut], path)
        if decoded.encoding != "utf-8" or decoded.warnings:
            decoded = None  # let the whole text decide the encoding
    if decoded is not None:
        text, cut = decoded.text, len(decoded.text)
    else:
        decoded = decode_bytes(data, path)
        text = decoded.text
        cut = head_cut(text)
    fmt = format_for(path, text)
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
            doc = PendingLoad(data, path)._load_here()
        if all(b.kind in ("metadata", "rule") for b in doc.blocks):
            raise InputError("has no readable text (only markup or metadata)", path=path)
        return doc, None
    pending = PendingLoad(data, path, task=_as_task(task), stamp=file_stamp(path))
    if fork and hasattr(os, "fork"):
        _fork_loader(pending)
        if pending.pid is not None and COLLECT_EARLY:
            # Collect the child's result as soon as it is there (the thread sleeps in
            # os.read until then), so that the full document is ready about when the
            # first frame is painted.
            threading.Thread(target=pending.wait, name="closeread-load", daemon=True).start()
    return doc, pending


def _fork_loader(pending: PendingLoad) -> None:
    """Lay the full text out in a child: it uses the second core while this one paints.

    Called before the app starts its threads. The child only computes, writes to the pipe
    and leaves with ``os._exit`` (no atexit handlers, no flushing of inherited buffers).
    """
    # The result goes through shared memory, not the pipe: a pipe holds 64 KB, and the
    # child would wait for this process to read megabytes while it is busy painting.
    # Pages are only used as they are written. The text goes as UTF-8 of its own
    # (``TextApart``): read back at its final size, a slice at a time (``shared_text``).
    # A big file laid out before is read back from the layout cache (``layout_cache``:
    # a 50 MB book's ~1.45 s of normalising and laying out, ~0.2 s instead); one laid
    # out now is kept there once the reader has it, while the child goes on.
    task = pending.task
    laid_out: list[Document] = []
    to_keep: list[tuple[str, Wire]] = []

    def compute() -> TextApart:
        # Imported here, in the child: hashlib and the cache folder's lookup are not
        # needed by the reader's first frame (~10 ms).
        from closeread.document import layout_cache

        wire = None
        key = layout_cache.key_for(pending.data, pending.path)
        if key is not None:
            wire = layout_cache.load(key)
        if wire is not None:
            laid_out.append(_from_wire(wire, pending.path))
        else:
            laid_out.append(pending._load_here())
            wire = _to_wire(laid_out[0])
            if key is not None:
                to_keep.append((key, wire))
        text = wire[0]
        return TextApart(((len(text), widest(text)), *wire[1:]), text)

    keeping: list[threading.Thread] = []

    def then() -> Any:
        if to_keep and task is not None and task.follow is not None:
            # In a thread of its own (its digest and its writing leave the interpreter
            # lock free): the cache look-up below, and the analysis after it, do not
            # wait; ``follow`` waits for it before the child leaves.
            from closeread.document.layout_cache import store

            keeping.append(threading.Thread(target=store, args=to_keep.pop(), daemon=True))
            keeping[0].start()
        return task.compute(laid_out[0]) if task is not None else None

    def follow(result: Any) -> None:
        try:
            if task is not None and task.follow is not None:
                task.follow(laid_out[0], result)
        finally:
            for thread in keeping:
                thread.join()

    forked = _fork(
        compute,
        6 * len(pending.data) + (16 << 20),
        then if task is not None else None,
        follow if task is not None and task.follow is not None else None,
        task.prepare if task is not None else None,
    )
    if forked is not None:
        pending.pid, pending.fd, pending.shared = forked
        # The child has the bytes (its copy of this process's memory); this process does
        # not hold them while it waits (a 50 MB book's 50 MB, on top of the text it then
        # receives): if the child fails, ``_load_here`` reads the file again.
        pending.data = b""


def file_stamp(path: Path) -> tuple[int, int] | None:
    """``path``'s size and modification time (None if it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _source_again(path: Path, stamp: tuple[int, int] | None, doc: Document) -> str:
    """The decoded text of ``doc``'s file read again; if the file changed since it was
    opened (or cannot be read), ``doc``'s own text: exports then point into that."""
    if stamp is not None and file_stamp(path) == stamp:
        with contextlib.suppress(InputError, OSError):
            data = read_bytes(path)
            if file_stamp(path) == stamp and len(data) == stamp[0]:
                return decode_bytes(data, path).text
    return doc.text


def _read_exact(fd: int, size: int) -> bytes:
    """``size`` bytes from ``fd`` (fewer at end of file)."""
    chunks, left = [], size
    while left > 0 and (chunk := os.read(fd, left)):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


Wire = tuple[str, BlocksWire, str, str, str, str, str, list[str], int, str, str]


def _to_wire(doc: Document) -> Wire:
    """``doc`` as plain data for ``marshal``, with its digest: computed here, in the child
    (the reader needs it to find the notes and the cached analysis, and a 50 MB book's
    takes ~70 ms of CPU, most of it encoding the text under the interpreter lock)."""
    return (
        doc.text,
        block_columns(doc.blocks).to_wire(),  # four byte strings, not a tuple a block
        doc.format,
        doc.title,
        doc.byline,
        doc.publisher,
        doc.encoding,
        list(doc.warnings),
        doc.normalisation_version,
        doc.source_format,
        doc.sha256,
    )


def _from_wire(wire: Wire, path: Path) -> Document:
    text, blocks, fmt, title, byline, publisher, encoding, warnings, version, source, sha = wire
    return Document(
        text=text,
        blocks=BlockColumns.from_wire(blocks),
        path=path,
        format=fmt,  # type: ignore[arg-type]
        title=title,
        byline=byline,
        publisher=publisher,
        encoding=encoding,
        warnings=warnings,
        normalisation_version=version,
        source_format=source,  # type: ignore[arg-type]
        _sha256=sha,
    )
