"""The dialogs the reader's keys open, and what their answers change.

Each function is one key of ``ReaderScreen``: it asks (note editor, tags, verdict, link,
source, export, confirmations), then makes the change through the session's store
(``closeread.reading.edits``) and lets the screen redraw. The dialogs' modules are
imported when first opened: they pull in TextArea and friends, which the first screen
does not need.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from closeread.document.links import prose
from closeread.notes.merge import fields
from closeread.notes.model import NoteKind
from closeread.reading import edits

if TYPE_CHECKING:
    from collections.abc import Sequence

    from closeread.notes.model import Note
    from closeread.notes.store import NotesStore
    from closeread.tui.screens.note_editor import NoteEditorResult
    from closeread.tui.screens.reader import ReaderScreen


def _store(screen: ReaderScreen) -> NotesStore:
    # Note keys are disabled until the notes are open (``ReaderScreen.check_action``).
    store = screen.session.store
    assert store is not None, "a note action ran before the notes were open"
    return store


def changed(screen: ReaderScreen, message: str | None = None) -> None:
    """After a change to the notes: redraw them and say what happened (or why not saved)."""
    screen.refresh_notes()
    store = _store(screen)
    if store.save_error and not store.saves_in_background:  # else ``on_notes_saved`` says
        # save_error already names the file.
        screen.notify(store.save_error, severity="error", markup=False)
    elif message:
        screen.notify(message, markup=False)


def _clear_selection(screen: ReaderScreen) -> None:
    screen.session.selection_anchor = None
    screen.article.set_selection(None)


def _note_here(screen: ReaderScreen, verb: str) -> Note | None:
    note = screen.note_under_cursor()
    if note is None:
        hint = "the ✎ in the margin marks noted lines"
        screen.notify(f"no note here to {verb}: {hint}", markup=False)
    return note


def _position(items: Sequence[Any], item: Any) -> int:
    """Where ``item`` is in ``items``: by its id in the reader's columns (no object made
    per item), else by equality."""
    find = getattr(items, "find", None)
    found = find(item.id) if find is not None else None
    return found if found is not None else items.index(item)


def details(screen: ReaderScreen) -> None:
    """Open the detail view of the citation (else the claim) under the cursor."""
    from closeread.tui.screens.detail import CitationDetail, ClaimDetail

    session, a = screen.session, screen.session.analysis
    citation, claim = session.citation_here(), session.claim_here()
    if citation is not None:
        number = f"{_position(a.citations, citation) + 1}/{len(a.citations)}"
        screen.app.push_screen(CitationDetail(citation, a, number))
    elif claim is not None:
        number = f"{_position(a.claims, claim) + 1}/{len(a.claims)}"
        screen.app.push_screen(ClaimDetail(claim, a, number))
    else:
        screen.notify("No claim or citation here: ] and } move to one.")


def add_note(screen: ReaderScreen) -> None:
    from closeread.tui.screens.note_editor import NoteEditor

    start, end = screen.session.target_span()
    if end <= start:
        screen.notify("nothing to annotate here")
        return
    text = screen.session.doc.text

    def saved(result: NoteEditorResult | None) -> None:
        if result is not None:
            said = edits.add_note(
                _store(screen), text, (start, end), cast(NoteKind, result.kind), result.body
            )
            _clear_selection(screen)
            changed(screen, said)

    screen.app.push_screen(NoteEditor("New note", text[start:end]), saved)


def highlight(screen: ReaderScreen) -> None:
    start, end = screen.session.target_span()
    if end > start:
        said = edits.toggle_highlight(_store(screen), screen.session.doc.text, (start, end))
        _clear_selection(screen)
        changed(screen, said)


def edit_note(screen: ReaderScreen) -> None:
    from closeread.tui.screens.note_editor import NoteEditor

    note = _note_here(screen, "edit")
    if note is None:
        return
    started = fields(note)

    def saved(result: NoteEditorResult | None) -> None:
        if result is not None:
            kind = cast(NoteKind, result.kind)
            changed(
                screen,
                edits.change_note(
                    _store(screen), note, started, "note saved", body=result.body, kind=kind
                ),
            )

    screen.app.push_screen(NoteEditor("Edit note", note.target.quote, note.body, note.kind), saved)


def delete_note(screen: ReaderScreen) -> None:
    note = _note_here(screen, "delete")
    if note is not None:
        _store(screen).delete(note.id)
        changed(screen, "note deleted: z undoes")


def undo(screen: ReaderScreen) -> None:
    restored = _store(screen).undo()
    changed(screen, "note restored" if restored else None)
    if restored is None:
        screen.notify("nothing to undo")


def tag_note(screen: ReaderScreen) -> None:
    from closeread.tui.screens.dialogs import TagDialog
    from closeread.tui.widgets.notes_panel import describe_note

    note = _note_here(screen, "tag")
    if note is None:
        return
    started = fields(note)

    def tagged(tags: list[str] | None) -> None:
        if tags is not None:
            said = edits.change_note(_store(screen), note, started, "tags saved", tags=list(tags))
            changed(screen, said)

    screen.app.push_screen(TagDialog(list(note.tags), subject=describe_note(note)), tagged)


def verdict(screen: ReaderScreen) -> None:
    from closeread.tui.screens.dialogs import VerdictDialog

    note = screen.note_under_cursor()
    claim = screen.session.claim_here()
    if note is None and claim is None:
        screen.notify("a verdict goes on a note or a claim: move to one first")
        return
    started = fields(note) if note is not None else None

    def judged(verdict: str | None) -> None:
        if verdict is None:
            return
        store = _store(screen)
        if note is not None and started is not None:
            said = edits.verdict_said(verdict)
            changed(screen, edits.change_note(store, note, started, said, verdict=verdict or None))
        elif claim is not None:
            changed(screen, edits.judge_claim(store, screen.session.doc.text, claim, verdict))

    screen.app.push_screen(VerdictDialog(note.verdict if note else None), judged)


def link(screen: ReaderScreen) -> None:
    from closeread.tui.screens.dialogs import LinkDialog

    analysis, claim = screen.session.analysis, screen.session.claim_here()
    if claim is None:
        screen.notify("L links a claim to a citation: move to a claim first (])")
        return
    if not analysis.citations:
        screen.notify("no citations found to link to")
        return

    def chosen(citation_id: str | None) -> None:
        citation = screen.session.analysis.citation(citation_id) if citation_id else None
        if citation is not None:
            changed(screen, edits.toggle_link(_store(screen), claim, citation))
            screen.run_analysis()

    candidates = edits.link_candidates(analysis, claim)
    screen.app.push_screen(LinkDialog(prose(claim.text), candidates), chosen)


def mark_quote(screen: ReaderScreen) -> None:
    """``Q``: the reader marks the target span as a quote (the analysis runs again)."""
    from closeread.tui.screens.dialogs import SourceDialog

    start, end = screen.session.target_span()
    if end <= start:
        screen.notify("nothing to mark here")
        return
    text = screen.session.doc.text

    def marked(source: str | None) -> None:
        if source is not None:
            said = edits.mark_quote(_store(screen), text, (start, end), source)
            _clear_selection(screen)
            changed(screen, said)
            screen.run_analysis()

    screen.app.push_screen(SourceDialog(text[start:end]), marked)


def unmark_quote(screen: ReaderScreen) -> None:
    """``X``: the citation under the cursor is no quote (asked first: z does not undo it)."""
    citation = screen.session.citation_here()
    if citation is None:
        screen.notify("X works on a citation: move to one first (})")
        return
    from closeread.tui.screens.confirm import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if yes:
            changed(screen, edits.unmark_quote(_store(screen), citation))
            screen.run_analysis()

    # Its claim links go with it, and z does not undo corrections: ask first.
    who = f" ({citation.source_name})" if citation.source_name else ""
    question = (
        f"Treat {citation.id}{who} as not a quote? Claims lose their links to it; "
        "Q on the same text marks it again."
    )
    screen.app.push_screen(ConfirmDialog(question), answered)


def export(screen: ReaderScreen) -> None:
    from closeread.export.common import default_filename
    from closeread.tui.screens.dialogs import ExportDialog

    session = screen.session

    def export(choice: tuple[str, Path] | None) -> None:
        if choice is None:
            return
        from closeread.export import export_notes
        from closeread.export.common import write_atomic

        fmt, path = choice
        store = _store(screen)
        try:
            content = export_notes(fmt, session.doc, session.analysis, store.notes, store.links)
            write_atomic(path, content)
        except OSError as exc:
            # The user's path and the reason only: the exception may name our temp file.
            why = exc.strerror or type(exc).__name__
            screen.notify(f"export failed: {path}: {why}", severity="error", markup=False)
            return
        except ValueError as exc:
            screen.notify(f"export failed: {path}: {exc}", severity="error", markup=False)
            return
        screen.notify(f"exported {fmt} to {path}", markup=False)

    # default_filename gives "<stem>-notes.<ext>"; the dialog adds the extension.
    stem = default_filename(session.doc.path, "markdown").rsplit(".", 1)[0]
    screen.app.push_screen(ExportDialog(screen.export_dir, stem), export)


def quit(screen: ReaderScreen) -> None:
    """Quit, after asking when notes could not be saved; remember where the reader was."""
    from closeread.tui.screens.confirm import ConfirmDialog
    from closeread.tui.screens.reader_memory import save_reading_state

    store = screen.session.store
    if store is not None:
        store.wait_saved()  # a save under way is finished (or fails) before quitting
    if store is None or not store.save_error or store.retry_save():
        save_reading_state(screen)
        screen.app.exit()
        return

    def answer(lose: bool | None) -> None:
        if lose:
            save_reading_state(screen)
            screen.app.exit()

    why = store.save_reason or store.save_error
    question = (
        f"Notes could not be saved to {store.path} ({why}). Quit and lose the unsaved changes?"
    )
    screen.app.push_screen(ConfirmDialog(question), answer)


def offer_similar_notes(screen: ReaderScreen) -> None:
    """Ask before adopting the notes of a similar text, if the store found some."""
    store = screen.session.store
    match = store.match if store is not None else None
    if match is not None and match.kind == "exact" and "written on" in match.reason:
        # Found by the text although the file moved: say so, once.
        screen.notify(
            f"notes found by the text in {match.file.name} ({match.reason})", markup=False
        )
    if store is None or match is None or match.kind != "new" or not match.candidates:
        return
    from closeread.tui.screens.confirm import AdoptNotesDialog

    best = match.candidates[0]
    entry = best.entry
    where = ""
    if entry.path:
        recorded = entry.document_path(store.path.parent)
        gone = recorded is not None and not recorded.exists()
        where = f"; written on {entry.path}{', no longer there' if gone else ''}"
    question = (
        f"Notes for a similar text found: {entry.file.name} "
        f"({best.similarity:.0%} alike{where}).\n\n"
        "Use them for this document? They are re-anchored in this text; notes whose "
        "text is not found are kept as orphans. No: start without notes (that file is "
        "left as it is)."
    )

    def answer(yes: bool | None) -> None:
        if yes:
            adopt_notes(screen, entry.file)

    screen.app.push_screen(AdoptNotesDialog(question), answer)


def adopt_notes(screen: ReaderScreen, notes_file: Path) -> None:
    """Make ``notes_file`` this document's notes file and show its notes."""
    from closeread.errors import NotesFileError
    from closeread.notes.store import NotesStore

    try:
        store = NotesStore.adopt(screen.session.doc, notes_file)
    except NotesFileError as exc:
        screen.notify(str(exc), severity="error", markup=False)
        return
    screen.use_store(store)
    screen.refresh_notes()
    screen.refresh_bindings()
    screen.run_analysis()  # with the adopted notes' corrections
    orphans = len(store.orphans())
    extra = f" ({orphans} not found in this text, listed apart)" if orphans else ""
    screen.notify(f"{len(store.notes)} notes adopted from {notes_file.name}{extra}", markup=False)
