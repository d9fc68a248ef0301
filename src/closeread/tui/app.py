"""The closeread Textual app and its one factory, ``make_app`` (used by the CLI and the tests)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

from closeread.document import Document, load
from closeread.notes import NotesStore
from closeread.tui.screens.reader import Analyzer, ReaderScreen

if TYPE_CHECKING:
    from textual.command import Provider


#: Seconds a thread may hold the GIL while another waits (Python's default is 0.005).
SWITCH_INTERVAL = 0.001


class CloseReadApp(App[None]):
    """A terminal reader for close reading."""

    CSS_PATH = "closeread.tcss"
    COMMANDS = App.COMMANDS | {lambda: _actions_provider()}
    TITLE = "closeread"

    def __init__(
        self, doc: Document, store: NotesStore, *, analyzer: Analyzer | None = None
    ) -> None:
        super().__init__()
        self.doc = doc
        self.store = store
        self.analyzer = analyzer
        self.title = doc.title or (doc.path.name if doc.path else "closeread")

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.doc, self.store, analyzer=self.analyzer)

    async def action_quit(self) -> None:
        """ctrl+q, like q, asks before losing notes that could not be saved."""
        screen = self.screen
        if isinstance(screen, ReaderScreen):
            screen.action_quit()
        else:
            self.exit()

    def on_mount(self) -> None:
        if not self.is_headless:
            # The analysis thread is pure Python: with the default 5 ms switch interval a
            # key can wait 5 ms for the GIL several times over; 1 ms keeps keys snappier.
            sys.setswitchinterval(SWITCH_INTERVAL)
            # Everything loaded so far (Textual, the document, the notes) lives as long as
            # the app: keep it out of the collector's full passes, which stall keys. Not in
            # tests, where many apps come and go in one process.
            gc.freeze()
        if self.store.read_only:
            self.notify(
                f"{self.store.read_only_reason}\nThe notes file is left untouched: "
                "notes made now are kept in memory only.",
                title="Notes opened read-only",
                severity="error",
                timeout=15,
            )


def _actions_provider() -> type[Provider]:
    # Imported when the palette first opens: textual.command costs ~20 ms at start-up.
    from closeread.tui.commands import ActionsProvider

    return ActionsProvider


def make_app(
    path: Path, notes_dir: Path | None = None, *, analyzer: Analyzer | None = None
) -> CloseReadApp:
    """Load ``path`` and its notes into a ready-to-run app.

    Raises ``InputError`` for a bad document (before the terminal is taken over). An
    unreadable notes file does not stop reading: the store opens read-only.
    """
    doc = load(path)
    store = NotesStore.open(doc, notes_dir, on_error="read_only")
    return CloseReadApp(doc, store, analyzer=analyzer)
