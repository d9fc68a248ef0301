"""Moving through a document: jump history and next/previous lookups (pure core, no UI).

Everything here works on code-point offsets and sorted arrays with ``bisect``, so a
keypress costs O(log n) whatever the size of the document.
"""

from __future__ import annotations

import functools
import operator
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast, overload

from closeread.spans import OFFSETS, SpanArray

if TYPE_CHECKING:
    from closeread.analysis import Analysis

K = TypeVar("K")

#: Search stops collecting matches after this many (a 3 MB book has ~500k "e"s).
MAX_MATCHES = 200_000


@dataclass
class JumpHistory:
    """A bounded back/forward list of offsets, like a browser's history or vim's jumplist.

    ``push(origin)`` records where a jump left from. ``back(current)`` returns where to go
    back to; the first ``back`` also remembers ``current`` so that ``forward`` can return
    to it. A new ``push`` after going back drops the forward entries.
    """

    max_size: int = 100
    """Oldest entries are dropped beyond this many."""
    _entries: list[int] = field(default_factory=list)
    _index: int = 0
    """Position in ``_entries``; ``len(_entries)`` means "at the live end"."""

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def can_back(self) -> bool:
        return self._index > 0

    @property
    def can_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def push(self, origin: int) -> None:
        """Record ``origin``, the offset a jump is leaving from."""
        del self._entries[self._index :]
        if not self._entries or self._entries[-1] != origin:
            self._entries.append(origin)
        overflow = len(self._entries) - self.max_size
        if overflow > 0:
            del self._entries[:overflow]
        self._index = len(self._entries)

    def back(self, current: int) -> int | None:
        """The offset to go back to from ``current``, or None at the oldest entry."""
        if self._index == 0:
            return None
        if self._index == len(self._entries):
            # Leaving the live end: remember it so forward() can come back here.
            if self._entries[-1] != current:
                self._entries.append(current)
                if len(self._entries) > self.max_size:
                    del self._entries[0]
            self._index = len(self._entries) - 1
            if self._index == 0:
                return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self, current: int) -> int | None:
        """The offset to go forward to, or None when there is nothing ahead."""
        if self._index >= len(self._entries) - 1:
            return None
        self._index += 1
        return self._entries[self._index]


def _start_end(span: tuple[int, int, object]) -> tuple[int, int]:
    return span[0], span[1]


def _equal_starts(starts: list[int]) -> list[int]:
    """Positions ``i`` where ``starts[i] == starts[i + 1]``."""
    return [i for i, same in enumerate(map(operator.eq, starts, starts[1:])) if same]


class SpanIndex(Generic[K]):
    """Spans that may overlap or nest, sorted by start, each carrying a key (an id).

    Lookups bisect over the starts; overlap queries look back at most the longest span's
    length, so they never scan the whole list.
    """

    __slots__ = ("_max_len", "ends", "keys", "starts")

    def __init__(self, spans: Iterable[tuple[int, int, K]] = ()) -> None:
        ordered = list(spans)
        starts = [s for s, _, _ in ordered]
        ends = [e for _, e, _ in ordered]
        unordered = any(map(operator.gt, starts, starts[1:]))
        if not unordered and any(map(operator.eq, starts, starts[1:])):
            unordered = any(a[:2] > b[:2] for a, b in pairwise(ordered) if a[0] == b[0])
        if unordered:
            ordered.sort(key=_start_end)  # stable: equal spans keep their order
            starts = [s for s, _, _ in ordered]
            ends = [e for _, e, _ in ordered]
        self.starts: array[int] = array(OFFSETS, starts)
        self.ends: array[int] = array(OFFSETS, ends)
        self.keys: MutableSequence[K] = [k for _, _, k in ordered]
        self._max_len = max(map(operator.sub, ends, starts), default=0)

    @classmethod
    def of_items(cls, items: Sequence[_Span]) -> SpanIndex[int]:
        """The index of ``items`` keyed by their positions: what ``SpanIndex((x.start,
        x.end, i) for i, x in enumerate(items))`` gives, without a tuple per item when
        they come in (start, end) order (an analysis's claims and citations do)."""
        columns: Any = items  # the reader's columns (``analysis.columns``) have their spans
        if isinstance(getattr(columns, "starts", None), array):
            starts, ends = columns.starts.tolist(), columns.ends.tolist()
        else:
            starts = [x.start for x in items]
            ends = [x.end for x in items]
        keys = list(range(len(starts)))
        if any(map(operator.gt, starts, starts[1:])) or any(
            ends[i] > ends[i + 1] for i in _equal_starts(starts)
        ):
            # Nested spans at one start come longest first: sort by (start, end), stable,
            # on one int per span (a key the sort calls in C, no tuple per span).
            width = max(ends, default=0) + 1
            packed = [s * width + e for s, e in zip(starts, ends, strict=True)]
            keys.sort(key=packed.__getitem__)
            starts = [starts[i] for i in keys]
            ends = [ends[i] for i in keys]
        index: SpanIndex[int] = SpanIndex.__new__(SpanIndex)
        index.starts = array(OFFSETS, starts)
        index.ends = array(OFFSETS, ends)
        index.keys = array(OFFSETS, keys)  # (an int each in a list: 36 bytes; here 8)
        index._max_len = max(map(operator.sub, ends, starts), default=0)
        return index

    @classmethod
    def over_columns(cls, items: Sequence[_Span]) -> SpanIndex[int] | None:
        """The index of the reader's columns (``analysis.columns``) that reads their own
        ``starts`` and ``ends`` (``ColumnsIndex``: no copy), when they come in (start, end)
        order as an analysis gives them; None for anything else."""
        columns: Any = items
        starts, ends = getattr(columns, "starts", None), getattr(columns, "ends", None)
        if not (isinstance(starts, array) and isinstance(ends, array)):
            return None
        index = ColumnsIndex(starts, ends)
        return index if index.grown(0) else None

    def __len__(self) -> int:
        return len(self.starts)

    def extend(self, spans: Iterable[tuple[int, int, K]]) -> bool:
        """Append ``spans`` if they all sort after the last span (what an analysis that
        grows in document order gives); False, changing nothing, if they do not."""
        new = list(spans)
        if not new:
            return True
        if any((a[0], a[1]) > (b[0], b[1]) for a, b in pairwise(new)):
            new.sort(key=_start_end)  # nested spans come in (start, -end) order
        if len(self.starts) and (new[0][0], new[0][1]) < (self.starts[-1], self.ends[-1]):
            return False
        self.starts.extend(s for s, _, _ in new)
        self.ends.extend(e for _, e, _ in new)
        self.keys.extend(k for _, _, k in new)
        self._max_len = max(self._max_len, max(e - s for s, e, _ in new))
        return True

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of spans overlapping ``[start, end)`` (empty spans at ``start`` included)."""
        lo = bisect_left(self.starts, start - self._max_len)
        hi = bisect_left(self.starts, end) if end > start else bisect_right(self.starts, start)
        return [i for i in range(lo, hi) if self.ends[i] > start or self.starts[i] == start]

    def at(self, offset: int) -> list[int]:
        """Indices of spans containing ``offset``, innermost (latest start) last."""
        return self.overlapping(offset, offset + 1)

    def step(self, offset: int, direction: int) -> int | None:
        """Index of the first span starting after ``offset`` (direction > 0) or before it."""
        if direction > 0:
            i = bisect_right(self.starts, offset)
            return i if i < len(self.starts) else None
        i = bisect_left(self.starts, offset) - 1
        return i if i >= 0 else None


class _Positions(Sequence[int]):
    """``keys`` of a ``ColumnsIndex``: item ``i`` is at position ``i`` (as many as there are
    starts in the columns now)."""

    __slots__ = ("_starts",)

    def __init__(self, starts: array[int]) -> None:
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...
    def __getitem__(self, i: int | slice) -> int | Sequence[int]:
        return range(len(self._starts))[i]


class ColumnsIndex(SpanIndex[int]):
    """A ``SpanIndex`` keyed by position over columns already in (start, end) order: its
    ``starts`` and ``ends`` are the columns' own arrays (a 50 MB book's claims and
    citations: ~5 MiB that ``of_items`` would copy), its ``keys`` the positions. The
    columns change under it (``analysis.columns``: appended, or an item replaced in
    place); ``grown`` checks that the order still holds after each change."""

    __slots__ = ()

    def __init__(self, starts: array[int], ends: array[int]) -> None:
        # (not SpanIndex.__init__: nothing to sort or copy)
        self.starts = starts
        self.ends = ends
        self.keys = cast("MutableSequence[int]", _Positions(starts))
        self._max_len = 0

    def grown(self, first: int, changed: Iterable[int] = ()) -> bool:
        """Take in the items from ``first`` on (appended to the columns) and the
        ``changed`` ones (replaced in place): False when they broke the (start, end) order
        (the index is then no longer valid)."""
        starts, ends = self.starts, self.ends
        n = len(starts)
        if len(ends) != n:
            return False
        lo = max(first - 1, 0)
        new_starts, new_ends = starts[lo:], ends[lo:]
        if any(map(operator.gt, new_starts, new_starts[1:])):
            return False
        if any(new_ends[i] > new_ends[i + 1] for i in _equal_starts(new_starts.tolist())):
            return False
        spans = [*map(operator.sub, ends[first:], starts[first:])]
        for i in changed:
            for a in (i - 1, i):
                if a >= 0 and a + 1 < n and (starts[a], ends[a]) > (starts[a + 1], ends[a + 1]):
                    return False
            if 0 <= i < n:
                spans.append(ends[i] - starts[i])
        self._max_len = max(self._max_len, max(spans, default=0))
        return True

    def extend(self, spans: Iterable[tuple[int, int, int]]) -> bool:
        """Items are appended to the columns, not here: use ``grown``."""
        raise TypeError("ColumnsIndex: the columns grow, not the index (grown)")


def step_sentence(sentences: SpanArray, offset: int, n: int) -> int | None:
    """Index of the sentence ``n`` sentences away from the one at/before ``offset``.

    Clamped to the first/last sentence; None when there are no sentences.
    """
    if not len(sentences):
        return None
    here = sentences.index_at_or_before(offset)
    if here is None:
        # Before the first sentence: either way lands on the first one.
        return 0
    return min(max(here + n, 0), len(sentences) - 1)


def step_offsets(
    starts: Sequence[int], offset: int, direction: int, wrap: bool = False
) -> int | None:
    """Index of the next (direction > 0) or previous start strictly beyond ``offset``."""
    if not starts:
        return None
    if direction > 0:
        i = bisect_right(starts, offset)
        if i < len(starts):
            return i
        return 0 if wrap else None
    i = bisect_left(starts, offset) - 1
    if i >= 0:
        return i
    return len(starts) - 1 if wrap else None


def find_all(text: str, query: str, limit: int = MAX_MATCHES) -> SpanArray:
    """Matches of ``query`` (plain text, not a pattern) in ``text``, ignoring case and
    accents: "natasha" finds "Natásha" (:mod:`closeread.document.search`)."""
    from closeread.document.search import find_spans

    return SpanArray(find_spans(text, query, limit))


def cycle(items: Sequence[K], current: K | None) -> K | None:
    """The item after ``current`` in ``items`` (the first when ``current`` is absent)."""
    if not items:
        return None
    for i, item in enumerate(items):
        if item == current:
            return items[(i + 1) % len(items)]
    return items[0]


@functools.cache
def _flip(bit: int) -> bytes:
    """A ``bytes.translate`` table: 1 where a flag byte lacks ``bit``, else 0."""
    return bytes(0 if b & bit else 1 for b in range(256))


class Positions:
    """A set of small non-negative ints (positions in a list) as one byte each: a book's
    200,000 unsupported claims cost 200 kB, not a set's 10 MB."""

    __slots__ = ("_flags",)

    def __init__(self, items: Iterable[int] = ()) -> None:
        self._flags = bytearray()
        for i in items:
            self.add(i)

    @classmethod
    def of_flags(cls, flags: bytes | bytearray) -> Positions:
        """The positions ``i`` where ``flags[i]`` is 1 (every byte 0 or 1)."""
        found = cls()
        found._flags = bytearray(flags)
        return found

    def add(self, i: int) -> None:
        flags = self._flags
        if i >= len(flags):
            flags.extend(bytes(i + 1 - len(flags)))
        flags[i] = 1

    def discard(self, i: int) -> None:
        if 0 <= i < len(self._flags):
            self._flags[i] = 0

    def __contains__(self, i: object) -> bool:
        return isinstance(i, int) and 0 <= i < len(self._flags) and self._flags[i] == 1

    def __iter__(self) -> Iterator[int]:
        flags = self._flags
        return (i for i in range(len(flags)) if flags[i])

    def __len__(self) -> int:
        return self._flags.count(1)


class AnalysisIndex:
    """Span indexes over an analysis's claims and citations.

    Keys are positions in ``analysis.claims`` / ``analysis.citations``, so "claim 7/31"
    and the claim object are both one lookup away. Built once, then ``update``d as the
    analysis grows: appending costs the new items only.
    """

    __slots__ = ("citations", "claims", "unsupported")

    def __init__(self, analysis: Analysis | None = None) -> None:
        claims = analysis.claims if analysis else []
        citations = analysis.citations if analysis else []
        self.claims: SpanIndex[int] = _index_of(claims)
        self.citations: SpanIndex[int] = _index_of(citations)
        flags, bit = getattr(claims, "flags", None), getattr(claims, "_SUPPORTED", None)
        if isinstance(flags, bytearray) and isinstance(bit, int):
            # The reader's columns: one byte per claim, turned over in C (a cached book's
            # 20,000 claims took 35 ms of the screen's thread one by one).
            self.unsupported = Positions.of_flags(flags.translate(_flip(bit)))
        else:
            self.unsupported = Positions(i for i, k in enumerate(claims) if not k.supported)

    def update(
        self,
        analysis: Analysis,
        first_claim: int,
        first_citation: int,
        changed_claims: Iterable[int] = (),
        changed_citations: Iterable[int] = (),
    ) -> None:
        """Take in the claims and citations from ``first_claim`` / ``first_citation`` on
        (new) and the ``changed`` ones (earlier, replaced in place). Rebuilds an index
        only if a change moved a span or new spans do not come after the old ones."""
        claims, citations = analysis.claims, analysis.citations
        self.claims = _grown(self.claims, claims, first_claim, changed_claims)
        self.citations = _grown(self.citations, citations, first_citation, changed_citations)
        columns: Any = claims
        supported = getattr(columns, "supported", None)  # the reader's columns: no objects
        for i in [*changed_claims, *range(first_claim, len(claims))]:
            if supported(i) if supported is not None else claims[i].supported:
                self.unsupported.discard(i)
            else:
                self.unsupported.add(i)


def _grown(
    index: SpanIndex[int], items: Sequence[_Span], first: int, changed: Iterable[int]
) -> SpanIndex[int]:
    """``index`` with the items from ``first`` on and the ``changed`` ones taken in, or a
    new index of all ``items`` when a change moved a span out of order."""
    if isinstance(index, ColumnsIndex):
        if index.starts is getattr(items, "starts", None) and index.grown(first, changed):
            return index
    else:
        moved = any(not _same(index, i, items[i]) for i in changed)
        if not moved and index.extend(_spans(items, first)):
            return index
    return _index_of(items)


def _index_of(items: Sequence[_Span]) -> SpanIndex[int]:
    """The index of ``items`` keyed by position: over the reader's columns themselves when
    they are in order (``ColumnsIndex``), else a sorted copy."""
    over = SpanIndex.over_columns(items)
    return over if over is not None else SpanIndex.of_items(items)


def _spans(items: Sequence[_Span], first: int) -> Iterable[tuple[int, int, int]]:
    """``(start, end, position)`` of the items from ``first`` on: read from the columns of
    the reader's analysis (``analysis.columns``) without making an object per item."""
    columns: Any = items
    if isinstance(getattr(columns, "starts", None), array):
        starts, ends = columns.starts[first:], columns.ends[first:]
        return zip(starts, ends, range(first, first + len(starts)), strict=True)
    return ((x.start, x.end, i) for i, x in enumerate(items[first:], first))


class _Span(Protocol):
    start: int
    end: int


def _same(index: SpanIndex[int], i: int, item: _Span) -> bool:
    """Whether ``index`` holds key ``i`` with ``item``'s span (the item did not move)."""
    j = bisect_left(index.starts, item.start)
    while j < len(index) and index.starts[j] == item.start:
        if index.keys[j] == i:
            return index.ends[j] == item.end
        j += 1
    return False


# -- words (selections inside a sentence) ---------------------------------------------------

_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")  # it's, it\u2019s, well-known: one word
#: How far ``word_before`` looks back (a word is never longer than this in practice).
_WORD_WINDOW = 200


def word_after(text: str, offset: int) -> tuple[int, int] | None:
    """The word around ``offset``, else the first word after it; None at the end."""
    for found in _WORD.finditer(text, max(0, offset - _WORD_WINDOW)):
        if found.end() > offset:
            return found.start(), found.end()
    return None


def word_before(text: str, offset: int) -> tuple[int, int] | None:
    """The last word that ends at or before ``offset``, or None at the start of the text."""
    lo = max(0, offset - _WORD_WINDOW)
    while True:
        last = None
        for found in _WORD.finditer(text, lo, offset):
            last = found
        if last is not None and (last.start() > lo or lo == 0):
            return last.start(), last.end()
        if lo == 0:
            return None
        lo = max(0, lo - _WORD_WINDOW * 10)
