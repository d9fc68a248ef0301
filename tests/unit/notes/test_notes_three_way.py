"""Issue 14 item 1: a save applies the reader's change to the latest note, never a stale copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from closeread.notes import Note, NotesStore
from closeread.notes.merge import BOTH_EDITED, fields, merge_field

from .conftest import TEXT, FakeDoc


def _two(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> tuple[NotesStore, NotesStore]:
    a = NotesStore.open(doc, cwd=workspace)
    a.add(make_note(TEXT, "the sky is green", "n-1", body="old body"))
    b = NotesStore.open(doc, cwd=workspace)
    return a, b


def _on_disk(doc: FakeDoc, workspace: Path) -> Note:
    note = NotesStore.open(doc, cwd=workspace).get("n-1")
    assert note is not None
    return note


def test_tag_after_another_window_edited_the_body_keeps_both(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> None:
    a, b = _two(doc, workspace, make_note)
    note_a = a.get("n-1")
    assert note_a is not None
    started = fields(note_a)  # A opens the tag dialog
    note_b = b.get("n-1")
    assert note_b is not None
    b.change(note_b, fields(note_b), body="B's new body")  # B edits and saves
    a.reload()  # A merges B's save while its dialog is open
    a.change(note_a, started, tags=["mine"])  # A presses Enter in the tag dialog
    on_disk = _on_disk(doc, workspace)
    assert on_disk.body == "B's new body"
    assert on_disk.tags == ["mine"]


def test_tag_without_reload_still_keeps_the_other_windows_body(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> None:
    a, b = _two(doc, workspace, make_note)
    note_b = b.get("n-1")
    assert note_b is not None
    b.change(note_b, fields(note_b), body="B's body")
    note_a = a.get("n-1")
    assert note_a is not None
    a.change(note_a, fields(note_a), tags=["x"], verdict="misleading")  # A never reloaded
    on_disk = _on_disk(doc, workspace)
    assert (on_disk.body, on_disk.tags, on_disk.verdict) == ("B's body", ["x"], "misleading")


def test_the_same_body_edited_in_both_windows_keeps_both_texts(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> None:
    a, b = _two(doc, workspace, make_note)
    note_a, note_b = a.get("n-1"), b.get("n-1")
    assert note_a is not None and note_b is not None
    b.change(note_b, fields(note_b), body="from B")
    _, both = a.change(note_a, fields(note_a), body="from A")
    body = _on_disk(doc, workspace).body
    assert "from A" in body and "from B" in body
    assert both == ["body"]
    b.reload()
    assert b.get("n-1") is not None and b.get("n-1").body == body  # type: ignore[union-attr]


def test_tags_merge_as_sets_and_verdict_conflict_is_reported(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> None:
    a, b = _two(doc, workspace, make_note)
    note_a, note_b = a.get("n-1"), b.get("n-1")
    assert note_a is not None and note_b is not None
    b.change(note_b, fields(note_b), tags=["from-b"], verdict="ok")
    _, both = a.change(note_a, fields(note_a), tags=["from-a"], verdict="misleading")
    on_disk = _on_disk(doc, workspace)
    assert sorted(on_disk.tags) == ["from-a", "from-b"]
    assert on_disk.verdict == "misleading" and both == ["verdict"]


def test_an_edit_the_deleting_window_never_saw_survives_the_delete(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> None:
    a, b = _two(doc, workspace, make_note)
    note_b = b.get("n-1")
    assert note_b is not None
    b.change(note_b, fields(note_b), body="B wrote more")
    a.delete("n-1")  # A had not seen B's edit
    assert _on_disk(doc, workspace).body == "B wrote more"


def test_a_change_to_a_note_deleted_elsewhere_restores_it(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> None:
    a, b = _two(doc, workspace, make_note)
    note_a = a.get("n-1")
    assert note_a is not None
    started = fields(note_a)
    b.delete("n-1")
    a.reload()
    assert a.get("n-1") is None
    a.change(note_a, started, body="edited while it was being deleted")
    assert _on_disk(doc, workspace).body == "edited while it was being deleted"


def test_import_while_the_reader_is_open_keeps_the_readers_edit(
    doc: FakeDoc, workspace: Path, make_note: Callable[..., Note]
) -> None:
    reader, importer = _two(doc, workspace, make_note)
    importer.add_many([make_note(TEXT, "no evidence at all", "n-imp", body="imported")])
    note = reader.get("n-1")
    assert note is not None
    reader.change(note, fields(note), body="reader's edit")
    fresh = NotesStore.open(doc, cwd=workspace)
    assert {n.id: n.body for n in fresh.notes} == {"n-1": "reader's edit", "n-imp": "imported"}


def test_merge_field_rules() -> None:
    assert merge_field("body", "b", "b", "t") == ("t", False)
    assert merge_field("body", "b", "m", "b") == ("m", False)
    assert merge_field("body", "b", "m", "t") == (f"m{BOTH_EDITED}t", True)
    assert merge_field("tags", ("x", "y"), ("y", "m"), ("x", "y", "t")) == (("y", "t", "m"), False)
    assert merge_field("verdict", None, "ok", "misleading") == ("ok", True)
