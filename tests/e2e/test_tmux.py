"""End to end: the installed ``closeread`` in a real terminal (tmux), as a user drives it.

Read the sample, walk sentences and claims, follow a claim to its citation, write a note,
save, quit; check the YAML on disk; reopen and find the note; export it from the shell.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:  # the helpers come through fixtures: conftest is not importable by name
    from conftest import Tmux

Env = Callable[[Path, Path], dict[str, str]]

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "west-leverages-paris-attacks.txt"
TITLE = "West Leverages Paris Attacks for Syria Endgame"
TITLE_START = TITLE[:28]  # fits on one row however the pane wraps the title
BODY = "E2E: where is the evidence for this?"
CLAIM = re.compile(r"claim (\d+)/(\d+)")
CITATION = re.compile(r"citation (\d+)/(\d+)")
ONE_NOTE = re.compile(r"(?<![\d/])1 notes?\b(?! here)")
NOTES_COUNT = re.compile(r"(?<![\d/])\d+ notes?\b(?! here)")
MAX_CLAIMS_TRIED = 40


@dataclass
class Reading:
    """Where one session wrote its note."""

    doc: Path
    notes_dir: Path
    home: Path
    env: dict[str, str]

    @property
    def notes_file(self) -> Path:
        return self.notes_dir / f"{self.doc.stem}.yaml"


def new_reading(root: Path, env: Env) -> Reading:
    """A copy of the sample in a fresh folder, an empty notes dir and a private home."""
    doc_dir, notes_dir, home = root / "doc", root / "notes", root / "home"
    for d in (doc_dir, notes_dir, home):
        d.mkdir(parents=True)
    doc = doc_dir / SAMPLE.name
    shutil.copyfile(SAMPLE, doc)
    return Reading(doc, notes_dir, home, env(notes_dir, home))


def open_reader(term: Tmux, exe: str, reading: Reading) -> str:
    term.start([exe, str(reading.doc)], reading.env, cwd=reading.home)
    return term.wait_for(
        lambda s: TITLE_START in s and bool(status_line(s)),
        "the title and the status bar",
        timeout=20,
    )


def status_line(screen: str) -> str:
    """The status bar: the last row that counts the notes ("claim 3/31 · … · 0 notes · saved")."""
    rows = [row for row in screen.splitlines() if NOTES_COUNT.search(row)]
    return rows[-1] if rows else ""


def write_note(term: Tmux, exe: str, reading: Reading) -> None:
    """Drive the reader from the keyboard: navigate, follow, add a note, save, quit."""
    first = open_reader(term, exe, reading)
    assert re.search(r"(?<![\d/])0 notes\b", status_line(first)), status_line(first)

    # j moves the highlighted sentence: the screen (with its colours) and the position in
    # the status bar change each time.
    screen = term.screen(escapes=True)
    for _ in range(3):
        bar = status_line(term.screen())
        term.send("j")
        screen = term.wait_change(screen, "the cursor to move after j")
        term.wait_for(
            lambda s, bar=bar: status_line(s) != bar, "the status bar position to change after j"
        )

    # ] walks claims; the status bar says which one. Walk to a supported claim.
    for _ in range(MAX_CLAIMS_TRIED):
        before = status_line(term.screen())
        term.send("]")
        bar = status_line(
            term.wait_for(
                lambda s, before=before: (
                    status_line(s) != before and CLAIM.search(status_line(s)) is not None
                ),
                "the status bar to show the next claim",
            )
        )
        match = CLAIM.search(bar)
        assert match is not None
        assert 1 <= int(match.group(1)) <= int(match.group(2)), bar
        if re.search(r"(?<!un)supported", bar):
            break
    else:
        pytest.fail(f"no supported claim in {MAX_CLAIMS_TRIED} presses of ]:\n{term.screen()}")

    # enter follows the claim to its citation: the status bar shows citation n/M.
    term.send("Enter")
    bar = status_line(
        term.wait_for(
            lambda s: CITATION.search(status_line(s)) is not None,
            "the status bar to show a citation after enter",
        )
    )
    cited = CITATION.search(bar)
    assert cited is not None and 1 <= int(cited.group(1)) <= int(cited.group(2)), bar

    # a opens the note editor on the current sentence; type, ctrl+s saves.
    term.send("a")
    # (its title, not any change of the screen: the analysis or the side panel may redraw
    # first, and keys typed before the editor has focus would go to the reader)
    term.wait_text("New note")
    term.type(BODY)
    term.wait_text(BODY[:20])
    term.send("C-s")
    term.wait_for(
        lambda s: ONE_NOTE.search(status_line(s)) is not None, "the status bar to count 1 note"
    )

    term.send("q")
    term.wait_exit()


def load_notes(reading: Reading) -> dict[str, object]:
    assert reading.notes_file.exists(), sorted(p.name for p in reading.notes_dir.iterdir())
    data = yaml.safe_load(reading.notes_file.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def squash(text: str) -> str:
    return " ".join(text.split())


def test_note_written_in_the_terminal_is_saved(
    closeread_bin: str, term: Tmux, tmp_path: Path, e2e_env: Env
) -> None:
    reading = new_reading(tmp_path, e2e_env)
    write_note(term, closeread_bin, reading)

    data = load_notes(reading)
    assert data["closeread"] == 1
    document = data["document"]
    assert isinstance(document, dict)
    assert document["title"] == TITLE
    assert str(document["path"]).endswith(SAMPLE.name)
    assert re.fullmatch(r"[0-9a-f]{64}", str(document["sha256"]))
    notes = data["notes"]
    assert isinstance(notes, list) and len(notes) == 1
    note = notes[0]
    assert note["body"].strip() == BODY
    assert note["kind"] == "comment"
    quote = note["target"]["quote"]
    assert quote.strip(), "the note has no anchor quote"
    assert squash(quote) in squash(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def saved_reading(
    closeread_bin: str, tmp_path: Path, e2e_env: Env, make_term: Callable[[], Tmux]
) -> Reading:
    """A reading with one note written through the terminal (in its own tmux server)."""
    reading = new_reading(tmp_path / "first", e2e_env)
    write_note(make_term(), closeread_bin, reading)
    return reading


def test_note_is_there_after_reopening(
    closeread_bin: str, saved_reading: Reading, term: Tmux
) -> None:
    # The reader reopens where it stopped (the reading state in the private home): on the
    # citation the note was written on, so the title has scrolled away.
    term.start([closeread_bin, str(saved_reading.doc)], saved_reading.env, cwd=saved_reading.home)
    term.wait_for(
        lambda s: (
            ONE_NOTE.search(status_line(s)) is not None
            and "1 note here" in status_line(s)
            and "citation" in status_line(s)
        ),
        "the status bar to count the saved note, on the noted citation",
        timeout=20,
    )
    term.send("1")
    term.wait_text(BODY[:20])
    assert ONE_NOTE.search(status_line(term.screen()))
    term.send("q")
    term.wait_exit()


def test_export_from_the_shell_contains_the_note(
    closeread_bin: str, saved_reading: Reading
) -> None:
    out = saved_reading.home / "out.md"
    result = subprocess.run(
        [closeread_bin, "export", str(saved_reading.doc), "--format", "markdown", "-o", str(out)],
        env=saved_reading.env,
        cwd=saved_reading.home,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    report = out.read_text(encoding="utf-8")
    assert BODY in report
    assert TITLE in report


def test_no_argument_opens_the_bundled_sample_from_anywhere(
    closeread_bin: str, term: Tmux, tmp_path: Path, e2e_env: Env
) -> None:
    # CI installs non-editably: the sample must come from the package, not the checkout.
    notes_dir, home = tmp_path / "notes", tmp_path / "home"
    notes_dir.mkdir()
    home.mkdir()
    term.start([closeread_bin], e2e_env(notes_dir, home), cwd=home)
    screen = term.wait_for(
        lambda s: TITLE_START in s and bool(status_line(s)),
        "the bundled sample's title and the status bar",
        timeout=20,
    )
    assert "Tony Cartalucci" in screen  # the sample's byline, drawn from the package copy
    term.send("q")
    term.wait_exit()
    assert not any(notes_dir.glob("*.yaml")), "opening and quitting must not write notes"
