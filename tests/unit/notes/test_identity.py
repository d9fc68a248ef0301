"""Notes follow the text, not the file name (issue 11): scripted scenarios, each asserting
the notes a user sees afterwards, and the fingerprint they rest on."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from closeread.document import load
from closeread.notes import Note, NotesStore, Target
from closeread.notes import identity as ident
from closeread.notes.lookup import find_notes, read_entry

WORDS = (  # noqa: SIM905 - easier to read as a sentence
    "harbour council budget river school ferry bridge mayor winter market railway museum "
    "tower garden library tunnel station festival hospital clinic orchard quarry canal "
    "village forest meadow glacier valley island lantern compass signal engine ledger"
).split()


def article(seed: int, sentences: int = 40) -> str:
    """A text of our own: ``sentences`` invented sentences in paragraphs of five."""
    rnd = random.Random(seed)
    out = [f"Report number {seed}", ""]
    para: list[str] = []
    for i in range(sentences):
        words = rnd.choices(WORDS, k=rnd.randint(8, 14))
        para.append(f"The {' '.join(words)} stayed open in week {i}.")
        if len(para) == 5:
            out += [" ".join(para), ""]
            para = []
    if para:
        out.append(" ".join(para))
    return "\n".join(out) + "\n"


def edit(text: str, fraction: float, seed: int = 7) -> str:
    """``text`` with ``fraction`` of its sentences rewritten."""
    rnd = random.Random(seed)
    sentences = text.split(". ")
    for i in rnd.sample(range(len(sentences)), round(len(sentences) * fraction)):
        sentences[i] = f"Nobody could say what happened to plan {i} after the vote"
    return ". ".join(sentences)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A reading workspace (``closeread init`` done) entered as the working directory."""
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / ".closeread").write_text("")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def open_notes(path: Path) -> NotesStore:
    return NotesStore.open(load(path), cwd=path.parent)


def note(store: NotesStore, sentence: str, body: str) -> Note:
    start = store.text.index(sentence)
    return store.add(
        Note(
            store.new_id(),
            "comment",
            Target.from_span(store.text, start, start + len(sentence)),
            body=body,
        )
    )


def bodies(store: NotesStore) -> list[str]:
    return sorted(n.body for n in store.notes)


# ---- the fingerprint ------------------------------------------------------------------


def test_resemblance_tracks_the_size_of_an_edit() -> None:
    text = article(1, 60)
    fp = ident.fingerprint(text)
    assert ident.similarity(fp, fp) == 1.0
    assert ident.similarity(fp, ident.fingerprint(text.upper().replace("\n\n", "\n"))) == 1.0
    light = ident.similarity(fp, ident.fingerprint(edit(text, 0.05)))
    heavy = ident.similarity(fp, ident.fingerprint(edit(text, 0.8)))
    other = ident.similarity(fp, ident.fingerprint(article(2, 60)))
    assert light is not None and heavy is not None and other is not None
    # (the invented articles share their template, "... stayed open in week N", hence
    # a resemblance above zero for another article)
    assert light >= 0.8 > ident.ASK_AT > heavy
    assert other < ident.ASK_AT


def test_unusable_fingerprints_are_not_compared() -> None:
    assert ident.similarity("", ident.fingerprint("a b c d")) is None
    assert ident.similarity("mh1:not base64!", "mh1:") is None
    assert ident.parse(None) is None
    assert ident.similarity(ident.fingerprint(""), ident.fingerprint("")) == 1.0


@given(st.text(max_size=300))
def test_fingerprint_round_trips_and_matches_itself(text: str) -> None:
    fp = ident.fingerprint(text)
    sketch = ident.parse(fp)
    assert sketch is not None and len(sketch) <= ident.K
    assert ident.similarity(fp, fp) == 1.0


# ---- scenarios --------------------------------------------------------------------------


def test_rename_keeps_the_notes_and_updates_the_recorded_path(ws: Path) -> None:
    doc = write(ws / "a" / "article.txt", article(3))
    note(open_notes(doc), "stayed open in week 2.", "first")
    renamed = doc.rename(ws / "a" / "renamed.txt")
    store = open_notes(renamed)
    assert bodies(store) == ["first"]
    assert store.match is not None and store.match.kind == "exact"
    assert "written on a/article.txt, no longer there" in store.match.reason
    note(store, "stayed open in week 3.", "second")
    recorded = yaml.safe_load(store.path.read_text(encoding="utf-8"))["document"]
    assert recorded["path"] == "a/renamed.txt"
    assert sorted(p.name for p in (ws / "notes").iterdir()) == [
        ".closeread",
        "article.yaml",
        "article.yaml.bak",
    ]


def test_move_to_another_folder(ws: Path) -> None:
    doc = write(ws / "a" / "article.txt", article(4))
    note(open_notes(doc), "stayed open in week 1.", "kept")
    moved = ws / "b" / "deeper" / "article-final.txt"
    moved.parent.mkdir(parents=True)
    shutil.move(doc, moved)
    assert bodies(open_notes(moved)) == ["kept"]


def test_copies_share_one_notes_file(ws: Path) -> None:
    one = write(ws / "a" / "article.txt", article(5))
    two = ws / "b" / "copy.txt"
    two.parent.mkdir()
    shutil.copy(one, two)
    note(open_notes(one), "stayed open in week 1.", "from one")
    note(open_notes(two), "stayed open in week 2.", "from two")
    note(open_notes(one), "stayed open in week 3.", "from one again")
    assert (
        bodies(open_notes(one))
        == bodies(open_notes(two))
        == ["from one", "from one again", "from two"]
    )
    assert [p.name for p in (ws / "notes").glob("*.yaml")] == ["article.yaml"]


def test_rename_plus_a_light_edit_is_offered_not_adopted(ws: Path) -> None:
    doc = write(ws / "article.txt", article(6))
    note(open_notes(doc), "stayed open in week 1.", "keep me")
    edited = write(ws / "edited.txt", edit(doc.read_text(), 0.05))
    doc.unlink()
    store = open_notes(edited)
    # Not adopted silently: a new, empty store, with the similar notes as a candidate.
    assert store.notes == [] and store.match is not None and store.match.kind == "new"
    [candidate] = store.match.candidates
    assert candidate.entry.file.name == "article.yaml" and candidate.similarity >= 0.8
    assert "similar text" in store.match.reason and "article.yaml" in store.match.reason
    assert not store.path.exists()
    adopted = NotesStore.adopt(load(edited), candidate.entry.file)
    assert bodies(adopted) == ["keep me"] and adopted.notes[0].status == "anchored"
    again = open_notes(edited)
    assert again.match is not None and again.match.kind == "exact"
    assert bodies(again) == ["keep me"]


def test_rename_plus_a_heavy_edit_is_another_document(ws: Path) -> None:
    doc = write(ws / "article.txt", article(7))
    note(open_notes(doc), "stayed open in week 1.", "mine")
    rewritten = write(ws / "rewritten.txt", edit(doc.read_text(), 0.8))
    doc.unlink()
    store = open_notes(rewritten)
    assert store.notes == [] and store.match is not None
    assert store.match.kind == "new" and store.match.candidates == ()
    assert store.path.name == "rewritten.yaml"


def test_same_file_name_different_texts_in_one_folder(ws: Path) -> None:
    first = write(ws / "x" / "report.txt", article(8))
    second = write(ws / "y" / "report.txt", article(9))
    note(open_notes(first), "stayed open in week 1.", "about x")
    note(open_notes(second), "stayed open in week 1.", "about y")
    assert bodies(open_notes(first)) == ["about x"]
    assert bodies(open_notes(second)) == ["about y"]
    sha = load(second).sha256
    assert open_notes(second).path.name == f"report-{sha[:8]}.yaml"


def test_edited_in_place_keeps_its_file(ws: Path) -> None:
    doc = write(ws / "draft.txt", article(10))
    note(open_notes(doc), "stayed open in week 1.", "still here")
    write(doc, edit(doc.read_text(), 0.6))
    store = open_notes(doc)
    assert store.match is not None and store.match.kind == "path"
    assert bodies(store) == ["still here"]


def test_old_notes_files_without_a_fingerprint_still_work(ws: Path) -> None:
    doc = write(ws / "old.txt", article(11))
    store = open_notes(doc)
    note(store, "stayed open in week 1.", "old")
    data = yaml.safe_load(store.path.read_text(encoding="utf-8"))
    del data["document"]["fingerprint"]
    store.path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert read_entry(store.path) is not None
    renamed = doc.rename(ws / "new.txt")
    again = open_notes(renamed)
    assert bodies(again) == ["old"]
    note(again, "stayed open in week 2.", "new")
    assert yaml.safe_load(again.path.read_text())["document"]["fingerprint"].startswith("mh1:")


def test_unreadable_file_with_the_documents_name_is_reported(ws: Path) -> None:
    from closeread.errors import NotesFileError

    doc = write(ws / "essay.txt", article(12))
    (ws / "notes" / "essay.yaml").write_bytes(b"\xff\xfe not yaml")
    match = find_notes(doc, load(doc).sha256, ws / "notes")
    assert match.file.name == "essay.yaml" and match.kind == "path"
    with pytest.raises(NotesFileError):
        open_notes(doc)


def test_a_home_notes_folder_that_is_not_a_workspace_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes" / "recipes.yaml").write_text("soup: [leek, potato]\n")
    doc = write(home / "Downloads" / "article.txt", article(13))
    store = open_notes(doc)
    note(store, "stayed open in week 1.", "safe")
    assert sorted(p.name for p in (home / "notes").iterdir()) == ["recipes.yaml"]
    assert store.path.parent == tmp_path / "data" / "closeread" / "notes"
    assert bodies(open_notes(doc)) == ["safe"]


def test_no_lock_files_are_left_behind(ws: Path) -> None:
    doc = write(ws / "article.txt", article(14))
    store = open_notes(doc)
    for i in range(3):
        note(store, f"stayed open in week {i}.", f"n{i}")
    store.delete(store.notes[0].id)
    store.undo()
    assert not [p for p in (ws / "notes").iterdir() if p.name.endswith(".lock")]


def test_the_header_cache_follows_changes_and_survives_corruption(
    ws: Path, _private_state_dir: Path
) -> None:
    from closeread.notes.lookup import scan

    first = write(ws / "one.txt", article(15))
    note(open_notes(first), "stayed open in week 1.", "one")
    [entry] = scan(ws / "notes")
    cache = list((_private_state_dir.parent / "cache" / "index").glob("*.json"))
    assert len(cache) == 1
    # the file changes (the document was edited and noted again): the cache follows
    write(first, first.read_text().replace("in week 5.", "in week five."))
    note(open_notes(first), "stayed open in week 2.", "two")
    [again] = scan(ws / "notes")
    assert again.sha256 == load(first).sha256 != entry.sha256
    cache[0].write_text("{broken")
    assert [e.sha256 for e in scan(ws / "notes")] == [again.sha256]
    assert bodies(open_notes(first.rename(ws / "moved.txt"))) == ["one", "two"]


def test_the_bundled_sample_and_the_repo_sample_share_notes(
    tmp_path: Path, sample_path: Path
) -> None:
    from closeread.paths import bundled_sample

    notes = tmp_path / "notes"
    bundled = load(bundled_sample())
    repo = load(sample_path)
    assert bundled.sha256 == repo.sha256
    a = NotesStore.open(bundled, notes)
    note(a, "Paris", "seen from the bundled copy")
    b = NotesStore.open(repo, notes)
    assert b.path == a.path and bodies(b) == ["seen from the bundled copy"]


def test_a_lock_file_of_an_earlier_version_is_cleared(ws: Path) -> None:
    doc = write(ws / "article.txt", article(16))
    (ws / "notes" / "article.yaml.lock").write_text("")
    note(open_notes(doc), "stayed open in week 1.", "n")
    assert not (ws / "notes" / "article.yaml.lock").exists()


@given(
    st.text(alphabet=st.sampled_from("ab cd\u00e9\u00df.\n"), max_size=400),
    st.integers(min_value=1, max_value=50),
)
def test_the_sketch_does_not_depend_on_how_the_text_is_read(text: str, chunk: int) -> None:
    assert ident.sketch(text, chunk) == ident.sketch(text, 1 << 20)
