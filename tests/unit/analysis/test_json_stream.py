"""``analyze --format json`` written in pieces is exactly ``json.dumps`` of the object."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis import analyze, json_stream
from closeread.analysis.model import CITATION_KINDS, Citation, CitationKind, Claim, TextOf
from closeread.analysis.serialize import citation_dict, claim_dict, to_json_dict
from closeread.document import load, load_text


def _streamed(doc: object, analysis: object) -> tuple[str, list[str]]:
    parts: list[str] = []
    json_stream.write_json(doc, analysis, parts.append)  # type: ignore[arg-type]
    return "".join(parts), parts


def test_the_sample_streams_the_same_text(sample_path: Path) -> None:
    doc = load(sample_path)
    analysis = analyze(doc)
    out, _ = _streamed(doc, analysis)
    whole = json.dumps(to_json_dict(doc, analysis), ensure_ascii=False) + "\n"
    assert out == whole
    assert json.loads(out) == to_json_dict(doc, analysis)
    assert json.loads(out)["citations"]


def test_pieces_are_bounded_and_the_text_is_sliced(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_stream, "BUFFER", 100)
    monkeypatch.setattr(json_stream, "TEXT_SLICE", 7)
    monkeypatch.setattr(json_stream, "ITEM_BATCH", 1)
    doc = load(sample_path)
    analysis = analyze(doc)
    out, parts = _streamed(doc, analysis)
    assert out == json.dumps(to_json_dict(doc, analysis), ensure_ascii=False) + "\n"
    assert len(parts) > 10
    assert max(map(len, parts)) < 100 + 2_000  # a buffer plus at most one item


@pytest.mark.parametrize("batch", [1, 2, 3, 7, 512])
def test_items_encoded_in_batches_give_the_same_text(
    batch: int, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_stream, "ITEM_BATCH", batch)
    doc = load(sample_path)
    analysis = analyze(doc)
    out, _ = _streamed(doc, analysis)
    assert out == json.dumps(to_json_dict(doc, analysis), ensure_ascii=False) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200), st.integers(1, 9))
def test_any_text_escapes_the_same_in_slices(text: str, size: int) -> None:
    json_stream.TEXT_SLICE, saved = size, json_stream.TEXT_SLICE
    try:
        doc = load_text(text or "x", Path("t.txt"))
        analysis = analyze(doc)
        out, _ = _streamed(doc, analysis)
        assert out == json.dumps(to_json_dict(doc, analysis), ensure_ascii=False) + "\n"
    finally:
        json_stream.TEXT_SLICE = saved


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_OFFSET = st.integers(0, 10**12)


@settings(max_examples=80, deadline=None)
@given(_TEXT, _OFFSET, _OFFSET, _TEXT, st.lists(_TEXT, max_size=4), st.booleans(), st.booleans())
def test_a_claim_formatted_directly_is_its_dict_encoded(
    id_: str, start: int, end: int, text: str, cits: list[str], supported: bool, corrected: bool
) -> None:
    claim = Claim(id_, start, end, text, cits, supported, corrected)
    assert json_stream.claim_json(claim) == json.dumps(claim_dict(claim), ensure_ascii=False)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(_TEXT, min_size=6, max_size=6),
    _OFFSET,
    _OFFSET,
    st.sampled_from(CITATION_KINDS),
    st.one_of(st.none(), _OFFSET),
    st.one_of(st.none(), _OFFSET),
    st.booleans(),
)
def test_a_citation_formatted_directly_is_its_dict_encoded(
    texts: list[str],
    start: int,
    end: int,
    kind: CitationKind,
    lead_start: int | None,
    lead_end: int | None,
    manual: bool,
) -> None:
    id_, quote, source, name, title, url = texts
    c = Citation(
        id_,
        kind,
        start,
        end,
        quote,
        source,
        name,
        title,
        lead_start,
        lead_end,
        quote[:3],
        url,
        manual,
    )
    assert json_stream.citation_json(c) == json.dumps(citation_dict(c), ensure_ascii=False)


def test_claims_and_citations_that_slice_the_text_are_formatted_from_the_slice() -> None:
    whole = TextOf('He said "no\\u2014never" and\nleft.\t\x07')
    claim = Claim.in_text(whole, "k1", 3, 22, ["c1", "c2"], True)
    assert json_stream.claim_json(claim) == json.dumps(claim_dict(claim), ensure_ascii=False)
    cit = Citation.in_text(whole, "c1", "inline_quote", 8, 23, source="s1")
    assert json_stream.citation_json(cit) == json.dumps(citation_dict(cit), ensure_ascii=False)
    assert json.loads(json_stream.citation_json(cit))["quote"] == whole.text[8:23]


def _two_cores(doc: object, analysis: object, path: Path, encoding: str = "utf-8") -> bytes:
    with open(path, "w", encoding=encoding, errors="backslashreplace") as out:
        out.write("before ")  # buffered: written once, before the object
        json_stream.write_json_two_cores(doc, analysis, out)  # type: ignore[arg-type]
    return path.read_bytes()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the second process needs fork")
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_claims_formatted_by_a_second_process_give_the_same_bytes(
    encoding: str, sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claims formatted by a forked process into a temporary file and copied after
    the rest: the bytes ``write_json`` writes, in the output's encoding."""
    monkeypatch.setattr(json_stream, "TWO_CORES_CLAIMS", 1)
    monkeypatch.setattr(json_stream, "BUFFER", 50)
    doc = load(sample_path)
    analysis = analyze(doc)
    assert analysis.claims
    whole = "before " + json.dumps(to_json_dict(doc, analysis), ensure_ascii=False) + "\n"
    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    got = _two_cores(doc, analysis, tmp_path / "out.json", encoding)
    assert forks  # (the second process wrote the claims)
    assert got == whole.encode(encoding, "backslashreplace")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the second process needs fork")
def test_without_a_second_process_this_one_writes_everything(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No fork, or a second process that failed: the same bytes, written here."""
    monkeypatch.setattr(json_stream, "TWO_CORES_CLAIMS", 1)
    doc = load(sample_path)
    analysis = analyze(doc)
    whole = (
        "before " + json.dumps(to_json_dict(doc, analysis), ensure_ascii=False) + "\n"
    ).encode()

    def no_fork() -> int:
        raise OSError("no fork here")

    with monkeypatch.context() as m:
        m.setattr(os, "fork", no_fork)
        assert _two_cores(doc, analysis, tmp_path / "a.json") == whole

    def failed(*_: object) -> int:  # a second process that leaves with an error
        return subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"]).pid

    monkeypatch.setattr(json_stream, "_claims_aside", failed)
    assert _two_cores(doc, analysis, tmp_path / "b.json") == whole
