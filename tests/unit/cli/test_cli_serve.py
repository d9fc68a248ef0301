"""``closeread --serve``: its arguments, the command each browser tab runs, bad input."""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path

import pytest

from closeread.cli import main
from closeread.cli_serve import DEFAULT_PORT, HOST, parse_serve, serve_command


def test_arguments_and_defaults() -> None:
    assert parse_serve(["--serve"]) == (None, DEFAULT_PORT, None)
    assert parse_serve(["--serve", "a b.txt", "--port", "9001", "--notes-dir", "n"]) == (
        Path("a b.txt"),
        9001,
        Path("n"),
    )


def test_the_command_runs_this_python_on_the_resolved_file(tmp_path: Path) -> None:
    doc = tmp_path / "odd name; rm -rf x.txt"
    argv = shlex.split(serve_command(doc, tmp_path / "notes"))
    assert argv[:3] == [sys.executable, "-m", "closeread"]
    assert argv[3:] == ["--notes-dir", str((tmp_path / "notes").resolve()), "--", str(doc)]


def test_bad_port_and_missing_file_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--serve", str(tmp_path / "none.txt")]) == 2
    assert capsys.readouterr().err.strip() == f"closeread: {tmp_path / 'none.txt'}: no such file"
    doc = tmp_path / "a.txt"
    doc.write_text("Text.\n", encoding="utf-8")
    assert main(["--serve", str(doc), "--port", "70000"]) == 2
    assert "not a port number" in capsys.readouterr().err


def test_a_port_in_use_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Text.\n", encoding="utf-8")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind((HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["--serve", str(doc), "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"closeread: port {port} is in use on {HOST}: choose another with --port"
