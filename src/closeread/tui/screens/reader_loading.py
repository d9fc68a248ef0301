"""The reader's loading of a big document: the head is on screen, the full text and the
notes arrive from workers. A mixin of ``ReaderScreen``.

Until the full text is there, every action first waits for it (``after_load``: a key
pressed a fraction of a second after the first frame); until the notes are open (they are
anchored against the full text), note actions are disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from closeread.document import Document
from closeread.tui.loading import NoNotesYet, PendingLoad
from closeread.tui.messages import DocumentLoaded, NotesOpened

if TYPE_CHECKING:
    from closeread.notes.store import NotesStore
    from closeread.tui.widgets.article import Article

#: Actions that change or read notes: disabled until the notes of a big document are open
#: (export would write no notes, and propose a folder from the stand-in store's empty path).
NOTE_ACTIONS = frozenset(
    {
        "export",
        "add_note",
        "highlight",
        "edit_note",
        "delete_note",
        "undo",
        "tag_note",
        "verdict",
        "link",
        "mark_quote",
        "unmark_quote",
    }
)


class LoadingActions(Screen[None]):
    """Loading of a big document (mixed into ``ReaderScreen``)."""

    if TYPE_CHECKING:
        doc: Document
        store: NotesStore
        cursor: tuple[int, int]
        _pending: PendingLoad | None
        _notes_dir: Path | None

        @property
        def article(self) -> Article: ...
        def _unit_at(self, offset: int) -> tuple[int, int]: ...
        def _cursor_changed(self, scroll: bool = True) -> None: ...
        def refresh_notes(self) -> None: ...
        def run_analysis(self) -> Any: ...
        def restore_place(self) -> None: ...
        def offer_similar_notes(self) -> None: ...

    def on_unmount(self) -> None:
        if self._pending is not None:
            self._pending.cancel()

    # -- the rest of a big document -----------------------------------------------------

    @property
    def loading_notes(self) -> bool:
        """True until the notes of a big document are open (note actions wait for it)."""
        return isinstance(self.store, NoNotesYet)

    @work(thread=True, exclusive=True, group="load")
    def _load_rest(self) -> None:
        """Collect the full text (the child laid it out) and swap it in."""
        pending = self._pending
        if pending is None:
            return
        self.post_message(DocumentLoaded(pending.wait()))

    @work(thread=True, exclusive=True, group="notes")
    def _open_notes(self) -> None:
        """Open the notes of a big document (after the first keys: YAML and rapidfuzz
        take ~20 ms to import, which would compete with them for the GIL)."""
        doc = self._pending.wait() if self._pending is not None else self.doc
        from closeread.notes.store import NotesStore

        self.post_message(NotesOpened(NotesStore.open(doc, self._notes_dir, on_error="read_only")))

    def ensure_loaded(self) -> None:
        """Swap the full document in now if it is not yet (a key needs all of it)."""
        if self._pending is not None:
            self._swap(self._pending.wait())

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        self._swap(message.doc)

    def _swap(self, doc: Document) -> None:
        if self._pending is None:
            return
        self._pending = None
        self.doc = doc
        app: Any = self.app
        app.doc = doc
        # The head's blocks and offsets are the full document's (loading.head_is_prefix):
        # the view and the cursor stay where they are.
        self.article.set_document(doc)
        self.cursor = self._unit_at(min(self.cursor[0], len(doc.text)))
        self._cursor_changed(scroll=False)
        self.restore_place()

    def on_notes_opened(self, message: NotesOpened) -> None:
        # The store was anchored against the full text (``_open_notes`` waited for it), but
        # its message can overtake ``DocumentLoaded``: swap the full text in first, or the
        # notes would point past the head and the analysis would only see the head.
        self.ensure_loaded()
        self.store = message.store
        app: Any = self.app
        app.store = message.store
        self.refresh_notes()
        app.announce_store()
        self.refresh_bindings()
        self.run_analysis()
        self.offer_similar_notes()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in NOTE_ACTIONS and self.loading_notes)


def after_load(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` (an action) preceded by ``ensure_loaded``."""

    @wraps(method)
    def action(self: LoadingActions, *args: Any, **kwargs: Any) -> Any:
        self.ensure_loaded()
        return method(self, *args, **kwargs)

    return action
