"""Exit codes and one-line messages of the command line (VISION §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread import __version__, cli
from closeread.cli import main

SAMPLE = Path(__file__).resolve().parents[3] / "sample" / "west-leverages-paris-attacks.txt"


def one_line(err: str) -> str:
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert "Traceback" not in err
    assert lines[0].startswith("closeread: ")
    return lines[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"closeread {__version__}\n"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for word in ("analyze", "notes", "export", "import", "--notes-dir", "[FILE]"):
        assert word in out
    assert main(["export", "--help"]) == 0
    assert "markdown,json,yaml,csv,html" in capsys.readouterr().out


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    return {"missing": tmp_path / "nope.txt", "directory": folder, "binary": binary, "empty": empty}


@pytest.mark.parametrize("command", [[], ["analyze"], ["notes"], ["export", "--format", "json"]])
@pytest.mark.parametrize("case", ["missing", "directory", "binary", "empty"])
def test_bad_document(
    command: list[str],
    case: str,
    tmp_path: Path,
    notes_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _bad_files(tmp_path)[case]
    monkeypatch.setattr(cli, "cmd_read", _no_tui(cli.cmd_read))
    args = [*command[:1], str(path), *command[1:]]
    assert main(args) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"closeread: {path}: ")
    expected = {
        "missing": "no such file",
        "directory": "is a directory",
        "binary": "binary",
        "empty": "empty",
    }[case]
    assert expected in line


def _no_tui(real: object) -> object:
    """cmd_read that fails the test if it gets as far as starting the reader."""

    def guarded(args: object) -> int:
        import sys
        import types

        fake = types.ModuleType("closeread.tui.app")

        def make_app(*a: object, **k: object) -> object:
            raise AssertionError("the reader must not start for a bad file")

        fake.make_app = make_app  # type: ignore[attr-defined]
        saved = sys.modules.get("closeread.tui.app")
        sys.modules["closeread.tui.app"] = fake
        try:
            return real(args)  # type: ignore[operator,no-any-return]
        finally:
            if saved is not None:
                sys.modules["closeread.tui.app"] = saved
            else:
                del sys.modules["closeread.tui.app"]

    return guarded


@pytest.mark.parametrize(
    "args, problem",
    [
        (["analyze", str(SAMPLE), "--format", "xml"], "unknown format 'xml' for analyze"),
        (["notes", str(SAMPLE), "--format", "csv"], "unknown format 'csv' for notes"),
        (["export", str(SAMPLE), "--format", "pdf"], "unknown format 'pdf' for export"),
        (["export", str(SAMPLE)], "export needs --format"),
    ],
)
def test_bad_format(
    args: list[str], problem: str, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"closeread: {SAMPLE}: ") and problem in line


@pytest.mark.parametrize(
    "args", [["--frobnicate"], ["analyze"], ["import", str(SAMPLE)], ["export", "--format"]]
)
def test_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert "--help" in one_line(capsys.readouterr().err)


def test_undecodable_document(
    tmp_path: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 au lait, d\xe9j\xe0 vu. ".encode("latin-1") * 20)
    # Decoded with a declared fallback, and the user is told so in one line.
    assert main(["analyze", str(path)]) == 0
    captured = capsys.readouterr()
    assert "Café au lait" in captured.out
    line = one_line(captured.err)
    assert line.startswith(f"closeread: {path}: not valid UTF-8: decoded as cp1252")


def test_bomless_utf16_is_text_not_binary(
    tmp_path: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("The council said the plan works. It does not.".encode("utf-16-le"))
    assert main(["analyze", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "The council said" in captured.out
    assert "decoded as utf-16-le" in one_line(captured.err)


def test_subcommand_usage_error_names_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze"]) == 2
    line = one_line(capsys.readouterr().err)
    assert line == (
        "closeread: the following arguments are required: FILE (see: closeread analyze --help)"
    )


def test_corrupt_notes_file(notes_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A corrupt notes file is bad input (VISION §4): exit 2, one line, left untouched."""
    notes_file = notes_dir / "west-leverages-paris-attacks.yaml"
    raw = b"closeread: 1\nnotes: [unclosed\n  - {id: x\n"
    notes_file.write_bytes(raw)
    for command in (
        ["notes", str(SAMPLE)],
        ["export", str(SAMPLE), "--format", "yaml"],
        ["import", str(SAMPLE), str(SAMPLE)],
    ):
        assert main(command) == 2, command
        line = one_line(capsys.readouterr().err)
        assert str(notes_file) in line
    assert notes_file.read_bytes() == raw  # left untouched


def test_newer_schema_is_refused(notes_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes_file = notes_dir / "west-leverages-paris-attacks.yaml"
    raw = f"closeread: 99\ndocument: {{path: '{SAMPLE}'}}\nnotes: []\n".encode()
    notes_file.write_bytes(raw)
    assert main(["notes", str(SAMPLE), "--format", "json"]) == 2
    line = one_line(capsys.readouterr().err)
    assert str(notes_file) in line and "99" in line
    assert notes_file.read_bytes() == raw


def test_analyze_with_a_corrupt_notes_file_still_analyses(
    notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (notes_dir / "west-leverages-paris-attacks.yaml").write_bytes(b"{{{")
    assert main(["analyze", str(SAMPLE), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith('{"closeread": 1')
    assert "without the reader's corrections" in one_line(captured.err)


def test_keyboard_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "analyze", interrupted)
    assert main(["analyze", str(SAMPLE)]) == 130
    assert one_line(capsys.readouterr().err) == "closeread: interrupted"


def test_export_refuses_to_overwrite_the_document(
    tmp_path: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "article.txt"
    doc.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = doc.read_bytes()
    assert main(["export", str(doc), "--format", "markdown", "-o", str(doc)]) == 2
    assert "refusing to overwrite the document" in one_line(capsys.readouterr().err)
    assert doc.read_bytes() == before


def test_export_into_a_missing_folder(
    tmp_path: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "report.md"
    assert main(["export", str(SAMPLE), "--format", "markdown", "-o", str(out)]) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"closeread: {out}: cannot write")


def test_import_bad_annotations(
    tmp_path: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "annos.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["import", str(SAMPLE), str(bad)]) == 2
    assert one_line(capsys.readouterr().err).startswith(f"closeread: {bad}: not valid JSON")
    assert main(["import", str(SAMPLE), str(tmp_path / "none.json")]) == 2
    assert "no such file" in one_line(capsys.readouterr().err)
    assert list(notes_dir.iterdir()) == []  # nothing written


def test_control_characters_in_a_file_name_are_shown_not_sent(
    tmp_path: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "\x1b[2Jclear.txt"
    assert main(["analyze", str(path)]) == 2
    line = one_line(capsys.readouterr().err)
    assert "\x1b" not in line and line.endswith("␛[2Jclear.txt: no such file")


@pytest.mark.parametrize("argv", [[""], ["analyze", ""], ["export", "", "--format", "json"]])
def test_an_empty_file_name_is_a_usage_error_not_the_current_folder(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    line = one_line(capsys.readouterr().err)
    assert "file name is empty" in line
    assert "directory" not in line


@pytest.mark.parametrize("command", [[], ["analyze"]])
def test_a_fifo_is_refused_instead_of_blocking(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    assert main([*command, str(fifo)]) == 2
    assert "not a regular file" in one_line(capsys.readouterr().err)
