"""The reader's analysis as deltas (``analysis.delta``) and in a child process
(``analysis.child``): after every delta the reader's copy equals the pipeline's analysis at
that yield, at every chunking, with corrections that change earlier claims at the end."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

import pytest

from closeread.analysis import analyze, child, pipeline
from closeread.analysis import cache as acache
from closeread.analysis.delta import Change, Differ, LiveAnalysis, decode, full
from closeread.analysis.model import Analysis
from closeread.document import Document, iter_sentence_chunks, load
from closeread.notes.model import LinkCorrection, SpanRef


@pytest.fixture
def doc(sample_path: Path) -> Document:
    return load(sample_path)


def _data(an: Analysis, text: str) -> dict[str, Any]:
    data = acache.to_data(an, text)
    data["progress"], data["complete"] = an.progress, an.complete
    return data


def _link(doc: Document) -> LinkCorrection:
    """Link the first claim without citations to the last citation."""
    an = analyze(doc)
    claim = next(k for k in an.claims if not k.citations)
    cit = an.citations[-1]
    return LinkCorrection(
        SpanRef(claim.text, claim.start, claim.end), SpanRef(cit.quote, cit.start, cit.end)
    )


@pytest.mark.parametrize("chunk_chars", [1, 300, 5_000, 10**9])
@pytest.mark.parametrize("corrected", [False, True])
def test_every_delta_rebuilds_the_analysis_at_that_yield(
    doc: Document, chunk_chars: int, corrected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = [_link(doc)] if corrected else []
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=chunk_chars)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    differ, live = Differ(doc.text), LiveAnalysis()
    yields = 0
    for an in pipeline.analyze_stream(doc, links):
        yields += 1
        change = live.apply(decode(differ.diff(an), doc.text))
        assert change.reset == (yields == 1)
        assert _data(live.analysis, doc.text) == _data(an, doc.text)
        mine, theirs = live.analysis.claims, an.claims
        assert live.analysis is not an
        assert all(a is not b for a, b in zip(mine, theirs, strict=True))
    assert live.analysis.complete
    assert _data(live.analysis, doc.text) == _data(analyze(doc, links), doc.text)
    if chunk_chars == 1:
        assert yields > 5


def test_corrections_arrive_as_changes_of_earlier_claims(doc: Document) -> None:
    link = _link(doc)
    differ, live = Differ(doc.text), LiveAnalysis()
    changes: list[Change] = []
    for an in pipeline.analyze_stream(doc, [link]):
        changes.append(live.apply(decode(differ.diff(an), doc.text)))
    corrected = [i for i, k in enumerate(live.analysis.claims) if k.corrected]
    assert corrected and set(corrected) <= changes[-1].changed_claims | set(
        range(changes[-1].first_claim, len(live.analysis.claims))
    )


def test_merged_changes_keep_the_earliest_new_items() -> None:
    a = Change(first_citation=3, first_claim=2, changed_claims={0})
    b = Change(first_citation=5, first_claim=4, changed_citations={1, 4}, changed_claims={3})
    merged = a.merge(b)
    assert (merged.first_citation, merged.first_claim) == (3, 2)
    assert merged.changed_citations == {1} and merged.changed_claims == {0}
    assert a.merge(Change(reset=True)).reset


def test_a_full_delta_carries_everything(doc: Document) -> None:
    an = analyze(doc)
    live = LiveAnalysis()
    assert live.apply(full(an)).reset
    assert _data(live.analysis, doc.text) == _data(an, doc.text)


def test_the_child_process_streams_the_same_analysis(
    doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOSEREAD_CACHE_DIR", str(tmp_path / "cache"))
    link = _link(doc)
    for _ in range(2):  # cold, then from the cache the child filled
        live = LiveAnalysis()
        for delta in child.stream(doc, [link]):
            live.apply(delta)
        assert _data(live.analysis, doc.text) == _data(analyze(doc, [link]), doc.text)
    # The child writes the cache after its last delta: wait for it (a generous bound).
    deadline = time.monotonic() + 60
    while not list((tmp_path / "cache").rglob(f"*{acache.SUFFIX}")):
        assert time.monotonic() < deadline, "the child wrote no cache entry"
        time.sleep(0.05)


def test_a_cancelled_child_stops_at_once(doc: Document) -> None:
    assert list(child.stream(doc, is_cancelled=lambda: True)) == []
