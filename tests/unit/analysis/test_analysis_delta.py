"""The reader's analysis as deltas (``analysis.delta``) and in a child process
(``analysis.child``): after every delta the reader's copy equals the pipeline's analysis at
that yield, at every chunking, with corrections that change earlier claims at the end."""

from __future__ import annotations

import functools
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from closeread.analysis import analyze, child, pipeline
from closeread.analysis import cache as acache
from closeread.analysis.delta import Change, Differ, LiveAnalysis, decode, full
from closeread.analysis.model import Analysis, Citation, Claim, TextOf
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
@pytest.mark.parametrize(("corrected", "exact"), [(False, True), (False, False), (True, True)])
def test_every_delta_rebuilds_the_analysis_at_that_yield(
    doc: Document, chunk_chars: int, corrected: bool, exact: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(``exact`` False: the child's cheaper comparison of the complete yield, used when
    there are no link corrections.)"""
    links = [_link(doc)] if corrected else []
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=chunk_chars)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    differ, live = Differ(doc.text), LiveAnalysis()
    yields = 0
    for an in pipeline.analyze_stream(doc, links):
        yields += 1
        change = live.apply(decode(differ.diff(an, exact=exact), doc.text))
        assert change.reset == (yields == 1)
        assert _data(live.analysis, doc.text) == _data(an, doc.text)
        mine, theirs = live.analysis.claims, an.claims
        assert live.analysis is not an
        assert all(a is not b for a, b in zip(mine, theirs, strict=True))
    assert live.analysis.complete
    assert _data(live.analysis, doc.text) == _data(analyze(doc, links), doc.text)
    if chunk_chars == 1:
        assert yields > 5


@pytest.mark.parametrize("chunk_chars", [1, 300, 5_000])
def test_a_merge_of_sources_renames_citations_in_place(
    doc: Document, chunk_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge of sources sends (index, source, name) for the earlier citations it
    renamed, never their whole rows; the reader renames its own citations in place and
    says which (the claims' rows show the names)."""
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=chunk_chars)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    differ, live = Differ(doc.text), LiveAnalysis()
    renamed = 0
    for an in pipeline.analyze_stream(doc):
        wire = differ.diff(an, exact=False)
        delta = decode(wire, doc.text)
        before = list(live.analysis.citations)
        change = live.apply(delta)
        assert delta.changed_citations == []
        assert change.renamed_citations == {i for i, _, _ in delta.renamed}
        for i, source, name in delta.renamed:
            assert i < change.first_citation
            c = live.analysis.citations[i]
            # the same citation (its span, kind, quote...), with its source renamed
            assert replace(c, source="", source_name="") == replace(
                before[i], source="", source_name=""
            )
            assert (c.source, c.source_name) == (source, name)
            assert (source, name) == (an.citations[i].source, an.citations[i].source_name)
        renamed += len(delta.renamed)
    assert renamed > 0  # the sample's sources are merged again as it grows
    assert _data(live.analysis, doc.text) == _data(analyze(doc), doc.text)


def test_decoded_texts_are_the_documents_slices_not_copies(doc: Document) -> None:
    differ, live = Differ(doc.text), LiveAnalysis()
    for an in pipeline.analyze_stream(doc):
        live.apply(decode(differ.diff(an), doc.text))
    got = live.analysis
    assert got.claims and got.citations
    raw_quotes = [Citation._quote_slot.__get__(c) for c in got.citations]  # type: ignore[attr-defined]
    raw_texts = [Claim._text_slot.__get__(k) for k in got.claims]  # type: ignore[attr-defined]
    assert all(type(q) is TextOf and q.text is doc.text for q in raw_quotes)
    assert all(type(t) is TextOf and t.text is doc.text for t in raw_texts)
    assert [c.quote for c in got.citations] == [c.quote for c in analyze(doc).citations]


def test_a_quote_that_is_not_the_texts_slice_is_sent_whole(doc: Document) -> None:
    an = analyze(doc)
    an.citations[0].quote = "edited by hand"
    an.claims[0].text = "a claim's own words"
    live = LiveAnalysis()
    live.apply(decode(Differ(doc.text).diff(an), doc.text))
    assert live.analysis.citations[0].quote == "edited by hand"
    assert live.analysis.claims[0].text == "a claim's own words"
    assert live.analysis.citations[1].quote == an.citations[1].quote


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


@pytest.mark.parametrize("corrected", [False, True])
def test_the_complete_analysis_is_handed_over_before_the_cache_entry_is_written(
    doc: Document, tmp_path: Path, corrected: bool
) -> None:
    """The cache entry (~0.6 s of serialising for a 13 MB book) is made after the reader
    has the complete analysis, and it is the analysis without the link corrections."""
    links = [_link(doc)] if corrected else []
    folder = tmp_path / "cache"
    stream = acache.cached_stream(doc, links, folder=folder)
    for an in stream:
        if an.complete:
            assert not (folder.exists() and list(folder.rglob(f"*{acache.SUFFIX}")))
            assert any(k.corrected for k in an.claims) == corrected
    key = acache.cache_key(doc)
    stored = acache.load(key, doc.text, folder)
    assert stored is not None
    assert _data(stored, doc.text) == _data(analyze(doc), doc.text)
