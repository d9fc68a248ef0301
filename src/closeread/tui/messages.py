"""Messages the loading and analysis workers post to the reader screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from closeread.document import Document

if TYPE_CHECKING:
    from textual.worker import Worker

    from closeread.analysis.delta import Delta
    from closeread.notes.store import NotesStore
    from closeread.tui.widgets.article_layout import ArticleLayout


class AnalysisUpdate(Message):
    """More of the analysis, as a delta (``analysis.delta``) from the analysis worker."""

    def __init__(self, delta: Delta, worker: Worker[None]) -> None:
        super().__init__()
        self.delta = delta
        self.worker = worker
        """The worker that sent it: a cancelled one's deltas are dropped."""


class AnalysisFailed(Message):
    """The analysis raised; the reader keeps working on the text alone."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class DocumentLoaded(Message):
    """The full text of a big document is laid out (its head was shown first).

    ``rows``: the article's layout of it, made on the loading thread (~25 ms for 13 MB)
    so that the screen's thread only swaps it in."""

    def __init__(self, doc: Document, rows: ArticleLayout | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.rows = rows


class NotesOpened(Message):
    """The notes store of a big document is open (after ``DocumentLoaded``)."""

    def __init__(self, store: NotesStore) -> None:
        super().__init__()
        self.store = store


class NotesSaved(Message):
    """A save of the notes on the store's worker thread ended (``ok`` False: it failed,
    ``store.save_error`` says why)."""

    def __init__(self, store: NotesStore, ok: bool) -> None:
        super().__init__()
        self.store = store
        self.ok = ok


class NotesMerged(Message):
    """The store merged notes another closeread instance saved (``check_disk``)."""

    def __init__(self, store: NotesStore) -> None:
        super().__init__()
        self.store = store
