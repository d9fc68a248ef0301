"""A big document's analysis, started by the child that lays the document out.

The reader opens a big text head first and lays the whole text out in a child forked
before Textual is imported (``document.opening``). That child has the full document
long before the reader does, so it also looks the analysis up in the cache and hands
it over with the layout: the reader's analysis worker finds it waiting (``take``). On a
miss the same child goes on and analyses the text at once (``analysis.child.
serve_early``), on the second core while the reader starts: no interpreter to start,
no text to send, and its pages shared with the reader until either writes them. It
streams its deltas on a pipe the reader reads once its notes are open (``early``), and
takes the notes' link corrections on another, needed only for its last delta.

Only the analysis without quote corrections is started or read (the child does not
know the notes): with quote corrections the worker looks the cache up itself and
analyses in a child of its own, as before. This module imports nothing heavy: the
command line passes ``task()`` before Textual is imported.
"""

from __future__ import annotations

import contextlib
import os
import threading
from typing import TYPE_CHECKING, Any

from closeread.document.opening import ChildTask

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from closeread.analysis.model import Analysis
    from closeread.document.model import Document

_pending: list[Callable[[], Any]] = []
"""How to get what the child computed (one big document per reader)."""
_got: list[Any] = []
"""What it computed, once fetched: ``(digest, cached data or None)`` or None."""
_lock = threading.Lock()
"""``take`` runs in the reader's loading thread, ``early`` in its analysis worker."""
_pipes: list[int] = []
"""``[frames read, frames write, requests read, requests write]`` of the child's
analysis, while nobody took them; this process's two once it forked."""

_on_hit: list[Callable[[str], str]] = []
"""What the child computes of the text after handing over a cached analysis."""
_extra: list[int] = []
"""The read end on which the child sends that (after a hit, until ``hit_extra`` reads it)."""

_go: list[int] = []
"""``[read, write]``: the reader writes a byte on it once its first frame is drawn
(``first_frame``), and closes it once a cached analysis is on screen (``shown``); the
child waits for the first before it analyses, for the second before it computes
``on_hit``'s result after a hit."""

#: Whether the layout child analyses a text missing from the cache (else the reader's
#: worker starts a child of its own once its notes are open).
EARLY = True
#: Seconds the child waits, at most, for the reader's first frame before it analyses: a
#: book is laid out before the reader has drawn (War and Peace: ~0.1 s of the child's CPU
#: against the reader's ~0.25 s), and its analysis would then take CPU from that frame on
#: a busy machine; on an idle one it waits a few ms.
GO_WAIT = 1.0
#: Seconds it waits, at most, after a hit for the cached analysis to be on screen before
#: it computes ``on_hit``'s result (the notes' fingerprint: 0.3-0.5 s of a book's CPU,
#: which the reader needs only for its first save).
SHOWN_WAIT = 3.0


def task(on_hit: Callable[[str], str] | None = None) -> ChildTask:
    """The work for ``document.opening``'s child. ``on_hit(text)``: computed by the child
    after it handed a cached analysis over (the notes file's fingerprint of the text,
    0.3-0.5 s of a book: on the child's core instead of the reader's), for
    ``hit_extra``."""
    _on_hit[:] = [on_hit] if on_hit is not None else []
    return ChildTask(_compute, _receive, _follow if EARLY else None, _prepare if EARLY else None)


def _compute(doc: Document) -> tuple[str, bytes | None]:
    """In the child: the digest of ``doc`` and its cache entry's body, checked and
    decompressed (None when not cached): the reader only copies its columns out."""
    from closeread.analysis import cache, cache_hint

    body = cache.read_entry(cache.cache_key(doc))
    if body is not None:
        cache_hint.leave(doc.path)  # (an entry stored by an earlier version has none)
    return doc.sha256, body


def likely_hit(doc: Document) -> bool:
    """Whether the child will probably find ``doc``'s analysis in the cache (its file
    had one before: ``cache_hint``), known before the child has laid the text out."""
    from closeread.analysis import cache_hint

    return cache_hint.hinted(doc.path)


def _prepare() -> Callable[[bool], None]:
    drop_early()
    _close_go()
    frames_r, frames_w = os.pipe()
    requests_r, requests_w = os.pipe()
    _pipes[:] = [frames_r, frames_w, requests_r, requests_w]
    _go[:] = list(os.pipe())

    def after(in_child: bool) -> None:
        # Each process keeps its ends only: the reader sees the end of the stream when
        # the child leaves, the child the end of the requests when the reader does (and
        # the end of the "go" pipe: it goes on then, as when told to).
        keep = (frames_w, requests_r) if in_child else (frames_r, requests_w)
        for fd in _pipes:
            if fd not in keep:
                with contextlib.suppress(OSError):
                    os.close(fd)
        _pipes[:] = [fd if fd in keep else -1 for fd in _pipes]
        go_r, go_w = _go
        with contextlib.suppress(OSError):
            os.close(go_w if in_child else go_r)
        _go[:] = [go_r, -1] if in_child else [-1, go_w]

    return after


def first_frame() -> None:
    """The reader drew its first frame: the child may go on with the analysis (once;
    nothing when there is no child)."""
    if len(_go) == 2 and _go[1] >= 0:
        with contextlib.suppress(OSError):
            os.write(_go[1], b"g")


def shown() -> None:
    """The cached analysis is on screen (or the reader needs the child no more): the
    child may compute ``on_hit``'s result now."""
    first_frame()
    if len(_go) == 2 and _go[1] >= 0:
        fd, _go[1] = _go[1], -1
        with contextlib.suppress(OSError):
            os.close(fd)


def _wait_go(until_closed: bool) -> None:
    """In the child: until the reader's first frame (``until_closed``: until it closes
    the pipe), its end, or ``GO_WAIT`` (``SHOWN_WAIT``)."""
    if len(_go) == 2 and _go[0] >= 0:
        import select
        import time

        fd = _go[0]
        deadline = time.monotonic() + (SHOWN_WAIT if until_closed else GO_WAIT)
        with contextlib.suppress(OSError, ValueError):
            while (left := deadline - time.monotonic()) > 0:
                if not select.select([fd], [], [], left)[0]:
                    break  # waited long enough
                if not os.read(fd, 64) or not until_closed:
                    break  # closed (or the first frame, for the analysis)
    _close_go()


def _close_go() -> None:
    for fd in _go:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
    _go.clear()


def _follow(doc: Document, result: Any) -> None:
    """In the child, after the layout and the cache lookup were handed over: analyse
    ``doc`` if it was not cached."""
    if not result or _pipes[1] < 0 or _pipes[2] < 0:
        return
    _wait_go(until_closed=result[1] is not None)
    if result[1] is not None:
        if _on_hit and result[0] == doc.sha256:
            _send(_pipes[1], _on_hit[0](doc.text).encode("utf-8"))
        return
    from closeread.analysis.child import serve_early

    # The analysis reads only the normalised text (as ``analyze`` does: cli._release_source).
    doc.source_text = None
    serve_early(doc, _pipes[2], _pipes[1])


def _send(fd: int, data: bytes) -> None:
    """Write ``data`` to ``fd`` and close it (the reader may have left: then nothing)."""
    with contextlib.suppress(OSError):
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    with contextlib.suppress(OSError):
        os.close(fd)


def _receive(get: Callable[[], Any]) -> None:
    _pending[:] = [get]
    _got.clear()


def _fetch() -> Any:
    if _pending:
        _got[:] = [_pending.pop()()]
    return _got[0] if _got else None


def _decode(body: bytes, doc: Document, columns: bool) -> Analysis | None:
    from closeread.analysis import cache

    try:
        return cache.decode(body, doc.text, columns=columns)
    except cache.DAMAGED:
        return None  # a damaged entry: the worker's own lookup removes it


def take(
    doc: Document, quote_corrections: Sequence[object] = (), *, columns: bool = False
) -> Analysis | None:
    """The analysis the child read for ``doc``, once (waiting for the child, which
    started on it long before); None if there is none, it is another document's, or
    the reader has quote corrections (they make another cache entry). ``columns``: its
    claims and citations in the columns they were stored as (read-only: the reader's
    form, ``delta.full``), else lists of objects (``cache.decode``)."""
    with _lock:
        got = _fetch()
        if not got or got[1] is None or quote_corrections or got[0] != doc.sha256:
            return None
        _got.clear()
        hit = _decode(got[1], doc, columns)
    if hit is not None:
        _keep_extra()
    return hit


def _keep_extra() -> None:
    """After a hit: keep the pipe on which the child sends ``on_hit``'s result, let the
    rest go (the child analyses nothing)."""
    frames = _pipes[0] if len(_pipes) == 4 and _pipes[0] >= 0 and _on_hit else -1
    if frames >= 0:
        _pipes[0] = -1
    drop_early()
    if frames >= 0:
        _extra.append(frames)


def hit_extra() -> str | None:
    """What the child computed after handing over the analysis ``take`` returned (see
    ``task``), once; blocks until the child sends it (reading a pipe: the interpreter
    lock is free meanwhile). None when nothing is coming (no hit, no ``on_hit``, the
    child died, or ``drop_early`` let it go)."""
    with _lock:
        fd = _extra.pop() if _extra else -1
    if fd < 0:
        return None
    chunks = []
    try:
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    try:
        return b"".join(chunks).decode("utf-8") or None
    except UnicodeDecodeError:
        return None


def early(doc: Document, quote_corrections: Sequence[object] = ()) -> tuple[int, int] | None:
    """``(frames, requests)``: the pipes of the analysis of ``doc`` the child started
    (for ``analysis.child.follow_stream``, which closes them), once; None if it started
    none, it is another document's or the reader has quote corrections."""
    with _lock:
        got = _fetch()
        _got.clear()
    if (
        not got
        or got[1] is not None
        or quote_corrections
        or got[0] != doc.sha256
        or len(_pipes) < 4
        or _pipes[0] < 0
        or _pipes[3] < 0
    ):
        drop_early()
        return None
    frames, requests = _pipes[0], _pipes[3]
    _pipes.clear()
    return frames, requests


def drop_early() -> None:
    """Let an analysis the child started go (it leaves: its requests pipe closes), and
    what it computes after a hit (``hit_extra``)."""
    for fd in [*_pipes, *_extra]:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
    _pipes.clear()
    _extra.clear()
