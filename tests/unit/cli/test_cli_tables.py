"""The text tables of ``analyze`` and ``notes`` fit the terminal, and keep full text in a pipe."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from closeread.cli import main
from closeread.document import load
from closeread.export.tables import format_table
from closeread.notes import NotesStore
from closeread.notes.model import Note, Target

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "sample" / "west-leverages-paris-attacks.txt"
LONG_CLAIM = "It is clear then that “political failings” are not the “cause” of ISIS"


@pytest.fixture
def long_note(notes_dir: Path) -> Note:
    doc = load(SAMPLE)
    store = NotesStore.open(doc, notes_dir)
    start = doc.text.index("concerted, immense")
    note = Note(
        "n-wide01",
        "comment",
        Target.from_span(doc.text, start, start + 60),
        body="A long comment " * 20,
        tags=["a-rather-long-tag-name"] * 6,
        verdict="misleading",
    )
    store.add(note)
    assert store.save_error is None
    return note


def _lines(out: str) -> list[str]:
    return out.rstrip("\n").split("\n")


@pytest.mark.parametrize("columns", [100, 120, 60])
@pytest.mark.usefixtures("long_note")
def test_tables_fit_columns(
    columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for command in (["analyze", str(SAMPLE)], ["notes", str(SAMPLE)]):
        assert main(command) == 0
        out = capsys.readouterr().out
        assert max(len(line) for line in _lines(out)) <= columns, command
        assert "…" in out


def test_a_terminal_without_columns_uses_its_size(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(
        shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((120, 40))
    )
    assert main(["analyze", str(SAMPLE)]) == 0
    lines = _lines(capsys.readouterr().out)
    assert max(len(line) for line in lines) <= 120
    assert max(len(line) for line in lines) > 100  # the room is used


@pytest.mark.usefixtures("long_note")
def test_a_pipe_keeps_the_full_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["analyze", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    claim = next(line for line in _lines(out) if LONG_CLAIM in line)
    assert claim.endswith("regional and global allies abandon it.")
    assert main(["notes", str(SAMPLE)]) == 0
    notes = capsys.readouterr().out
    assert ("A long comment " * 20).strip() in notes
    assert ",".join(["a-rather-long-tag-name"] * 6) in notes


def test_format_table_shrinks_the_widest_columns_first() -> None:
    rows = [["k1", "x" * 50, "short", "the free text at the end of the row " * 3]]
    table = format_table(["id", "wide", "narrow", "text"], rows, 60)
    lines = table.split("\n")
    assert all(len(line) <= 60 for line in lines)
    assert "short" in lines[2] and "x…" in lines[2]  # the wide column was cut, not "short"
    assert lines[2].endswith("…")
    whole = format_table(["id", "wide", "narrow", "text"], rows, None)
    assert rows[0][3].strip() in whole and "x" * 50 in whole


def test_unsupported_claims_discuss_their_citations(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["analyze", str(SAMPLE)]) == 0
    lines = _lines(capsys.readouterr().out)
    rebuttal = next(line for line in lines if "In reality, ISIS is not" in line)
    assert "UNSUPPORTED" in rebuttal and "discusses c" in rebuttal
    backed = [line for line in lines if line.startswith("k") and " supported " in line]
    assert backed and all("backed by c" in line for line in backed)
