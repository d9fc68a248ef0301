"""The ``closeread`` command (VISION §4).

    closeread [FILE]                          read FILE in the terminal (default: the sample)
    closeread analyze FILE [--format table|json]
    closeread notes FILE [--format table|json] [--adopt NOTES.yaml] ; closeread notes --list
    closeread init [DIR]
    closeread export FILE --format markdown|json|yaml|csv|html [-o OUT]
    closeread import FILE ANNOTATIONS.json

Exit codes: 0 ok, 1 runtime error, 2 usage or bad input; every failure is one line on
stderr, ``closeread: <file>: <problem>``. Textual is imported only to read, so the other
commands start fast.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from closeread.cli_parser import ReadArgs, UsageError, is_read, parse_read_fast
from closeread.errors import CloseReadError, InputError, NotesFileError

# argparse, json and shutil are imported where used: ``closeread FILE`` parses its arguments
# without argparse (cli_parser.parse_read_fast), to keep the first screen fast (VISION §7).

if TYPE_CHECKING:
    import argparse

    from closeread.analysis import Analysis
    from closeread.document import Document
    from closeread.notes import NotesStore
    from closeread.notes.model import LinkCorrection, Note, QuoteCorrection

TABLE_FORMATS = ("table", "json")
WORKSPACE_SAMPLE = Path("sample") / "west-leverages-paris-attacks.txt"
_SNIFF_BYTES = 8192


# --- helpers -------------------------------------------------------------------------------


def _notes_dir(args: argparse.Namespace | ReadArgs) -> Path | None:
    """The ``--notes-dir`` option (None: the store applies the rest of VISION §5's search)."""
    cli_dir: Path | None = getattr(args, "notes_dir", None)
    return cli_dir


def check_readable(path: Path) -> None:
    """Cheap checks before loading: exists, is a file, not empty, not binary."""
    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a directory, not a text file", path=path)
    if not path.is_file():  # a FIFO would block here and a pipe would lose the bytes sniffed
        raise InputError("is not a regular file (a device, pipe or socket)", path=path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if not head:
        raise InputError("file is empty", path=path)
    from closeread.document.decode import looks_binary
    from closeread.document.formats import sniff

    if sniff(path, head) is None and looks_binary(head):
        raise InputError(
            "looks like a binary file, not text (closeread reads .txt .md .html .epub .pdf)",
            path=path,
        )


def _load(path: Path, *, keep_source: bool = True) -> Document:
    from closeread.document import load

    check_readable(path)
    doc = load(path, keep_source=keep_source)
    # Say how a file that is not plain UTF-8 was read ("not valid UTF-8: decoded as
    # cp1252; ..."): a wrong character later would otherwise be a mystery. The layout's
    # notes (re-joined paragraphs) are not worth a line on every run.
    for warning in doc.warnings:
        if doc.encoding in warning:
            _say(f"closeread: {path}: {warning}")
    return doc


def _open_store(doc: Document, notes_dir: Path | None) -> NotesStore:
    from closeread.notes import NotesStore

    return NotesStore.open(doc, notes_dir)


def _corrections(
    doc: Document, notes_dir: Path | None
) -> tuple[Sequence[LinkCorrection], Sequence[QuoteCorrection]]:
    """The reader's link and quote corrections, when the document has a notes file."""
    if doc.path is None:
        return (), ()
    from closeread.notes import NotesStore

    try:  # only its own notes: no fingerprint, no search for similar texts
        store = NotesStore.open(doc, notes_dir, similar=False)
    except NotesFileError as exc:
        _say(f"closeread: {exc} (analysing without the reader's corrections)")
        return (), ()
    return store.links, store.quotes


def _say(message: str) -> None:
    """One line on stderr (a file name's control characters shown, never sent raw)."""
    from closeread.document.normalise import visible_controls

    print(" ".join(visible_controls(message).split("\n")), file=sys.stderr)


def _width() -> int | None:
    """Width for the text tables: the terminal's (``COLUMNS`` first, as
    ``shutil.get_terminal_size`` reads it); ``None`` (full text) when stdout is not a
    terminal and ``COLUMNS`` is not set."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS", "").strip().isdigit():
        import shutil

        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return None


def _check_format(fmt: str | None, allowed: Sequence[str], path: Path, command: str) -> str:
    if fmt is None:
        raise InputError(f"{command} needs --format ({', '.join(allowed)})", path=path)
    if fmt not in allowed:
        raise InputError(
            f"unknown format {fmt!r} for {command} (choose from {', '.join(allowed)})", path=path
        )
    return fmt


def _write(text: str) -> None:
    if sys.stdout.isatty():  # a note imported from elsewhere may hold escape sequences
        from closeread.document.normalise import visible_controls

        text = visible_controls(text)
    sys.stdout.write(text)
    sys.stdout.flush()


# --- commands --------------------------------------------------------------------------------


def cmd_read(args: ReadArgs) -> int:
    path: Path | None = args.file
    if path is None:
        if WORKSPACE_SAMPLE.is_file():  # in the repo: notes land in its notes/ folder
            path = WORKSPACE_SAMPLE
        else:
            from closeread.paths import bundled_sample

            path = bundled_sample()
    check_readable(path)
    notes_dir = _notes_dir(args)
    # Start-up allocates hundreds of thousands of long-lived objects (Textual, the text):
    # collecting meanwhile only costs time. The app re-enables the collector after its
    # first frame (CloseReadApp.on_mount).
    import gc

    gc.disable()
    from closeread.analysis import preload  # a cached analysis is read with the layout
    from closeread.document.opening import preopen  # before Textual: see opening.preopen
    from closeread.notes.identity import fingerprint as text_fingerprint  # for the child

    preopen(path, task=preload.task(text_fingerprint))
    from closeread.tui.app import make_app  # lazy: only reading pays for Textual

    app = make_app(path, notes_dir)
    result = app.run()
    error = getattr(app, "load_error", None)
    if error is not None:  # extracted after the first frame, and bad: one line, exit 2
        raise error
    if isinstance(result, int):
        return result
    # Textual sets a non-zero return code when the app died of an exception (it has
    # printed the traceback): say so in the exit code too.
    code = getattr(app, "return_code", None)
    return 1 if code else 0


def analysis_json(doc: Document, analysis: Analysis) -> dict[str, Any]:
    """The ``analyze --format json`` object of VISION §4."""
    from closeread.analysis.serialize import to_json_dict

    return to_json_dict(doc, analysis)


def cmd_analyze(args: argparse.Namespace) -> int:
    fmt = _check_format(args.format, TABLE_FORMATS, args.file, "analyze")
    # The analysis and its output read only the normalised text: a text file's decoded
    # source is not kept (a 50 MB book's copy is 100 MB; decoded again if anything asks).
    doc = _load(args.file, keep_source=False)
    # The analysis makes only objects that live until the output is written, and no
    # cycles: the cyclic collector would only rescan them, again and again as they grow
    # (a tenth of a 50 MB book's analysis time). The process ends after the output.
    import gc

    gc.disable()
    from closeread.analysis import analyze
    from closeread.analysis.cache import analyze_cached

    run = analyze if getattr(args, "no_cache", False) else analyze_cached
    corrections = _corrections(doc, _notes_dir(args))
    analysis = run(doc, *corrections, parallel=True)  # a big book: on two cores
    if fmt == "json":
        from closeread.analysis.json_stream import write_json, write_json_two_cores

        # In pieces: a big book's JSON is never whole; its claims are formatted by a
        # second process meanwhile (a terminal's output goes through ``_write``).
        if sys.stdout.isatty():
            write_json(doc, analysis, _write)
        else:
            write_json_two_cores(doc, analysis, sys.stdout)
    else:
        from closeread.export.tables import analysis_tables

        _write(analysis_tables(doc, analysis, _width()))
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

        analysis = analyze(doc, store.links, store.quotes)
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
    if not out.parent.is_dir():
        raise InputError(f"cannot write: the folder {out.parent} does not exist", path=out)
    _check_export_target(out)
    try:
        write_atomic(out, text)
    except OSError as exc:
        raise CloseReadError(f"cannot write: {exc.strerror or exc}", path=out) from None
    _say(f"closeread: wrote {len(store.notes)} notes as {fmt} to {out}")
    return 0


def _check_export_target(out: Path) -> None:
    """``-o`` writes regular files only (through a symlink): a FIFO, device or socket is refused."""
    import stat

    try:
        mode = os.stat(out).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        from closeread.notes.storage import file_kind

        raise InputError(
            f"is {file_kind(mode)}, not a regular file: refusing to write the "
            "export there (use -o - for stdout)",
            path=out,
        )


def cmd_import(args: argparse.Namespace) -> int:
    from closeread.export.importer import identity, import_annotations

    doc = _load(args.file)
    store = _open_store(doc, _notes_dir(args))
    if store.read_only:
        raise NotesFileError("notes file is read-only; nothing imported", path=store.path)
    source: Path = args.annotations
    check_readable(source)
    from closeread.export.importer import MAX_IMPORT_BYTES

    if source.stat().st_size > MAX_IMPORT_BYTES:
        raise InputError(f"is too large to import (over {MAX_IMPORT_BYTES:,} bytes)", path=source)
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
    taken = {n.id for n in store.notes}
    there = {identity(n) for n in store.notes}
    added: list[Note] = []
    for note in notes:
        if identity(note) in there:
            continue  # imported before (perhaps under another id, see below)
        while note.id in taken:  # another note has this (short) id: keep both
            note.id = store.new_id()
        taken.add(note.id)
        added.append(note)
    # Counted before adding: the store keeps only anchored/orphan once a note is its own.
    statuses = Counter(n.status for n in added)
    store.add_many(added)
    if store.save_error:
        # The process ends here, so "kept in memory" would be untrue: say nothing was saved.
        raise CloseReadError(
            f"could not save, nothing imported: {store.save_reason}", path=store.path
        )
    detail = ", ".join(
        f"{statuses[s]} {s}" for s in ("anchored", "moved", "fuzzy", "orphan") if statuses[s]
    )
    line = f"imported {len(added)} notes into {store.path}"
    if detail:
        line += f" ({detail})"
    if len(notes) > len(added):
        line += f"; {len(notes) - len(added)} already there"
    _write(line + "\n")
    return 0


def cmd_notes(args: argparse.Namespace) -> int:
    from closeread.cli_notes import cmd_notes as notes

    return notes(args)


def cmd_init(args: argparse.Namespace) -> int:
    from closeread.cli_notes import cmd_init as init

    return init(args)


COMMANDS = {
    "analyze": cmd_analyze,
    "notes": cmd_notes,
    "export": cmd_export,
    "import": cmd_import,
    "init": cmd_init,
}


def _read_args(argv: list[str]) -> ReadArgs:
    fast = parse_read_fast(argv)
    if fast is not None:
        return fast
    from closeread.cli_parser import read_parser

    args = read_parser().parse_args(argv)
    return ReadArgs(args.file, args.notes_dir)


def _snapshots_for_urls(argv: list[str]) -> list[str]:
    """``argv`` with each web address replaced by the path of its snapshot (fetched the
    first time, kept in ``snapshots/`` beside the notes; ``document.fetch``)."""
    if not any(t.startswith(("http://", "https://")) for t in argv):
        return argv
    from closeread.document.fetch import SNAPSHOTS, is_url, open_url
    from closeread.paths import notes_dir_for

    cli_dir = None
    for i, token in enumerate(argv):
        if token == "--notes-dir" and i + 1 < len(argv):
            cli_dir = Path(argv[i + 1])
        elif token.startswith("--notes-dir="):
            cli_dir = Path(token.partition("=")[2])
    folder = notes_dir_for(cli_dir) / SNAPSHOTS
    return [str(open_url(t, folder)) if is_url(t) else t for t in argv]


def _run(argv: list[str]) -> int:
    argv = _snapshots_for_urls(argv)
    if "--serve" in argv:
        return _serve(argv)
    if is_read(argv):
        return cmd_read(_read_args(argv))
    from closeread.cli_parser import build_parser

    args = build_parser().parse_args(argv)
    if args.command is None:  # only options such as --notes-dir: read the sample
        return cmd_read(_read_args(argv))
    return COMMANDS[args.command](args)


def _serve(argv: list[str]) -> int:
    from closeread.cli_serve import cmd_serve, parse_serve

    path, port, notes_dir = parse_serve(argv)
    if path is None:
        path = WORKSPACE_SAMPLE if WORKSPACE_SAMPLE.is_file() else None
        if path is None:
            from closeread.paths import bundled_sample

            path = bundled_sample()
    check_readable(path)
    return cmd_serve(path, port, notes_dir)


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
