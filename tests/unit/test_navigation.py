"""Jump history and next/previous lookups (pure core, no terminal)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.navigation import (
    AnalysisIndex,
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


def _index_state(index: AnalysisIndex) -> tuple[object, ...]:
    return (
        list(index.claims.starts),
        list(index.claims.ends),
        list(index.claims.keys),
        list(index.citations.starts),
        list(index.citations.ends),
        list(index.citations.keys),
        sorted(index.unsupported),
    )


@pytest.mark.parametrize("chunk_chars", [1, 400, 10**9])
def test_an_updated_index_equals_one_built_afresh(
    sample_path: Path, chunk_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Growing the index delta by delta (``AnalysisIndex.update``, what the reader does)
    gives the index built from the whole analysis, after every delta."""
    from closeread.analysis import pipeline
    from closeread.analysis.delta import Differ, LiveAnalysis, decode
    from closeread.document import iter_sentence_chunks, load

    doc = load(sample_path)
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=chunk_chars)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    differ, live, index = Differ(doc.text), LiveAnalysis(), AnalysisIndex()
    for an in pipeline.analyze_stream(doc):
        change = live.apply(decode(differ.diff(an), doc.text))
        if change.reset:
            index = AnalysisIndex(live.analysis)
        else:
            index.update(
                live.analysis,
                change.first_claim,
                change.first_citation,
                change.changed_claims,
                change.changed_citations,
            )
        assert _index_state(index) == _index_state(AnalysisIndex(live.analysis))


def test_index_update_handles_nested_moved_and_unordered_spans() -> None:
    from closeread.analysis.model import Analysis, Citation, Claim

    an = Analysis(
        citations=[Citation("c1", "inline_quote", 10, 50, "q"), Citation("c2", "link", 10, 20, "")],
        claims=[Claim("k1", 0, 9, "a", supported=True)],
    )
    index = AnalysisIndex(an)
    an.citations += [
        Citation("c3", "inline_quote", 60, 90, "q"),
        Citation("c4", "link", 60, 70, ""),
    ]
    an.claims += [Claim("k2", 55, 95, "b")]
    index.update(an, 1, 2)
    assert _index_state(index) == _index_state(AnalysisIndex(an))
    an.claims[0] = Claim("k1", 0, 9, "a", supported=False)  # a correction unlinked it
    an.citations[1] = Citation("c2", "link", 12, 20, "")  # moved
    an.citations.append(Citation("c5", "link", 5, 6, ""))  # before the last: rebuilt
    index.update(an, 2, 4, changed_claims=[0], changed_citations=[1])
    assert _index_state(index) == _index_state(AnalysisIndex(an))


@dataclass
class _Item:
    start: int
    end: int


@given(
    st.lists(st.tuples(st.integers(1000, 1030), st.integers(0, 10)), max_size=30),
    st.booleans(),
)
@settings(max_examples=200)
def test_span_index_of_items_is_the_index_of_their_positions(
    spans: list[tuple[int, int]], ordered: bool
) -> None:
    """The fast path for items in (start, end) order, and the fallback for the others,
    give exactly the general constructor's index."""
    pairs = [(s, s + n) for s, n in spans]
    if ordered:
        pairs.sort()
    items = [_Item(s, e) for s, e in pairs]
    fast = SpanIndex.of_items(items)
    slow = SpanIndex([(x.start, x.end, i) for i, x in enumerate(items)])
    assert (list(fast.starts), list(fast.ends), list(fast.keys)) == (
        list(slow.starts),
        list(slow.ends),
        list(slow.keys),
    )
    assert fast.overlapping(1005, 1015) == slow.overlapping(1005, 1015)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=40))
def test_unsupported_claims_from_columns_are_those_of_the_objects(
    flags: list[tuple[bool, bool]],
) -> None:
    """The reader's columns give the unsupported claims from their flag bytes at once
    (``Positions.of_flags``): the same positions as reading each claim."""
    from closeread.analysis.columns import ClaimColumns
    from closeread.analysis.model import Analysis, Claim

    ks = [Claim(f"k{i}", i, i + 1, "x", [], s, c) for i, (s, c) in enumerate(flags)]
    from_objects = AnalysisIndex(Analysis(claims=ks))
    from_columns = AnalysisIndex(Analysis(claims=ClaimColumns(ks)))  # type: ignore[arg-type]
    expected = [i for i, (supported, _) in enumerate(flags) if not supported]
    assert sorted(from_objects.unsupported) == expected
    assert sorted(from_columns.unsupported) == expected
    assert len(from_columns.unsupported) == len(expected)
    if flags:  # and it goes on taking changes
        from_columns.unsupported.add(len(flags) - 1)
        assert len(flags) - 1 in from_columns.unsupported


_OP = st.tuples(
    st.sampled_from(["append", "append", "replace"]),
    st.integers(0, 40),  # where: an offset back from the last start, or a claim to replace
    st.integers(0, 12),  # length
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_OP, min_size=1, max_size=6), max_size=8), st.integers(0, 60))
def test_an_index_over_the_columns_answers_as_one_over_copies(
    steps: list[list[tuple[str, int, int]]], probe: int
) -> None:
    """The reader's index reads the columns' own starts and ends (``ColumnsIndex``, no
    copy) while they are in order, and copies them once a change breaks the order: after
    every update it holds and finds exactly what an index built from the claims' objects
    does (appended claims, claims replaced in place with a moved span, nested spans)."""
    from closeread.analysis.columns import ClaimColumns
    from closeread.analysis.model import Analysis, Claim
    from closeread.navigation import ColumnsIndex

    columns = ClaimColumns()
    an = Analysis(claims=columns)  # type: ignore[arg-type]
    index = AnalysisIndex(an)
    for step in steps:
        first, changed = len(columns), set()
        for op, where, length in step:
            last = columns.starts[-1] if len(columns) else 0
            if op == "replace" and len(columns):
                i = where % len(columns)
                start = max(columns.starts[i] + where % 5 - 2, 0)
                supported = where % 2 == 0
                columns[i] = Claim(f"k{i + 1}", start, start + length, "x", supported=supported)
                if i < first:
                    changed.add(i)
            else:
                start = last + where - 3 if where > 3 else last  # mostly in order
                start = max(start, 0)
                columns.append(Claim(f"k{len(columns) + 1}", start, start + length, "x"))
        index.update(an, first, 0, changed)
        copied = AnalysisIndex(Analysis(claims=list(columns)))
        assert not isinstance(copied.claims, ColumnsIndex)
        assert _index_state(index) == _index_state(copied)
        probes = {probe, probe + 7, *columns.starts, *(e - 1 for e in columns.ends)}
        for at in probes:
            assert index.claims.at(at) == copied.claims.at(at)
            assert index.claims.overlapping(at, at + 9) == copied.claims.overlapping(at, at + 9)
            for d in (1, -1):
                assert index.claims.step(at, d) == copied.claims.step(at, d)
    fresh = AnalysisIndex(an)
    starts = list(columns.starts)
    in_order = all(
        (starts[i], columns.ends[i]) <= (starts[i + 1], columns.ends[i + 1])
        for i in range(len(starts) - 1)
    )
    assert isinstance(fresh.claims, ColumnsIndex) == in_order
    if in_order:
        assert fresh.claims.starts is columns.starts
