"""Quote corrections ("mark a span as a quote or not"): YAML shape, store, merge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from closeread.errors import NotesFileError
from closeread.notes import QuoteCorrection, SpanRef
from closeread.notes.model import DocumentRef
from closeread.notes.schema import NotesData, dump, parse


def _span(text: str, phrase: str) -> SpanRef:
    start = text.index(phrase)
    return SpanRef(phrase, start, start + len(phrase))


def test_quotes_round_trip_and_are_optional() -> None:
    data = NotesData(
        DocumentRef("a.txt", "T", ""),
        quotes=[
            QuoteCorrection(SpanRef("said so", 3, 10), "add", "Reuters"),
            QuoteCorrection(SpanRef("not this", 20, 28), "remove"),
        ],
    )
    text = dump(data)
    assert yaml.safe_load(text)["closeread"] == 1
    back = parse(text.encode("utf-8"), Path("x.yaml"))
    assert back == data and back is not None and dump(back) == text
    # A file without quote corrections has no ``quotes`` key at all.
    assert "quotes" not in yaml.safe_load(dump(NotesData(DocumentRef("a.txt"))))


@pytest.mark.parametrize(
    "bad",
    [
        "quotes: {span: x}",
        "quotes: [{span: {quote: a, start: 1, end: 2}, action: toggle}]",
        "quotes: [{span: {quote: a, start: 5, end: 2}}]",
        "quotes: [{span: {quote: '', start: 1, end: 2}}]",
        "quotes: [{span: {quote: a, start: 1, end: 2}, source: 3}]",
        "quotes: [{action: add}]",
    ],
)
def test_bad_quote_corrections_are_refused(bad: str) -> None:
    raw = f"closeread: 1\ndocument: {{path: a.txt}}\n{bad}\n".encode()
    with pytest.raises(NotesFileError):
        parse(raw, Path("x.yaml"))


def test_set_quote_replaces_the_same_span_and_saves(doc: Any, open_store: Any) -> None:
    store = open_store(doc)
    span = _span(doc.text, "It offers no evidence at all.")
    store.set_quote(QuoteCorrection(span, "add", "The agency"))
    store.set_quote(QuoteCorrection(SpanRef(span.quote, span.start, span.end), "remove"))
    other = _span(doc.text, "the sky is green on Tuesdays")
    store.set_quote(QuoteCorrection(other, "add"))
    reopened = open_store(doc)
    assert [(q.span.start, q.action, q.source) for q in reopened.quotes] == [
        (span.start, "remove", ""),
        (other.start, "add", ""),
    ]


def test_quote_corrections_follow_moved_text(
    workspace: Path, doc_factory: Any, open_store: Any, doc: Any
) -> None:
    store = open_store(doc)
    store.set_quote(QuoteCorrection(_span(doc.text, "It offers no evidence at all."), "add"))
    moved = doc_factory("A new opening line.\n\n" + doc.text, doc.path)
    again = open_store(moved)
    assert len(again.quotes) == 1
    ref = again.quotes[0].span
    assert moved.text[ref.start : ref.end] == "It offers no evidence at all."


def test_quote_changes_merge_between_instances(doc: Any, open_store: Any) -> None:
    a, b = open_store(doc), open_store(doc)
    a.set_quote(QuoteCorrection(_span(doc.text, "It offers no evidence at all."), "add"))
    b.set_quote(QuoteCorrection(_span(doc.text, "the sky is green on Tuesdays"), "remove"))
    assert a.reload()
    assert sorted(q.action for q in a.quotes) == ["add", "remove"]
    final = open_store(doc)
    assert sorted(q.action for q in final.quotes) == ["add", "remove"]
