"""A copy of a growing analysis that the reader can keep while the analysis goes on.

``analyze_stream`` yields one ``Analysis`` object, further along each time: it appends to
its lists and rewrites citations' sources (every few chunks) and claims' links (at the
end). The reader reads what it was handed on another thread, at another time, so it
gets ``snapshot(analysis)``: new lists of new objects that nothing else holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import TypeVar

from closeread.analysis import Analysis, Citation, Claim, Source
from closeread.spans import SpanArray

T = TypeVar("T", Citation, Claim, Source)


def _copier(cls: type[T]) -> Callable[[list[T]], list[T]]:
    """A function copying a list of ``cls`` field by field, with new lists for its list
    fields: compiled once, as ``dataclasses`` compiles ``__init__`` (a generic
    ``copy.copy`` of a slotted dataclass is ~6x slower: ~85 ms for a book's citations)."""
    args = ", ".join(
        f"list(x.{f.name})" if str(f.type).startswith("list") else f"x.{f.name}"
        for f in fields(cls)
    )
    code = f"lambda items: [cls({args}) for x in items]"
    copy: Callable[[list[T]], list[T]] = eval(code, {"cls": cls})  # our own field names only
    return copy


_citations, _claims, _sources = _copier(Citation), _copier(Claim), _copier(Source)


def snapshot(analysis: Analysis) -> Analysis:
    """A deep copy of ``analysis``, consistent even while another thread grows it."""
    sentences = SpanArray()
    sentences.starts, sentences.ends = analysis.sentences.starts[:], analysis.sentences.ends[:]
    n = min(len(sentences.starts), len(sentences.ends))
    del sentences.starts[n:], sentences.ends[n:]
    return Analysis(
        sentences,
        _citations(list(analysis.citations)),
        _sources(list(analysis.sources)),
        _claims(list(analysis.claims)),
        analysis.progress,
        analysis.complete,
    )
