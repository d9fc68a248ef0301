"""``closeread notes`` (show, ``--list``, ``--adopt``) and ``closeread init`` (VISION §4-5).

Which notes file a document uses is decided by its text (``notes.lookup``); these
commands say which file they used and why. A fuzzy match (notes of a similar text: the
file was renamed *and* edited) is never used silently: ``closeread notes FILE`` shows no
notes, names the candidate and the ``--adopt`` command that attaches it.

``--adopt NOTES.yaml`` never removes anything:

- if NOTES.yaml records another document that still exists (not FILE), its notes are
  *copied* into FILE's notes file, and NOTES.yaml stays that document's;
- if FILE already has notes of its own in another file, NOTES.yaml's notes are likewise
  copied into that file (notes already there are not doubled);
- otherwise NOTES.yaml becomes FILE's: re-anchored in FILE's text and saved with FILE's
  path, digest and fingerprint.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from closeread.errors import CloseReadError, InputError, NotesFileError

if TYPE_CHECKING:
    import argparse

    from closeread.document import Document
    from closeread.notes import NotesStore


def _cli() -> Any:
    from closeread import cli

    return cli


def cmd_notes(args: argparse.Namespace) -> int:
    cli = _cli()
    if args.list:
        if args.file is not None or args.adopt is not None:
            raise InputError("--list takes no FILE and no --adopt", path="notes")
        return _list(args)
    if args.file is None:
        from closeread.cli_parser import UsageError

        raise UsageError("notes needs FILE, or --list (see: closeread notes --help)")
    fmt = cli._check_format(args.format, cli.TABLE_FORMATS, args.file, "notes")
    doc = cli._load(args.file)
    notes_dir = cli._notes_dir(args)
    if args.adopt is not None:
        store, said = _adopt(doc, args.adopt, notes_dir)
    else:
        store, said = cli._open_store(doc, notes_dir), ""
    match = store.match
    reason = said or (match.reason if match is not None else "")
    if fmt == "json":
        import json

        from closeread.notes import notes_report

        report = notes_report(store)
        report["match"] = _match_json(store)
        if said:
            report["match"]["reason"] = said
        cli._write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return 0
    from closeread.export.tables import notes_table

    label = f"{store.path} ({reason})" if reason else str(store.path)
    text = notes_table(store.notes, label, cli._width())
    if match is not None and match.candidates and not said:
        best = match.candidates[0].entry.file
        text += (
            f"Not used without asking: to attach those notes to this file, run\n"
            f"  closeread notes {_quote(str(args.file))} --adopt {_quote(str(best))}\n"
        )
    cli._write(text)
    return 0


def _quote(word: str) -> str:
    import shlex

    return shlex.quote(word)


def _match_json(store: NotesStore) -> dict[str, Any]:
    match = store.match
    if match is None:
        return {"kind": "given", "reason": "", "candidates": []}
    return {
        "kind": match.kind,
        "reason": match.reason,
        "candidates": [
            {
                "notes_file": str(c.entry.file),
                "document": c.entry.path,
                "similarity": round(c.similarity, 3),
            }
            for c in match.candidates
        ],
    }


def _adopt(doc: Document, notes_file: Path, notes_dir: Path | None) -> tuple[NotesStore, str]:
    """Attach ``notes_file`` to ``doc`` (see the module docstring); returns the store and
    what was done, in words."""
    from closeread import paths
    from closeread.notes import NotesStore
    from closeread.notes.lookup import read_entry

    cli = _cli()
    cli.check_readable(notes_file)
    entry = read_entry(notes_file)
    if entry is None or not entry.readable:
        raise InputError("is not a closeread notes file", path=notes_file)
    own = cli._open_store(doc, notes_dir)
    if own.read_only:
        raise NotesFileError(f"cannot adopt: {own.read_only_reason}", path=own.path)
    if own.path.exists() and os.path.samefile(own.path, notes_file):
        return own, "already the notes of this file"
    recorded = entry.document_path(notes_file.parent)
    here = doc.path.resolve() if doc.path is not None else None
    elsewhere = recorded is not None and recorded != here and recorded.exists()
    has_own = own.path.exists() and bool(own.notes)
    if not elsewhere and not has_own:
        store = NotesStore.adopt(doc, notes_file)
        return store, f"adopted: {_statuses(store.notes)}"
    theirs = NotesStore.open(doc, path=notes_file)  # re-anchored in doc's text, not saved
    added = _copy_into(own, theirs)
    if own.save_error:
        raise CloseReadError(f"could not save, nothing adopted: {own.save_reason}", path=own.path)
    whose = (
        f"it stays the notes of {paths.stored_document_path(recorded, notes_file.parent)}"
        if elsewhere and recorded is not None
        else "it is left as it was"
    )
    return own, f"copied {added} notes from {notes_file} ({_statuses(theirs.notes)}); {whose}"


def _copy_into(own: NotesStore, theirs: NotesStore) -> int:
    """Add ``theirs``' notes and corrections that ``own`` lacks; returns the notes added."""
    from closeread.export.importer import identity

    there = {identity(n) for n in own.notes}
    taken = {n.id for n in own.notes}
    added = []
    for note in theirs.notes:
        if identity(note) in there:
            continue
        if note.id in taken:
            note.id = own.new_id()
        taken.add(note.id)
        added.append(note)
    for link in theirs.links:
        if own.link_for(link.claim, link.citation) is None:
            own.links.append(link)
    known = {(q.span.start, q.span.end) for q in own.quotes}
    own.quotes += [q for q in theirs.quotes if (q.span.start, q.span.end) not in known]
    own.add_many(added)  # saves (with the corrections) even when no note is new
    return len(added)


def _statuses(notes: list[Any]) -> str:
    counts = Counter(n.status for n in notes)
    detail = ", ".join(
        f"{counts[s]} {s}" for s in ("anchored", "moved", "fuzzy", "orphan") if counts[s]
    )
    return f"{len(notes)} notes" + (f": {detail}" if detail else "")


def _list(args: argparse.Namespace) -> int:
    from closeread import paths
    from closeread.notes import schema
    from closeread.notes.lookup import scan

    cli = _cli()
    fmt = cli._check_format(args.format, cli.TABLE_FORMATS, "notes --list", "notes")
    folder = paths.notes_dir_for(cli._notes_dir(args))
    rows: list[dict[str, Any]] = []
    for entry in scan(folder):
        row: dict[str, Any] = {
            "notes_file": str(entry.file),
            "document": entry.path,
            "exists": None,
            "title": entry.title,
            "sha256": entry.sha256,
            "notes": None,
            "links": None,
            "quotes": None,
            "error": None,
        }
        recorded = entry.document_path(folder)
        row["exists"] = recorded.exists() if recorded is not None else False
        try:
            data = schema.parse(entry.file.read_bytes(), entry.file)
        except (NotesFileError, OSError) as exc:
            row["error"] = str(exc)
        else:
            if data is not None:
                row.update(notes=len(data.notes), links=len(data.links), quotes=len(data.quotes))
        rows.append(row)
    if fmt == "json":
        import json

        cli._write(
            json.dumps({"notes_dir": str(folder), "files": rows}, ensure_ascii=False, indent=2)
            + "\n"
        )
        return 0
    from closeread.export.tables import format_table

    def count(v: object) -> str:
        return "?" if v is None else str(v)

    table = [
        [
            Path(r["notes_file"]).name,
            "yes" if r["exists"] else "NO",
            count(r["notes"]),
            count(r["links"]),
            count(r["quotes"]),
            r["error"] or r["document"] or "-",
        ]
        for r in rows
    ]
    head = f"{len(rows)} notes file{'' if len(rows) == 1 else 's'} in {folder}"
    cli._write(
        head
        + "\n\n"
        + format_table(
            ["notes file", "found", "notes", "links", "quotes", "document"], table, cli._width()
        )
        + "\n"
    )
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from closeread import paths

    cli = _cli()
    base: Path = args.dir
    if not base.is_dir():
        raise InputError("is not a folder", path=base)
    folder = base / paths.WORKSPACE_NOTES
    was = folder.is_dir() and (folder / paths.WORKSPACE_MARKER).is_file()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise CloseReadError(f"cannot create: {exc.strerror or exc}", path=folder) from None
    if not paths.mark_workspace(folder):
        raise CloseReadError("cannot write the workspace marker", path=folder)
    what = "is already" if was else "is now"
    cli._write(
        f"{folder} {what} a reading workspace: notes of documents read under "
        f"{base.resolve()} go there\n"
    )
    return 0
