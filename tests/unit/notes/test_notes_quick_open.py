"""A big notes file is opened after the first frame (issue 13), a small one before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.document import load_text
from closeread.notes import NotesStore, lookup
from closeread.notes.model import Note, Target


@pytest.mark.parametrize(("count", "quick"), [(3, True), (40, False)])
def test_quick_only_for_a_small_notes_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, quick: bool
) -> None:
    monkeypatch.setattr(lookup, "QUICK_NOTES_BYTES", 4096)
    text = " ".join(f"Sentence number {i} says something." for i in range(200))
    path = tmp_path / "doc.txt"
    path.write_text(text, "utf-8")
    doc = load_text(text, path)
    notes_dir = tmp_path / "notes"
    store = NotesStore.open(doc, notes_dir)
    store.add_many(
        [
            Note(
                id=f"n-{i}", kind="comment", target=Target.from_span(doc.text, i * 30, i * 30 + 20)
            )
            for i in range(count)
        ]
    )
    assert lookup.quick_match(path, doc.sha256, notes_dir) is quick
