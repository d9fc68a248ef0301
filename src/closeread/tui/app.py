"""The closeread Textual app and its one factory, ``make_app`` (used by the CLI and the tests)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from closeread.document import Document, load
from closeread.notes import NotesStore
from closeread.tui.commands import ActionsProvider
from closeread.tui.screens.reader import Analyzer, ReaderScreen


class CloseReadApp(App[None]):
    """A terminal reader for close reading."""

    CSS_PATH = "closeread.tcss"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    TITLE = "closeread"
    BINDINGS: ClassVar[list[BindingType]] = [
        # The screen's q asks first when notes are unsaved; ctrl+q stays the hard exit.
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self, doc: Document, store: NotesStore, *, analyzer: Analyzer | None = None
    ) -> None:
        super().__init__()
        self.doc = doc
        self.store = store
        self.analyzer = analyzer
        self.title = doc.title or (doc.path.name if doc.path else "closeread")

    def get_default_screen(self) -> Screen[None]:
        export_dir = self.store.path.parent if self.store.path else None
        return ReaderScreen(self.doc, self.store, analyzer=self.analyzer, export_dir=export_dir)

    def on_mount(self) -> None:
        if self.store.read_only:
            self.notify(
                f"{self.store.read_only_reason}\nThe notes file is left untouched: "
                "notes made now are kept in memory only.",
                title="Notes opened read-only",
                severity="error",
                timeout=15,
            )


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
