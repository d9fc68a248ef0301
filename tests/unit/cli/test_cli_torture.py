"""Issue 14 torture suite: bad inputs of every class, through the command line.

Each case builds its input in a temporary workspace (texts written here, never copied from
a corpus), runs ``closeread`` in-process with a watchdog (nothing may hang), and checks:
the exit code, one line on stderr naming the problem and no traceback, and that the notes
file is left byte for byte as it was. The counts are in the README's "Reliability" section.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from closeread.cli import main
from closeread.export import importer
from closeread.notes import storage

ARTICLE = (
    "A Test Article About Bridges\n\n"
    "The council said the bridge was safe. Engineers disagreed in a report.\n\n"
    "According to the report, the cables were rusted. The mayor told reporters “we will "
    "look again”.\n\n"
    "Nobody has published the inspection yet. See https://example.org/report for more.\n"
)
HEAD = "closeread: 1\ndocument: {path: article.txt, title: T}\n"
NOTE = (
    "  - id: n-1\n    kind: comment\n    created: 2026-11-25T10:00:00Z\n"
    "    modified: 2026-11-25T10:00:00Z\n"
    "    target: {quote: the bridge was safe, start: 46, end: 65}\n"
)


def _note(**fields: str) -> str:
    """A notes file with one note whose YAML lines are replaced by ``fields``."""
    lines = {
        "id": "n-1",
        "kind": "comment",
        "created": "2026-11-25T10:00:00Z",
        "modified": "2026-11-25T10:00:00Z",
        "target": "{quote: the bridge was safe, start: 46, end: 65}",
        **fields,
    }
    body = "".join(f"    {k}: {v}\n" for k, v in lines.items() if v != "DROP")
    return HEAD + "notes:\n  - " + body.lstrip()


@dataclass
class Case:
    """One bad input: what to write, how to run, what must come out."""

    notes: str | bytes | Callable[[Path], None] | None = None
    """The notes file's content, or a function making it (a FIFO...), or None (absent)."""
    argv: tuple[str, ...] = ("notes", "{doc}")
    code: int = 2
    """Bad input exits 2 (VISION §4), a bad notes file included."""
    says: str = ""
    """Words the one-line message must hold (empty: exit 0 and no message expected)."""
    files: dict[str, str | bytes | Callable[[Path], None]] | None = None
    """Other files of the workspace, by name."""
    patch: tuple[object, str, object] | None = None


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _sock(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()


def _devzero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _devnull(path: Path) -> None:
    path.symlink_to("/dev/null")


def _folder(path: Path) -> None:
    path.mkdir()


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere" / "x.yaml")


def _deep_json(n: int) -> str:
    return "[" * n + "]" * n


def _refined_chain(n: int) -> str:
    sel = '{"type": "TextQuoteSelector", "exact": "the bridge was safe"}'
    for _ in range(n):
        sel = '{"type": "TextPositionSelector", "start": 46, "end": 65, "refinedBy": ' + sel + "}"
    return '{"type": "Annotation", "target": {"selector": ' + sel + "}}"


def _anno(**extra: object) -> str:
    import json

    anno = {
        "type": "Annotation",
        "bodyValue": "imported",
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "the bridge was safe"}},
    }
    anno.update(extra)
    return json.dumps(anno)


LAUGHS = (
    HEAD
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "notes: []\n"
)

CASES: dict[str, Case] = {
    # ---- notes files that are bad YAML or the wrong shape: exit 2, left untouched ----
    "yaml alias of a mapping": Case(HEAD + "notes:\n  - &n {id: a}\n  - *n\n", says="aliases"),
    "yaml billion laughs": Case(LAUGHS, says="aliases"),
    "yaml 100 kB text aliased 1,000 times": Case(
        HEAD + "big: &s '" + "x" * 100_000 + "'\ntags: [" + ", ".join(["*s"] * 1000) + "]\n"
        "notes: []\n",
        says="aliases",
    ),
    "date 0001-01-01 +01:00": Case(_note(created="'0001-01-01T00:00:00+01:00'"), says="created"),
    "date 9999-12-31 -01:00": Case(_note(created="9999-12-31T23:30:00-01:00"), says="created"),
    "date year 0": Case(_note(created="0000-01-01"), says="year 0"),
    "explicit !!timestamp on a word": Case(_note(created="!!timestamp soon"), says="explicit type"),
    "explicit !!bool on a word": Case(_note(body="!!bool maybe"), says="explicit type"),
    "explicit !!timestamp on a 3-digit year": Case(
        _note(created="!!timestamp 999-01-01T00:00:00Z"), says="explicit type"
    ),
    "yaml nested 100,000 deep": Case(
        HEAD + "x: " + _deep_json(100_000) + "\nnotes: []\n", says="nest"
    ),
    "yaml nested 100 deep": Case(
        HEAD + "x: " + _deep_json(100) + "\nnotes: []\n", says="nested deeper"
    ),
    "not UTF-8": Case(HEAD.encode() + b"notes: []\n# \xff\xfe\n", says="not UTF-8"),
    "python object tag": Case(HEAD + "notes: !!python/object:os.system {}\n", says="tags"),
    "newer schema": Case("closeread: 99\ndocument: {path: article.txt}\nnotes: []\n", says="newer"),
    "top level is a list": Case("- closeread: 1\n", says="mapping"),
    "no schema version": Case("document: {path: article.txt}\nnotes: []\n", says="schema version"),
    "schema version is a boolean": Case(
        "closeread: true\ndocument: {path: article.txt}\n", says="schema version"
    ),
    "notes is not a list": Case(HEAD + "notes: {a: 1}\n", says="list"),
    "a note is not a mapping": Case(HEAD + "notes: [7]\n", says="mapping"),
    "unknown kind": Case(_note(kind="rant"), says="kind"),
    "unknown verdict": Case(_note(verdict="maybe"), says="verdict"),
    "tags not a list": Case(_note(tags="7"), says="tags"),
    "start after end": Case(_note(target="{quote: q, start: 9, end: 2}"), says="start"),
    "negative offset": Case(_note(target="{quote: q, start: -4, end: 2}"), says="start"),
    "duplicate ids": Case(HEAD + "notes:\n" + NOTE + NOTE, says="duplicate"),
    "empty id": Case(_note(id="''"), says="empty"),
    "no target": Case(_note(target="DROP"), says="target"),
    "quote is a number": Case(_note(target="{quote: 7, start: 1, end: 2}"), says="quote"),
    "YAML syntax error": Case(HEAD + "notes: [unclosed\n", says="line"),
    "NUL byte in the file": Case(HEAD.encode() + b"notes: []\n\x00\n", says="notes"),
    "link with a bad action": Case(
        HEAD + "links:\n  - {claim: {quote: a, start: 0, end: 1}, "
        "citation: {quote: b, start: 2, end: 3}, action: maybe}\n",
        says="action",
    ),
    "quote correction without text": Case(
        HEAD + "quotes:\n  - {span: {quote: '', start: 0, end: 1}}\n", says="quote"
    ),
    "tombstone without a time": Case(HEAD + "deleted:\n  - {id: n-1, time: soon}\n", says="time"),
    "document is not a mapping": Case("closeread: 1\ndocument: 7\n", says="mapping"),
    # ---- notes paths that are not regular files: never opened, never hang ----
    # (Under the document's notes name they are passed over by the lookup: the notes go
    # to another file; test_notes_files checks the store refuses them when given one.)
    "notes file is a FIFO": Case(_fifo, code=0),
    "notes file is a socket": Case(_sock, code=0),
    "notes file links to /dev/zero": Case(_devzero, code=0),
    "notes file is a folder": Case(_folder, code=0),
    "notes file over the size limit": Case(
        HEAD + "notes: []\n" + "#" * 5000 + "\n",
        says="too large",
        patch=(storage, "MAX_NOTES_BYTES", 1000),
    ),
    "notes through export": Case(_fifo, argv=("export", "{doc}", "--format", "json"), code=0),
    "notes through import": Case(
        _fifo, argv=("import", "{doc}", "{anno}"), code=0, files={"anno.json": _anno()}
    ),
    # ---- odd but readable: exit 0, no message, nothing broken ----
    "document path ~nosuchuser": Case(
        "closeread: 1\ndocument: {path: '~nosuchuser/x.txt'}\nnotes: []\n", code=0
    ),
    "document path with a NUL byte": Case(
        'closeread: 1\ndocument: {path: "a\\0b.txt"}\nnotes: []\n', code=0
    ),
    "escape sequence in a body": Case(_note(body='"\\e[2J\\e]0;pwned\\a"'), code=0),
    "offsets far beyond the text": Case(
        _note(target="{quote: the bridge was safe, start: 999999, end: 1000018}"), code=0
    ),
    "short scalar alias (older files)": Case(
        _note(created="&t 2026-11-25T10:00:00Z", modified="*t"), code=0
    ),
    "dangling symlink as notes file": Case(_dangling, code=0),
    # ---- imports: exit 2, nothing written ----
    "import JSON nested 100,000 deep": Case(
        None,
        argv=("import", "{doc}", "{anno}"),
        code=2,
        says="deep",
        files={"anno.json": _deep_json(100_000)},
    ),
    "import refinedBy chain 5,000 deep": Case(
        None,
        argv=("import", "{doc}", "{anno}"),
        code=2,
        says="deep",
        files={"anno.json": _refined_chain(5000)},
    ),
    "import not JSON": Case(
        None, argv=("import", "{doc}", "{anno}"), code=2, says="JSON", files={"anno.json": "{nope"}
    ),
    "import a JSON number": Case(
        None,
        argv=("import", "{doc}", "{anno}"),
        code=2,
        says="annotation",
        files={"anno.json": "42"},
    ),
    "import not UTF-8": Case(
        None,
        argv=("import", "{doc}", "{anno}"),
        code=2,
        says="UTF-8",
        files={"anno.json": b'{"a": "\xff"}'},
    ),
    "import an empty file": Case(
        None, argv=("import", "{doc}", "{anno}"), code=2, says="empty", files={"anno.json": ""}
    ),
    "import from a FIFO": Case(
        None,
        argv=("import", "{doc}", "{anno}"),
        code=2,
        says="not a regular file",
        files={"anno.json": _fifo},
    ),
    "import over the size limit": Case(
        None,
        argv=("import", "{doc}", "{anno}"),
        code=2,
        says="too large",
        files={"anno.json": _anno()},
        patch=(importer, "MAX_IMPORT_BYTES", 10),
    ),
    "import dates out of range": Case(
        None,
        argv=("import", "{doc}", "{anno}"),
        code=0,
        files={
            "anno.json": _anno(
                created="9999-12-31T23:30:00-01:00", modified="0001-01-01T00:00:00+01:00"
            )
        },
    ),
    "import a 5-level refinedBy chain": Case(
        None, argv=("import", "{doc}", "{anno}"), code=0, files={"anno.json": _refined_chain(5)}
    ),
    # ---- documents ----
    "document is a FIFO": Case(
        None, argv=("notes", "{pipe}"), code=2, says="not a regular file", files={"pipe.txt": _fifo}
    ),
    "document is a folder": Case(
        None, argv=("analyze", "{dir}"), code=2, says="directory", files={"dir": _folder}
    ),
    "document is binary": Case(
        None,
        argv=("analyze", "{bin}"),
        code=2,
        says="binary",
        files={"bin.txt": b"\x00\x01\x02" * 100},
    ),
    "document is empty": Case(
        None, argv=("analyze", "{empty}"), code=2, says="empty", files={"empty.txt": ""}
    ),
    "document does not exist": Case(
        None, argv=("analyze", "nowhere.txt"), code=2, says="no such file"
    ),
    "document named ~nosuchuser/x.txt": Case(
        None, argv=("analyze", "~nosuchuser/x.txt"), code=2, says="no such file"
    ),
    # ---- export -o: regular files (through symlinks) or stdout only ----
    "export -o onto a FIFO": Case(
        None,
        argv=("export", "{doc}", "--format", "json", "-o", "{out}"),
        code=2,
        says="FIFO",
        files={"out.json": _fifo},
    ),
    "export -o onto a socket": Case(
        None,
        argv=("export", "{doc}", "--format", "json", "-o", "{out}"),
        code=2,
        says="socket",
        files={"out.json": _sock},
    ),
    "export -o onto a device": Case(
        None,
        argv=("export", "{doc}", "--format", "json", "-o", "{out}"),
        code=2,
        says="device",
        files={"out.json": _devnull},
    ),
}


def _run(argv: list[str]) -> int:
    result: list[int | BaseException] = []

    def run() -> None:
        try:
            result.append(main(argv))
        except BaseException as exc:  # a traceback: reported below, not lost in the thread
            result.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert result, f"closeread {' '.join(argv)} did not finish: it hangs"
    if isinstance(result[0], BaseException):
        raise AssertionError(f"closeread {' '.join(argv)} raised") from result[0]
    return result[0]


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(
    name: str,
    tmp_path: Path,
    notes_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = CASES[name]
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "article.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    notes = notes_dir / "article.yaml"
    if callable(case.notes):
        case.notes(notes)
    elif case.notes is not None:
        notes.write_bytes(case.notes if isinstance(case.notes, bytes) else case.notes.encode())
    names = {"doc": str(doc)}
    for fname, content in (case.files or {}).items():
        path = tmp_path / fname
        if callable(content):
            content(path)
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        names[fname.split(".")[0]] = str(path)
    if case.patch is not None:
        monkeypatch.setattr(*case.patch)
    before = notes.read_bytes() if notes.is_file() and not notes.is_symlink() else None
    argv = [a.format(**names) for a in case.argv]
    code = _run(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert code == case.code, err
    if case.code:
        lines = err.strip("\n").split("\n")
        assert len(lines) == 1 and lines[0].startswith("closeread: "), err
        assert case.says.lower() in lines[0].lower(), lines[0]
        if case.notes is not None:
            assert os.path.lexists(notes)
            if before is not None:
                assert notes.read_bytes() == before  # left untouched
    else:
        assert "\x1b" not in out  # control characters are shown, never sent raw


BAD_NOTES = (
    "yaml alias of a mapping",
    "date 9999-12-31 -01:00",
    "newer schema",
    "YAML syntax error",
    "not UTF-8",
    "duplicate ids",
    "notes file over the size limit",
)
COMMANDS = {
    "notes": ("notes", "{doc}", "--format", "json"),
    "export": ("export", "{doc}", "--format", "markdown"),
    "export -o": ("export", "{doc}", "--format", "csv", "-o", "{tmp}/out.csv"),
    "import": ("import", "{doc}", "{tmp}/anno.json"),
    "adopt": ("notes", "{doc}", "--adopt", "{tmp}/other.yaml"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("name", BAD_NOTES)
def test_a_bad_notes_file_is_bad_input_in_every_command(
    name: str,
    command: str,
    tmp_path: Path,
    notes_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every command that reads the document's notes file: exit 2, one line naming the
    file, the file byte for byte as it was, nothing else written."""
    case = CASES[name]
    monkeypatch.chdir(tmp_path)
    if case.patch is not None:
        monkeypatch.setattr(*case.patch)
    doc = tmp_path / "article.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "anno.json").write_text(_anno(), encoding="utf-8")
    (tmp_path / "other.yaml").write_text(
        "closeread: 1\ndocument: {path: gone.txt}\n" + "notes:\n" + NOTE, encoding="utf-8"
    )
    notes = notes_dir / "article.yaml"
    assert isinstance(case.notes, (str, bytes))
    before = case.notes if isinstance(case.notes, bytes) else case.notes.encode()
    notes.write_bytes(before)
    argv = [a.format(doc=doc, tmp=tmp_path) for a in COMMANDS[command]]
    code = _run(argv)
    out, err = capsys.readouterr()
    assert (code, out) == (2, ""), err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith(f"closeread: {notes}"), err
    assert notes.read_bytes() == before
    assert not (tmp_path / "out.csv").exists()
    assert sorted(p.name for p in notes_dir.iterdir()) == ["article.yaml"]


def test_export_onto_a_symlink_writes_through_it(tmp_path: Path, notes_dir: Path) -> None:
    doc = tmp_path / "article.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert main(["export", str(doc), "--format", "json", "-o", str(link)]) == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("{")


def test_there_are_at_least_50_classes() -> None:
    assert len(CASES) >= 50
