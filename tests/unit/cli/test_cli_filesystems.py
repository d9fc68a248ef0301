"""Real full and read-only file systems (small tmpfs mounts), and other awkward places.

Root ignores file permissions, so a read-only folder is simulated with ``chmod`` nowhere:
these tests mount a 64 KiB tmpfs (a real ``ENOSPC`` once filled, a real ``EROFS`` once
remounted read-only). Without root or ``mount`` they are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from closeread.cli import main
from closeread.document import load
from closeread.export import export_notes
from closeread.notes import NotesStore
from closeread.notes.model import Note, Target

SAMPLE = Path(__file__).resolve().parents[3] / "sample" / "west-leverages-paris-attacks.txt"
NOTES_NAME = "west-leverages-paris-attacks.yaml"


def one_line(err: str) -> str:
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert "Traceback" not in err and lines[0].startswith("closeread: ")
    return lines[0]


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=20)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A fresh 64 KiB tmpfs; skipped where mounting is not allowed."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount")):
        pytest.skip("needs root and mount for a real tmpfs")
    point = tmp_path / "mnt"
    point.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point))
    except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired):
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=20)


def _fill(folder: Path) -> None:
    """Fill the file system of ``folder`` to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def _annotations(tmp_path: Path) -> Path:
    """A W3C export of two notes on the sample, to import."""
    doc = load(SAMPLE)
    notes = []
    for i, phrase in enumerate(("Vienna talks", "regime change")):
        start = doc.text.index(phrase)
        notes.append(
            Note(
                f"n-fs{i}",
                "comment",
                Target.from_span(doc.text, start, start + len(phrase)),
                body="x",
            )
        )
    path = tmp_path / "annos.json"
    path.write_text(export_notes("json", doc, None, notes), encoding="utf-8")
    return path


def test_export_to_a_full_disk(
    tmpfs: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(tmpfs)
    out = tmpfs / "report.html"
    assert main(["export", str(SAMPLE), "--format", "html", "-o", str(out)]) == 1
    line = one_line(capsys.readouterr().err)
    assert line == f"closeread: {out}: cannot write: No space left on device"
    assert sorted(p.name for p in tmpfs.iterdir()) == ["filler"]  # no half file left


def test_import_into_a_full_disk_says_nothing_was_imported(
    tmpfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    annos = _annotations(tmp_path)
    monkeypatch.setenv("CLOSEREAD_NOTES_DIR", str(tmpfs))
    _fill(tmpfs)
    assert main(["import", str(SAMPLE), str(annos)]) == 1
    line = one_line(capsys.readouterr().err)
    notes_file = tmpfs / NOTES_NAME
    assert line == (f"closeread: {notes_file}: could not save, nothing imported: the disk is full")
    assert not notes_file.exists()


def test_read_only_file_system(
    tmpfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes on a read-only mount can be listed and exported, not imported into."""
    doc = load(SAMPLE)
    store = NotesStore.open(doc, tmpfs)
    start = doc.text.index("Vienna talks")
    store.add(
        Note(
            "n-ro1",
            "question",
            Target.from_span(doc.text, start, start + 12),
            body="What were they?",
        )
    )
    assert store.save_error is None
    before = (tmpfs / NOTES_NAME).read_bytes()
    _mount("-o", "remount,ro", str(tmpfs))
    monkeypatch.setenv("CLOSEREAD_NOTES_DIR", str(tmpfs))

    assert main(["notes", str(SAMPLE), "--format", "json"]) == 0
    assert [n["id"] for n in json.loads(capsys.readouterr().out)["notes"]] == ["n-ro1"]

    assert main(["import", str(SAMPLE), str(_annotations(tmp_path))]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.endswith("could not save, nothing imported: the file system is read-only")

    out = tmpfs / "report.md"
    assert main(["export", str(SAMPLE), "--format", "markdown", "-o", str(out)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"closeread: {out}: cannot write: Read-only file system"
    )

    # The store itself: the change stays in memory with a reason, the file is unchanged.
    again = NotesStore.open(doc, tmpfs)
    again.delete("n-ro1")
    assert again.save_error is not None and "read-only" in again.save_error
    assert again.save_reason == "the file system is read-only"
    assert (tmpfs / NOTES_NAME).read_bytes() == before


def test_notes_folder_blocked_by_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "notes"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CLOSEREAD_NOTES_DIR", str(blocker))
    assert main(["import", str(SAMPLE), str(_annotations(tmp_path))]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.endswith(
        "could not save, nothing imported: the folder cannot be created (a file is in the way)"
    )
    assert blocker.read_text(encoding="utf-8") == "not a folder"
