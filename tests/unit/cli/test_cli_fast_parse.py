"""``closeread [--notes-dir DIR] [FILE]`` parsed without argparse agrees with argparse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from closeread.cli_parser import ReadArgs, UsageError, parse_read_fast, read_parser

AGREE = [
    [],
    ["book.txt"],
    ["dir with space/book.md"],
    ["--notes-dir", "n"],
    ["--notes-dir=n"],
    ["book.txt", "--notes-dir", "n"],
    ["--notes-dir", "n", "book.txt"],
    ["--notes-dir=n", "book.txt"],
    ["analyze"],
]
FALLBACK = [
    ["-h"],
    ["--help"],
    ["--", "export"],
    ["--", "-odd.txt"],
    ["-"],
    ["a.txt", "b.txt"],
    ["--notes-dir"],
    ["--notes-dir", "-x"],
    ["--notes-dir="],
    ["--notes-dir", "a", "--notes-dir", "b"],
    ["--notes", "n"],
    ["--notes-dir=-x", "f"],
    ["-1"],
    [""],
]


@pytest.mark.parametrize("argv", AGREE)
def test_fast_parse_agrees_with_argparse(argv: list[str]) -> None:
    slow = read_parser().parse_args(argv)
    assert parse_read_fast(argv) == ReadArgs(slow.file, slow.notes_dir)


@pytest.mark.parametrize("argv", FALLBACK)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert parse_read_fast(argv) is None


def test_fast_parse_values() -> None:
    assert parse_read_fast(["--notes-dir=a=b", "x.txt"]) == ReadArgs(Path("x.txt"), Path("a=b"))


def test_bad_read_usage_is_still_one_argparse_line() -> None:
    with pytest.raises(UsageError, match=r"unrecognized arguments: b\.txt \(see: closeread"):
        read_parser().parse_args(["a.txt", "b.txt"])


def test_reading_needs_no_argparse_hashlib_or_json() -> None:
    """The reader's start-up path imports none of the modules only other commands need."""
    code = (
        "import sys, closeread.cli, closeread.document, closeread.paths; "
        "print(sorted(m for m in ('argparse', 'gettext', 'hashlib', 'json', "
        "'importlib.resources', 'closeread.document.sentences') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
