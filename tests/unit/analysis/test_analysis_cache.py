"""The analysis cache: the same analysis with and without it, at every chunking; damaged
entries are ignored and removed; the folder stays under its cap."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from closeread import cli
from closeread.analysis import analyze, pipeline
from closeread.analysis import cache as acache
from closeread.analysis.serialize import to_json_dict
from closeread.document import Document, iter_sentence_chunks, load
from closeread.notes.model import LinkCorrection, QuoteCorrection, SpanRef


@pytest.fixture
def doc(sample_path: Path) -> Document:
    return load(sample_path)


def _json(doc: Document, corrections: Any = (), quotes: Any = (), **kw: Any) -> str:
    found = (
        acache.analyze_cached(doc, corrections, quotes)
        if kw.get("cached")
        else analyze(doc, corrections, quotes)
    )
    return json.dumps(to_json_dict(doc, found), sort_keys=True)


def _entries() -> list[Path]:
    return sorted(acache.cache_dir().glob(f"*{acache.SUFFIX}"))


def test_cached_analysis_is_identical_and_written_once(doc: Document) -> None:
    plain = _json(doc)
    assert _json(doc, cached=True) == plain  # a miss: computed and stored
    assert len(_entries()) == 1
    assert _json(doc, cached=True) == plain  # a hit
    assert json.loads(plain)["claims"], "the sample has claims: the comparison is not empty"


def test_link_corrections_apply_on_top_of_a_cached_analysis(doc: Document) -> None:
    base = analyze(doc)
    claim = next(k for k in base.claims if not k.supported)
    cit = base.citations[0]
    link = LinkCorrection(
        SpanRef(claim.text, claim.start, claim.end), SpanRef(cit.quote, cit.start, cit.end), "add"
    )
    acache.analyze_cached(doc)  # cache the uncorrected analysis
    assert len(_entries()) == 1
    corrected = _json(doc, [link], cached=True)
    assert corrected == _json(doc, [link])
    assert json.loads(corrected) != json.loads(_json(doc))  # the link changed something
    assert len(_entries()) == 1  # links are not part of the key


def test_quote_corrections_are_part_of_the_key(doc: Document) -> None:
    cit = analyze(doc).citations[0]
    fix = QuoteCorrection(SpanRef(cit.quote, cit.start, cit.end), "remove", "")
    assert _json(doc, (), [fix], cached=True) == _json(doc, (), [fix])
    assert _json(doc, cached=True) == _json(doc)
    assert len(_entries()) == 2


@pytest.mark.parametrize("chunk_chars", [1, 300, 5_000, 10**9])
def test_every_chunking_gives_the_cached_analysis(
    doc: Document, chunk_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pipeline's only chunk parameter is ``iter_sentence_chunks(chunk_chars=...)``."""
    cached = _json(doc, cached=True)
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=chunk_chars)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    assert _json(doc) == cached


@pytest.mark.parametrize(
    "damage", [b"", b"garbage", b"\0" * 32 + b"x", "version", "flip"], ids=repr
)
def test_a_damaged_entry_is_ignored_and_removed(doc: Document, damage: object) -> None:
    plain = _json(doc)
    key = acache.cache_key(doc)
    entry = acache.cache_dir() / f"{key}{acache.SUFFIX}"
    acache.analyze_cached(doc)
    if damage == "version":
        body = acache.cache_entry.encode(analyze(doc), doc.text)
        acache.store(key, body.replace(b'"version":', b'"version":-1,"v":', 1))
    elif damage == "flip":
        raw = bytearray(entry.read_bytes())
        raw[-5] ^= 0xFF
        entry.write_bytes(bytes(raw))
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    assert acache.load(key, doc.text) is None
    assert not entry.exists()
    assert _json(doc, cached=True) == plain  # recomputed and stored again
    assert entry.exists()


def test_the_folder_is_trimmed_least_recently_used_first(tmp_path: Path) -> None:
    import os

    from closeread.analysis.model import Analysis

    body = acache.cache_entry.encode(Analysis(complete=True), "")
    for i, name in enumerate("abc"):
        acache.store(name, body, tmp_path)
        os.utime(tmp_path / f"{name}{acache.SUFFIX}", (1000 + i, 1000 + i))
    size = (tmp_path / f"a{acache.SUFFIX}").stat().st_size
    acache.trim(tmp_path, max_bytes=2 * size)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"b{acache.SUFFIX}", f"c{acache.SUFFIX}"]


def test_cli_no_cache_writes_nothing(
    sample_path: Path, notes_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["analyze", str(sample_path), "--format", "json", "--no-cache"]) == 0
    fresh = json.loads(capsys.readouterr().out)
    assert _entries() == []
    assert cli.main(["analyze", str(sample_path), "--format", "json"]) == 0
    assert len(_entries()) == 1
    assert cli.main(["analyze", str(sample_path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == fresh


def test_texts_that_are_not_slices_are_kept() -> None:
    from closeread.analysis.model import Analysis, Citation, Claim

    text = "He said “it rains” today. It does."
    analysis = Analysis(
        citations=[Citation("c1", "inline_quote", 8, 18, "it rains")],  # not the slice
        claims=[Claim("k1", 26, 34, text[26:34]), Claim("k2", 0, 7, "He said…")],
        complete=True,
        progress=1.0,
    )
    body = acache.cache_entry.encode(analysis, text)
    assert b"He said\\u2026" in body and b"it rains" in body
    assert b"It does" not in body  # a slice is not stored
    back = acache.decode(body, text)
    assert back.citations == analysis.citations
    assert back.claims == analysis.claims
