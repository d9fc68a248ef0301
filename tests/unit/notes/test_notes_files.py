"""Issue 14 item 2: notes files as they are — symlinks written through, special files refused."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from closeread.errors import NotesFileError
from closeread.notes import Note, NotesStore, storage

from .conftest import TEXT, FakeDoc


def test_a_symlinked_notes_file_is_written_through_to_its_target(
    doc: FakeDoc, workspace: Path, tmp_path: Path, make_note: Callable[..., Note]
) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "article.yaml"
    link = workspace / "notes" / "article.yaml"
    store = NotesStore.open(doc, cwd=workspace)
    store.add(make_note(TEXT, "the sky is green", "n-1", body="first"))
    os.replace(store.path, target)
    link.symlink_to(target)
    store = NotesStore.open(doc, cwd=workspace)
    assert store.path == link and [n.body for n in store.notes] == ["first"]
    store.add(make_note(TEXT, "no evidence at all", "n-2", body="second"))
    assert store.save_error is None
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "second" in target.read_text(encoding="utf-8")
    assert (synced / "article.yaml.bak").is_file()  # the .bak next to the target
    assert not (synced / "article.yaml.bak").is_symlink()
    assert not (link.parent / "article.yaml.bak").exists()


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _socket(path: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()
    return path


def _devzero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize(
    "make", [_fifo, _socket, _devzero, _folder], ids=["fifo", "socket", "dev-zero", "folder"]
)
def test_a_special_notes_file_is_refused_without_blocking(
    make: Callable[[Path], Path], doc: FakeDoc, workspace: Path
) -> None:
    special = make(workspace / "notes" / "article.yaml")
    result: list[object] = []

    def open_it() -> None:
        try:
            NotesStore.open(doc, path=special)  # given it (the lookup passes it over)
            result.append("opened")
        except NotesFileError as exc:
            result.append(exc)

    worker = threading.Thread(target=open_it, daemon=True)
    worker.start()
    worker.join(20)
    assert result, "opening the notes file blocked"
    assert isinstance(result[0], NotesFileError)
    assert "not a regular file" in str(result[0]) and str(special) in str(result[0])
    store = NotesStore.open(doc, path=special, on_error="read_only")
    assert store.read_only
    assert os.path.lexists(special)  # left as it was
    found = NotesStore.open(doc, cwd=workspace)  # looked up: passed over, never opened
    assert found.path != special and not found.read_only


def test_an_oversized_notes_file_is_refused(
    doc: FakeDoc, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workspace / "notes" / "article.yaml"
    path.write_bytes(b"closeread: 1\n" + b"#" * 5000 + b"\n")
    monkeypatch.setattr(storage, "MAX_NOTES_BYTES", 1000)
    with pytest.raises(NotesFileError, match="too large"):
        NotesStore.open(doc, cwd=workspace)
