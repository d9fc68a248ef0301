"""Running the analysis over a document (PLACEHOLDER: sentences only, no citations yet)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from closeread.analysis.model import Analysis
from closeread.document import Document, iter_sentence_chunks

if TYPE_CHECKING:
    from closeread.notes.model import LinkCorrection


def analyze_stream(
    doc: Document,
    corrections: Sequence[LinkCorrection] = (),
    is_cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[Analysis]:
    """Yield the analysis as it grows; every yield is the same object, further along.

    The last yield has ``complete`` True and ``progress`` 1.0. Stops early (without
    completing) when ``is_cancelled()`` turns true.
    """
    result = Analysis()
    total = max(len(doc.text), 1)
    for chunk in iter_sentence_chunks(doc):
        if is_cancelled():
            return
        result.sentences.extend(chunk)
        result.progress = min(chunk.ends[-1] / total, 0.99) if len(chunk) else result.progress
        yield result
    result.progress = 1.0
    result.complete = True
    yield result


def analyze(doc: Document, corrections: Sequence[LinkCorrection] = ()) -> Analysis:
    """The complete analysis of ``doc`` (with the reader's corrections applied)."""
    result = Analysis()
    for result in analyze_stream(doc, corrections):
        pass
    return result
