"""What the reader holds while a big document's full text is laid out in the child (issue
13): not the file's bytes (the child has them; read again only if it fails), and the full
document's blocks in columns, equal to ``load``'s."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from closeread.document import load, opening
from closeread.document.block_columns import BlockColumns
from closeread.errors import InputError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.md"
    parts = ["# A Long Book", "By Jane Doe"]
    for i in range(3000):
        parts.append(f"Paragraph {i}: “the plan will work,” the minister said.")
        if i % 50 == 0:
            parts += [f"## Chapter {i // 50}", "> a quoted line", "- an item\n  - nested"]
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    assert path.stat().st_size > 3 * opening.HEAD_CHARS
    return path


def test_the_reader_lets_go_of_the_bytes_and_gets_columns(tmp_path: Path) -> None:
    path = book(tmp_path)
    _head, pending = opening.open_document(path)
    assert pending is not None and pending.pid is not None
    assert pending.data == b""  # the child has them
    full = pending.wait()
    assert isinstance(full.blocks, BlockColumns)
    expected = load(path)
    assert full.blocks == expected.blocks
    assert list(full.blocks) == expected.blocks
    assert full == expected


def test_a_failed_child_is_made_good_by_reading_the_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = book(tmp_path)
    monkeypatch.setattr(opening, "_leave", lambda value, shared, at: -1)  # nothing fits
    _head, pending = opening.open_document(path)
    assert pending is not None and pending.data == b""
    assert pending.wait() == load(path)


def test_a_file_changed_meanwhile_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = book(tmp_path)
    monkeypatch.setattr(opening, "_leave", lambda value, shared, at: -1)
    _head, pending = opening.open_document(path)
    assert pending is not None
    path.write_text(path.read_text("utf-8") + "\n\nOne more paragraph.\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed while it was being opened"):
        pending.wait()
