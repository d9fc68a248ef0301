"""``closeread notes`` says which notes file it used and why; ``--list``, ``--adopt``, ``init``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from closeread.cli import main
from closeread.document import load
from closeread.notes import Note, NotesStore, Target

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "sample" / "west-leverages-paris-attacks.txt"


def run(args: list[str], capsys: pytest.CaptureFixture[str], code: int = 0) -> tuple[str, str]:
    assert main(args) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return out, err


def add_note(path: Path, notes_dir: Path, phrase: str, body: str) -> None:
    doc = load(path)
    store = NotesStore.open(doc, notes_dir)
    start = doc.text.index(phrase)
    store.add(
        Note(
            store.new_id(),
            "comment",
            Target.from_span(doc.text, start, start + len(phrase)),
            body=body,
        )
    )


@pytest.fixture
def article(notes_dir: Path) -> Path:
    """A copy of the sample, with one note, in ``a/`` beside the notes folder."""
    path = notes_dir.parent / "a" / "article.txt"
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    add_note(path, notes_dir, "Vienna talks", "What were they?")
    return path


def notes_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Any:
    out, _ = run(["notes", str(path), "--format", "json", *extra], capsys)
    return json.loads(out)


def test_a_renamed_file_finds_its_notes_and_says_why(
    article: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = article.rename(article.with_name("renamed.txt"))
    data = notes_json(renamed, capsys)
    assert [n["body"] for n in data["notes"]] == ["What were they?"]
    assert data["notes_file"] == str(notes_dir / "article.yaml")
    assert data["match"]["kind"] == "exact"
    out, _ = run(["notes", str(renamed)], capsys)
    assert "same text; written on a/article.txt, no longer there" in " ".join(out.split())


def test_a_renamed_and_edited_file_is_pointed_at_adopt(
    article: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = article.with_name("edited.txt")
    edited.write_text(
        article.read_text().replace("Vienna", "Geneva", 1).replace("Paris", "Lyon", 2)
    )
    article.unlink()
    data = notes_json(edited, capsys)
    assert data["notes"] == [] and data["match"]["kind"] == "new"
    [cand] = data["match"]["candidates"]
    assert cand["notes_file"] == str(notes_dir / "article.yaml") and cand["similarity"] >= 0.8
    out, _ = run(["notes", str(edited)], capsys)
    assert "--adopt" in out and "article.yaml" in out
    assert not (notes_dir / "edited.yaml").exists()  # showing writes nothing
    out, _ = run(["notes", str(edited), "--adopt", str(notes_dir / "article.yaml")], capsys)
    assert "adopted: 1 notes: 1 fuzzy" in " ".join(out.split())
    data = notes_json(edited, capsys)
    assert data["match"]["kind"] == "exact"
    [note] = data["notes"]
    assert note["body"] == "What were they?" and note["status"] == "anchored"
    assert note["quote"] == "Geneva talks"


def test_adopting_notes_of_a_file_that_still_exists_copies_them(
    article: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = article.with_name("other.txt")
    other.write_text(article.read_text().replace("Paris", "Lyon"))
    run(["notes", str(other), "--adopt", str(notes_dir / "article.yaml")], capsys)
    for path in (article, other):
        assert [n["body"] for n in notes_json(path, capsys)["notes"]] == ["What were they?"]
    assert notes_json(article, capsys)["notes_file"] == str(notes_dir / "article.yaml")
    assert notes_json(other, capsys)["notes_file"] == str(notes_dir / "other.yaml")


def test_adopt_refuses_a_file_that_is_not_notes(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "shopping.yaml"
    bogus.write_text("- bread\n")
    _, err = run(["notes", str(article), "--adopt", str(bogus)], capsys, code=2)
    assert err.strip() == f"closeread: {bogus}: is not a closeread notes file"


def test_list_shows_every_notes_file(
    article: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = article.with_name("second.txt")
    second.write_text("A text of our own. It says one thing.\n\nAnd then another thing.\n")
    add_note(second, notes_dir, "one thing", "hm")
    add_note(second, notes_dir, "another thing", "hm again")
    second.unlink()
    (notes_dir / "broken.yaml").write_text("closeread: 1\ndocument: [\n")
    out, _ = run(["notes", "--list", "--format", "json"], capsys)
    data = json.loads(out)
    rows = {Path(r["notes_file"]).name: r for r in data["files"]}
    assert set(rows) == {"article.yaml", "second.yaml", "broken.yaml"}
    assert (rows["article.yaml"]["exists"], rows["article.yaml"]["notes"]) == (True, 1)
    assert (rows["second.yaml"]["exists"], rows["second.yaml"]["notes"]) == (False, 2)
    assert rows["broken.yaml"]["error"]
    out, _ = run(["notes", "--list"], capsys)
    assert "3 notes files in" in out and "second.yaml" in out and "NO" in out


def test_notes_needs_a_file_or_list(capsys: pytest.CaptureFixture[str], notes_dir: Path) -> None:
    _, err = run(["notes"], capsys, code=2)
    assert "notes needs FILE, or --list" in err


def test_init_marks_a_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from closeread import paths

    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "diary.md").write_text("mine")
    assert paths.find_workspace_notes(tmp_path) is None
    out, _ = run(["init", str(tmp_path)], capsys)
    assert "is now a reading workspace" in out
    assert paths.find_workspace_notes(tmp_path / "deeper") == (tmp_path / "notes").resolve()
    out, _ = run(["init", str(tmp_path)], capsys)
    assert "is already a reading workspace" in out
    _, err = run(["init", str(tmp_path / "missing")], capsys, code=2)
    assert "is not a folder" in err


def test_analyze_does_not_look_for_similar_texts(
    article: Path,
    notes_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """analyze applies only the document's own corrections: no fingerprint to compute
    (~0.3 s on a book) when the folder holds notes of other texts."""
    from closeread.notes import identity

    other = article.with_name("other.txt")
    other.write_text(article.read_text().replace("Paris", "Lyon"))

    def refuse(text: str) -> str:
        raise AssertionError("fingerprint computed")

    monkeypatch.setattr(identity, "fingerprint", refuse)
    out, _ = run(["analyze", str(other), "--format", "json"], capsys)
    assert json.loads(out)["closeread"] == 1
