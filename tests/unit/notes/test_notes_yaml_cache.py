"""The cached serialiser writes exactly the bytes of ``schema.dump``, save after save."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.notes import NotesStore
from closeread.notes.model import DocumentRef, LinkCorrection, Note, Target, Tombstone
from closeread.notes.schema import NotesData, dump
from closeread.notes.yaml_cache import NoteYamlCache, dump_cached

from .test_notes_schema import _unique, any_text, links, notes, times


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.lists(notes, max_size=5).map(_unique),
    edits=st.lists(st.tuples(st.integers(0, 4), any_text), max_size=4),
    links=st.lists(links, max_size=2),
    title=any_text,
    deleted=st.lists(
        st.builds(Tombstone, id=st.text(min_size=1, max_size=8), time=times), max_size=2
    ),
)
def test_cached_dump_is_byte_identical_across_edits(
    first: list[Note],
    edits: list[tuple[int, str]],
    links: list[LinkCorrection],
    title: str,
    deleted: list[Tombstone],
) -> None:
    cache, told = NoteYamlCache(), NoteYamlCache(trusting=True)
    data = NotesData(DocumentRef("doc.txt", title, "ab" * 32), first, links, deleted)
    assert dump_cached(data, cache) == dump(data) == dump_cached(data, told)
    for index, body in edits:  # notes are edited in place, as the store does
        if data.notes:
            note = data.notes[index % len(data.notes)]
            note.body = body
            told.touch(note.id)  # the store tells the cache; a plain cache compares keys
        assert dump_cached(data, cache) == dump(data) == dump_cached(data, told)
    if data.notes:  # a deleted note is forgotten, the others still written the same
        data.notes.pop(0)
        assert dump_cached(data, cache) == dump(data) == dump_cached(data, told)


def test_extra_keys_and_emoji_switch_dumpers_like_dump() -> None:
    cache = NoteYamlCache()
    note = Note(
        id="n-1",
        kind="comment",
        target=Target("a quote", start=0, end=7),
        body="x",
        extra={"colour": {"r": 1}},
    )
    data = NotesData(DocumentRef("d.txt", "T", "ab" * 32), [note, copy.deepcopy(note)])
    data.notes[1].id = "n-2"
    assert dump_cached(data, cache) == dump(data)
    data.notes[1].body = "now with 😀"
    assert dump_cached(data, cache) == dump(data)
    assert "😀" in dump_cached(data, cache)
    data.notes[1].body = "plain again"
    assert dump_cached(data, cache) == dump(data)


def test_store_saves_only_changed_notes(tmp_path: Path, monkeypatch: object) -> None:
    """A second save serialises the edited note only (counted through ``note_dict``)."""
    import closeread.notes.yaml_cache as yc

    text = " ".join(f"Sentence number {i}." for i in range(50))
    store = NotesStore(tmp_path / "d.yaml", text, DocumentRef("d.txt", "D", "ab" * 32))
    store.document.fingerprint = "x"
    added = [
        Note(id=f"n-{i}", kind="comment", target=Target.from_span(text, i * 20, i * 20 + 9))
        for i in range(20)
    ]
    store.add_many(added)
    calls: list[str] = []
    real = yc.schema.note_dict

    def counting(note: Note) -> dict[str, object]:
        calls.append(note.id)
        return real(note)

    monkeypatch.setattr(yc.schema, "note_dict", counting)  # type: ignore[attr-defined]
    note = store.get("n-3")
    assert note is not None
    note.body = "changed"
    store.update(note)
    assert calls == ["n-3"]
    assert (tmp_path / "d.yaml").read_text("utf-8") == dump(store._data())


def test_one_datetime_object_for_created_and_modified_writes_no_anchor() -> None:
    when = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
    note = Note(id="n-1", kind="comment", target=Target("q"), created=when, modified=when)
    other = Note(id="n-2", kind="comment", target=Target("r"), created=when, modified=when)
    data = NotesData(DocumentRef("d.txt", "T", "ab" * 32), [note, other])
    text = dump_cached(data, NoteYamlCache())
    assert text == dump(data)
    assert "&id" not in text and "*id" not in text


_TEXT = " ".join(f"Sentence number {i} of the text." for i in range(60))
_ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "replace", "delete", "undo", "other", "orphan"]),
        st.integers(0, 59),
        any_text,
    ),
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_ops)
def test_store_file_is_always_the_whole_dump(ops: list[tuple[str, int, str]]) -> None:
    """Whatever the store does (adds, edits in place or by copy, deletes, undoes, merges
    another instance's writes), the file it writes is ``schema.dump`` of its notes: the
    cache trusting the store's marks never writes a stale note."""
    import tempfile

    from closeread.notes.schema import parse
    from closeread.notes.store import _sort_key

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.yaml"
        ref = DocumentRef("d.txt", "D", "ab" * 32, fingerprint="x")
        store = NotesStore(path, _TEXT, ref)
        other = NotesStore(path, _TEXT, DocumentRef("d.txt", "D", "ab" * 32, fingerprint="x"))
        for counter, (op, where, text) in enumerate(ops, 1):
            start = where * 30
            if op == "add" or not store.notes:
                target = Target.from_span(_TEXT, start, start + 9)
                store.add(Note(id=f"n-{counter}", kind="comment", target=target, body=text))
            elif op == "edit":  # the caller edits the store's own object, then updates
                note = store.notes[where % len(store.notes)]
                note.body, note.tags = text, [text[:5]]
                store.update(note)
            elif op == "replace":
                note = copy.deepcopy(store.notes[where % len(store.notes)])
                note.verdict = "ok" if note.verdict is None else None
                store.update(note)
            elif op == "orphan":
                note = copy.deepcopy(store.notes[where % len(store.notes)])
                note.target.start = note.target.end = None
                store.update(note)
            elif op == "delete":
                store.delete(store.notes[where % len(store.notes)].id)
            elif op == "undo":
                store.undo()
            else:  # another instance writes; this one merges at its next save
                other.reload()
                target = Target.from_span(_TEXT, start, start + 12)
                other.add(Note(id=f"o-{counter}", kind="question", target=target, body=text))
                if other.notes:
                    first = other.notes[0]
                    first.body += " (other)"
                    other.update(first)
                store.reload()
                store.save()
            assert path.read_text("utf-8") == dump(store._data())
            on_disk = parse(path.read_bytes(), path)
            assert on_disk is not None
            assert [n.id for n in on_disk.notes] == [n.id for n in store.notes]
            assert store.notes == sorted(store.notes, key=_sort_key)  # kept in order


def test_a_later_block_scalar_clears_the_end_marker_of_a_kept_newline() -> None:
    """libyaml closes the document with ``...`` after a ``|+`` block until another block
    scalar follows: a note whose text ends in a newline, then one with a ``|`` body."""
    kept = Note(id="n-1", kind="comment", target=Target("q", suffix="\n"), body="")
    block = Note(id="n-2", kind="comment", target=Target("q"), body="line\n")
    data = NotesData(DocumentRef("d.txt", "T", "ab" * 32), [kept, block])
    assert dump_cached(data, NoteYamlCache()) == dump(data)
    assert not dump(data).endswith("...\n")
    data.notes.reverse()  # the kept newline last: the marker stays
    assert dump_cached(data, NoteYamlCache()) == dump(data)
