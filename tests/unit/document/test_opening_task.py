"""The child that lays a big document out also reads its cached analysis
(``document.opening`` task, ``analysis.preload``): the reader gets exactly the cached
analysis, never at the document's expense."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from closeread.analysis import analyze, preload
from closeread.analysis import cache as acache
from closeread.document import load, opening
from closeread.notes.model import QuoteCorrection, SpanRef

pytestmark = pytest.mark.skipif(not hasattr(opening.os, "fork"), reason="needs fork")


def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.txt"
    paragraphs = [
        f"Paragraph {i}: the minister said that “the plan will work,” critics disagree."
        for i in range(1500)
    ]
    path.write_text("A Long Book\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > 3 * opening.HEAD_CHARS
    return path


def _data(doc: Any, an: Any) -> Any:
    return acache.to_data(an, doc.text)


def test_a_cached_analysis_comes_with_the_layout(tmp_path: Path) -> None:
    path = book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)  # fills the cache
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None and pending.pid is not None
    doc = pending.wait()
    assert doc.text == full.text
    got = preload.take(doc)
    assert got is not None and _data(doc, got) == _data(doc, expected)
    assert preload.take(doc) is None  # taken once


def test_without_an_entry_or_with_quote_corrections_the_worker_looks_itself(
    tmp_path: Path,
) -> None:
    path = book(tmp_path)
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is None  # nothing cached yet
    acache.analyze_cached(load(path))
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None
    doc = pending.wait()
    quote = QuoteCorrection(SpanRef("Paragraph 3", 0, 11))
    assert preload.take(doc, [quote]) is None
    assert _data(doc, analyze(doc)) == _data(doc, acache.analyze_cached(doc))


def test_a_failing_task_never_costs_the_document(tmp_path: Path) -> None:
    path = book(tmp_path)
    got: list[Any] = []

    def boom(doc: Any) -> Any:
        raise RuntimeError("no")

    _head, pending = opening.open_document(path, task=(boom, got.append))
    assert pending is not None
    assert pending.wait().text == load(path).text
    assert got and got[0]() is None
