"""The reader's memory between runs: notes of a similar text (asked before adopting), and
where each document was left (position, panel) plus the theme. A mixin of ``ReaderScreen``.

- When the notes store found no notes for this text but notes of a similar one (the file
  was renamed and edited, ``notes.lookup``), a dialog asks before adopting them; "no"
  leaves both files as they are.
- The reading state (``closeread.state``) is read when the document opens and written when
  the reader quits; a corrupt state file gives a warning, never an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from closeread.document import Document

if TYPE_CHECKING:
    from closeread.notes.store import NotesStore
    from closeread.state import ReadingState
    from closeread.tui.widgets.article import Article


class SessionActions(Screen[None]):
    """Adoption of similar notes and the reading state (mixed into ``ReaderScreen``)."""

    if TYPE_CHECKING:
        doc: Document
        store: NotesStore
        cursor: tuple[int, int]
        side_mounted: bool
        _initial_panel: str
        _pending: Any

        @property
        def article(self) -> Article: ...
        def _unit_at(self, offset: int) -> tuple[int, int]: ...
        def move_to(self, span: tuple[int, int], *, jump: bool = False) -> None: ...
        def refresh_notes(self) -> None: ...
        def run_analysis(self) -> Any: ...
        def action_show_panel(self, name: str) -> None: ...

    _reading_state: ReadingState | None = None
    _place_restored = False

    # -- notes of a similar text ----------------------------------------------------------

    def offer_similar_notes(self) -> None:
        """Ask before adopting the notes of a similar text, if the store found some."""
        match = getattr(self.store, "match", None)
        if match is not None and match.kind == "exact" and "written on" in match.reason:
            # Found by the text although the file moved: say so, once.
            self.notify(
                f"notes found by the text in {match.file.name} ({match.reason})", markup=False
            )
        if match is None or match.kind != "new" or not match.candidates:
            return
        from closeread.tui.screens.confirm import AdoptNotesDialog

        best = match.candidates[0]
        entry = best.entry
        where = ""
        if entry.path:
            recorded = entry.document_path(self.store.path.parent)
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
                self.adopt_notes(entry.file)

        self.app.push_screen(AdoptNotesDialog(question), answer)

    def adopt_notes(self, notes_file: Path) -> None:
        """Make ``notes_file`` this document's notes file and show its notes."""
        from closeread.errors import NotesFileError
        from closeread.notes.store import NotesStore

        try:
            store = NotesStore.adopt(self.doc, notes_file)
        except NotesFileError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.store = store
        app: Any = self.app
        app.store = store
        self.refresh_notes()
        self.refresh_bindings()
        self.run_analysis()  # with the adopted notes' corrections
        orphans = len(store.orphans())
        extra = f" ({orphans} not found in this text, listed apart)" if orphans else ""
        self.notify(f"{len(store.notes)} notes adopted from {notes_file.name}{extra}", markup=False)

    # -- reading state ---------------------------------------------------------------------

    def restore_session(self) -> None:
        """Read the reading state and go back to where this document was left."""
        self.load_reading_state()
        self.restore_place()

    def load_reading_state(self) -> None:
        """Read the state file and apply the theme (the position and panel wait for the
        full text: ``restore_place``)."""
        from closeread.paths import state_file
        from closeread.state import ReadingState

        state = self._reading_state = ReadingState.load(state_file())
        if state.warning:
            self.notify(state.warning, severity="warning", markup=False)
        if (
            state.theme
            and state.theme != self.app.theme
            and state.theme in self.app.available_themes
        ):
            self.app.theme = state.theme

    def restore_place(self) -> None:
        """Put the cursor where this document was left (once, with the full text)."""
        state = self._reading_state
        if state is None or self._place_restored or self._pending is not None:
            return
        self._place_restored = True
        place = state.place(self.doc.sha256, self.doc.path)
        if place is None:
            return
        # Sets the panel the side panel mounts with, or shows it if already mounted.
        self.action_show_panel(place.panel)
        if 0 < place.offset < len(self.doc.text):
            # While the sentences there are unknown the cursor covers the rest of the
            # block from the exact offset; the analysis then narrows it to the sentence
            # that starts there (``set_analysis`` re-takes the unit at ``cursor[0]``).
            start, end = self._unit_at(place.offset)
            self.move_to(
                (place.offset, max(end, place.offset)) if start < place.offset else (start, end)
            )

    def save_reading_state(self) -> None:
        """Remember where this document was left, its panel and the theme (never fails)."""
        from closeread.paths import state_file
        from closeread.state import Place, ReadingState

        state = self._reading_state or ReadingState.load(state_file())
        if self._pending is None:  # a big document still loading: nothing read yet
            state.remember(
                self.doc.sha256, Place(self.cursor[0], self._current_panel()), self.doc.path
            )
        state.theme = self.app.theme
        error = state.save()
        if error:
            self.log.warning(error)

    def _current_panel(self) -> str:
        if self.side_mounted:
            from textual.widgets import TabbedContent

            found = self.query(TabbedContent)
            if found:
                active = found.first().active
                return active.removeprefix("tab-") or self._initial_panel
        return self._initial_panel
