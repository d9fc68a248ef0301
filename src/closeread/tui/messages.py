"""Messages the loading and analysis workers post to the reader screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from closeread.analysis import Analysis
from closeread.document import Document

if TYPE_CHECKING:
    from closeread.notes.store import NotesStore


class AnalysisProgress(Message):
    """More of the document has been analysed (coalesces: only the latest matters)."""

    def __init__(self, analysis: Analysis) -> None:
        super().__init__()
        self.analysis = analysis
        """A snapshot: the worker keeps growing its own copy."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress)


class AnalysisComplete(Message):
    """The analysis is finished (``analysis.complete`` is True)."""

    def __init__(self, analysis: Analysis) -> None:
        super().__init__()
        self.analysis = analysis


class AnalysisFailed(Message):
    """The analysis raised; the reader keeps working on the text alone."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class DocumentLoaded(Message):
    """The full text of a big document is laid out (its head was shown first)."""

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc


class NotesOpened(Message):
    """The notes store of a big document is open (after ``DocumentLoaded``)."""

    def __init__(self, store: NotesStore) -> None:
        super().__init__()
        self.store = store
