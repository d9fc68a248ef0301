"""The ``closeread`` command (VISION §4).

    closeread [FILE]                          read FILE in the terminal (default: the sample)
    closeread analyze FILE [--format table|json]
    closeread notes FILE [--format table|json]
    closeread export FILE --format markdown|json|yaml|csv|html [-o OUT]
    closeread import FILE ANNOTATIONS.json

Exit codes: 0 ok, 1 runtime error, 2 usage or bad input; every failure is one line on
stderr, ``closeread: <file>: <problem>``. Textual is imported only to read, so the other
commands start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from closeread import __version__
from closeread.errors import CloseReadError, InputError, NotesFileError

if TYPE_CHECKING:
    from closeread.analysis import Analysis
    from closeread.document import Document
    from closeread.notes import NotesStore
    from closeread.notes.model import LinkCorrection

SUBCOMMANDS = ("analyze", "notes", "export", "import")
TABLE_FORMATS = ("table", "json")
WORKSPACE_SAMPLE = Path("sample") / "west-leverages-paris-attacks.txt"
ENV_NOTES_DIR = "CLOSEREAD_NOTES_DIR"
_SNIFF_BYTES = 8192


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and leave the exit to ``main``."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _add_notes_dir(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--notes-dir", type=Path, metavar="DIR", default=default,
        help=f"folder of the notes files (default: ${ENV_NOTES_DIR}, else the nearest "
             "notes/ folder here or above, else the user data folder)")


def build_parser() -> argparse.ArgumentParser:
    """The parser of the subcommands (``closeread FILE`` is parsed by :func:`read_parser`)."""
    top = _Parser(
        prog="closeread",
        usage="closeread [--notes-dir DIR] [FILE]\n"
              "       closeread {analyze,notes,export,import} FILE ...",
        description="A terminal reader for close reading: claims, citations and notes side "
                    "by side. With FILE (.txt or .md), open it in the reader; without, open "
                    "the bundled sample article.",
        epilog="Exit codes: 0 ok, 1 runtime error, 2 usage or bad input.",
    )
    top.add_argument("--version", action="version", version=f"closeread {__version__}")
    _add_notes_dir(top, None)
    subs = top.add_subparsers(dest="command", metavar="COMMAND")
    fmt_help = "output format (default: table)"

    p = subs.add_parser("analyze", help="print the claims, citations and sources of FILE",
                        description="Analyse FILE: its sentences, citations, sources and "
                                    "claims (with the reader's link corrections, if a notes "
                                    "file exists).")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--format", default="table", metavar="{table,json}", help=fmt_help)
    _add_notes_dir(p, argparse.SUPPRESS)

    p = subs.add_parser("notes", help="print the notes of FILE, re-anchored to its text",
                        description="The notes of FILE, re-anchored against its current text; "
                                    "status is anchored, moved, fuzzy or orphan.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--format", default="table", metavar="{table,json}", help=fmt_help)
    _add_notes_dir(p, argparse.SUPPRESS)

    p = subs.add_parser("export", help="export the notes of FILE",
                        description="Export the notes of FILE: markdown or html (a reading "
                                    "report), json (W3C Web Annotations), csv (Readwise "
                                    "import), yaml (the notes file).")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--format", metavar="{markdown,json,yaml,csv,html}", help="export format")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write to OUT (a file or a folder) instead of standard output")
    _add_notes_dir(p, argparse.SUPPRESS)

    p = subs.add_parser("import", help="add W3C/Hypothesis annotations to the notes of FILE",
                        description="Read W3C Web Annotations or a Hypothesis export and add "
                                    "them as notes of FILE, anchored against its text.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("annotations", type=Path, metavar="ANNOTATIONS.json")
    _add_notes_dir(p, argparse.SUPPRESS)
    return top


def read_parser() -> argparse.ArgumentParser:
    """The parser of ``closeread [--notes-dir DIR] [FILE]``."""
    p = _Parser(prog="closeread", description="Open FILE (default: the sample) in the reader.")
    p.add_argument("file", type=Path, nargs="?", metavar="FILE")
    _add_notes_dir(p, None)
    return p


def _is_read(argv: Sequence[str]) -> bool:
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


# --- helpers -------------------------------------------------------------------------------

def _notes_dir(args: argparse.Namespace) -> Path | None:
    """The ``--notes-dir`` option (None: the store applies the rest of VISION §5's search)."""
    cli_dir: Path | None = getattr(args, "notes_dir", None)
    return cli_dir


def check_readable(path: Path) -> None:
    """Cheap checks before loading: exists, is a file, not empty, not binary."""
    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a directory, not a text file", path=path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if not head:
        raise InputError("is empty", path=path)
    if b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("looks like a binary file, not text (.txt or .md)", path=path)


def _load(path: Path) -> Document:
    from closeread.document import load

    check_readable(path)
    return load(path)


def _open_store(doc: Document, notes_dir: Path | None) -> NotesStore:
    from closeread.notes import NotesStore

    return NotesStore.open(doc, notes_dir)


def _corrections(doc: Document, notes_dir: Path | None) -> Sequence[LinkCorrection]:
    """The reader's link corrections, when the document has a notes file."""
    from closeread.paths import notes_dir_for, notes_file_for

    if doc.path is None:
        return ()
    folder = notes_dir_for(notes_dir, Path.cwd())
    if not notes_file_for(doc.path, folder, doc.sha256).exists():
        return ()
    try:
        links: Sequence[LinkCorrection] = _open_store(doc, notes_dir).links
    except NotesFileError as exc:
        _say(f"closeread: {exc} (analysing without the reader's corrections)")
        return ()
    return links


def _say(message: str) -> None:
    """One line on stderr."""
    print(" ".join(message.split("\n")), file=sys.stderr)


def _width() -> int:
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 160


def _check_format(fmt: str | None, allowed: Sequence[str], path: Path, command: str) -> str:
    if fmt is None:
        raise InputError(f"{command} needs --format ({', '.join(allowed)})", path=path)
    if fmt not in allowed:
        raise InputError(f"unknown format {fmt!r} for {command} (choose from "
                         f"{', '.join(allowed)})", path=path)
    return fmt


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


# --- commands --------------------------------------------------------------------------------

def cmd_read(args: argparse.Namespace) -> int:
    path: Path | None = args.file
    if path is None:
        if WORKSPACE_SAMPLE.is_file():  # in the repo: notes land in its notes/ folder
            path = WORKSPACE_SAMPLE
        else:
            from closeread.paths import bundled_sample

            path = bundled_sample()
    check_readable(path)
    notes_dir = _notes_dir(args)
    from closeread.tui.app import make_app  # lazy: only reading pays for Textual

    result = make_app(path, notes_dir).run()
    return result if isinstance(result, int) else 0


def analysis_json(doc: Document, analysis: Analysis) -> dict[str, Any]:
    """The ``analyze --format json`` object of VISION §4."""
    from closeread.analysis.serialize import to_json_dict

    return to_json_dict(doc, analysis)


def cmd_analyze(args: argparse.Namespace) -> int:
    fmt = _check_format(args.format, TABLE_FORMATS, args.file, "analyze")
    doc = _load(args.file)
    from closeread.analysis import analyze

    analysis = analyze(doc, _corrections(doc, _notes_dir(args)))
    if fmt == "json":
        _write(json.dumps(analysis_json(doc, analysis), ensure_ascii=False) + "\n")
    else:
        from closeread.export.tables import analysis_tables

        _write(analysis_tables(doc, analysis, _width()))
    return 0


def cmd_notes(args: argparse.Namespace) -> int:
    fmt = _check_format(args.format, TABLE_FORMATS, args.file, "notes")
    doc = _load(args.file)
    store = _open_store(doc, _notes_dir(args))
    if fmt == "json":
        from closeread.notes import notes_report

        _write(json.dumps(notes_report(store), ensure_ascii=False, indent=2) + "\n")
    else:
        from closeread.export.tables import notes_table

        _write(notes_table(store.notes, str(store.path), _width()))
    return 0


def _same_file(a: Path, b: Path | None) -> bool:
    if b is None or not a.exists() or not b.exists():
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def cmd_export(args: argparse.Namespace) -> int:
    from closeread.export import FORMATS, NEEDS_ANALYSIS, default_filename, export_notes
    from closeread.export.common import write_atomic

    fmt = _check_format(args.format, FORMATS, args.file, "export")
    doc = _load(args.file)
    store = _open_store(doc, _notes_dir(args))
    analysis = None
    if fmt in NEEDS_ANALYSIS:
        from closeread.analysis import analyze

        analysis = analyze(doc, store.links)
    text = export_notes(fmt, doc, analysis, store.notes, store.links)
    if args.output is None or args.output == "-":
        _write(text)
        return 0
    out = Path(args.output)
    if out.is_dir():
        out = out / default_filename(doc.path, fmt)
    if _same_file(out, doc.path):
        raise InputError("refusing to overwrite the document itself", path=out)
    if _same_file(out, store.path):
        raise InputError("refusing to overwrite the notes file (export elsewhere)", path=out)
    try:
        write_atomic(out, text)
    except OSError as exc:
        raise CloseReadError(f"cannot write: {exc.strerror or exc}", path=out) from None
    _say(f"closeread: wrote {len(store.notes)} notes as {fmt} to {out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from closeread.export.importer import import_annotations

    doc = _load(args.file)
    store = _open_store(doc, _notes_dir(args))
    if store.read_only:
        raise NotesFileError("notes file is read-only; nothing imported", path=store.path)
    source: Path = args.annotations
    check_readable(source)
    try:
        data = source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", path=source) from None
    try:
        notes = import_annotations(data, doc)
    except InputError as exc:
        if exc.path is not None:
            raise
        raise InputError(str(exc), path=source) from None
    known = {n.id for n in store.notes}
    added = [n for n in notes if n.id not in known]
    # Counted before adding: the store keeps only anchored/orphan once a note is its own.
    statuses = Counter(n.status for n in added)
    for note in added:
        store.add(note)
    if store.save_error:
        raise CloseReadError(f"could not save the imported notes: {store.save_error}",
                             path=store.path)
    detail = ", ".join(f"{statuses[s]} {s}" for s in ("anchored", "moved", "fuzzy", "orphan")
                       if statuses[s])
    line = f"imported {len(added)} notes into {store.path}"
    if detail:
        line += f" ({detail})"
    if len(notes) > len(added):
        line += f"; {len(notes) - len(added)} already there"
    _write(line + "\n")
    return 0


COMMANDS = {"analyze": cmd_analyze, "notes": cmd_notes, "export": cmd_export,
            "import": cmd_import}


def _run(argv: list[str]) -> int:
    if _is_read(argv):
        return cmd_read(read_parser().parse_args(argv))
    args = build_parser().parse_args(argv)
    if args.command is None:  # only options such as --notes-dir: read the sample
        return cmd_read(read_parser().parse_args(argv))
    return COMMANDS[args.command](args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run closeread; returns the exit code (never raises for user errors)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else 0
    except UsageError as exc:
        _say(f"closeread: {exc}")
        return 2
    except CloseReadError as exc:
        _say(f"closeread: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        _say("closeread: interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output (e.g. `head`) has gone: stop quietly, as Unix tools do.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except UnicodeError as exc:
        _say(f"closeread: {getattr(exc, 'filename', None) or 'input'}: cannot decode: {exc}")
        return 2
    except OSError as exc:
        where = exc.filename if exc.filename is not None else "closeread"
        _say(f"closeread: {where}: {exc.strerror or exc}")
        return 1
