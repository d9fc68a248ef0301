"""``analyze --format json`` written in pieces is exactly ``json.dumps`` of the object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis import analyze, json_stream
from closeread.analysis.serialize import to_json_dict
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
