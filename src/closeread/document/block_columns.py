"""A document's blocks in columns: four arrays of numbers, not an object each.

A 50 MB book has ~180,000 blocks. As ``Block`` objects (64 bytes each, and two int objects
for offsets past 256) they cost ~24 MiB of the reader's memory (issue 13); here they cost
13 bytes each. ``BlockColumns`` is a read-only ``Sequence[Block]``: reading an item makes
a ``Block`` equal to the one stored (a fresh object each time; blocks are immutable), and
slices, iteration, ``len``, equality with any sequence of blocks behave as a list's. The
columns themselves (``kinds``, ``starts``, ``ends``, ``levels``) are there to be read
without making objects (bisections, the layout's height estimates).

Pure core (no UI). The reader's big documents arrive in this form (``to_wire`` /
``from_wire``: the four columns as bytes, so that neither side makes an object a block).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import get_args, overload

from closeread.document.model import Block, BlockKind
from closeread.spans import OFFSETS

KINDS: tuple[BlockKind, ...] = get_args(BlockKind)
"""Every block kind; a block's code in ``kinds`` is its kind's index here."""
_CODES: dict[str, int] = {kind: code for code, kind in enumerate(KINDS)}

KIND_CODES = "B"
"""The ``array`` type of the kinds column (one byte each)."""
LEVELS = "i"
"""The ``array`` type of the levels column."""

BlocksWire = tuple[bytes, bytes, bytes, bytes]
"""``BlockColumns.to_wire``: the four columns' bytes (kinds, starts, ends, levels)."""


def kind_code(kind: str) -> int:
    """The code of ``kind`` in a kinds column (``ValueError`` for an unknown kind)."""
    code = _CODES.get(kind)
    if code is None:
        raise ValueError(f"not a block kind: {kind!r}")
    return code


class BlockColumns(Sequence[Block]):
    """Blocks in document order, kept as columns (read-only once made)."""

    __slots__ = ("ends", "kinds", "levels", "starts")

    def __init__(self, blocks: Iterable[Block] = ()) -> None:
        self.kinds: array[int] = array(KIND_CODES)
        self.starts: array[int] = array(OFFSETS)
        """Each block's start, in order (``bisect`` these, not the blocks)."""
        self.ends: array[int] = array(OFFSETS)
        self.levels: array[int] = array(LEVELS)
        if isinstance(blocks, BlockColumns):
            self._take(blocks.kinds, blocks.starts, blocks.ends, blocks.levels)
            return
        kinds, starts, ends, levels = self.kinds, self.starts, self.ends, self.levels
        for b in blocks:
            kinds.append(kind_code(b.kind))
            starts.append(b.start)
            ends.append(b.end)
            levels.append(b.level)

    def _take(
        self, kinds: array[int], starts: array[int], ends: array[int], levels: array[int]
    ) -> None:
        if not len(kinds) == len(starts) == len(ends) == len(levels):
            raise ValueError("block columns of different lengths")
        self.kinds, self.starts, self.ends, self.levels = (
            array(KIND_CODES, kinds),
            array(OFFSETS, starts),
            array(OFFSETS, ends),
            array(LEVELS, levels),
        )

    # -- the wire ------------------------------------------------------------------------

    def to_wire(self) -> BlocksWire:
        """The columns as bytes (``marshal``-able; ``from_wire`` reads them back)."""
        return (
            self.kinds.tobytes(),
            self.starts.tobytes(),
            self.ends.tobytes(),
            self.levels.tobytes(),
        )

    @classmethod
    def from_wire(cls, wire: BlocksWire) -> BlockColumns:
        """The blocks ``to_wire`` gave (``ValueError`` if the columns do not fit)."""
        kinds, starts, ends, levels = (array(t) for t in (KIND_CODES, OFFSETS, OFFSETS, LEVELS))
        for column, data in zip((kinds, starts, ends, levels), wire, strict=True):
            column.frombytes(data)
        if any(code >= len(KINDS) for code in set(kinds)):
            raise ValueError("unknown block kind code")
        made = cls()
        made._take(kinds, starts, ends, levels)
        return made

    # -- the sequence --------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> BlockColumns: ...

    def __getitem__(self, index: int | slice) -> Block | BlockColumns:
        if isinstance(index, slice):
            part = BlockColumns()
            part.kinds, part.starts = self.kinds[index], self.starts[index]
            part.ends, part.levels = self.ends[index], self.levels[index]
            return part
        return Block(
            KINDS[self.kinds[index]], self.starts[index], self.ends[index], self.levels[index]
        )

    def __iter__(self) -> Iterator[Block]:
        return map(Block, map(KINDS.__getitem__, self.kinds), self.starts, self.ends, self.levels)

    def __reversed__(self) -> Iterator[Block]:
        return map(
            Block,
            map(KINDS.__getitem__, reversed(self.kinds)),
            reversed(self.starts),
            reversed(self.ends),
            reversed(self.levels),
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BlockColumns):
            return (
                self.starts == other.starts
                and self.ends == other.ends
                and self.kinds == other.kinds
                and self.levels == other.levels
            )
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which are unhashable

    def __repr__(self) -> str:
        return f"BlockColumns({list(self)!r})"

    # -- without making blocks -----------------------------------------------------------

    def kind_at(self, index: int) -> BlockKind:
        """The kind of block ``index``."""
        return KINDS[self.kinds[index]]

    def indices_of(self, *kinds: str) -> list[int]:
        """Indices of the blocks of these kinds, in order."""
        wanted = {kind_code(k) for k in kinds}
        return [i for i, code in enumerate(self.kinds) if code in wanted]


def block_columns(blocks: Sequence[Block]) -> BlockColumns:
    """``blocks`` as columns (the same object if they are already)."""
    return blocks if isinstance(blocks, BlockColumns) else BlockColumns(blocks)
