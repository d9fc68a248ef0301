"""Compact sorted span arrays with bisect lookups (pure core, no UI).

Offsets are code-point offsets into a document's normalised text. A ``SpanArray`` stores
non-overlapping spans sorted by start in two ``array('q')`` columns, so millions of
sentences cost 16 bytes each instead of a Python object each.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

OFFSETS = "i"
"""The ``array`` type of text offsets and counts kept for the whole document in the reader
(indexes, layout, the analysis's columns): 4 bytes each; a document's text is far shorter
than 2**31 characters (``document.load``'s size limit). (``SpanArray`` keeps 8: its bytes
are the analysis's wire format.)"""


class SpanArray:
    """Sorted, non-overlapping ``[start, end)`` spans."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        self.extend(spans)

    def append(self, start: int, end: int) -> None:
        """Add a span after the last one (callers keep the order)."""
        self.starts.append(start)
        self.ends.append(end)

    def extend(self, spans: Iterable[tuple[int, int]]) -> None:
        for start, end in spans:
            self.append(start, end)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)

    def index_at(self, offset: int) -> int | None:
        """Index of the span containing ``offset``, or None."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return i
        return None

    def index_at_or_before(self, offset: int) -> int | None:
        """Index of the last span starting at or before ``offset``, or None."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 else None

    def index_after(self, offset: int) -> int | None:
        """Index of the first span starting strictly after ``offset``, or None."""
        i = bisect_right(self.starts, offset)
        return i if i < len(self.starts) else None

    def index_before(self, offset: int) -> int | None:
        """Index of the last span starting strictly before ``offset``, or None."""
        i = bisect_left(self.starts, offset) - 1
        return i if i >= 0 else None

    def overlapping(self, start: int, end: int) -> range:
        """Indices of spans that overlap ``[start, end)``."""
        lo = bisect_right(self.starts, start) - 1
        if lo < 0 or self.ends[lo] <= start:
            lo += 1
        hi = bisect_left(self.starts, end)
        return range(max(lo, 0), max(hi, max(lo, 0)))
