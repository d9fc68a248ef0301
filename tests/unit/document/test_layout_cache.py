"""The layout cache: a big file's laid-out text kept under its bytes' digest, read back
by the child that lays it out for the reader (``opening._fork_loader``)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from closeread.document import layout_cache, load
from closeread.document import opening as loading
from closeread.document.opening import _to_wire, open_document


def big_text(tmp_path: Path, name: str = "book.txt", paragraphs: int = 3000) -> Path:
    path = tmp_path / name
    body = "\n\n".join(
        f"Paragraph {i}: \u201cit\u2019s so,\u201d she said -- and   he  didn't agree."
        for i in range(paragraphs)
    )
    path.write_text("A Book\n\n" + body + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_min(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_cache, "MIN_BYTES", 1024)


def test_small_files_have_no_entry(tmp_path: Path) -> None:
    path = big_text(tmp_path, paragraphs=5)
    assert layout_cache.key_for(path.read_bytes(), path) is None


def test_the_key_follows_the_bytes_and_the_suffix(tmp_path: Path, small_min: None) -> None:
    path = big_text(tmp_path)
    data = path.read_bytes()
    key = layout_cache.key_for(data, path)
    assert key is not None and key == layout_cache.key_for(data, tmp_path / "other.txt")
    assert key != layout_cache.key_for(data, tmp_path / "book.md")  # Markdown is laid out
    assert key != layout_cache.key_for(data + b"x", path)


def test_an_entry_reads_back_as_it_was_stored(tmp_path: Path, small_min: None) -> None:
    path = big_text(tmp_path)
    doc = load(path)
    wire = _to_wire(doc)
    key = layout_cache.key_for(path.read_bytes(), path)
    assert key is not None
    assert layout_cache.load(key) is None  # a miss
    assert layout_cache.store(key, wire)
    assert layout_cache.load(key) == wire


@pytest.mark.parametrize("where", ["head", "text", "rest", "truncated"])
def test_a_damaged_entry_is_removed_and_missed(tmp_path: Path, small_min: None, where: str) -> None:
    path = big_text(tmp_path)
    wire = _to_wire(load(path))
    key = "k" * 64
    assert layout_cache.store(key, wire)
    entry = layout_cache.cache_dir() / f"{key}{layout_cache.SUFFIX}"
    raw = bytearray(entry.read_bytes())
    if where == "truncated":
        raw = raw[: len(raw) // 2]
    else:
        at = {"head": 3, "text": 200, "rest": len(raw) - 5}[where]
        raw[at] ^= 0x55
    entry.write_bytes(bytes(raw))
    assert layout_cache.load(key) is None
    assert not entry.exists()


def test_concurrent_writers_of_one_key_leave_one_good_entry(
    tmp_path: Path, small_min: None
) -> None:
    path = big_text(tmp_path)
    wire = _to_wire(load(path))
    key = "c" * 64
    threads = [threading.Thread(target=layout_cache.store, args=(key, wire)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert layout_cache.load(key) == wire
    assert [p.name for p in layout_cache.cache_dir().iterdir()] == [f"{key}.wire"]


def test_trim_keeps_the_most_recently_used_and_drops_stale_temporaries(
    tmp_path: Path, small_min: None
) -> None:
    wire = _to_wire(load(big_text(tmp_path)))
    folder = layout_cache.cache_dir()
    for i, key in enumerate(("a" * 64, "b" * 64, "c" * 64)):
        assert layout_cache.store(key, wire)
        os.utime(folder / f"{key}.wire", ns=(i * 10**9, i * 10**9))
    size = (folder / f"{'a' * 64}.wire").stat().st_size
    stale, fresh = folder / ".x.1234.tmp", folder / ".y.5678.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, ns=(0, 0))
    layout_cache.trim(folder, max_bytes=2 * size)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [".y.5678.tmp", f"{'b' * 64}.wire", f"{'c' * 64}.wire"]
    )


def _same_document(a: loading.Document, b: loading.Document) -> bool:
    return _to_wire(a) == _to_wire(b) and list(a.blocks) == list(b.blocks)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the layout child is forked")
def test_a_reopened_big_file_is_laid_out_from_the_cache_and_the_same(
    tmp_path: Path, small_min: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first open keeps the layout (once the child goes on after handing it over);
    the second reads it back without laying the text out, and gets the same document."""
    from closeread.analysis import preload

    path = big_text(tmp_path)
    expected = load(path)
    _head, pending = open_document(path, task=preload.task())
    assert pending is not None
    first = pending.wait()
    preload.take(first)  # the child goes on (a miss: it analyses, storing meanwhile)
    key = layout_cache.key_for(path.read_bytes(), path)
    assert key is not None
    entry = layout_cache.cache_dir() / f"{key}{layout_cache.SUFFIX}"
    for _ in range(200):
        if entry.exists():
            break
        threading.Event().wait(0.05)
    assert entry.exists(), "the layout was not kept"
    pending.cancel()
    preload.drop_early()

    def no_layout(self: loading.PendingLoad) -> loading.Document:
        raise AssertionError("laid out again")

    monkeypatch.setattr(loading.PendingLoad, "_load_here", no_layout)
    _head, pending = open_document(path, task=preload.task())
    assert pending is not None
    again = pending.wait()
    pending.cancel()
    preload.drop_early()
    assert _same_document(first, expected) and _same_document(again, expected)
    assert again.sha256 == expected.sha256


def test_the_readers_start_does_not_import_it() -> None:
    """The cache is read in the layout child: the reader's first frame pays for neither
    it nor hashlib (~10 ms of imports)."""
    import subprocess
    import sys

    code = (
        "import sys, closeread.cli, closeread.document.opening; "
        "print(sorted(m for m in ('hashlib', 'secrets', 'closeread.document.layout_cache')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
