"""Helpers for the notes tests: a minimal document and note factories."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from closeread.notes import Note, NotesStore, Target

TEXT = (
    "The first paragraph says that the sky is green. It offers no evidence at all.\n\n"
    'A second paragraph quotes a report: "the sky is green on Tuesdays", said the agency.\n\n'
    "The third paragraph repeats the sky is green, and then it stops."
)


@dataclass
class FakeDoc:
    """What ``NotesStore`` needs of a Document, without the document loader."""

    text: str
    path: Path | None
    title: str = "Test document"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A reading workspace: ``docs/article.txt`` and a ``notes/`` with only its marker."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / ".closeread").write_text("")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "article.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def doc(workspace: Path) -> FakeDoc:
    return FakeDoc(TEXT, workspace / "docs" / "article.txt")


def note_on(text: str, quote: str, note_id: str, body: str = "", occurrence: int = 0) -> Note:
    """A comment on the ``occurrence``-th occurrence of ``quote`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Note(note_id, "comment", Target.from_span(text, start, start + len(quote)), body=body)


@pytest.fixture
def make_note() -> Callable[..., Note]:
    """``make_note(text, quote, note_id, body="", occurrence=0)``."""
    return note_on


@pytest.fixture
def open_store(workspace: Path) -> Callable[[FakeDoc], NotesStore]:
    """Open the store of a document with the workspace's ``notes/`` as ``--notes-dir``."""

    def _open(doc: FakeDoc) -> NotesStore:
        return NotesStore.open(doc, notes_dir=workspace / "notes")

    return _open


@pytest.fixture
def doc_factory() -> type[FakeDoc]:
    """``doc_factory(text, path, title="...")`` builds a minimal document."""
    return FakeDoc
