"""The analysis on two cores: what no paragraph changes for another, computed ahead in a
second process (issue 13: ``analyze`` of a 50 MB book).

The pipeline reads the document in order because the attribution engine carries state
from paragraph to paragraph (the people named so far, for pronouns; the last speaker;
the names known to be people, for the whole book), so the document cannot simply be cut
in two. But about half of the work is a pure function of the text: splitting sentences,
pairing quotation marks, finding each sentence's cues and the names in it
(``Attributor.prepare``). A forked child does that part, paragraph after paragraph, and
sends it through a pipe a chunk of sentences at a time; the parent does the rest (the
stateful reading of each paragraph, the other detectors, claims, sources) while the child
works on the next chunk. The result is the same object the one-process pipeline builds,
byte for byte (``tests/unit/analysis/test_prefetch.py`` compares them, and
``benchmarks/analysis_identity.py`` runs the CLI's path).

Only documents of ``MIN_CHARS`` or more use it (a process start costs more than a short
article's whole analysis), and only where ``fork`` exists (the child needs the parent's
document without copying it through the pipe).
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import gc
import multiprocessing
import traceback
from array import array
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection
from operator import attrgetter
from typing import Any

try:
    import fcntl
except ImportError:  # Windows (which has no fork either)
    fcntl = None  # type: ignore[assignment]

from closeread.analysis.attribution.cues import Cue
from closeread.analysis.attribution.engine import NOTHING_PREPARED, Attributor, Prepared
from closeread.analysis.attribution.marks import QuoteSpan
from closeread.analysis.attribution.phrases import Phrase
from closeread.document import Document, iter_sentence_chunks
from closeread.spans import SpanArray


def _by_constructor(cls: type) -> None:
    """Pickle ``cls`` (a slots dataclass) as its constructor's arguments: unpickling then
    calls the constructor, not the dataclass' ``__setstate__`` (half the parent's cost of
    reading a message)."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    # (``attrgetter`` of several names gives their values as a tuple, read in C: a
    # generator of ``getattr`` per object cost ~5x more, for tens of thousands of them)
    values = attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)

    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(obj)

    copyreg.pickle(cls, reduce)


for _cls in (QuoteSpan, Cue, Phrase):
    _by_constructor(_cls)

MIN_CHARS = 1_000_000
"""Documents shorter than this are analysed in one process."""

_SKIPPED = frozenset({"code", "rule", "metadata", "reference"})
"""Block kinds the attribution engine does not read (``pipeline._Run._attribute``)."""


def _parent_idle(waiting: Any) -> bool:
    """Whether the parent is waiting for the child's next message (``waiting``: a flag in
    memory both processes share). The child then hands the rest of the chunk it is
    preparing to the parent (see ``Prefetch``)."""
    return bool(waiting.value)


def fork_available() -> bool:
    """Whether this platform can fork (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def available(doc: Document) -> bool:
    """Whether ``doc`` is big enough, and this platform able, to be analysed on two cores."""
    return len(doc.text) >= MIN_CHARS and fork_available()


def _spans_of(sents: SpanArray, start: int, end: int) -> list[tuple[int, int]]:
    idx = sents.overlapping(start, end)
    return list(
        zip(sents.starts[idx.start : idx.stop], sents.ends[idx.start : idx.stop], strict=True)
    )


def _work(
    doc: Document, conn: Connection, parent_end: Connection | None = None, waiting: Any = None
) -> None:
    """The child: for each sentence chunk, one message with the chunk, the number of the
    blocks it completes, what ``prepare`` gives for those of them that have anything
    (quotation marks, cues, names) and the blocks it left to the parent (``waiting``: set
    while the parent waits; see ``Prefetch``); ``("end", n, ...)`` last, or
    ``("error", text)``."""
    if parent_end is not None:
        # The reading end, inherited with the fork: held here, it would keep this process
        # waiting on a full pipe for good once the parent has left (a cancelled reader's
        # analysis); closed, the next send fails and this process leaves.
        parent_end.close()
    # The objects inherited from the parent (the document, its blocks) are frozen: the
    # child's collector neither walks them nor copies their pages by touching them; and
    # what the child makes is sent and dropped (no cycles to collect).
    gc.disable()
    try:
        attributor = Attributor(doc.text)
        blocks = doc.blocks
        sents = SpanArray()
        done = 0

        def prepared(upto: int | None) -> tuple[list[tuple[int, Prepared]], list[int]]:
            nonlocal done
            out = []
            handed = []
            while done < len(blocks) and (upto is None or blocks[done].end <= upto):
                b = blocks[done]
                if b.kind in _SKIPPED:
                    pass
                elif waiting is not None and _parent_idle(waiting):
                    handed.append(done)
                else:
                    found = attributor.prepare(b, _spans_of(sents, b.start, b.end))
                    if any(found):
                        out.append((done, found))
                done += 1
            if waiting is not None:
                waiting.value = 0  # (what the parent waited for is on its way)
            return out, handed

        for chunk in iter_sentence_chunks(doc):
            sents.starts.extend(chunk.starts)
            sents.ends.extend(chunk.ends)
            upto = chunk.ends[-1] if len(chunk) else -1
            found, handed = prepared(upto)
            starts, ends = chunk.starts.tobytes(), chunk.ends.tobytes()
            conn.send(("chunk", starts, ends, done, found, handed))
        found, handed = prepared(None)
        conn.send(("end", done, found, handed))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent left (a reader that quit mid-analysis): leave without a word
    except BaseException:
        with contextlib.suppress(OSError):  # (nobody to tell when the parent is gone)
            conn.send(("error", traceback.format_exc()))
    finally:
        with contextlib.suppress(OSError):
            conn.close()


PIPE_BYTES = 1 << 20
"""The pipe's buffer (Linux's default upper bound for an unprivileged process): the child
may run this far ahead without waiting for the parent to read (64 KiB, the default,
kept the two in lockstep, a chunk apart, and a busy machine then stalled each in turn)."""


def _widen(fd: int) -> None:
    """Give the pipe ``PIPE_BYTES`` of buffer where the platform allows it."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setpipe is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, setpipe, PIPE_BYTES)


class Prefetch:
    """The parent's side: sentence chunks in order, and each paragraph's ``Prepared``.

    The two processes share the work as they go: while the parent waits for the child's
    next message, a shared flag says so, and the child hands the paragraphs of the chunk
    it is preparing that it has not begun to the parent, which prepares them itself
    (``prepared`` gives ``None`` for them). Whichever process is the slower on this
    document and this machine (a novel's paragraphs cost the child more; another
    program may be using a core), neither waits long for the other. Which paragraphs
    each prepares changes nothing in the result: ``prepare`` is a pure function.
    """

    def __init__(self, doc: Document) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe(duplex=False)
        _widen(child.fileno())
        self._waiting: Any = None
        with contextlib.suppress(OSError):  # (shared memory is a file: none, no handing over)
            self._waiting = ctx.RawValue("b", 0)
        self._proc = ctx.Process(
            target=_work,
            args=(doc, child, self._conn, self._waiting),
            name="prefetch",
            daemon=True,
        )
        gc.freeze()  # (see _work)
        try:
            self._proc.start()
        finally:
            gc.unfreeze()
        child.close()
        self._chunks: deque[SpanArray] = deque()
        self._ready: dict[int, Prepared] = {}
        self._handed: set[int] = set()
        """Paragraphs the child left to this process."""
        self._ended = False
        self._upto = 0
        """Blocks before this one are all in ``_ready`` (or have nothing prepared)."""

    def _receive(self) -> None:
        try:
            if self._waiting is None or self._conn.poll():
                message: tuple[Any, ...] = self._conn.recv()
            else:
                self._waiting.value = 1  # (the child then hands its paragraphs over)
                try:
                    message = self._conn.recv()
                finally:
                    self._waiting.value = 0
        except EOFError:
            raise RuntimeError("the analysis' second process ended early") from None
        kind = message[0]
        if kind == "chunk":
            chunk = SpanArray()
            chunk.starts, chunk.ends = array("q", message[1]), array("q", message[2])
            self._chunks.append(chunk)
            self._upto, found, handed = message[3], message[4], message[5]
        elif kind == "end":
            self._ended = True
            self._upto, found, handed = message[1], message[2], message[3]
        else:
            raise RuntimeError(f"the analysis' second process failed:\n{message[1]}")
        self._ready.update(found)
        self._handed.update(handed)

    def chunks(self) -> Iterator[SpanArray]:
        """The sentence chunks of ``iter_sentence_chunks(doc)``, in order."""
        while True:
            while not self._chunks and not self._ended:
                self._receive()
            if not self._chunks:
                return
            yield self._chunks.popleft()

    def prepared(self, block: int) -> Prepared | None:
        """``Attributor.prepare`` for block number ``block`` (each asked for once), or
        ``None`` for a paragraph the child left to this process to prepare."""
        while block >= self._upto:
            if self._ended:
                raise RuntimeError(f"the analysis' second process skipped block {block}")
            self._receive()
        if block in self._handed:
            self._handed.discard(block)
            return None
        return self._ready.pop(block, NOTHING_PREPARED)

    def close(self) -> None:
        """Stop the child (at the end, or when the analysis is cancelled)."""
        self._conn.close()
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
