"""The analysis on two cores (``analysis.prefetch``) gives exactly the one-process result."""

from __future__ import annotations

import functools
import io
import itertools
import multiprocessing
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from closeread.analysis import analyze, analyze_stream, pipeline, prefetch
from closeread.analysis.attribution.engine import Attributor
from closeread.analysis.json_stream import write_json
from closeread.document import Document, iter_sentence_chunks, load, load_text
from tests.conftest import CORPUS, SAMPLE

pytestmark = pytest.mark.skipif(
    not prefetch.fork_available(), reason="the second process needs fork (Linux)"
)

# Quotations over several paragraphs, a colon lead-in, pronouns, a block quote: state that
# crosses paragraphs and chunks.
ARTICLE = """\
Senator Jane Roe spoke on Monday. She said the plan "would cost billions.

"And it would fail," she added. Critics disagreed, according to Mark Tell.

Roe made the following comment:

> The plan is sound, and we will pass it before the summer recess.

"It is a disaster," Tell said. He told reporters that the vote was rigged.
"""


def _json(doc: Document, analysis: object) -> str:
    out = io.StringIO()
    write_json(doc, analysis, out.write)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.fixture
def everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document, however short, is analysed on two cores."""
    monkeypatch.setattr(prefetch, "MIN_CHARS", 0)


def _docs() -> list[Path]:
    names = [
        "dev-long-good-enough-practices-draft.md",
        "dev-numbered-footnotes-pep-3104.txt",
        "dev-news-opensource-roundup-2019-10-13.md",
    ]
    polnear = sorted((CORPUS / "polnear" / "dev" / "texts").glob("*.txt"))[:3]
    return [SAMPLE, *(CORPUS / n for n in names if (CORPUS / n).exists()), *polnear]


@pytest.mark.usefixtures("everywhere")
@pytest.mark.parametrize("path", _docs(), ids=lambda p: p.name)
def test_two_cores_give_the_same_output(path: Path) -> None:
    doc = load(path)
    assert prefetch.available(doc)
    assert _json(doc, analyze(doc, parallel=True)) == _json(doc, analyze(doc))


@pytest.mark.usefixtures("everywhere")
@pytest.mark.parametrize("chunk_chars", [1, 40, 150, 200_000])
def test_same_output_at_every_chunking(chunk_chars: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Chunks (each one message from the second process) end at every block, or every few.
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=chunk_chars)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    monkeypatch.setattr(prefetch, "iter_sentence_chunks", chunker)
    for doc in (load_text(ARTICLE, None, "markdown"), load(SAMPLE)):
        one = [len(a.citations) for a in analyze_stream(doc)]
        two = [len(a.citations) for a in analyze_stream(doc, parallel=True)]
        assert one == two
        assert _json(doc, analyze(doc, parallel=True)) == _json(doc, analyze(doc))


def _every(n: int) -> Callable[[object], bool]:
    """A policy for the child: hand every ``n``-th paragraph over (0: none)."""
    turns = itertools.count(1)
    return lambda waiting: n > 0 and next(turns) % n == 0


@pytest.mark.usefixtures("everywhere")
@pytest.mark.parametrize("every", [1, 2, 3, 0])
def test_same_output_whichever_paragraphs_the_parent_prepares(
    every: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1: the child hands every paragraph over, 0: none (the forked child inherits this).
    monkeypatch.setattr(prefetch, "_parent_idle", _every(every))
    for doc in (load_text(ARTICLE, None, "markdown"), load(SAMPLE)):
        assert _json(doc, analyze(doc, parallel=True)) == _json(doc, analyze(doc))


def _asked(doc: Document, *, child_first: bool) -> list[object]:
    run = prefetch.Prefetch(doc)
    try:
        if child_first:  # (its few messages fit in the pipe: it sends them all and leaves)
            run._proc.join(timeout=120)
            assert not run._proc.is_alive()
        return [run.prepared(i) for i in range(len(doc.blocks))]
    finally:
        run.close()


_PARENT_IDLE = prefetch._parent_idle


_GIVE_UP: list[float] = []


def _once_flagged(waiting: Any) -> bool:
    """The child's check, made only once the parent has said it waits (or 30 s on)."""
    if not _GIVE_UP:
        _GIVE_UP.append(time.monotonic() + 30)  # (in the forked child: its own list)
    while not waiting.value and time.monotonic() < _GIVE_UP[0]:
        time.sleep(0.001)
    return _PARENT_IDLE(waiting)


@pytest.mark.usefixtures("everywhere")
def test_the_child_hands_paragraphs_over_while_the_parent_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = load_text("\n\n".join([SAMPLE.read_text("utf-8")] * 3))
    # Waiting from the start, this process is handed every paragraph to prepare (all but
    # those no one prepares: code, rules, metadata, references).
    with monkeypatch.context() as m:
        m.setattr(prefetch, "_parent_idle", _once_flagged)
        waited = _asked(doc, child_first=False)
    handed = [i for i, p in enumerate(waited) if p is None]
    assert handed == [i for i, b in enumerate(doc.blocks) if b.kind not in prefetch._SKIPPED]
    # Asking only once the child has finished, it is handed none.
    assert None not in _asked(doc, child_first=True)


@pytest.mark.usefixtures("everywhere")
def test_without_shared_memory_the_child_prepares_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_shared_memory(*args: object) -> None:
        raise OSError("no room for shared memory")

    monkeypatch.setattr(type(multiprocessing.get_context("fork")), "RawValue", no_shared_memory)
    doc = load(SAMPLE)
    assert None not in _asked(doc, child_first=False)
    assert _json(doc, analyze(doc, parallel=True)) == _json(doc, analyze(doc))


def test_short_documents_keep_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(doc: Document) -> None:
        raise AssertionError("no second process for a short document")

    monkeypatch.setattr(prefetch, "Prefetch", refuse)
    doc = load_text(ARTICLE, None, "markdown")
    assert not prefetch.available(doc)
    assert analyze(doc, parallel=True).claims


@pytest.mark.usefixtures("everywhere")
def test_a_failure_in_the_second_process_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Attributor, *args: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(Attributor, "prepare", broken)  # the forked child inherits it
    monkeypatch.setattr(prefetch, "_parent_idle", _every(0))  # (the child prepares all)
    doc = load_text(ARTICLE, None, "markdown")
    with pytest.raises(RuntimeError, match="boom"):
        analyze(doc, parallel=True)


@pytest.mark.usefixtures("everywhere")
def test_cancelling_stops_the_second_process() -> None:
    doc = load(SAMPLE)
    stream = analyze_stream(doc, parallel=True)
    first = next(stream)
    assert not first.complete
    stream.close()  # what a cancelled reader does
    children = [p for p in prefetch.multiprocessing.active_children() if p.name == "prefetch"]
    assert children == []


@pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="needs Linux's /proc")
def test_the_second_process_does_not_hold_the_reading_end() -> None:
    """Else, its parent gone without a word (a cancelled reader's analysis child leaves
    with ``os._exit``), it would wait on a full pipe for good."""
    import os
    import time

    # Big enough that the child fills the pipe and waits (nothing is read here).
    doc = load_text("\n\n".join([SAMPLE.read_text("utf-8")] * 400))
    run = prefetch.Prefetch(doc)
    try:
        inode = os.fstat(run._conn.fileno()).st_ino
        pid = run._proc.pid
        assert pid is not None

        def reading_ends() -> list[str]:
            ends = []
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    target = os.readlink(f"/proc/{pid}/fd/{fd}")
                    info = Path(f"/proc/{pid}/fdinfo/{fd}").read_text()
                except OSError:
                    continue
                flags = int(info.split("flags:")[1].split()[0], 8)
                if target == f"pipe:[{inode}]" and flags & 3 == os.O_RDONLY:
                    ends.append(fd)
            return ends

        deadline = time.monotonic() + 10
        while reading_ends():
            assert time.monotonic() < deadline, "the second process holds the reading end"
            time.sleep(0.01)
        assert run._proc.is_alive()  # (still there to be looked at: a real test)
    finally:
        run.close()


def test_the_second_process_leaves_quietly_when_its_parent_is_gone() -> None:
    """A reader that quits mid-analysis: the next message finds the pipe broken, and the
    second process leaves without a traceback on the terminal."""
    ctx = multiprocessing.get_context("fork")
    reading, writing = ctx.Pipe(duplex=False)
    reading.close()  # the parent is gone
    doc = load_text(ARTICLE, None, "markdown")
    prefetch._work(doc, writing)  # returns: no BrokenPipeError for the process to print
    assert writing.closed


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_the_second_process_prints_nothing_when_its_parent_leaves(tmp_path: Path) -> None:
    """The same through a real fork: the orphaned child leaves, its stderr empty."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import os, sys, time
        from closeread.analysis import prefetch
        from closeread.document import load_text
        doc = load_text(sys.stdin.read())
        run = prefetch.Prefetch(doc)
        print(run._proc.pid, flush=True)
        os._exit(0)  # as the reader's analysis child leaves: no clean-up
        """
    )
    book = "\n\n".join([SAMPLE.read_text("utf-8")] * 200)
    err = tmp_path / "stderr"
    with err.open("w") as stderr:
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=book,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            timeout=60,
        )
    pid = int(done.stdout.split()[0])

    def running() -> bool:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return False
        return "\nState:\tZ" not in status  # (a zombie has left)

    deadline = time.monotonic() + 30
    while running() and time.monotonic() < deadline:
        time.sleep(0.05)  # the orphaned second process finds the pipe broken and leaves
    assert not running()
    assert err.read_text() == ""
