"""The commands of VISION §4 doing their work: analyze, notes, export, import, read."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from closeread.cli import main
from closeread.document import load
from closeread.notes import NotesStore
from closeread.notes.model import LinkCorrection, Note, SpanRef, Target

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "sample" / "west-leverages-paris-attacks.txt"


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return json.loads(captured.out)


@pytest.fixture
def with_notes(notes_dir: Path) -> list[Note]:
    """The sample with a few notes in the notes folder (through the real store)."""
    doc = load(SAMPLE)
    store = NotesStore.open(doc, notes_dir)
    made = []
    for i, (kind, phrase, body, tags, verdict) in enumerate(
        [
            (
                "comment",
                "concerted, immense, multinational state-sponsorship",
                "Says who?",
                ["sponsorship"],
                None,
            ),
            ("question", "Vienna talks", "What were they?", [], None),
            ("highlight", "regime change", "", ["term"], None),
            ("verdict", "Syria Endgame", "", [], "misleading"),
        ]
    ):
        start = doc.text.index(phrase)
        note = Note(
            f"n-cli00{i}",
            kind,  # type: ignore[arg-type]
            Target.from_span(doc.text, start, start + len(phrase)),
            body=body,
            tags=tags,
            verdict=verdict,
        )
        made.append(store.add(note))
    assert store.save_error is None
    return made


def test_analyze_json_contract(notes_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(["analyze", str(SAMPLE), "--format", "json"], capsys)
    assert data["closeread"] == 1
    assert {"closeread", "document", "sentences", "citations", "sources", "claims"} <= set(data)
    doc = data["document"]
    assert {"path", "title", "sha256", "text"} <= set(doc)
    text = doc["text"]
    assert doc["sha256"] == load(SAMPLE).sha256
    assert data["sentences"] and all(set(s) >= {"start", "end"} for s in data["sentences"])
    assert all(0 <= s["start"] < s["end"] <= len(text) for s in data["sentences"])
    for c in data["citations"]:
        assert {
            "id",
            "kind",
            "source",
            "source_name",
            "title",
            "start",
            "end",
            "quote",
            "lead_in",
        } <= set(c)
        assert text[c["start"] : c["end"]] == c["quote"]
    for s in data["sources"]:
        assert {"id", "name", "aliases", "citations"} <= set(s)
    for k in data["claims"]:
        assert {"id", "start", "end", "text", "citations", "supported"} <= set(k)
        assert isinstance(k["supported"], bool)


def test_analyze_table_is_plain_text(notes_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    for heading in ("Claims", "Citations", "Sources"):
        assert f"\n{heading}\n" in out
    assert "sentences ·" in out


def test_analyze_applies_the_readers_links(
    notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = run_json(["analyze", str(SAMPLE), "--format", "json"], capsys)
    unsupported = [k for k in data["claims"] if not k["supported"]]
    if not unsupported or not data["citations"]:
        pytest.skip("the analysis finds no unsupported claim or no citation yet")
    claim, cite = unsupported[0], data["citations"][0]
    doc = load(SAMPLE)
    store = NotesStore.open(doc, notes_dir)
    store.set_link(
        LinkCorrection(
            SpanRef(claim["text"], claim["start"], claim["end"]),
            SpanRef(cite["quote"], cite["start"], cite["end"]),
            "add",
        )
    )
    assert store.save_error is None
    again = run_json(["analyze", str(SAMPLE), "--format", "json"], capsys)
    fixed = next(k for k in again["claims"] if k["start"] == claim["start"])
    assert fixed["supported"] is True and cite["id"] in fixed["citations"]


def test_notes_json_and_table(
    with_notes: list[Note],
    notes_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # pytest-xdist sets it: full text here
    data = run_json(["notes", str(SAMPLE), "--format", "json"], capsys)
    assert data["notes_file"] == str(notes_dir / "west-leverages-paris-attacks.yaml")
    assert [n["id"] for n in data["notes"]] == sorted(
        (n.id for n in with_notes),
        key=lambda i: next(m.target.start for m in with_notes if m.id == i),
    )
    for n in data["notes"]:
        assert {"id", "kind", "body", "tags", "verdict", "quote", "start", "end", "status"} <= set(
            n
        )
        assert n["status"] == "anchored"
    assert main(["notes", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 notes in ") and "Says who?" in out and "misleading" in out


def test_notes_dir_global_and_per_command(
    with_notes: list[Note],
    notes_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CLOSEREAD_NOTES_DIR", str(tmp_path / "elsewhere"))
    for args in (
        ["--notes-dir", str(notes_dir), "notes", str(SAMPLE), "--format", "json"],
        ["notes", str(SAMPLE), "--format", "json", "--notes-dir", str(notes_dir)],
    ):
        assert len(run_json(args, capsys)["notes"]) == 4
    assert run_json(["notes", str(SAMPLE), "--format", "json"], capsys)["notes"] == []


@pytest.mark.parametrize("fmt", ["markdown", "json", "yaml", "csv", "html"])
def test_export_each_format(
    fmt: str, with_notes: list[Note], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(SAMPLE), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Says who?" in out
    target = tmp_path / f"report.{fmt}"
    assert main(["export", str(SAMPLE), "--format", fmt, "-o", str(target)]) == 0
    assert target.read_bytes().decode("utf-8") == out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert (
            len(rows) == 4
            and ".sponsorship"
            in rows[-1]["Note"] + rows[0]["Note"] + rows[1]["Note"] + rows[2]["Note"]
        )
    if fmt == "json":
        assert json.loads(out)["total"] == 4
    if fmt == "markdown":
        assert "## Argument outline" in out and "## Sources" in out and "#sponsorship" in out


def test_export_into_a_folder_uses_a_default_name(
    with_notes: list[Note], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(SAMPLE), "--format", "html", "-o", str(tmp_path)]) == 0
    written = tmp_path / "west-leverages-paris-attacks-notes.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(written) in capsys.readouterr().err


def test_import_round_trip(
    with_notes: list[Note], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "notes.json"
    assert main(["export", str(SAMPLE), "--format", "json", "-o", str(exported)]) == 0
    fresh = tmp_path / "fresh"
    assert main(["import", str(SAMPLE), str(exported), "--notes-dir", str(fresh)]) == 0
    assert capsys.readouterr().out.startswith(f"imported 4 notes into {fresh}")
    before = run_json(["notes", str(SAMPLE), "--format", "json"], capsys)["notes"]
    after = run_json(["notes", str(SAMPLE), "--format", "json", "--notes-dir", str(fresh)], capsys)[
        "notes"
    ]
    assert after == before
    # A second import adds nothing.
    assert main(["import", str(SAMPLE), str(exported), "--notes-dir", str(fresh)]) == 0
    assert "imported 0 notes" in capsys.readouterr().out


def test_import_keeps_different_notes_whose_ids_collide(
    with_notes: list[Note], notes_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two different annotations sharing an id, one of them also the id of a note already
    there: all are imported (none dropped as "already there"), and only once."""
    doc = load(SAMPLE)
    taken = with_notes[0].id
    annos = []
    for phrase in ("Vienna talks", "regime change"):
        annos.append(
            {
                "id": f"urn:closeread:{doc.sha256[:16]}:{taken}",
                "type": "Annotation",
                "created": "2026-01-02T03:04:05Z",
                "bodyValue": phrase,
                "target": {"selector": {"type": "TextQuoteSelector", "exact": phrase}},
            }
        )
    path = tmp_path / "collide.json"
    path.write_text(json.dumps(annos), encoding="utf-8")
    assert main(["import", str(SAMPLE), str(path)]) == 0
    assert capsys.readouterr().out.startswith("imported 2 notes")
    notes = run_json(["notes", str(SAMPLE), "--format", "json"], capsys)["notes"]
    assert len(notes) == len(with_notes) + 2 and len({n["id"] for n in notes}) == len(notes)
    assert {n["body"] for n in notes} >= {"Says who?", "Vienna talks", "regime change"}
    assert main(["import", str(SAMPLE), str(path)]) == 0
    assert "imported 0 notes" in capsys.readouterr().out


# --- closeread [FILE] -------------------------------------------------------------------------


@pytest.fixture
def fake_tui(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Path | None]]:
    """Replace the reader by a recorder of what it was asked to open."""
    calls: list[tuple[Path, Path | None]] = []
    fake = types.ModuleType("closeread.tui.app")

    class App:
        def run(self) -> None:
            return None

    def make_app(path: Path, notes_dir: Path | None = None) -> App:
        calls.append((path, notes_dir))
        return App()

    fake.make_app = make_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "closeread.tui.app", fake)
    return calls


def test_read_file(fake_tui: list[tuple[Path, Path | None]], tmp_path: Path) -> None:
    assert main([str(SAMPLE), "--notes-dir", str(tmp_path)]) == 0
    assert fake_tui == [(SAMPLE, tmp_path)]


def test_read_default_is_the_repo_sample_in_the_repo(
    fake_tui: list[tuple[Path, Path | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    assert main([]) == 0
    assert fake_tui[0][0] == Path("sample/west-leverages-paris-attacks.txt")


def test_read_default_elsewhere_is_the_bundled_sample(
    fake_tui: list[tuple[Path, Path | None]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from closeread.paths import bundled_sample

    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    assert fake_tui[0][0] == bundled_sample() and fake_tui[0][0].is_file()


def test_document_named_like_a_command(
    fake_tui: list[tuple[Path, Path | None]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("analyze", "export"):
        Path(name).write_text("A document. It has sentences.", encoding="utf-8")
    assert main(["analyze"]) == 0
    assert main(["--", "export"]) == 0
    assert [p for p, _ in fake_tui] == [Path("analyze"), Path("export")]


# --- the installed command --------------------------------------------------------------------


def _command() -> list[str]:
    exe = shutil.which("closeread", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "closeread"]


def test_installed_console_script(tmp_path: Path) -> None:
    env = {**os.environ, "CLOSEREAD_NOTES_DIR": str(tmp_path)}
    run = subprocess.run(
        [*_command(), "--version"], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 0 and run.stdout.startswith("closeread ")
    run = subprocess.run(
        [*_command(), "analyze", str(tmp_path / "missing.md")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr == f"closeread: {tmp_path / 'missing.md'}: no such file\n"
    run = subprocess.run(
        [*_command(), "analyze", str(SAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0 and json.loads(run.stdout)["closeread"] == 1


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    """``closeread analyze big.txt --format json | head -c 100`` ends without a traceback."""
    big = tmp_path / "big.txt"
    big.write_text(
        "\n\n".join(f"Paragraph {i} says something plain. And more here." for i in range(6000)),
        encoding="utf-8",
    )
    env = {**os.environ, "CLOSEREAD_NOTES_DIR": str(tmp_path / "notes")}
    proc = subprocess.Popen(
        [*_command(), "analyze", str(big), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert proc.returncode in (0, 1)


def test_read_exits_1_when_the_reader_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual prints the traceback and sets ``return_code``; the exit code must say so."""
    fake = types.ModuleType("closeread.tui.app")

    class Crashed:
        return_code = 1

        def run(self) -> None:
            return None

    fake.make_app = lambda path, notes_dir=None: Crashed()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "closeread.tui.app", fake)
    assert main([str(SAMPLE)]) == 1
