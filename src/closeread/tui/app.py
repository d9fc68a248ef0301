"""The closeread Textual app and its one factory, ``make_app`` (used by the CLI and the tests)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from textual import actions, events
from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from closeread.document import Document
from closeread.document.opening import PendingLoad, open_document, take_preopened
from closeread.reading import ReadingSession
from closeread.tui.screens.reader import Analyzer, ReaderScreen

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.actions import ActionParseResult
    from textual.command import Provider
    from textual.dom import DOMNode

    from closeread.errors import InputError
    from closeread.notes.store import NotesStore


#: Seconds an error notification stays (routine confirmations use NOTIFICATION_TIMEOUT).
ERROR_TIMEOUT = 8.0
#: Seconds a thread may hold the GIL while another waits (Python's default is 0.005).
SWITCH_INTERVAL = 0.001


class CloseReadApp(App[None]):
    """A terminal reader for close reading."""

    CSS_PATH = "closeread.tcss"
    COMMANDS = App.COMMANDS | {lambda: _actions_provider()}
    TITLE = "closeread"
    NOTIFICATION_TIMEOUT = 2.5
    """Routine confirmations ("note saved") go quickly; errors stay ERROR_TIMEOUT."""

    def __init__(
        self,
        doc: Document,
        store: NotesStore | None,
        *,
        analyzer: Analyzer | None = None,
        pending: PendingLoad | None = None,
        notes_dir: Path | None = None,
    ) -> None:
        """``store`` is None while ``pending`` loads the rest of a big document: the
        reader opens the notes once the full text is there."""
        super().__init__()
        self.session = ReadingSession(doc, store, loading=pending is not None)
        """The reader's state: its document and notes change as a big document arrives."""
        self.analyzer = analyzer
        self.pending = pending
        self.notes_dir = notes_dir
        self.load_error: InputError | None = None
        """Set when a file extracted after the first frame was bad (the CLI reports it)."""
        self.title = doc.title or (doc.path.name if doc.path else "closeread")

    @property
    def doc(self) -> Document:
        """The document (its head only while a big document loads)."""
        return self.session.doc

    @property
    def store(self) -> NotesStore | None:
        """The notes store; None until a big document's notes are open."""
        return self.session.store

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(
            self.session,
            analyzer=self.analyzer,
            pending=self.pending,
            notes_dir=self.notes_dir,
        )

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every action (key, palette, footer) passes here: the reader's wait for the full
        text of a big document (``ReaderScreen.before_action``) is in this one place."""
        if isinstance(default_namespace, ReaderScreen):
            _, name, _ = actions.parse(action) if isinstance(action, str) else action
            default_namespace.before_action(name)
        return await super().run_action(action, default_namespace, namespaces)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        if timeout is None and severity == "error":
            timeout = ERROR_TIMEOUT
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    async def action_quit(self) -> None:
        """ctrl+q, like q, asks before losing notes that could not be saved."""
        screen = self.screen
        if isinstance(screen, ReaderScreen):
            screen.action_quit()
        else:
            self.exit()

    def on_key(self, event: events.Key) -> None:
        """A key typed in the same burst as ``a`` (a fast typist, a paste) reaches the
        reader before the note editor is on screen, and comes here unhandled once it is:
        it is the note's next character, not lost."""
        type_ahead = getattr(self.screen, "type_ahead", None)
        if type_ahead is not None and event.is_printable and event.character:
            type_ahead(event.character)
            event.stop()

    def on_mount(self) -> None:
        # The layout child, done with a book's layout, analyses it once the first frame
        # is drawn (``preload.first_frame``), not while it is being drawn.
        self.call_after_refresh(_first_frame_drawn)
        if not self.is_headless:
            # The analysis thread is pure Python: with the default 5 ms switch interval a
            # key can wait 5 ms for the GIL several times over; 1 ms keeps keys snappier.
            sys.setswitchinterval(SWITCH_INTERVAL)
            # Everything loaded so far (Textual, the document, the notes) lives as long as
            # the app: keep it out of the collector's full passes, which stall keys. Not in
            # tests, where many apps come and go in one process. The CLI disabled the
            # collector for the start-up: it comes back after the first frame.
            self.call_after_refresh(_freeze_and_collect)


def _first_frame_drawn() -> None:
    from closeread.analysis import preload

    preload.first_frame()


def _freeze_and_collect() -> None:
    gc.freeze()
    gc.enable()
    # Before the full text, the analysis and their arrays arrive (``tui.allocator``).
    from closeread.tui.allocator import fix_mmap_threshold

    fix_mmap_threshold()


def _actions_provider() -> type[Provider]:
    # Imported when the palette first opens: textual.command costs ~20 ms at start-up.
    from closeread.tui.commands import ActionsProvider

    return ActionsProvider


def _notes_are_quick(doc: Document, notes_dir: Path | None) -> bool:
    """Whether the notes of a small document can be opened before the first frame: found
    under its own name, or a small notes folder. Otherwise (a renamed document among
    1,000 notes files: a scan of ~20-40 ms) they open in a worker, as a big document's."""
    if doc.path is None:
        return True
    from closeread.notes.lookup import quick_match
    from closeread.paths import notes_dir_for

    return quick_match(doc.path, doc.sha256, notes_dir_for(notes_dir))


def make_app(
    path: Path, notes_dir: Path | None = None, *, analyzer: Analyzer | None = None
) -> CloseReadApp:
    """Load ``path`` and its notes into a ready-to-run app.

    A big document opens head first (``document.opening.open_document``): its notes are opened by
    the reader once the full text is there (see ``opening.preopen`` for the CLI's head
    start); so are a small document's when finding them needs a scan of a big notes
    folder (``_notes_are_quick``).

    Raises ``InputError`` for a bad document (before the terminal is taken over). An
    unreadable notes file does not stop reading: the store opens read-only.
    """
    from closeread.analysis import preload
    from closeread.notes.identity import fingerprint as text_fingerprint

    doc, pending = take_preopened(path) or open_document(path, task=preload.task(text_fingerprint))
    store = None
    if pending is None and _notes_are_quick(doc, notes_dir):
        from closeread.notes.store import NotesStore

        store = NotesStore.open(doc, notes_dir, on_error="read_only")
    return CloseReadApp(doc, store, analyzer=analyzer, pending=pending, notes_dir=notes_dir)
