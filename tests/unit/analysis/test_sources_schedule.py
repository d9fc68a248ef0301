"""While the analysis streams, sources are merged again only as the citations grow (a merge
reads every citation: merging at fixed intervals made a long book quadratic)."""

import pytest

import closeread.analysis.pipeline as pipeline
from closeread.analysis import analyze, analyze_stream
from closeread.document import load_text
from closeread.document import sentences as sentences_module

PARAGRAPH = (
    "Anna Petrova said that the new bridge over the river will open in the spring. "
    "The council voted for it twice, and the contractor has promised a date.\n\n"
)


def test_merges_grow_with_the_citations_not_with_the_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = load_text(PARAGRAPH * 1500)
    real = sentences_module.iter_sentence_chunks
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", lambda d: real(d, chunk_chars=500))
    merges = 0
    merge = pipeline._Run.rebuild_sources

    def counted(run: pipeline._Run) -> None:
        nonlocal merges
        merges += 1
        merge(run)

    monkeypatch.setattr(pipeline._Run, "rebuild_sources", counted)
    yields = 0
    for a in analyze_stream(doc):
        yields += 1
        assert a.sources  # merged on the first yield already
    assert yields > 300
    # every 4th yield would be > 75 merges; growing by half each time, about 16
    assert merges <= 20
    final = [(s.name, len(s.citations)) for s in a.sources]
    merges = 0
    assert final == [(s.name, len(s.citations)) for s in analyze(doc).sources]
    assert merges == 1  # analyze() reads the end only: one merge
