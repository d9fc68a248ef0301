"""The grammar of the ``closeread`` command line (VISION §4): its argparse parsers.

``closeread [FILE]`` (read) and ``closeread COMMAND FILE ...`` need two parsers, since a
document may be named like a command; :func:`is_read` tells which applies. Parse errors
raise :class:`UsageError` (one line, exit code 2 in ``cli.main``) instead of exiting.

The plain ``closeread [--notes-dir DIR] [FILE]`` is parsed by :func:`parse_read_fast`
without argparse, which (with gettext) costs the reader's first screen a few ms (VISION §7);
anything else it does not recognise goes to the argparse parsers, so their help and error
messages stay the only ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS = ("analyze", "notes", "export", "import", "init")
_NOTES_DIR = "--notes-dir"


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


def file_path(text: str) -> Path:
    """A FILE argument as a Path; an empty one is refused (``Path("")`` would be ``.``)."""
    if not text:
        import argparse

        raise argparse.ArgumentTypeError("the file name is empty")
    return Path(text)


@dataclass(frozen=True, slots=True)
class ReadArgs:
    """The arguments of ``closeread [--notes-dir DIR] [FILE]``."""

    file: Path | None = None
    notes_dir: Path | None = None


def parse_read_fast(argv: Sequence[str]) -> ReadArgs | None:
    """``argv`` of the read command parsed without argparse, or None when it holds anything
    but at most one ``--notes-dir DIR`` / ``--notes-dir=DIR`` and at most one FILE (plain
    tokens not starting with ``-``): :func:`read_parser` then decides, as it always did."""
    file: str | None = None
    notes_dir: str | None = None
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == _NOTES_DIR or token.startswith(_NOTES_DIR + "="):
            if notes_dir is not None:
                return None
            if token == _NOTES_DIR:
                if i + 1 >= len(argv):
                    return None
                notes_dir = argv[i + 1]
                i += 2
            else:
                notes_dir = token.partition("=")[2]
                i += 1
            if not notes_dir or notes_dir.startswith("-"):
                return None
            continue
        if not token or token.startswith("-") or file is not None:
            return None
        file = token
        i += 1
    return ReadArgs(
        None if file is None else Path(file), None if notes_dir is None else Path(notes_dir)
    )


def _parser(**kwargs: Any) -> argparse.ArgumentParser:
    """An argument parser whose errors are one line and leave the exit to ``main``."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(f"{message} (see: {self.prog} --help)")

    return _Parser(**kwargs)


def _add_notes_dir(parser: argparse.ArgumentParser, default: Any) -> None:
    from closeread.paths import ENV_NOTES_DIR

    parser.add_argument(
        "--notes-dir",
        type=Path,
        metavar="DIR",
        default=default,
        help=f"folder of the notes files (default: ${ENV_NOTES_DIR}, else the nearest "
        "closeread notes/ folder here or above (see: closeread init), else the user "
        "data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser of the subcommands (``closeread FILE`` is parsed by :func:`read_parser`)."""
    import argparse

    from closeread import __version__

    top = _parser(
        prog="closeread",
        usage="closeread [--notes-dir DIR] [FILE]\n"
        "       closeread {analyze,notes,export,import} FILE ...\n"
        "       closeread notes --list ; closeread init [DIR]\n"
        "       closeread --serve [FILE] [--port N]   (the reader in a browser tab, "
        "on 127.0.0.1)",
        description="A terminal reader for close reading: claims, citations and notes side "
        "by side. With FILE (.txt or .md), open it in the reader; without, open "
        "the bundled sample article.",
        epilog="Exit codes: 0 ok, 1 runtime error, 2 usage or bad input.",
    )
    top.add_argument("--version", action="version", version=f"closeread {__version__}")
    _add_notes_dir(top, None)
    # prog: so a subcommand's usage errors read "see: closeread analyze --help", not the
    # two-line usage of the top parser.
    subs = top.add_subparsers(dest="command", metavar="COMMAND", prog="closeread")
    fmt_help = "output format (default: table)"

    p = subs.add_parser(
        "analyze",
        help="print the claims, citations and sources of FILE",
        description="Analyse FILE: its sentences, citations, sources and claims (with the "
        "reader's link corrections, if a notes file exists).",
    )
    p.add_argument("file", type=file_path, metavar="FILE")
    p.add_argument("--format", default="table", metavar="{table,json}", help=fmt_help)
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse afresh: do not read or write the analysis cache",
    )
    _add_notes_dir(p, argparse.SUPPRESS)

    p = subs.add_parser(
        "notes",
        help="print the notes of FILE, re-anchored to its text; list or adopt notes",
        usage="closeread notes FILE [--format table|json] [--adopt NOTES.yaml]\n"
        "       closeread notes --list [--format table|json]",
        description="The notes of FILE, re-anchored against its current text; status is "
        "anchored, moved, fuzzy or orphan. Notes are found by the text, not "
        "the file name: a renamed, moved or copied file keeps its notes. When "
        "only notes of a similar text exist (the file was renamed and edited), "
        "they are named but not used: attach them with --adopt.",
    )
    p.add_argument("file", type=file_path, metavar="FILE", nargs="?")
    p.add_argument("--format", default="table", metavar="{table,json}", help=fmt_help)
    p.add_argument(
        "--list",
        action="store_true",
        help="list every notes file of the notes folder: its document, whether "
        "that file still exists, and its counts",
    )
    p.add_argument(
        "--adopt",
        type=file_path,
        metavar="NOTES.yaml",
        help="attach the notes of NOTES.yaml to FILE (re-anchored in its text); "
        "if NOTES.yaml still belongs to another existing file, its notes are "
        "copied into FILE's notes instead; nothing is removed",
    )
    _add_notes_dir(p, argparse.SUPPRESS)

    p = subs.add_parser(
        "export",
        help="export the notes of FILE",
        description="Export the notes of FILE: markdown or html (a reading "
        "report), json (W3C Web Annotations), csv (Readwise "
        "import), yaml (the notes file).",
    )
    p.add_argument("file", type=file_path, metavar="FILE")
    p.add_argument("--format", metavar="{markdown,json,yaml,csv,html}", help="export format")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT (a file or a folder) instead of standard output",
    )
    _add_notes_dir(p, argparse.SUPPRESS)

    p = subs.add_parser(
        "import",
        help="add W3C/Hypothesis annotations to the notes of FILE",
        description="Read W3C Web Annotations or a Hypothesis export and add "
        "them as notes of FILE, anchored against its text.",
    )
    p.add_argument("file", type=file_path, metavar="FILE")
    p.add_argument("annotations", type=file_path, metavar="ANNOTATIONS.json")
    _add_notes_dir(p, argparse.SUPPRESS)

    p = subs.add_parser(
        "init",
        help="make DIR (default: here) a reading workspace",
        description="Create DIR/notes/ (default: the current folder) with "
        "the marker that makes it closeread's notes folder for "
        "every document read under DIR. A notes/ folder without "
        "the marker or closeread notes files is never written to.",
    )
    p.add_argument("dir", type=file_path, metavar="DIR", nargs="?", default=Path("."))
    return top


def read_parser() -> argparse.ArgumentParser:
    """The parser of ``closeread [--notes-dir DIR] [FILE]``."""
    p = _parser(prog="closeread", description="Open FILE (default: the sample) in the reader.")
    p.add_argument("file", type=file_path, nargs="?", metavar="FILE")
    _add_notes_dir(p, None)
    return p


def is_read(argv: Sequence[str]) -> bool:
    """Whether ``argv`` means ``closeread [FILE]`` rather than a subcommand.

    A document named like a subcommand opens when it is the only argument and exists
    (``closeread analyze`` alone would be an error anyway); ``--`` forces a file name.
    """
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return True
        if token == "--notes-dir":
            i += 2
            continue
        if token.startswith("-"):
            if token.startswith("--notes-dir="):
                i += 1
                continue
            return False
        if token in SUBCOMMANDS:
            return len(argv) == i + 1 and Path(token).is_file()
        return True
    return True
