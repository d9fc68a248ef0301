"""Where closeread reads and writes: sample, notes folder, notes file names (VISION §5)."""

from __future__ import annotations

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
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
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


def test_workspace_found_from_a_nested_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    (tmp_path / "ws" / "notes").mkdir(parents=True)
    paths.mark_workspace(tmp_path / "ws" / "notes")
    nested = tmp_path / "ws" / "articles" / "2026" / "nov"
    nested.mkdir(parents=True)
    assert paths.notes_dir_for(None, nested) == (tmp_path / "ws" / "notes").resolve()
    # the nearest one wins; a workspace is also one that holds closeread notes files
    (tmp_path / "ws" / "articles" / "notes").mkdir()
    (tmp_path / "ws" / "articles" / "notes" / "x.yaml").write_text("closeread: 1\n")
    assert paths.notes_dir_for(None, nested) == (tmp_path / "ws" / "articles" / "notes").resolve()


def test_user_data_dir_when_no_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    monkeypatch.delenv("CLOSEREAD_CACHE_DIR", raising=False)
    monkeypatch.setattr(paths, "find_workspace_notes", lambda cwd: None)
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda app: tmp_path / "data" / app)
    monkeypatch.setattr(paths.platformdirs, "user_cache_path", lambda app: tmp_path / "cache" / app)
    assert paths.notes_dir_for(None, tmp_path) == tmp_path / "data" / "closeread" / "notes"
    assert paths.user_cache_dir() == tmp_path / "cache" / "closeread"


def test_sample_stored_path(tmp_path: Path) -> None:
    doc = tmp_path / "sample" / "west-leverages-paris-attacks.txt"
    notes = tmp_path / "notes"
    assert paths.stored_document_path(doc, notes) == "sample/west-leverages-paris-attacks.txt"
    outside = tmp_path.parent / "elsewhere.txt"
    assert paths.stored_document_path(outside, notes) == str(outside.resolve())
    assert (
        paths.resolve_stored_path("sample/west-leverages-paris-attacks.txt", notes) == doc.resolve()
    )


def test_a_notes_folder_that_is_not_a_workspace_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``~/notes`` full of the user's own files is never closeread's notes folder."""
    monkeypatch.delenv("CLOSEREAD_NOTES_DIR", raising=False)
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda app: tmp_path / "data" / app)
    home_notes = tmp_path / "notes"
    home_notes.mkdir()
    (home_notes / "groceries.md").write_text("milk")
    (home_notes / "todo.yaml").write_text("- call mum\n")
    cwd = tmp_path / "Downloads"
    cwd.mkdir()
    assert not paths.is_workspace(home_notes)
    assert paths.notes_dir_for(None, cwd) == tmp_path / "data" / "closeread" / "notes"
    assert paths.mark_workspace(home_notes) and paths.is_workspace(home_notes)
    assert paths.notes_dir_for(None, cwd) == home_notes.resolve()
