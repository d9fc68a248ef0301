"""Jump history and next/previous lookups (pure core, no terminal)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.navigation import (
    JumpHistory,
    SpanIndex,
    cycle,
    find_all,
    step_offsets,
    step_sentence,
)
from closeread.spans import SpanArray


def test_back_returns_jump_origins_newest_first() -> None:
    h = JumpHistory()
    h.push(10)  # jumped 10 -> 50
    h.push(50)  # jumped 50 -> 90
    assert h.back(90) == 50
    assert h.back(50) == 10
    assert h.back(10) is None


def test_forward_returns_to_where_back_started() -> None:
    h = JumpHistory()
    h.push(10)
    h.push(50)
    assert h.back(90) == 50
    assert h.back(50) == 10
    assert h.forward(10) == 50
    assert h.forward(50) == 90
    assert h.forward(90) is None


def test_push_after_back_drops_the_forward_entries() -> None:
    h = JumpHistory()
    h.push(10)
    h.push(50)
    assert h.back(90) == 50
    h.push(50)  # a new jump from 50 -> 70
    assert not h.can_forward
    assert h.forward(70) is None
    assert h.back(70) == 50
    assert h.back(50) == 10


def test_history_is_bounded_and_keeps_the_newest() -> None:
    h = JumpHistory(max_size=5)
    for origin in range(100):
        h.push(origin)
    assert len(h) == 5
    got = []
    current = 1000
    while (prev := h.back(current)) is not None:
        got.append(prev)
        current = prev
    assert got == [99, 98, 97, 96]  # the 5th slot holds where back() started


def test_empty_history_goes_nowhere() -> None:
    h = JumpHistory()
    assert h.back(5) is None
    assert h.forward(5) is None
    assert not h.can_back


@settings(max_examples=50)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=30), st.integers(1, 10))
def test_history_never_exceeds_its_bound(origins: list[int], bound: int) -> None:
    h = JumpHistory(max_size=bound)
    for o in origins:
        h.push(o)
        h.back(o + 1)
    assert len(h) <= bound


def test_span_index_overlap_handles_nested_spans() -> None:
    ix = SpanIndex([(0, 100, "outer"), (10, 20, "inner"), (150, 160, "later")])
    assert [ix.keys[i] for i in ix.at(15)] == ["outer", "inner"]
    assert [ix.keys[i] for i in ix.overlapping(95, 155)] == ["outer", "later"]
    assert ix.overlapping(100, 150) == []


def test_span_index_step_is_strict() -> None:
    ix = SpanIndex([(5, 8, "a"), (20, 30, "b"), (40, 41, "c")])
    assert ix.step(5, 1) == 1
    assert ix.step(4, 1) == 0
    assert ix.step(40, 1) is None
    assert ix.step(20, -1) == 0
    assert ix.step(5, -1) is None


def test_step_sentence_clamps_at_both_ends() -> None:
    sentences = SpanArray([(0, 5), (6, 10), (12, 20)])
    assert step_sentence(sentences, 7, 1) == 2
    assert step_sentence(sentences, 7, -1) == 0
    assert step_sentence(sentences, 15, 5) == 2
    assert step_sentence(sentences, 0, -3) == 0
    assert step_sentence(SpanArray(), 0, 1) is None


def test_step_offsets_wraps_only_when_asked() -> None:
    starts = [3, 9, 27]
    assert step_offsets(starts, 9, 1) == 2
    assert step_offsets(starts, 27, 1) is None
    assert step_offsets(starts, 27, 1, wrap=True) == 0
    assert step_offsets(starts, 3, -1, wrap=True) == 2
    assert step_offsets([], 3, 1, wrap=True) is None


def test_find_all_is_case_insensitive_and_literal() -> None:
    text = "Isis, ISIS and isis. (a+b) is not a+b."
    assert [text[s:e] for s, e in find_all(text, "isis")] == ["Isis", "ISIS", "isis"]
    assert [text[s:e] for s, e in find_all(text, "a+b")] == ["a+b", "a+b"]
    assert len(find_all(text, "")) == 0
    assert len(find_all("x" * 50, "x", limit=7)) == 7


def test_cycle_wraps_and_starts_at_first() -> None:
    assert cycle(["c1", "c2"], None) == "c1"
    assert cycle(["c1", "c2"], "c1") == "c2"
    assert cycle(["c1", "c2"], "c2") == "c1"
    assert cycle([], "c1") is None
