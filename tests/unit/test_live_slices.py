"""Big deltas are applied in slices (``tui.live_analysis.next_slice``): the renames of a
merge of sources come first, a slice at a time, and the result is the same analysis."""

from __future__ import annotations

import functools
from array import array
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from closeread.analysis import cache as acache
from closeread.analysis import pipeline
from closeread.analysis.columns import Renames
from closeread.analysis.delta import Delta, Differ, LiveAnalysis, decode
from closeread.document import iter_sentence_chunks, load
from closeread.tui import live_analysis
from closeread.tui.live_analysis import apply_deltas, next_slice


def test_small_deltas_are_applied_together() -> None:
    pending = [Delta(renamed=[(0, "s1", "A")]), Delta(progress=0.5)]
    now, later = next_slice(pending)
    assert now == pending and later == []


@pytest.mark.parametrize("kept", ["list", "arrays"])
def test_a_big_rename_is_cut_into_slices_before_the_rest(
    monkeypatch: pytest.MonkeyPatch, kept: str
) -> None:
    """As a list of tuples (a test's) or as ``decode`` keeps them (``columns.Renames``)."""
    monkeypatch.setattr(live_analysis, "RENAMES_PER_SLICE", 2)
    small = Delta(progress=0.1)
    renamed: Any = [(i, "s1", "A") for i in range(5)]
    if kept == "arrays":
        renamed = Renames([("s1", "A", array("q", [0, 1, 2])), ("s1", "A", array("q", [3, 4]))])
    big = Delta(renamed=renamed, claims=[], progress=0.4)
    after = Delta(progress=0.5)
    now, later = next_slice([small, big, after])
    assert now == [small] and later[0] is big
    slices = []
    while later:
        now, later = next_slice(later)
        slices.append(now)
    assert [len(s) for s in slices] == [1, 1, 2]
    assert [[r[0] for d in s for r in d.renamed] for s in slices] == [[0, 1], [2, 3], [4]]
    assert slices[-1][-1] is after
    assert not any(d.complete for s in slices[:-1] for d in s)


@pytest.mark.parametrize("per_slice", [1, 3])
def test_slices_build_the_same_analysis(
    sample_path: Path, per_slice: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_analysis, "RENAMES_PER_SLICE", per_slice)
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=1)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    doc = load(sample_path)
    differ = Differ(doc.text)
    whole, sliced = LiveAnalysis(), LiveAnalysis()
    pending: list[Delta] = []
    cut = 0
    for an in pipeline.analyze_stream(doc):
        wire = differ.diff(an, exact=False)
        apply_deltas(whole, [decode(wire, doc.text)])
        pending.append(decode(wire, doc.text))
        while pending:
            now, pending = next_slice(pending)
            cut += bool(pending)
            apply_deltas(sliced, now)
    assert cut > 0
    text = doc.text
    assert acache.to_data(sliced.analysis, text) == acache.to_data(whole.analysis, text)
    assert sliced.analysis.complete


def test_a_big_text_applies_its_deltas_less_often() -> None:
    """An article's deltas are applied every 0.3 s, a book's at most once a second (each
    application costs the reader's process CPU the analysis needs), in proportion between."""
    from closeread.tui.live_analysis import PROGRESS_EVERY, PROGRESS_EVERY_MAX, progress_every

    assert progress_every(0) == progress_every(3_300_000) == PROGRESS_EVERY == 0.3
    assert progress_every(7_500_000) == 0.5
    assert progress_every(15_000_000) == progress_every(50_000_000) == PROGRESS_EVERY_MAX == 1.0
    sizes = range(0, 30_000_000, 250_000)
    assert all(progress_every(a) <= progress_every(b) for a, b in pairwise(sizes))
