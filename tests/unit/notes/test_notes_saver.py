"""Saving on a worker thread: in order, folded, nothing lost, errors kept, done before exit."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from closeread.notes import storage
from closeread.notes.saver import BackgroundSaver


class Gate:
    """Holds every ``storage.atomic_write`` until opened (a save caught in flight)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.entered = threading.Event()
        self.writes = 0
        real = storage.atomic_write

        def held(path: Path, data: bytes, **kw: Any) -> None:
            self.entered.set()
            assert self.open.wait(10), "the gate was never opened"
            self.writes += 1
            real(path, data, **kw)

        monkeypatch.setattr(storage, "atomic_write", held)


def test_requests_during_a_save_are_folded_into_one_more() -> None:
    started, release = threading.Event(), threading.Event()
    runs: list[int] = []
    results: list[bool] = []

    def save() -> bool:
        started.set()
        release.wait(10)
        runs.append(len(runs))
        return True

    saver = BackgroundSaver(save, results.append)
    saver.request()
    assert started.wait(10) and saver.busy
    for _ in range(5):
        saver.request()  # while the first save runs
    release.set()
    assert saver.wait(10) and not saver.busy
    assert runs == [0, 1] and results == [True, True]


def test_a_failing_save_does_not_wedge_the_saver() -> None:
    calls: list[bool] = []
    results: list[bool] = []

    def save() -> bool:
        calls.append(True)
        raise RuntimeError("a bug")

    saver = BackgroundSaver(save, results.append)
    saver.request()
    assert saver.wait(10)
    saver.request()  # the thread is still there for the next one
    assert saver.wait(10) and len(calls) == 2 and results == [False, False]


def test_changes_while_a_save_is_in_flight_all_reach_the_file(
    doc: Any, make_note: Any, open_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-1"))
    saved: list[bool] = []
    store.save_in_background(saved.append)
    gate = Gate(monkeypatch)
    note = store.get("n-1")
    note.body = "one"
    store.update(note)  # returns at once: the save waits at the gate
    assert gate.entered.wait(10) and store.saving and store.dirty
    note.body = "two"  # the reader's key: in memory at once
    store.update(note)
    store.add(make_note(doc.text, "third paragraph", "n-2"))
    store.delete("n-2")
    store.undo()
    assert [n.body for n in store.notes if n.id == "n-1"] == ["two"]
    gate.open.set()
    assert store.wait_saved(10) and not store.saving and not store.dirty
    assert gate.writes == 2 and saved == [True, True]  # the later changes in one save
    reopened = open_store(doc)
    assert {n.id: n.body for n in reopened.notes} == {"n-1": "two", "n-2": ""}


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES])
def test_a_failed_background_save_keeps_the_notes_and_says_why(
    code: int, doc: Any, make_note: Any, open_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-1"))
    before = store.path.read_bytes()
    results: list[bool] = []
    store.save_in_background(results.append)
    real_write = os.write

    def failing_write(fd: int, data: Any) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", failing_write)
    store.add(make_note(doc.text, "third paragraph", "n-2"))
    assert store.wait_saved(10) and results == [False]
    assert store.save_error and str(store.path) in store.save_error and store.dirty
    assert store.path.read_bytes() == before
    monkeypatch.setattr(os, "write", real_write)
    assert store.retry_save() and not store.dirty  # as quitting does, after wait_saved
    assert {n.id for n in open_store(doc).notes} == {"n-1", "n-2"}


_QUIT_DURING_A_SAVE = """
import sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[3]]
from conftest import FakeDoc, note_on
from closeread.notes import storage
from closeread.notes.store import NotesStore

real = storage.atomic_write
def slow(path, data, **kw):
    time.sleep(0.5)  # the process is leaving meanwhile
    real(path, data, **kw)
storage.atomic_write = slow
doc = FakeDoc(Path(sys.argv[1]).read_text("utf-8"), Path(sys.argv[1]))
store = NotesStore.open(doc, notes_dir=Path(sys.argv[2]))
store.save_in_background()
store.add(note_on(doc.text, "first paragraph", "n-late"))
print("added", flush=True)
"""


def test_a_save_in_flight_when_the_process_ends_is_finished(
    doc: Any, workspace: Path, open_store: Any
) -> None:
    here = Path(__file__).parent
    out = subprocess.run(
        [sys.executable, "-c", _QUIT_DURING_A_SAVE, str(doc.path), str(workspace / "notes"),
         str(here)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert out.stdout.strip() == "added"
    assert [n.id for n in open_store(doc).notes] == ["n-late"]
