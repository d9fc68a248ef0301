"""What the article marks where: claims, citations, notes, highlights and search matches
as span indexes, and the marks (component class names) over a row.

Kept apart from the widget (``article.py``), which turns these names into styles and
segments; nothing here touches Textual or Rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from closeread.analysis import Analysis
from closeread.navigation import AnalysisIndex, Positions, SpanIndex
from closeread.notes.model import Note
from closeread.spans import SpanArray

Mark = tuple[int, int, str]
"""``(start, end, component class)``."""


@dataclass(slots=True)
class ArticleMarks:
    """The marked spans of the article, indexed for lookups by row."""

    claims: SpanIndex[int] = field(default_factory=SpanIndex)
    unsupported: Positions = field(default_factory=Positions)
    """Claim numbers of the unsupported claims."""
    citations: SpanIndex[int] = field(default_factory=SpanIndex)
    block_quotes: set[int] = field(default_factory=set)
    """Citation numbers of the block quotes (set off with a bar, styled as quotes)."""
    notes: SpanIndex[str] = field(default_factory=SpanIndex)
    highlights: set[str] = field(default_factory=set)
    """Ids of the notes that are bare highlights."""
    _note_marks: list[tuple[int, int, str, str]] = field(default_factory=list)
    """The notes' ``(start, end, id, kind)`` last marked."""
    matches: SpanArray = field(default_factory=SpanArray)

    def set_analysis(self, analysis: Analysis, index: AnalysisIndex) -> None:
        self.claims = index.claims
        self.unsupported = index.unsupported
        self.citations = index.citations
        citations = analysis.citations
        kind_at = getattr(citations, "kind_at", None)  # the reader's columns: no objects
        if kind_at is not None:
            quotes = (i for i in range(len(citations)) if kind_at(i) == "block_quote")
        else:
            quotes = (i for i, c in enumerate(citations) if c.kind == "block_quote")
        self.block_quotes = set(quotes)

    def update_analysis(
        self, analysis: Analysis, index: AnalysisIndex, first: int, changed: Iterable[int]
    ) -> None:
        """Take in the citations from ``first`` on and the ``changed`` earlier ones."""
        self.claims = index.claims
        self.unsupported = index.unsupported
        self.citations = index.citations
        citations = analysis.citations
        kind_at = getattr(citations, "kind_at", None)  # the reader's columns: no objects
        for i in [*changed, *range(first, len(citations))]:
            if (kind_at(i) if kind_at is not None else citations[i].kind) == "block_quote":
                self.block_quotes.add(i)
            else:
                self.block_quotes.discard(i)

    def set_notes(self, notes: Iterable[Note]) -> bool:
        """Mark ``notes``; False when they mark the text as it is marked already."""
        anchored = [n for n in notes if n.target.start is not None and n.target.end is not None]
        marks: list[tuple[int, int, str, str]] = [
            (n.target.start or 0, n.target.end or 0, n.id, n.kind) for n in anchored
        ]
        if marks == self._note_marks:
            return False
        self._note_marks = marks
        self.notes = SpanIndex((start, end, id_) for start, end, id_, _ in marks)
        self.highlights = {id_ for _, _, id_, kind in marks if kind == "highlight"}
        return True

    def gutter(self, start: int, end: int) -> tuple[str, str | None, str]:
        """Margin glyphs of the row ``[start, end)``: claim (✓ backed, ✗ unsupported), the
        class styling it, and note (▮ only highlights, ✎ a note)."""
        claim, claim_class = " ", None
        claims = self.claims.overlapping(start, end)
        if claims:
            unsupported = any(self.claims.keys[i] in self.unsupported for i in claims)
            claim = "✗" if unsupported else "✓"
            claim_class = "article--unsupported-mark" if unsupported else "article--claim-mark"
        note = " "
        notes = self.notes.overlapping(start, end)
        if notes:
            note = "▮" if all(self.notes.keys[i] in self.highlights for i in notes) else "✎"
        return claim, claim_class, note

    def spans(self, start: int, end: int) -> list[Mark]:
        """Citation, claim and note marks over ``[start, end)``, in painting order."""
        marks: list[Mark] = []
        citations = self.citations
        for i in citations.overlapping(start, end):
            name = (
                "article--quote" if citations.keys[i] in self.block_quotes else "article--citation"
            )
            marks.append((citations.starts[i], citations.ends[i], name))
        claims = self.claims
        for i in claims.overlapping(start, end):
            unsupported = claims.keys[i] in self.unsupported
            name = "article--unsupported" if unsupported else "article--claim"
            marks.append((claims.starts[i], claims.ends[i], name))
        notes = self.notes
        for i in notes.overlapping(start, end):
            name = "article--highlight" if notes.keys[i] in self.highlights else "article--note"
            marks.append((notes.starts[i], notes.ends[i], name))
        return marks

    def match_spans(self, start: int, end: int) -> list[Mark]:
        """Search match marks over ``[start, end)`` (painted last: visible in the cursor)."""
        return [(*self.matches[i], "article--match") for i in self.matches.overlapping(start, end)]


def pieces(
    start: int, end: int, marks: Sequence[Mark], hidden: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, list[str]]]:
    """``[start, end)`` cut where any mark or hidden span begins or ends: each drawn piece
    with the classes of the marks covering it, in mark order; hidden pieces are left out."""
    cuts = {start, end}
    for s, e in [*hidden, *((s, e) for s, e, _ in marks)]:
        if start < s < end:
            cuts.add(s)
        if start < e < end:
            cuts.add(e)
    edges = sorted(cuts)
    out = []
    for a, b in pairwise(edges):
        if any(s <= a and b <= e for s, e in hidden):
            continue
        out.append((a, b, [name for s, e, name in marks if s <= a and b <= e]))
    return out
