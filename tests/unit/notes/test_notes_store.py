"""NotesStore: saving after each change, undo, links, merging, reload, document order."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from closeread.notes import LinkCorrection, NotesStore, SpanRef, notes_report
from closeread.notes.model import Note, Target


def test_every_change_is_saved_and_reopened(
    doc: Any, workspace: Path, make_note: Any, open_store: Any
) -> None:
    store = open_store(doc)
    assert store.path == workspace / "notes" / "article.yaml"
    assert not store.path.exists()  # opening alone writes nothing
    store.add(make_note(doc.text, "sky is green", "n-1", body="Really?\nTwo lines."))
    assert store.path.exists() and not store.dirty and store.save_error is None
    data = yaml.safe_load(store.path.read_text(encoding="utf-8"))
    assert data["closeread"] == 1
    fingerprint = data["document"].pop("fingerprint")
    assert data["document"] == {
        "path": "docs/article.txt",
        "title": "Test document",
        "sha256": doc.sha256,
    }
    assert fingerprint.startswith("mh1:")
    assert sorted(p.name for p in store.path.parent.iterdir()) == [".closeread", "article.yaml"]
    assert data["notes"][0]["body"] == "Really?\nTwo lines."
    note = store.get("n-1")
    note.tags = ["colour"]
    note.verdict = "unsupported"
    store.update(note)
    again = open_store(doc)
    [n] = again.notes
    assert (n.id, n.tags, n.verdict, n.status) == ("n-1", ["colour"], "unsupported", "anchored")
    assert n.target.quote == "sky is green"
    assert doc.text[n.target.start : n.target.end] == n.target.quote


def test_previous_version_is_kept_as_bak(
    doc: Any, workspace: Path, make_note: Any, open_store: Any
) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-1"))
    first = store.path.read_bytes()
    store.add(make_note(doc.text, "second paragraph", "n-2"))
    bak = store.path.with_name("article.yaml.bak")
    assert bak.read_bytes() == first
    assert [p.name for p in store.path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_notes_are_in_document_order_with_orphans_last(
    doc: Any, make_note: Any, open_store: Any, doc_factory: Any
) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "third paragraph", "n-3"))
    store.add(make_note(doc.text, "offers no evidence", "n-gone"))
    store.add(make_note(doc.text, "first paragraph", "n-1"))
    assert [n.id for n in store.notes] == ["n-1", "n-gone", "n-3"]
    edited = doc_factory(doc.text.replace("It offers no evidence at all.", "Nothing."), doc.path)
    reopened = open_store(edited)
    assert [n.id for n in reopened.notes] == ["n-1", "n-3", "n-gone"]
    assert [n.id for n in reopened.orphans()] == ["n-gone"]
    gone = reopened.get("n-gone")
    assert gone.status == "orphan" and gone.target.start is None
    assert gone.target.quote == "offers no evidence"  # kept, never dropped
    assert reopened.get("n-3").status == "moved"
    report = notes_report(reopened)
    assert report["notes_file"] == str(reopened.path)
    assert [(r["id"], r["status"], r["start"]) for r in report["notes"]][-1] == (
        "n-gone",
        "orphan",
        None,
    )
    assert set(report["notes"][0]) >= {
        "id",
        "kind",
        "body",
        "tags",
        "verdict",
        "quote",
        "start",
        "end",
        "status",
    }


def test_delete_and_undo(doc: Any, make_note: Any, open_store: Any) -> None:
    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-1", body="keep me"))
    store.add(make_note(doc.text, "third paragraph", "n-3"))
    deleted = store.delete("n-1")
    assert deleted.body == "keep me" and store.get("n-1") is None
    assert [n.id for n in open_store(doc).notes] == ["n-3"]
    assert store.can_undo
    restored = store.undo()
    assert restored is not None and restored.id == "n-1"
    assert [n.id for n in open_store(doc).notes] == ["n-1", "n-3"]
    assert "deleted" not in yaml.safe_load(store.path.read_text())  # tombstone dropped
    assert store.undo() is None
    with pytest.raises(KeyError):
        store.delete("n-missing")


def test_notes_overlapping(doc: Any, make_note: Any, open_store: Any) -> None:
    store = open_store(doc)
    a = store.add(make_note(doc.text, "the sky is green", "n-a"))
    store.add(make_note(doc.text, "third paragraph", "n-b"))
    s, e = a.target.start, a.target.end
    assert [n.id for n in store.notes_overlapping(s + 2, s + 3)] == ["n-a"]
    assert [n.id for n in store.notes_overlapping(e, e + 1)] == []
    assert [n.id for n in store.notes_overlapping(s, s)] == ["n-a"]
    assert [n.id for n in store.notes_overlapping(0, len(doc.text))] == ["n-a", "n-b"]


def test_set_link_replaces_the_same_pair(doc: Any, open_store: Any) -> None:
    store = open_store(doc)
    claim, cit = SpanRef(doc.text[0:20], 0, 20), SpanRef(doc.text[80:100], 80, 100)
    store.set_link(LinkCorrection(claim, cit, "add"))
    store.set_link(LinkCorrection(SpanRef(doc.text[0:20], 0, 20), cit, "remove"))
    store.set_link(LinkCorrection(claim, SpanRef(doc.text[120:130], 120, 130), "add"))
    reopened = open_store(doc)
    assert [(lc.citation.start, lc.action) for lc in reopened.links] == [
        (80, "remove"),
        (120, "add"),
    ]
    assert reopened.link_for(claim, cit).action == "remove"


def test_two_instances_merge(doc: Any, make_note: Any, open_store: Any) -> None:
    a, b = open_store(doc), open_store(doc)
    a.add(make_note(doc.text, "first paragraph", "n-a", body="from a"))
    b.add(make_note(doc.text, "third paragraph", "n-b", body="from b"))  # merges a's note
    assert {n.id for n in b.notes} == {"n-a", "n-b"}
    assert a.disk_changed() and a.reload()
    assert {n.id for n in a.notes} == {"n-a", "n-b"}
    assert not a.reload()  # nothing new
    # b edits n-a later than a's version: the newer one wins on both sides
    nb = b.get("n-a")
    nb.body = "edited by b"
    nb.modified = nb.modified + timedelta(seconds=5)
    b.notes[b.notes.index(nb)] = nb
    b.save()
    a.delete("n-b")  # a deletes b's note: the tombstone reaches b
    assert b.reload()
    assert {n.id: n.body for n in b.notes} == {"n-a": "edited by b"}
    b.add(make_note(doc.text, "second paragraph", "n-c"))
    final = open_store(doc)
    assert {n.id: n.body for n in final.notes} == {"n-a": "edited by b", "n-c": ""}


def test_stale_instance_does_not_resurrect_deleted_note(
    doc: Any, make_note: Any, open_store: Any
) -> None:
    a = open_store(doc)
    a.add(make_note(doc.text, "first paragraph", "n-1"))
    stale = open_store(doc)
    a.delete("n-1")
    stale.add(make_note(doc.text, "third paragraph", "n-2"))  # still holds n-1 in memory
    assert [n.id for n in open_store(doc).notes] == ["n-2"]
    assert [n.id for n in stale.notes] == ["n-2"]


def test_link_changes_merge(doc: Any, open_store: Any) -> None:
    a, b = open_store(doc), open_store(doc)
    claim = SpanRef(doc.text[0:20], 0, 20)
    a.set_link(LinkCorrection(claim, SpanRef(doc.text[80:100], 80, 100), "add"))
    b.set_link(LinkCorrection(claim, SpanRef(doc.text[120:130], 120, 130), "remove"))
    final = open_store(doc)
    assert sorted((lc.citation.start, lc.action) for lc in final.links) == [
        (80, "add"),
        (120, "remove"),
    ]


def test_unknown_top_level_keys_survive_a_save(
    doc: Any, workspace: Path, make_note: Any, open_store: Any
) -> None:
    path = workspace / "notes" / "article.yaml"
    path.write_text(
        "closeread: 1\ndocument: {path: docs/article.txt}\nnotes: []\nreading_log: [started]\n",
        encoding="utf-8",
    )
    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-1"))
    assert yaml.safe_load(path.read_text())["reading_log"] == ["started"]


def test_explicit_notes_file_and_pathless_document(tmp_path: Path, doc_factory: Any) -> None:
    from closeread.errors import NotesFileError

    with pytest.raises(NotesFileError):
        NotesStore.open(doc_factory("text", None), notes_dir=tmp_path)
    store = NotesStore.open(doc_factory("some text", None), path=tmp_path / "x" / "n.yaml")
    assert store.save() and (tmp_path / "x" / "n.yaml").exists()


def test_open_finds_the_workspace_from_the_cwd(
    workspace: Path, doc: Any, make_note: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    store = NotesStore.open(doc, cwd=workspace / "docs")
    assert store.path == (workspace / "notes" / "article.yaml").resolve()
    store.add(make_note(doc.text, "sky", "n-1"))
    assert yaml.safe_load(store.path.read_text())["document"]["path"] == "docs/article.txt"


def test_env_var_notes_dir(notes_dir: Path, doc_factory: Any) -> None:
    doc = doc_factory("some text", notes_dir.parent / "elsewhere" / "doc.txt")
    assert NotesStore.open(doc).path == notes_dir.resolve() / "doc.yaml"


def test_real_sample_document_in_a_workspace(
    tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from closeread.document import load

    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    (tmp_path / "sample").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / ".closeread").write_text("")
    copy = tmp_path / "sample" / sample_path.name
    copy.write_bytes(sample_path.read_bytes())
    doc = load(copy)
    store = NotesStore.open(doc, cwd=tmp_path / "sample", notes_dir=None)
    assert store.path == (tmp_path / "notes" / "west-leverages-paris-attacks.yaml").resolve()
    start = doc.text.index("Paris")
    from closeread.notes import Note, Target, new_note_id

    store.add(Note(new_note_id(), "question", Target.from_span(doc.text, start, start + 40)))
    recorded = yaml.safe_load(store.path.read_text(encoding="utf-8"))["document"]
    assert recorded["path"] == "sample/west-leverages-paris-attacks.txt"
    assert recorded["sha256"] == doc.sha256
    [note] = NotesStore.open(load(copy), cwd=tmp_path).notes
    assert note.status == "anchored" and note.kind == "question"


def test_escape_sequences_in_a_notes_file_are_made_visible(
    doc: Any, workspace: Path, make_note: Any, open_store: Any
) -> None:
    """A hand-edited (or foreign) notes file with ESC/BEL in a note: the store hands out
    control pictures, so no widget or table can send the sequence to the terminal."""
    path = workspace / "notes" / "article.yaml"
    start = doc.text.index("sky is green")
    path.write_text(
        "closeread: 1\ndocument: {path: docs/article.txt}\nnotes:\n"
        "- id: n-esc\n  kind: comment\n  created: 2026-11-25T10:00:00Z\n"
        "  modified: 2026-11-25T10:00:00Z\n"
        f'  target: {{quote: "sky is green", start: {start}, end: {start + 12}}}\n'
        '  body: "x \\e]0;title\\a \\e[2J"\n  tags: ["\\e[31mred"]\n',
        encoding="utf-8",
    )
    store = open_store(doc)
    (note,) = store.notes
    assert note.body == "x ␛]0;title␇ ␛[2J" and note.tags == ["␛[31mred"]
    assert note.status == "anchored"
    added = store.add(make_note(doc.text, "first paragraph", "n-2", body="\x1b[2Jclear"))
    assert added.body == "␛[2Jclear"


def test_add_many_saves_once_and_checks_ids_first(
    doc: Any, make_note: Any, open_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(doc)
    saves: list[int] = []
    real_save = store.save
    monkeypatch.setattr(store, "save", lambda: saves.append(len(store.notes)) or real_save())
    store.add_many(
        [
            make_note(doc.text, "first paragraph", "n-1"),
            make_note(doc.text, "third paragraph", "n-2"),
        ]
    )
    assert saves == [2]
    assert [n.id for n in open_store(doc).notes] == ["n-1", "n-2"]
    with pytest.raises(ValueError, match="n-2"):
        store.add_many(
            [make_note(doc.text, "sky is green", "n-3"), make_note(doc.text, "sky is green", "n-2")]
        )
    assert [n.id for n in store.notes] == ["n-1", "n-2"]  # nothing added


def test_new_id_is_unused(
    doc: Any, make_note: Any, open_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from closeread.notes import store as store_module

    store = open_store(doc)
    store.add(make_note(doc.text, "first paragraph", "n-aaaaaa"))
    store.add(make_note(doc.text, "third paragraph", "n-bbbbbb"))
    store.delete("n-bbbbbb")  # a deleted id is not reused either (its tombstone lives on)
    ids = iter(["n-aaaaaa", "n-bbbbbb", "n-cccccc"])
    monkeypatch.setattr(store_module, "new_note_id", lambda: next(ids))
    assert store.new_id() == "n-cccccc"


def test_an_orphan_offers_its_best_guess_and_is_not_moved_there(
    workspace: Path, open_store: Any, doc_factory: Any
) -> None:
    """Issue 14: a note whose place is ambiguous is an orphan with a guess offered in the
    report (and to the reader), never attached by itself, nor saved at the guess."""
    from tests.unit.notes.test_notes_anchoring import REPETITIVE_2

    doc = doc_factory(REPETITIVE_2, workspace / "docs" / "article.txt")
    store = open_store(doc)
    store.add(Note("n-rep", "comment", Target.from_span(REPETITIVE_2, 495, 507)))
    edited = doc_factory(REPETITIVE_2[:326] + REPETITIVE_2[491:], doc.path)
    reopened = open_store(edited)
    note = reopened.get("n-rep")
    assert (note.status, note.target.start, note.guess) == ("orphan", None, (330, 342))
    [row] = notes_report(reopened)["notes"]
    assert (row["status"], row["start"]) == ("orphan", None)
    assert row["guess"] == {"start": 330, "end": 342, "quote": "t report the"}
    assert reopened.save()
    saved = yaml.safe_load(reopened.path.read_text(encoding="utf-8"))["notes"][0]
    assert "guess" not in saved and saved["target"]["start"] is None
