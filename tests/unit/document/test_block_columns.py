"""``BlockColumns`` answers exactly as the list of ``Block`` objects it was made from: items,
negative indexes, slices, iteration, reversal, equality both ways, the wire, and the
document's look-ups that read its columns instead of its blocks (issue 13)."""

from __future__ import annotations

import marshal
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeread.document import Block, Document
from closeread.document.block_columns import KINDS, BlockColumns, block_columns, kind_code


@st.composite
def block_lists(draw: st.DrawFn) -> list[Block]:
    """Blocks in document order, non-overlapping, with any kind and level."""
    n = draw(st.integers(0, 30))
    pos, out = 0, []
    for _ in range(n):
        pos += draw(st.integers(0, 5))
        length = draw(st.integers(0, 40))
        kind = draw(st.sampled_from(KINDS))
        level = draw(st.integers(0, 9))
        out.append(Block(kind, pos, pos + length, level))
        pos += length
    return out


@given(block_lists(), st.data())
def test_columns_answer_as_the_list(blocks: list[Block], data: st.DataObject) -> None:
    cols = BlockColumns(blocks)
    assert len(cols) == len(blocks)
    assert list(cols) == blocks
    assert list(reversed(cols)) == blocks[::-1]
    for i in range(-len(blocks), len(blocks)):
        assert cols[i] == blocks[i]
        assert cols.kind_at(i) == blocks[i].kind
    with pytest.raises(IndexError):
        cols[len(blocks)]
    start = data.draw(st.integers(-35, 35) | st.none())
    stop = data.draw(st.integers(-35, 35) | st.none())
    step = data.draw(st.sampled_from([None, 1, 2, -1, -3]))
    part = cols[start:stop:step]
    assert isinstance(part, BlockColumns)
    assert list(part) == blocks[start:stop:step]
    assert part == blocks[start:stop:step]
    assert blocks[start:stop:step] == part  # the list's side (reflected)
    assert (part != blocks[start:stop:step]) is False
    kinds = data.draw(st.lists(st.sampled_from(KINDS), max_size=3))
    assert cols.indices_of(*kinds) == [i for i, b in enumerate(blocks) if b.kind in kinds]
    if blocks:
        assert cols.index(blocks[-1]) == blocks.index(blocks[-1])
        assert blocks[0] in cols
    assert cols.count(Block("rule", -5, -5)) == 0


@given(block_lists(), block_lists())
def test_equality_is_the_lists(a: list[Block], b: list[Block]) -> None:
    assert (BlockColumns(a) == BlockColumns(b)) == (a == b)
    assert (BlockColumns(a) == b) == (a == b)
    assert (a == BlockColumns(b)) == (a == b)
    assert (BlockColumns(a) != b) == (a != b)


@given(block_lists())
def test_the_wire_gives_the_same_blocks(blocks: list[Block]) -> None:
    wire = marshal.loads(marshal.dumps(BlockColumns(blocks).to_wire()))
    again = BlockColumns.from_wire(wire)
    assert again == blocks
    assert list(again) == blocks
    assert BlockColumns(again) == blocks  # a copy of columns
    assert block_columns(again) is again


@given(block_lists(), st.integers(-3, 500))
def test_document_lookups_read_the_columns_as_the_list(blocks: list[Block], offset: int) -> None:
    text = "x" * (blocks[-1].end + 3 if blocks else 3)
    as_list = Document(text=text, blocks=blocks)
    as_cols = Document(text=text, blocks=BlockColumns(blocks))
    assert as_cols.block_index_at(offset) == as_list.block_index_at(offset)
    assert as_cols.block_before(offset) == as_list.block_before(offset)
    assert as_cols == as_list


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="not a block kind"):
        kind_code("chapter")
    with pytest.raises(ValueError, match="not a block kind"):
        BlockColumns([Block("chapter", 0, 1)])  # type: ignore[arg-type]
    good = BlockColumns([Block("paragraph", 0, 5)]).to_wire()
    with pytest.raises(ValueError, match="different lengths"):
        BlockColumns.from_wire((good[0] * 2, *good[1:]))
    with pytest.raises(ValueError, match="unknown block kind"):
        BlockColumns.from_wire((bytes([len(KINDS)]), *good[1:]))


def test_levels_and_offsets_keep_their_values() -> None:
    big = Block("list_item", 2**31 - 10, 2**31 - 2, 70_000)
    assert BlockColumns([big])[0] == big
    assert BlockColumns([big]).starts == array("i", [big.start])
