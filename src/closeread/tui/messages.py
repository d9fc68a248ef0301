"""Messages the analysis worker posts to the reader screen."""

from __future__ import annotations

from textual.message import Message

from closeread.analysis import Analysis


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
