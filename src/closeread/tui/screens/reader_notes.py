"""The reader's note actions: add, select, highlight, edit, delete/undo, tag, verdict, link,
export and quit. A mixin of ``ReaderScreen``; every change goes through the notes store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

from closeread.analysis import Analysis, Citation, Claim
from closeread.document import Document
from closeread.notes.merge import Fields, fields
from closeread.notes.model import (
    LinkCorrection,
    Note,
    NoteKind,
    SpanRef,
    Target,
)

if TYPE_CHECKING:
    from closeread.notes.store import NotesStore
    from closeread.tui.screens.note_editor import NoteEditorResult
    from closeread.tui.widgets.article import Article

# The dialogs are imported when first opened: they pull in TextArea and friends, which the
# first screen does not need.

#: How many citations on each side of a claim the link dialog offers.
LINK_CANDIDATES = 6


class NoteActions(Screen[None]):
    """Note actions of the reader screen (mixed into ``ReaderScreen``)."""

    if TYPE_CHECKING:
        doc: Document
        store: NotesStore
        analysis: Analysis
        cursor: tuple[int, int]
        selection_anchor: tuple[int, int] | None
        side_mounted: bool
        chosen_note_id: str | None
        on_match: bool

        @property
        def article(self) -> Article: ...
        @property
        def export_dir(self) -> Path: ...
        def update_status(self) -> None: ...
        def claim_here(self) -> Claim | None: ...
        def _unit_at(self, offset: int) -> tuple[int, int]: ...
        def run_analysis(self) -> Any: ...

    # -- helpers ------------------------------------------------------------------------

    def refresh_notes(self) -> None:
        """Push the store's notes down to the article and the Notes panel."""
        self.article.set_notes(self.store.notes)
        if self.side_mounted:
            from closeread.tui.widgets.notes_panel import NotesPanel

            found = self.query(NotesPanel)
            if found:
                found.first().show_notes(self.store.notes, self.doc.text)
            self.show_verdicts()
        self.update_status()

    def show_verdicts(self) -> None:
        """Show the reader's verdicts on claims in the Claims panel (after each notes change
        and when the analysis completes; not on every progress tick)."""
        if not self.side_mounted:
            return
        from closeread.tui.widgets.claims_panel import ClaimsPanel, verdicts_for_claims

        found = self.query(ClaimsPanel)
        if found:
            found.first().show_verdicts(verdicts_for_claims(self.analysis.claims, self.store.notes))

    def target_span(self) -> tuple[int, int]:
        """The selection if there is one, else the current unit (a search match is no
        selection: its sentence)."""
        if self.selection_anchor is not None:
            a, c = self.selection_anchor, self.cursor
            return min(a[0], c[0]), max(a[1], c[1])
        return self.unit_here()

    def unit_here(self) -> tuple[int, int]:
        """The cursor's unit; the sentence around it while the cursor is on a search match."""
        return self._unit_at(self.cursor[0]) if self.on_match else self.cursor

    def notes_here(self) -> list[Note]:
        s, e = self.cursor
        return self.store.notes_overlapping(s, max(e, s + 1))

    def note_under_cursor(self) -> Note | None:
        """The note e/d/t/m act on.

        With the Notes panel focused, its highlighted row; else the note last chosen in
        the panel (or jumped to) while it overlaps the cursor; else the innermost (shortest)
        note overlapping the cursor, so a word noted inside a noted sentence stays reachable.
        """
        if self.side_mounted:
            from closeread.tui.widgets.notes_panel import NoteList

            focused = self.app.focused
            if isinstance(focused, NoteList) and (key := focused.cursor_key) is not None:
                row = next((n for n in self.store.notes if n.id == key), None)
                if row is not None:
                    return row
        notes = self.notes_here()
        if not notes:
            return None
        chosen = next((n for n in notes if n.id == self.chosen_note_id), None)
        if chosen is not None:
            return chosen
        return min(notes, key=lambda n: (n.target.end or 0) - (n.target.start or 0))

    def _note_here(self, verb: str) -> Note | None:
        note = self.note_under_cursor()
        if note is None:
            hint = "the ✎ in the margin marks noted lines"
            self.notify(f"no note here to {verb}: {hint}", markup=False)
        return note

    def check_disk(self) -> None:
        """Merge notes another closeread instance saved to the same file."""
        if self.store.reload():
            self.refresh_notes()
            self.notify("notes updated from another closeread window")

    def _changed(self, message: str | None = None) -> None:
        self.refresh_notes()
        if self.store.save_error:
            # save_error already names the file.
            self.notify(self.store.save_error, severity="error", markup=False)
        elif message:
            self.notify(message, markup=False)

    def _change(self, note: Note, started: Fields, message: str, **new: object) -> None:
        """Save the reader's change (only the fields they edited) onto the latest version of
        ``note``: another window's edits to other fields are kept, the same field edited in
        both keeps both texts (``NotesStore.change``); a note deleted meanwhile comes back."""
        gone = self.store.get(note.id) is None
        _, both = self.store.change(note, started, **new)
        if gone:
            message += " (the note had been deleted in another closeread window: restored)"
        elif both:
            message += (f" ({' and '.join(both)} also changed in another closeread window: "
                        "both kept)" if "body" in both else
                        f" ({' and '.join(both)} also changed in another window: yours kept)")
        self._changed(message)

    def _clear_selection(self) -> None:
        self.selection_anchor = None
        self.article.set_selection(None)

    # -- actions ------------------------------------------------------------------------

    def action_select(self) -> None:
        if self.selection_anchor is None:
            self.selection_anchor = self.unit_here()
            self.article.set_selection(self.selection_anchor)
            self.notify("selecting: move to extend, then a (note) or h (highlight); escape clears")
        else:
            self._clear_selection()
        self.update_status()

    def action_add_note(self) -> None:
        from closeread.tui.screens.note_editor import NoteEditor

        start, end = self.target_span()
        if end <= start:
            self.notify("nothing to annotate here")
            return
        quote = self.doc.text[start:end]

        def saved(result: NoteEditorResult | None) -> None:
            if result is None:
                return
            note = Note(
                self.store.new_id(),
                cast(NoteKind, result.kind),
                Target.from_span(self.doc.text, start, end),
                body=result.body,
            )
            self.store.add(note)
            self._clear_selection()
            self._changed("note saved")

        self.app.push_screen(NoteEditor("New note", quote), saved)

    def action_highlight(self) -> None:
        start, end = self.target_span()
        if end <= start:
            return
        same = [
            n
            for n in self.store.notes_overlapping(start, end)
            if n.kind == "highlight"
            and not n.body
            and (n.target.start, n.target.end) == (start, end)
        ]
        if same:
            # h on a highlight takes it away again (z brings it back).
            self.store.delete(same[0].id)
            self._clear_selection()
            self._changed("highlight removed: z undoes")
            return
        target = Target.from_span(self.doc.text, start, end)
        self.store.add(Note(self.store.new_id(), "highlight", target))
        self._clear_selection()
        self._changed("highlighted")

    def action_edit_note(self) -> None:
        from closeread.tui.screens.note_editor import NoteEditor

        note = self._note_here("edit")
        if note is None:
            return
        started = fields(note)

        def saved(result: NoteEditorResult | None) -> None:
            if result is not None:
                self._change(note, started, "note saved", body=result.body,
                             kind=cast(NoteKind, result.kind))

        self.app.push_screen(
            NoteEditor("Edit note", note.target.quote, note.body, note.kind), saved
        )

    def action_delete_note(self) -> None:
        note = self._note_here("delete")
        if note is not None:
            self.store.delete(note.id)
            self._changed("note deleted: z undoes")

    def action_undo(self) -> None:
        restored = self.store.undo()
        self._changed("note restored" if restored else None)
        if restored is None:
            self.notify("nothing to undo")

    def action_tag_note(self) -> None:
        from closeread.tui.screens.dialogs import TagDialog
        from closeread.tui.widgets.notes_panel import describe_note

        note = self._note_here("tag")
        if note is None:
            return
        started = fields(note)

        def tagged(tags: list[str] | None) -> None:
            if tags is not None:
                self._change(note, started, "tags saved", tags=list(tags))

        self.app.push_screen(TagDialog(list(note.tags), subject=describe_note(note)), tagged)

    def action_verdict(self) -> None:
        from closeread.tui.screens.dialogs import VerdictDialog

        note = self.note_under_cursor()
        claim = self.claim_here()
        if note is None and claim is None:
            self.notify("a verdict goes on a note or a claim: move to one first")
            return

        started = fields(note) if note is not None else None

        def judged(verdict: str | None) -> None:
            if verdict is None:
                return
            said = f"verdict: {verdict}" if verdict else "verdict cleared"
            if note is not None and started is not None:
                self._change(note, started, said, verdict=verdict or None)
                return
            if claim is not None and verdict:
                target = Target.from_span(self.doc.text, claim.start, claim.end)
                self.store.add(Note(self.store.new_id(), "verdict", target, verdict=verdict))
            self._changed(said)

        self.app.push_screen(VerdictDialog(note.verdict if note else None), judged)

    def action_link(self) -> None:
        from closeread.tui.screens.dialogs import LinkDialog

        claim = self.claim_here()
        if claim is None:
            self.notify("L links a claim to a citation: move to a claim first (])")
            return
        citations = self.analysis.citations
        if not citations:
            self.notify("no citations found to link to")
            return
        by_distance = sorted(citations, key=lambda c: abs(c.start - claim.start))
        nearest = by_distance[: 2 * LINK_CANDIDATES]
        nearest.sort(key=lambda c: c.start)
        candidates = [(c.id, _citation_label(c), c.id in claim.citations) for c in nearest]

        def chosen(citation_id: str | None) -> None:
            citation = self.analysis.citation(citation_id) if citation_id else None
            if citation is None:
                return
            linked = citation.id in claim.citations
            self.store.set_link(
                LinkCorrection(
                    SpanRef(claim.text, claim.start, claim.end),
                    SpanRef(citation.quote, citation.start, citation.end),
                    "remove" if linked else "add",
                )
            )
            self._changed(f"{'unlinked' if linked else 'linked'} {claim.id} and {citation.id}")
            self.run_analysis()

        self.app.push_screen(LinkDialog(claim.text, candidates), chosen)

    def action_export(self) -> None:
        from closeread.export.common import default_filename
        from closeread.tui.screens.dialogs import ExportDialog

        def export(choice: tuple[str, Path] | None) -> None:
            if choice is None:
                return
            from closeread.export import export_notes
            from closeread.export.common import write_atomic

            fmt, path = choice
            try:
                content = export_notes(
                    fmt, self.doc, self.analysis, self.store.notes, self.store.links
                )
                write_atomic(path, content)
            except OSError as exc:
                # The user's path and the reason only: the exception may name our temp file.
                why = exc.strerror or type(exc).__name__
                self.notify(f"export failed: {path}: {why}", severity="error", markup=False)
                return
            except ValueError as exc:
                self.notify(f"export failed: {path}: {exc}", severity="error", markup=False)
                return
            self.notify(f"exported {fmt} to {path}", markup=False)

        # default_filename gives "<stem>-notes.<ext>"; the dialog adds the extension.
        stem = default_filename(self.doc.path, "markdown").rsplit(".", 1)[0]
        self.app.push_screen(ExportDialog(self.export_dir, stem), export)

    def action_help(self) -> None:
        from closeread.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        from closeread.tui.screens.confirm import ConfirmDialog

        save_state = getattr(self, "save_reading_state", None)
        if not self.store.save_error or self.store.retry_save():
            if save_state is not None:
                save_state()
            self.app.exit()
            return

        def answer(lose: bool | None) -> None:
            if lose:
                if save_state is not None:
                    save_state()
                self.app.exit()

        why = self.store.save_reason or self.store.save_error
        question = (
            f"Notes could not be saved to {self.store.path} ({why}). "
            "Quit and lose the unsaved changes?"
        )
        self.app.push_screen(ConfirmDialog(question), answer)


def _citation_label(c: Citation) -> str:
    quote = " ".join(c.quote.split())
    quote = quote if len(quote) <= 50 else quote[:49] + "…"
    return f"{c.source_name or 'unattributed'} · “{quote}”"
