"""The reader's analysis in a child process, streamed back as deltas (``analysis.delta``).

Why a process and not a thread: the analysis is pure Python, so in a thread it holds the
GIL the reader's keys need, and every update the thread hands over costs the reader time
in proportion to the whole analysis. In a child the reader's process only decodes and
shows what changed, and the analysis runs at the CLI's speed on the other core
(measured before and after in the README, "At scale").

The protocol, over the child's stdin and stdout (both ours, so pickle is safe here):
the parent writes one request ``(document fields, link corrections, quote corrections)``;
the child answers with frames ``<8-byte length><pickle of a wire delta>``, one per
pipeline yield, the last one complete; an error is a frame ``("error", message)``.
The child runs the analysis through the cache (``analysis.cache``), as the reader did.
It leaves when its stdin closes (the parent quit or cancelled) or its stdout breaks.

``stream`` is the parent's side: an iterator of decoded ``Delta``s, cancellable.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from closeread.analysis.delta import Delta, Differ, decode, deltas, full
from closeread.document.model import Block, Document

_HEADER = struct.Struct("<q")
#: Seconds between two checks of ``is_cancelled`` while waiting for the child.
POLL = 0.1


class ChildFailed(Exception):
    """The analysis child died or reported an error."""


class ChildUnavailable(ChildFailed):
    """No child process could be started (the analysis can still run in this one)."""


def reader_stream(
    doc: Document,
    corrections: Sequence[Any] = (),
    is_cancelled: Callable[[], bool] = lambda: False,
    quote_corrections: Sequence[Any] = (),
) -> Iterator[Delta]:
    """The reader's analysis as deltas: a cached analysis at once, in one delta (read in
    this process: no child to start); else the child's stream (``stream``); where no
    child can start, the pipeline in this process."""
    from closeread.analysis import cache, preload
    from closeread.analysis.corrections import apply_corrections

    hit = preload.take(doc, quote_corrections)
    if hit is None:
        hit = cache.load(cache.cache_key(doc, quote_corrections), doc.text)
    if hit is not None:
        preload.drop_early()
        apply_corrections(doc.text, hit, corrections)
        yield full(hit)
        return
    early = preload.early(doc, quote_corrections)
    if early is not None:
        try:
            yield from follow_stream(doc, *early, corrections, is_cancelled)
            return
        except ChildFailed:  # it died: start again in a child of our own
            pass
    try:
        yield from stream(doc, corrections, is_cancelled, quote_corrections)
    except ChildUnavailable:
        yield from deltas(
            cache.cached_stream(
                doc, corrections, is_cancelled=is_cancelled, quote_corrections=quote_corrections
            ),
            doc.text,
        )


def _doc_fields(doc: Document) -> dict[str, Any]:
    return {
        "text": doc.text,
        "blocks": [(b.kind, b.start, b.end, b.level) for b in doc.blocks],
        "path": doc.path,
        "format": doc.format,
        "title": doc.title,
        "byline": doc.byline,
        "publisher": doc.publisher,
        "encoding": doc.encoding,
        "normalisation_version": doc.normalisation_version,
        "source_format": doc.source_format,
        "_sha256": doc.sha256,
    }


def _doc_from(fields: dict[str, Any]) -> Document:
    fields = dict(fields)
    fields["blocks"] = [Block(*b) for b in fields["blocks"]]
    return Document(**fields)


def stream(
    doc: Document,
    corrections: Sequence[object] = (),
    is_cancelled: Callable[[], bool] = lambda: False,
    quote_corrections: Sequence[object] = (),
    *,
    env: dict[str, str] | None = None,
) -> Iterator[Delta]:
    """The analysis of ``doc`` run in a child process, as decoded deltas.

    Raises ``ChildFailed`` when the child cannot start or fails; stops (killing the child)
    as soon as ``is_cancelled()`` is true or the consumer stops iterating.
    """
    request = pickle.dumps(
        (_doc_fields(doc), list(corrections), list(quote_corrections)),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "closeread.analysis.child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
            # Its own session: when the reader quits right after the analysis, its
            # terminal's hang-up must not stop the child writing the cache.
            start_new_session=True,
        )
    except OSError as exc:
        raise ChildUnavailable(f"cannot start the analysis process: {exc}") from exc
    assert proc.stdin is not None and proc.stdout is not None
    finished = False
    try:
        # Written from a thread: a big request fills the pipe before the child reads it.
        writer = threading.Thread(target=_write_request, args=(proc.stdin, request), daemon=True)
        writer.start()
        for delta in _frames(proc.stdout.fileno(), doc.text, is_cancelled, proc.poll):
            finished = delta.complete
            yield delta
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()
        if finished:
            # The child is writing the analysis to the cache: let it, and reap it later.
            threading.Thread(target=proc.wait, daemon=True).start()
        else:
            with contextlib.suppress(OSError):
                proc.kill()
            proc.wait()
        with contextlib.suppress(OSError):
            proc.stdout.close()


def follow_stream(
    doc: Document,
    frames: int,
    requests: int,
    corrections: Sequence[object] = (),
    is_cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[Delta]:
    """The deltas of the analysis the child that laid ``doc`` out started on its own
    (``analysis.preload``, ``serve_early``), read from the ``frames`` pipe; the link
    ``corrections`` go to it on the ``requests`` pipe (it needs them only at the end).
    Closing ``requests`` (when done, cancelled or failed) lets the child go: it writes the
    cache after its last delta, else it leaves at once. Raises ``ChildFailed`` when the
    child stopped before its last delta."""
    request = pickle.dumps(list(corrections), protocol=pickle.HIGHEST_PROTOCOL)
    pipe = os.fdopen(requests, "wb")
    try:
        threading.Thread(target=_write_request, args=(pipe, request), daemon=True).start()
        yield from _frames(frames, doc.text, is_cancelled, lambda: None)
    finally:
        with contextlib.suppress(OSError):
            pipe.close()
        with contextlib.suppress(OSError):
            os.close(frames)


def _frames(
    fd: int, text: str, is_cancelled: Callable[[], bool], status: Callable[[], object]
) -> Iterator[Delta]:
    """Decoded deltas from ``fd`` up to the complete one; stops early when cancelled;
    ``ChildFailed`` (with ``status()``, the exit code) when the stream breaks off."""
    while True:
        header = _read(fd, _HEADER.size, is_cancelled)
        if header is None:
            return
        if len(header) < _HEADER.size:
            raise ChildFailed(f"the analysis process stopped (exit {status()})")
        size = _HEADER.unpack(header)[0]
        body = _read(fd, size, is_cancelled)
        if body is None:
            return
        if len(body) < size:
            raise ChildFailed(f"the analysis process stopped (exit {status()})")
        wire = pickle.loads(body)
        if wire[0] == "error":
            raise ChildFailed(wire[1])
        delta = decode(wire, text)
        yield delta
        if delta.complete:
            return


def _write_request(pipe: Any, request: bytes) -> None:
    # The child keeps reading its stdin after the request: it leaves at end of file, so
    # the pipe stays open until ``stream`` closes it.
    with contextlib.suppress(OSError, ValueError):
        pipe.write(_HEADER.pack(len(request)) + request)
        pipe.flush()


def _read(fd: int, size: int, is_cancelled: Callable[[], bool]) -> bytes | None:
    """``size`` bytes (fewer at end of file); None when cancelled meanwhile."""
    parts: list[bytes] = []
    left = size
    while left > 0:
        if is_cancelled():
            return None
        ready, _, _ = select.select([fd], [], [], POLL)
        if not ready:
            continue
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    if is_cancelled():
        return None
    return b"".join(parts)


def _read_exact(f: Any, size: int) -> bytes:
    data = f.read(size)
    if len(data) != size:
        raise EOFError
    return bytes(data)


_sent_all = threading.Event()


def _watch(stdin: Any) -> None:
    """Leave when the parent closes our stdin (it cancelled, quit or died) before the
    analysis is complete; after that the cache is written first."""
    with contextlib.suppress(OSError, ValueError):
        while stdin.read(1 << 16):
            pass
    if not _sent_all.is_set():
        os._exit(0)


class _LateCorrections:
    """The link corrections, read from the parent once it sends them (the early child
    starts before the reader has opened the notes); iterating waits for them. They are
    applied only to the complete analysis (``cache.cached_stream``)."""

    def __init__(self, stdin: Any) -> None:
        self._stdin = stdin
        self._got = threading.Event()
        self._items: list[Any] = []

    def watch(self) -> None:
        with contextlib.suppress(EOFError, OSError, ValueError, pickle.UnpicklingError):
            (size,) = _HEADER.unpack(_read_exact(self._stdin, _HEADER.size))
            self._items = pickle.loads(_read_exact(self._stdin, size))
            self._got.set()
        _watch(self._stdin)

    def __iter__(self) -> Iterator[Any]:
        self._got.wait()
        return iter(self._items)


def serve_early(doc: Document, requests: int, frames: int) -> None:
    """In the child that laid ``doc`` out (forked before the reader started, in a session
    of its own): analyse it at once, without quote corrections, for ``follow_stream`` in
    the reader, which sends the link corrections on ``requests`` when it has opened the
    notes."""
    stdin = os.fdopen(requests, "rb")
    late = _LateCorrections(stdin)
    threading.Thread(target=late.watch, daemon=True).start()
    _serve(doc, late, (), os.fdopen(frames, "wb"))


def main() -> int:
    """The child: read the request, analyse, write the deltas."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        (size,) = _HEADER.unpack(_read_exact(stdin, _HEADER.size))
        fields, corrections, quotes = pickle.loads(_read_exact(stdin, size))
    except (EOFError, pickle.UnpicklingError, ValueError):
        return 2
    threading.Thread(target=_watch, args=(stdin,), daemon=True).start()
    _serve(_doc_from(fields), corrections, quotes, stdout)
    return 0  # not reached


def _any(items: Iterable[Any]) -> bool:
    return any(True for _ in items)


def _serve(doc: Document, corrections: Iterable[Any], quotes: Sequence[Any], stdout: Any) -> None:
    """Analyse ``doc`` (through the cache) and write its deltas to ``stdout``; leaves the
    process when done (after the cache write)."""
    import gc

    gc.freeze()  # the objects made so far live as long as the process
    # No cyclic collection while it analyses (as ``closeread analyze``): the analysis and
    # its deltas make no reference cycles, so the collector would only rescan the growing
    # result; the process leaves when done.
    gc.disable()
    from closeread.analysis.cache import cached_stream
    from closeread.analysis.pipeline import analyze_stream

    differ = Differ(doc.text)
    # Frames are written by a thread: the analysis never waits for the reader to read
    # (a pipe holds 64 KB, a delta of a big book several hundred).
    frames: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def write() -> None:
        try:
            while (frame := frames.get()) is not None:
                stdout.write(frame)
                stdout.flush()
        except OSError:  # the reader is gone
            os._exit(0)

    writer = threading.Thread(target=write)
    writer.start()

    def send(wire: object) -> None:
        body = pickle.dumps(wire, protocol=pickle.HIGHEST_PROTOCOL)
        frames.put(_HEADER.pack(len(body)) + body)

    code = 0
    try:
        # A big book's pure per-paragraph work runs ahead in a second process
        # (``prefetch``): the analysis then ends ~0.7x as late, on the second core.
        two_cores = functools.partial(analyze_stream, parallel=True)
        for analysis in cached_stream(doc, corrections, quote_corrections=quotes, stream=two_cores):  # type: ignore[arg-type]
            if analysis.complete:
                _sent_all.set()
            # Without link corrections the complete yield changed only what a merge of
            # sources does: no comparison of every earlier row (~0.7 s for a 13 MB book).
            wire = differ.diff(analysis, exact=not analysis.complete or _any(corrections))
            send(wire)
    except Exception as exc:  # the reader shows it: "analysis failed: ..."
        send(("error", f"{type(exc).__name__}: {exc}"))
        code = 1
    frames.put(None)
    writer.join()
    os._exit(code)  # skip interpreter teardown of a big heap


if __name__ == "__main__":
    raise SystemExit(main())
