"""Where closeread reads and writes: sample, notes folder, notes file names (VISION §5)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from closeread import paths


def test_bundled_sample_exists_and_is_the_article() -> None:
    sample = paths.bundled_sample()
    assert sample.is_file() and sample.name == "west-leverages-paris-attacks.txt"
    assert "Paris" in sample.read_text(encoding="utf-8")


def test_bundled_sample_from_another_directory(tmp_path: Path) -> None:
    code = "from closeread.paths import bundled_sample; print(bundled_sample().stat().st_size)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert int(out.stdout) > 1000


def test_cli_dir_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOSEREAD_NOTES_DIR", str(tmp_path / "env"))
    (tmp_path / "notes").mkdir()
    assert paths.notes_dir_for(Path("mine"), tmp_path) == tmp_path / "mine"
    assert paths.notes_dir_for(tmp_path / "abs", tmp_path) == tmp_path / "abs"


def test_env_var_beats_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes").mkdir()
    monkeypatch.setenv("CLOSEREAD_NOTES_DIR", str(tmp_path / "env"))
    assert paths.notes_dir_for(None, tmp_path) == tmp_path / "env"


def test_workspace_found_from_a_nested_directory(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    (tmp_path / "ws" / "notes").mkdir(parents=True)
    nested = tmp_path / "ws" / "articles" / "2026" / "nov"
    nested.mkdir(parents=True)
    assert paths.notes_dir_for(None, nested) == (tmp_path / "ws" / "notes").resolve()
    # the nearest one wins
    (tmp_path / "ws" / "articles" / "notes").mkdir()
    assert paths.notes_dir_for(None, nested) == (tmp_path / "ws" / "articles" / "notes").resolve()


def test_user_data_dir_when_no_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    monkeypatch.setattr(paths, "find_workspace_notes", lambda cwd: None)
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda app: tmp_path / "data" / app)
    monkeypatch.setattr(paths.platformdirs, "user_cache_path", lambda app: tmp_path / "cache" / app)
    assert paths.notes_dir_for(None, tmp_path) == tmp_path / "data" / "closeread" / "notes"
    assert paths.user_cache_dir() == tmp_path / "cache" / "closeread"


def test_sample_notes_file_and_stored_path(tmp_path: Path) -> None:
    doc = tmp_path / "sample" / "west-leverages-paris-attacks.txt"
    notes = tmp_path / "notes"
    assert paths.notes_file_for(doc, notes) == notes / "west-leverages-paris-attacks.yaml"
    assert paths.stored_document_path(doc, notes) == "sample/west-leverages-paris-attacks.txt"
    outside = tmp_path.parent / "elsewhere.txt"
    assert paths.stored_document_path(outside, notes) == str(outside.resolve())
    assert paths.resolve_stored_path("sample/west-leverages-paris-attacks.txt", notes) == \
        doc.resolve()


def _notes_file(path: Path, stored: str, sha: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"closeread: 1\ndocument: {{path: '{stored}', sha256: '{sha}'}}\nnotes: []\n")


def test_stem_collision_gets_a_hashed_name(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    a, b = tmp_path / "a" / "report.txt", tmp_path / "b" / "report.md"
    for p in (a, b):
        p.parent.mkdir(parents=True)
        p.write_text("text")
    _notes_file(notes / "report.yaml", "a/report.txt")
    assert paths.notes_file_for(a, notes) == notes / "report.yaml"
    expected = hashlib.sha256(str(b.resolve()).encode()).hexdigest()[:8]
    hashed = paths.notes_file_for(b, notes)
    assert hashed == notes / f"report-{expected}.yaml"
    # once the hashed file exists it stays the document's, even if report.yaml goes away
    _notes_file(hashed, "b/report.md")
    (notes / "report.yaml").unlink()
    assert paths.notes_file_for(b, notes) == hashed


def test_moved_document_keeps_its_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    new = tmp_path / "new" / "essay.txt"
    new.parent.mkdir()
    new.write_text("x")
    _notes_file(notes / "essay.yaml", "old/essay.txt", sha="f" * 64)
    assert paths.notes_file_for(new, notes, sha256="f" * 64) == notes / "essay.yaml"
    # a different text under the same stem is another document
    assert paths.notes_file_for(new, notes, sha256="0" * 64) != notes / "essay.yaml"


def test_unreadable_notes_file_counts_as_the_documents_own(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "essay.yaml").write_bytes(b"\xff\xfe not yaml")
    assert paths.notes_file_for(tmp_path / "essay.txt", notes) == notes / "essay.yaml"
