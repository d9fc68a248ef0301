"""Lazy word-wrapping of a document into screen rows, for the virtualised article pane.

Blocks are wrapped only when a row of theirs is needed (or by a background pass a slice at a
time); blocks not yet wrapped count with a height estimated from their length, so the first
screen of a 3 MB book costs a few blocks, not the whole book. Each row records the text
offsets it shows, so the article can style it from span indexes.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Literal

from closeread.analysis import Citation
from closeread.document import Block
from closeread.document.block_columns import block_columns
from closeread.spans import OFFSETS
from closeread.tui.visible import char_cells

RowKind = Literal["text", "blank", "caption", "rule"]

#: Characters outside these ranges may be wide (CJK, emoji) or zero-width (combining marks);
#: text without any is wrapped one character per cell, with no per-character measuring.
_MAYBE_NOT_NARROW = re.compile(
    "[^\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20bf]"
)

#: A Markdown inline link, ``[text](target)``: its text is shown, the brackets and the target
#: are hidden (in drawing only: offsets, the cursor and notes still see the whole text).
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*)\)")

#: Cells taken on the left by a block quote's bar ("▌ ") or a list bullet ("• ").
INDENT = 2


@dataclass(frozen=True, slots=True)
class Row:
    """One screen row of the article."""

    block: int
    """Index of the block the row belongs to."""
    kind: RowKind
    start: int
    """Text offsets shown on the row (``start == end`` for blank, caption and rule rows)."""
    end: int
    first: bool = False
    """The block's first text row (list bullets go there)."""


def wrap(
    text: str, start: int, end: int, width: int, hidden: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into spans of at most ``width`` cells.

    Spaces at a break are dropped (they belong to no row); words longer than a row are cut.
    Explicit newlines inside the span (code, verse) always break. Characters in ``hidden``
    spans (link markup, not drawn) take no cells.
    """
    width = max(width, 1)
    rows: list[tuple[int, int]] = []
    line_start = start
    while True:
        nl = text.find("\n", line_start, end)
        line_end = end if nl < 0 else nl
        segment = text[line_start:line_end]
        if hidden:
            zero = {i for s, e in hidden for i in range(max(s, line_start), min(e, line_end))}
            _wrap_cells(text, line_start, line_end, width, rows, zero)
        elif segment.isascii() or not _MAYBE_NOT_NARROW.search(segment):
            _wrap_narrow(text, line_start, line_end, width, rows)
        else:
            _wrap_cells(text, line_start, line_end, width, rows)
        if nl < 0:
            return rows
        line_start = nl + 1


def _wrap_narrow(text: str, pos: int, end: int, width: int, rows: list[tuple[int, int]]) -> None:
    # One character is one cell here, so a row break is one rfind per row, not a loop per word.
    while end - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:
            rows.append((pos, pos + width))
            pos += width
            continue
        rows.append((pos, cut))
        pos = cut + 1
        while pos < end and text[pos] == " ":
            pos += 1
    rows.append((pos, end))


def _wrap_cells(
    text: str,
    pos: int,
    end: int,
    width: int,
    rows: list[tuple[int, int]],
    zero: frozenset[int] | set[int] = frozenset(),
) -> None:
    # Wide (CJK, emoji) or zero-width characters: measure cell by cell, as drawn.
    while True:
        used, i, last_space = 0, pos, -1
        while i < end:
            cells = 0 if i in zero else char_cells(text[i])
            if used + cells > width:
                break
            if text[i] == " ":
                last_space = i
            used += cells
            i += 1
        if i >= end:
            rows.append((pos, end))
            return
        if last_space > pos:
            rows.append((pos, last_space))
            pos = last_space + 1
        else:
            i = max(i, pos + 1)
            rows.append((pos, i))
            pos = i
        while pos < end and text[pos] == " ":
            pos += 1


Links = tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]]
"""A block's link spans: ``(hidden, shown)`` (``ArticleLayout.links``)."""
NO_LINKS: Links = ((), ())


_COMPACT_AFTER = 1 << 16
"""Numbers of re-wrapped blocks left in ``ArticleLayout._flat`` before it is compacted."""
_KEEP = 1 << 16
"""Numbers (two a row) ``ArticleLayout._flat`` holds at most before it forgets every
block's rows (they are wrapped again when next looked at: what is on screen, a few
blocks). The background pass that makes every height exact keeps no rows at all: a
50 MB book's ~800,000 rows cost 6 MiB kept for the whole book (issue 13)."""

_NOT_WRAPPED = -1
"""``ArticleLayout._at``: the block's height is an estimate."""
_MEASURED = -2
"""``ArticleLayout._at``: the block's height is exact, its rows are not kept."""


class ArticleLayout:
    """Rows of a document at one width, wrapped lazily block by block."""

    def __init__(self, text: str, blocks: Sequence[Block], width: int) -> None:
        self.text = text
        self.blocks = block_columns(blocks)  # (a big document's own: not copied)
        self.block_starts: array[int] = self.blocks.starts
        self.indented: set[int] = set()
        """Blocks drawn with a left bar or bullet (quotes, block-quote citations, list items)."""
        self.captions: dict[int, str] = {}
        """Caption rows shown after a block ("— The Guardian, “Title”")."""
        self.width = max(width, 8)
        self._flat: array[int] = array(OFFSETS)
        """The text rows of every wrapped block, ``[start0, end0, start1, end1, ...]``
        one block after another (one array for the document, not one per block)."""
        self._at: array[int] = array(OFFSETS)
        """Where each block's rows are in ``_flat``, or ``_NOT_WRAPPED``, ``_MEASURED``."""
        self._count: array[int] = array(OFFSETS)
        """How many numbers (twice the rows) each block has (in ``_flat`` when kept)."""
        self._kept: list[int] = []
        """Blocks given rows in ``_flat`` since it was last emptied (some may have lost
        them since: ``invalidate``)."""
        self._garbage = 0
        """Numbers in ``_flat`` of blocks wrapped again since (compacted when many)."""
        self._heights: array[int] = array(OFFSETS)
        self._tops: array[int] = array(OFFSETS, [0])
        """``_tops[i]``: the first row of block ``i`` (``_tops[n]`` the total), valid up to
        ``_tops[_dirty_from]``: the rest is summed only as far as a lookup needs it."""
        self._dirty_from = 0
        self._total = 0
        """The total height, kept as heights change (``height`` costs nothing)."""
        self._next_unwrapped = 0
        self._links: dict[int, Links] = {}
        self._marked = frozenset(self.blocks.indices_of("quote", "list_item"))
        self.indented = set(self._marked)
        self.reset(self.width)

    @property
    def own_marks(self) -> frozenset[int]:
        """The blocks the text itself indents (quotes, list items), whatever the analysis."""
        return self._marked

    def decorations(self, citations: Sequence[Citation]) -> tuple[set[int], dict[int, str]]:
        """Blocks to draw with a bar or bullet, and caption rows, for these citations.

        Explicit quotes and list items are indented; so is every block a block-quote
        citation covers, whose last block gets a caption "— Source, “Title”".
        """
        indented = set(self._marked)
        captions: dict[int, str] = {}
        for c in citations:
            if c.kind != "block_quote" or not self.blocks:
                continue
            first, last = self.block_at(c.start), self.block_at(max(c.end - 1, c.start))
            indented.update(range(first, last + 1))
            parts = [p for p in (c.source_name, f"“{c.title}”" if c.title else "") if p]
            if parts:
                captions[last] = "— " + ", ".join(parts)
        return indented, captions

    def links(self, index: int) -> Links:
        """``(hidden, shown)`` spans of the Markdown inline links in block ``index``:
        ``[`` and ``](target)`` are hidden, the link text is shown (as a link). Kept only
        for the blocks that have links (most have none: a book's 50,000 blocks)."""
        found = self._links.get(index)
        if found is None:
            block = self.blocks[index]
            if block.kind == "code" or self.text.find("](", block.start, block.end) < 0:
                return NO_LINKS
            hidden: list[tuple[int, int]] = []
            shown: list[tuple[int, int]] = []
            for m in _LINK.finditer(self.text, block.start, block.end):
                hidden += [(m.start(), m.start(1)), (m.end(1), m.end())]
                shown.append((m.start(1), m.end(1)))
            found = self._links[index] = (hidden, shown) if hidden else NO_LINKS
        return found

    # -- sizes -------------------------------------------------------------------------

    def reset(self, width: int) -> None:
        """Forget every wrap (new width) and estimate heights again."""
        self.width = max(width, 8)
        n = len(self.blocks)
        self._flat = array(OFFSETS)
        self._kept = []
        self._at = array(OFFSETS, [_NOT_WRAPPED]) * n
        self._count = array(OFFSETS, [0]) * n
        self._garbage = 0
        self._heights = self._estimate_all()
        self._tops = array(OFFSETS, [0]) * (n + 1)
        self._dirty_from = 0
        self._total = sum(self._heights)
        self._next_unwrapped = 0

    def text_width(self, index: int) -> int:
        return max(self.width - self.indent(index), 4)

    def indent(self, index: int) -> int:
        """Cells before the text of block ``index``: a bar, or a bullet per nesting level."""
        blocks = self.blocks
        if blocks.kind_at(index) == "list_item":
            return INDENT * max(blocks.levels[index], 1)
        return INDENT if index in self.indented else 0

    def _extra_rows(self, index: int) -> int:
        # The caption row and the blank row separating a block from the next (none between
        # the items of one list, which read as one block).
        blocks = self.blocks
        last = index >= len(blocks) - 1
        in_list = not last and blocks.kind_at(index) == blocks.kind_at(index + 1) == "list_item"
        return (index in self.captions) + (not last and not in_list)

    def _estimate_all(self) -> array[int]:
        """``_estimate`` of every block in one pass (a book has ~12k blocks; this runs
        before the first frame and on every resize)."""
        plain = max(self.width - 4, 1)
        blocks = self.blocks
        heights = array(
            OFFSETS,
            (
                max(1, -(-(end - start) // plain)) + 1
                for start, end in zip(blocks.starts, blocks.ends, strict=True)
            ),
        )
        if heights:
            heights[-1] -= 1  # no blank row after the last block
        # The few blocks with a bar, bullet, caption, code or a list neighbour: exactly.
        special = self.indented | self.captions.keys()
        for i in sorted(special.union(blocks.indices_of("code", "list_item"))):
            if i < len(heights):
                heights[i] = self._estimate(i)
        return heights

    def _estimate(self, index: int) -> int:
        block = self.blocks[index]
        length = block.end - block.start
        if block.kind == "code":
            body = self.text.count("\n", block.start, block.end) + 1
        else:
            # Greedy wrapping wastes about half a word per row.
            body = max(1, -(-length // max(self.text_width(index) - 4, 1)))
        return body + self._extra_rows(index)

    @property
    def height(self) -> int:
        """Total rows (exact for wrapped blocks, estimated for the others)."""
        return self._total

    @property
    def complete(self) -> bool:
        """Whether every block is wrapped (heights are exact)."""
        self._advance_unwrapped()
        return self._next_unwrapped >= len(self.blocks)

    def _set_height(self, index: int, height: int) -> None:
        self._total += height - self._heights[index]
        self._heights[index] = height
        self._dirty_from = min(self._dirty_from, index)

    def _update_tops(self, upto: int) -> None:
        """Make ``_tops[: upto + 1]`` valid. Blocks are wrapped in document order in the
        background while the reader looks at one place: summing only up to what a lookup
        needs keeps each step from re-summing the rest of a book (~200,000 blocks)."""
        start = self._dirty_from
        if start < upto:
            self._tops[start + 1 : upto + 1] = array(
                OFFSETS, accumulate(self._heights[start:upto], initial=self._tops[start])
            )[1:]
            self._dirty_from = upto

    def block_height(self, index: int) -> int:
        """Rows of block ``index`` with its caption and the blank row after it (estimated
        until it is wrapped)."""
        return self._heights[index]

    def top_of(self, index: int) -> int:
        """First row of block ``index``."""
        self._update_tops(index)
        return self._tops[index]

    # -- wrapping ----------------------------------------------------------------------

    def ensure(self, index: int) -> array[int]:
        """The text rows of block ``index`` as flat ``[start0, end0, start1, end1, ...]``
        (a copy), wrapping the block now if needed."""
        at, n = self._wrapped(index)
        return self._flat[at : at + n]

    def _wrapped(self, index: int) -> tuple[int, int]:
        """Where block ``index``'s rows are in ``_flat``: ``(offset, count of numbers)``;
        wraps the block now if needed."""
        at = self._at[index]
        if at < 0:
            rows = tuple(chain.from_iterable(self._wrap(index)))
            if len(self._flat) + len(rows) > _KEEP:
                self._forget_rows()
            elif self._garbage > _COMPACT_AFTER and self._garbage * 2 > len(self._flat):
                self._compact()
            at = self._at[index] = len(self._flat)
            self._flat.extend(rows)
            self._kept.append(index)
            self._count[index] = len(rows)
            height = len(rows) // 2 + self._extra_rows(index)
            if height != self._heights[index]:
                self._set_height(index, height)
        return at, self._count[index]

    def _wrap(self, index: int) -> list[tuple[int, int]]:
        """The text rows of block ``index`` (``wrap``)."""
        start, end = self.blocks.starts[index], self.blocks.ends[index]
        if self.blocks.kind_at(index) == "rule":
            return [(start, start)]
        return wrap(self.text, start, end, self.text_width(index), self.links(index)[0])

    def _measure(self, index: int) -> None:
        """Make block ``index``'s height exact without keeping its rows."""
        if self._at[index] != _NOT_WRAPPED:
            return
        count = len(self._wrap(index))
        self._at[index] = _MEASURED
        self._count[index] = 2 * count
        height = count + self._extra_rows(index)
        if height != self._heights[index]:
            self._set_height(index, height)

    def _forget_rows(self) -> None:
        """Empty ``_flat``: every block given rows keeps its (exact) height only."""
        at = self._at
        for i in self._kept:
            if at[i] >= 0:
                at[i] = _MEASURED
        self._kept = []
        self._flat, self._garbage = array(OFFSETS), 0

    def _compact(self) -> None:
        """``_flat`` without the rows of blocks wrapped again since."""
        flat, old = array(OFFSETS), self._flat
        at, count = self._at, self._count
        kept = [i for i in dict.fromkeys(self._kept) if at[i] >= 0]
        for i in kept:
            start = at[i]
            at[i] = len(flat)
            flat.extend(old[start : start + count[i]])
        self._flat, self._garbage, self._kept = flat, 0, kept

    def wrapped_blocks(self) -> int:
        """How many blocks are wrapped now (their height is exact)."""
        return len(self._at) - self._at.count(_NOT_WRAPPED)

    def kept_rows(self) -> int:
        """How many rows are kept now (``_KEEP``)."""
        return len(self._flat) // 2

    def row_count(self, index: int) -> int:
        """How many text rows block ``index`` has (wrapping it now if needed)."""
        if self._at[index] == _MEASURED:
            return self._count[index] // 2
        return self._wrapped(index)[1] // 2

    def wrap_some(self, count: int) -> bool:
        """Make the heights of up to ``count`` more blocks exact, in document order (their
        rows are not kept); True when all are."""
        self._advance_unwrapped()
        end = min(self._next_unwrapped + count, len(self.blocks))
        for i in range(self._next_unwrapped, end):
            self._measure(i)
        return self.complete

    def _advance_unwrapped(self) -> None:
        at, i = self._at, self._next_unwrapped
        if i < len(at) and at[i] != _NOT_WRAPPED:
            # Searched in C: after an analysis update re-wraps a block near the top, every
            # block after it may be wrapped already (a 50 MB book's 150,000: a loop here
            # took most of the screen's thread while the analysis ran).
            try:
                i = at.index(_NOT_WRAPPED, i)
            except ValueError:
                i = len(at)
        self._next_unwrapped = i

    def invalidate(self, indices: Sequence[int] | set[int]) -> None:
        """Re-wrap these blocks when next needed (their decoration changed)."""
        for i in indices:
            if 0 <= i < len(self.blocks):
                if self._at[i] >= 0:
                    self._garbage += self._count[i]
                self._at[i] = _NOT_WRAPPED
                self._set_height(i, self._estimate(i))
                self._next_unwrapped = min(self._next_unwrapped, i)

    # -- lookups -----------------------------------------------------------------------

    def locate(self, y: int) -> tuple[int, int] | None:
        """``(block, row within block)`` of screen row ``y`` (wrapping that block)."""
        n = len(self.blocks)
        if not n or y < 0 or y >= self._total:
            return None
        tops = self._tops
        # Sum the tops on (in chunks that double) until one passes ``y``.
        step = 1024
        while self._dirty_from < n and tops[self._dirty_from] <= y:
            self._update_tops(min(self._dirty_from + step, n))
            step *= 2
        index = bisect_right(tops, y, 0, min(self._dirty_from + 1, n)) - 1
        self._wrapped(index)
        top = self.top_of(index)
        if not top <= y < top + self._heights[index]:
            return self.locate(y)  # wrapping it changed its height: look again
        return index, y - top

    def row(self, y: int) -> Row | None:
        """What screen row ``y`` shows."""
        found = self.locate(y)
        if found is None:
            return None
        index, r = found
        at, n = self._wrapped(index)
        count = n // 2
        block = self.blocks[index]
        if r < count:
            kind: RowKind = "rule" if block.kind == "rule" else "text"
            flat = self._flat
            return Row(index, kind, flat[at + 2 * r], flat[at + 2 * r + 1], r == 0)
        if r == count and index in self.captions:
            return Row(index, "caption", block.end, block.end)
        return Row(index, "blank", block.end, block.end)

    def block_at(self, offset: int) -> int:
        """Index of the block containing ``offset``, or the last one starting before it."""
        return max(bisect_right(self.block_starts, offset) - 1, 0)

    def y_of(self, offset: int) -> int:
        """Screen row showing ``offset`` (the nearest text row)."""
        if not self.blocks:
            return 0
        index = self.block_at(offset)
        at, n = self._wrapped(index)
        starts = self._flat[at : at + n : 2]
        r = max(bisect_right(starts, offset) - 1, 0)
        return self.top_of(index) + r

    def offset_of(self, y: int) -> int:
        """Text offset at the start of screen row ``y`` (clamped to the document)."""
        if not self.blocks:
            return 0
        y = min(max(y, 0), max(self.height - 1, 0))
        row = self.row(y)
        return row.start if row is not None else self.blocks[-1].end
