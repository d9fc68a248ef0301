"""Notes are never lost: kill -9 during saves, two writer processes, unwritable folders."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from closeread.notes import NotesStore
from closeread.notes.schema import parse

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX fork/flock/SIGKILL")


def _body(version: int) -> str:
    """A large body whose content proves which save it came from and that it is whole."""
    seed = hashlib.sha256(str(version).encode()).hexdigest()
    return f"version {version}\n" + (seed + "\n") * 200


def _check_version(path: Path) -> int:
    """Parse the notes file and return the save version it holds (asserting it is whole)."""
    data = parse(path.read_bytes(), path)
    assert data is not None
    [note] = data.notes
    version = int(note.body.split("\n", 1)[0].removeprefix("version "))
    assert note.body == _body(version)
    return version


def _child(run: Any) -> int:
    """Fork a child process running ``run()``; it never returns into pytest."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            run()
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    return pid


@pytest.mark.slow
def test_kill_9_during_saves_never_breaks_the_file(
    doc: Any, make_note: Any, open_store: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "sky is green", "n-1", body=_body(0)))
    path = store.path

    def writer(saved: int) -> None:
        w = open_store(doc)
        version = _check_version(path)
        note = w.get("n-1")
        while True:
            version += 1
            note.body = _body(version)
            w.update(note)
            os.write(saved, b".")  # tells the parent a save is through (never blocks long)

    rng = random.Random(20261125)
    kills = advanced = mid_write = 0
    last = 0
    started = time.monotonic()
    while kills < 200 or time.monotonic() - started < 1.0:
        read_end, write_end = os.pipe()
        pid = _child(lambda: writer(write_end))  # noqa: B023 - runs before the next loop
        os.close(write_end)
        # Kill only a writer that is saving: after its first save is through, at a random
        # moment of the saves that follow (however slowly a loaded machine runs it).
        ready, _, _ = select.select([read_end], [], [], 60)
        assert ready and os.read(read_end, 1) == b".", "the writer never saved"
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(read_end)
        assert os.WIFSIGNALED(status), "the writer stopped by itself"
        kills += 1
        temps = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        mid_write += bool(temps)
        for p in temps:  # count each kill's leftovers once
            p.unlink()
        version = _check_version(path)  # parses and is one whole version
        assert version >= last  # never an older one than already seen
        advanced += version > last
        last = version
        bak = path.with_name(path.name + ".bak")
        if bak.exists():
            assert _check_version(bak) <= version
    elapsed = time.monotonic() - started
    # An ordinary save cleans up what a killed writer left behind.
    (path.parent / f".{path.name}.deadbeef.tmp").write_text("half a file")
    final = open_store(doc)
    assert final.save()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    with capsys.disabled():
        print(
            f"\nkill -9 torture: {kills} kills in {elapsed:.1f} s, {last} saves completed, "
            f"{advanced} kills after new saves, {mid_write} left a temp file (killed mid-write)"
        )
    assert kills >= 200
    assert advanced == kills  # every kill hit a writer that had saved since the last one


def test_two_processes_adding_notes_lose_nothing(doc: Any, make_note: Any, open_store: Any) -> None:
    quotes = ["first paragraph", "second paragraph", "third paragraph", "sky is green"]

    def adder(tag: str) -> None:
        s = open_store(doc)
        rng = random.Random(tag)
        for i in range(30):
            s.add(make_note(doc.text, rng.choice(quotes), f"n-{tag}-{i}", body=f"{tag} {i}"))
            assert s.save_error is None
            if i % 10 == 9:
                s.delete(f"n-{tag}-{i}")  # deletions must survive the other's merges too

    pids = [_child(lambda tag=tag: adder(tag)) for tag in ("a", "b")]
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    ids = {n.id for n in open_store(doc).notes}
    expected = {f"n-{t}-{i}" for t in "ab" for i in range(30) if i % 10 != 9}
    assert ids == expected


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_failed_write_keeps_notes_and_retry_works(
    code: int, doc: Any, make_note: Any, open_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-1"))
    before = store.path.read_bytes()
    real_write = os.write

    def failing_write(fd: int, data: Any) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", failing_write)
    store.add(make_note(doc.text, "third paragraph", "n-2"))  # raises nothing
    assert store.save_error and str(store.path) in store.save_error
    assert "kept in memory" in store.save_error and "\n" not in store.save_error
    assert store.dirty and {n.id for n in store.notes} == {"n-1", "n-2"}
    assert store.path.read_bytes() == before  # the old file is intact
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert store.retry_save() is False
    monkeypatch.setattr(os, "write", real_write)
    assert store.retry_save() is True
    assert store.save_error is None and not store.dirty
    assert {n.id for n in open_store(doc).notes} == {"n-1", "n-2"}


def test_failed_replace_keeps_old_file(
    doc: Any, make_note: Any, open_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-1"))
    before = store.path.read_bytes()
    real = os.replace

    def no_space(src: Any, dst: Any) -> None:
        if str(dst) == str(store.path):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", no_space)
    store.add(make_note(doc.text, "third paragraph", "n-2"))
    assert store.save_error and "disk is full" in store.save_error
    assert store.path.read_bytes() == before
    monkeypatch.setattr(os, "replace", real)
    assert store.retry_save() and len(open_store(doc).notes) == 2


def test_missing_parent_that_cannot_be_created(
    tmp_path: Path, doc_factory: Any, make_note: Any
) -> None:
    (tmp_path / "blocker").write_text("a file where the folder should be")
    doc = doc_factory("the sky is green today", tmp_path / "doc.txt")
    store = NotesStore.open(doc, notes_dir=tmp_path / "blocker" / "notes")
    store.add(make_note(doc.text, "sky", "n-1"))
    assert store.save_error and "cannot be created" in store.save_error
    assert store.get("n-1") is not None and store.dirty
    (tmp_path / "blocker").unlink()
    assert store.retry_save() and not store.dirty


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to read-only folders"
)
def test_read_only_folder(doc: Any, workspace: Path, make_note: Any, open_store: Any) -> None:
    folder = workspace / "notes"
    folder.chmod(0o555)
    try:
        store = open_store(doc)
        store.add(make_note(doc.text, "sky", "n-1"))
        assert store.save_error and "not writable" in store.save_error
    finally:
        folder.chmod(0o755)
    assert store.retry_save()


def test_read_only_store_saves_after_the_file_is_repaired(
    doc: Any, workspace: Path, make_note: Any
) -> None:
    path = workspace / "notes" / "article.yaml"
    path.write_bytes(b"closeread: 1\ndocument: {path: docs/article.txt\n")  # broken
    store = NotesStore.open(doc, notes_dir=workspace / "notes", on_error="read_only")
    store.add(make_note(doc.text, "sky", "n-new"))
    assert store.read_only and not store.retry_save()
    path.write_bytes(b"closeread: 1\ndocument: {path: docs/article.txt}\nnotes: []\n")
    assert store.retry_save() and not store.read_only
    assert [n.id for n in NotesStore.open(doc, notes_dir=workspace / "notes").notes] == ["n-new"]


def test_backup_when_bak_already_is_the_file_leaves_no_temp(tmp_path: Path) -> None:
    # A writer killed between its backup (a hard link) and its replace leaves ``.bak`` and
    # the file as one inode; rename(2) onto it is then a no-op that kept the temp link.
    from closeread.notes.storage import atomic_write, backup_path

    path = tmp_path / "article.yaml"
    path.write_bytes(b"one")
    os.link(path, backup_path(path))
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two" and backup_path(path).read_bytes() == b"one"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
