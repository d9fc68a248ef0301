"""The first save of a new notes file looks the document's notes up again, under the
folder's lock: two instances opened on a new document at once share one file, and a file
of another document that took the chosen name meanwhile is never written over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from closeread.notes import NotesStore, lookup

from .conftest import FakeDoc


def _yaml_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))


def test_two_instances_opened_at_once_share_one_file(
    doc: Any, make_note: Any, open_store: Any, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_store(doc)
    assert first.match.kind == "new"
    real_name = lookup.new_file_name

    def first_saves_meanwhile(doc_path: Path, sha256: str, folder: Path) -> Path:
        # The second instance's lookup has found no notes file for the text; the first
        # instance saves its first note before the lookup picks a free name.
        monkeypatch.setattr(lookup, "new_file_name", real_name)
        first.add(make_note(doc.text, "first paragraph", "n-first"))
        return real_name(doc_path, sha256, folder)

    monkeypatch.setattr(lookup, "new_file_name", first_saves_meanwhile)
    second = open_store(doc)
    assert second.path != first.path  # what the lookup alone decides: a second file
    second.add(make_note(doc.text, "sky is green", "n-second"))
    assert second.save_error is None
    assert second.path == first.path
    assert second.match.kind == "exact"
    assert _yaml_files(workspace / "notes") == [first.path.name]
    assert {n.id for n in open_store(doc).notes} == {"n-first", "n-second"}
    first.add(make_note(doc.text, "third paragraph", "n-first-2"))
    assert {n.id for n in open_store(doc).notes} == {"n-first", "n-second", "n-first-2"}


def test_a_name_taken_by_another_document_meanwhile_is_not_written_over(
    doc: Any, make_note: Any, open_store: Any, workspace: Path
) -> None:
    mine = open_store(doc)
    assert mine.path.name == "article.yaml"
    other_text = "Another article altogether. It has its own notes and says other things."
    (workspace / "elsewhere").mkdir()
    (workspace / "elsewhere" / "article.txt").write_text(other_text, encoding="utf-8")
    other_doc = FakeDoc(other_text, workspace / "elsewhere" / "article.txt")
    other = open_store(other_doc)
    other.add(make_note(other_text, "its own notes", "n-other"))
    assert other.path == mine.path  # the name this store chose is taken now
    mine.add(make_note(doc.text, "sky is green", "n-mine"))
    assert mine.save_error is None and mine.path != other.path
    assert {n.id for n in open_store(other_doc).notes} == {"n-other"}
    assert {n.id for n in open_store(doc).notes} == {"n-mine"}
    assert len(_yaml_files(workspace / "notes")) == 2


def test_a_given_notes_file_is_kept(doc: Any, make_note: Any, workspace: Path) -> None:
    path = workspace / "notes" / "chosen-by-hand.yaml"
    store = NotesStore.open(doc, path=path)
    store.add(make_note(doc.text, "sky is green", "n-1"))
    assert store.path == path and path.is_file()
