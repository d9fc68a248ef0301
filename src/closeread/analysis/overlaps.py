"""Which of many spans overlap a range, without scanning them all (pure core).

The pipeline asks, for every batch of blocks and every citation found, whether it meets a
block quote's lead-in or a title; with thousands of those in a long book a scan per question
made the analysis quadratic. ``Overlaps`` sorts the spans once and answers by bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class Overlaps:
    """A fixed set of ``(start, end)`` spans (they may overlap one another)."""

    __slots__ = ("_reach", "_spans", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        # _reach[i]: the furthest end among the first i + 1 spans.
        self._reach: list[int] = []
        for _, e in self._spans:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def __len__(self) -> int:
        return len(self._spans)

    def among(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans ``(s, e)`` with ``s < end and start < e``, sorted."""
        out = []
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self._reach[i] > start:
            if self._spans[i][1] > start:
                out.append(self._spans[i])
            i -= 1
        out.reverse()
        return out

    def overlap(self, start: int, end: int) -> bool:
        """Whether any span ``(s, e)`` has ``s < end and start < e``."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def contain(self, offset: int) -> bool:
        """Whether any span ``(s, e)`` has ``s <= offset < e``."""
        return self.overlap(offset, offset + 1)
