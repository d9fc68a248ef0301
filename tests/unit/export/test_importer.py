"""Reading W3C and Hypothesis annotations back into notes."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest

from closeread.document import Document, load_text
from closeread.errors import InputError
from closeread.export import export_notes
from closeread.export.importer import import_annotations
from closeread.notes.model import Note, Target


def _key(note: Note) -> tuple[Any, ...]:
    t = note.target
    return (
        note.id,
        note.kind,
        note.body,
        note.tags,
        note.verdict,
        t.quote,
        t.prefix,
        t.suffix,
        t.start,
        t.end,
        note.created,
        note.modified,
    )


def test_round_trip_with_our_export(doc: Document, notes: list[Note]) -> None:
    back = import_annotations(export_notes("json", doc, None, notes), doc)
    assert sorted(map(_key, back)) == sorted(map(_key, notes))
    statuses = {n.id: n.status for n in back}
    assert statuses["n-0000ff"] == "orphan"
    assert {s for i, s in statuses.items() if i != "n-0000ff"} == {"anchored"}


def test_round_trip_into_an_edited_text(doc: Document, notes: list[Note]) -> None:
    """Notes follow their text when the document changed: moved, never misplaced."""
    exported = export_notes("json", doc, None, notes)
    edited = load_text("A new opening paragraph pushed everything down.\n\n" + doc.text)
    back = {n.id: n for n in import_annotations(exported, edited)}
    note = back["n-000000"]
    assert note.status != "orphan"
    assert note.target.start is not None and note.target.end is not None
    assert edited.text[note.target.start : note.target.end] == note.target.quote
    assert note.target.start > notes[0].target.start  # type: ignore[operator]


HYPOTHESIS_ROW = {
    "id": "Zf3k9aBcEe2",
    "created": "2025-03-01T12:30:00.123456+00:00",
    "updated": "2025-03-02T08:00:00+01:00",
    "uri": "https://example.org/article",
    "text": "Strong claim, **no** link.",
    "tags": ["claims", "to check"],
    "target": [
        {
            "source": "https://example.org/article",
            "selector": [
                {
                    "type": "RangeSelector",
                    "startContainer": "/p[2]",
                    "startOffset": 0,
                    "endContainer": "/p[2]",
                    "endOffset": 20,
                },
                {"type": "TextPositionSelector", "start": 9999, "end": 10020},
                {
                    "type": "TextQuoteSelector",
                    "exact": "the second paragraph",
                    "prefix": "This is ",
                    "suffix": " of the text",
                },
            ],
        }
    ],
}


@pytest.fixture
def small() -> Document:
    return load_text("Title here\n\nFirst paragraph.\n\nThis is the second paragraph of the text.")


def test_hypothesis_export_rows(small: Document) -> None:
    for shape in (
        {"rows": [HYPOTHESIS_ROW], "total": 1},
        [HYPOTHESIS_ROW],
        {"annotations": [HYPOTHESIS_ROW]},
    ):
        notes = import_annotations(json.dumps(shape), small)
        assert len(notes) == 1
        note = notes[0]
        assert note.kind == "comment"
        assert note.body == "Strong claim, **no** link."
        assert note.tags == ["claims", "to check"]
        assert small.text[note.target.start : note.target.end] == "the second paragraph"  # type: ignore[misc]
        assert note.status == "moved"  # the stored position was wrong, the quote found it
        assert note.created == datetime(2025, 3, 1, 12, 30, tzinfo=timezone.utc)
        assert note.modified == datetime(2025, 3, 2, 7, 0, tzinfo=timezone.utc)
        assert note.id.startswith("n-")
    # Importing the same annotation twice gives the same id (so the CLI can skip it).
    again = import_annotations(json.dumps([HYPOTHESIS_ROW]), small)
    assert again[0].id == notes[0].id


def test_single_annotation_page_and_motivations(small: Document) -> None:
    def anno(motivation: str | None, body: Any = None) -> dict[str, Any]:
        a: dict[str, Any] = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "target": {
                "source": "x",
                "selector": {"type": "TextQuoteSelector", "exact": "First paragraph"},
            },
        }
        if motivation:
            a["motivation"] = motivation
        if body is not None:
            a["body"] = body
        return a

    single = import_annotations(
        json.dumps(
            anno(
                "questioning", {"type": "TextualBody", "value": "Really?", "purpose": "questioning"}
            )
        ),
        small,
    )
    assert [(n.kind, n.body) for n in single] == [("question", "Really?")]
    page = {
        "type": "AnnotationPage",
        "items": [
            anno("oa:highlighting"),
            anno(
                "assessing",
                [
                    {"type": "TextualBody", "value": "misleading", "purpose": "assessing"},
                    {"type": "TextualBody", "value": "x", "purpose": "tagging"},
                ],
            ),
            anno(None, {"type": "TextualBody", "value": "plain"}),
            anno(["bookmarking"]),
        ],
    }
    notes = import_annotations(json.dumps(page), small)
    assert [n.kind for n in notes] == ["highlight", "verdict", "comment", "highlight"]
    assert notes[1].verdict == "misleading" and notes[1].tags == ["x"]
    assert notes[1].body == ""
    assert all(
        small.text[n.target.start : n.target.end] == "First paragraph"  # type: ignore[misc]
        for n in notes
    )


def test_position_only_and_unanchorable(small: Document) -> None:
    start = small.text.index("First")
    data = [
        {
            "type": "Annotation",
            "target": {
                "source": "x",
                "selector": {"type": "TextPositionSelector", "start": start, "end": start + 5},
            },
        },
        {"type": "Annotation", "target": "http://example.org/page"},  # no selector: skipped
        {
            "type": "Annotation",
            "bodyValue": "gone",
            "target": {
                "source": "x",
                "selector": {"type": "TextQuoteSelector", "exact": "words that are not there"},
            },
        },
    ]
    notes = import_annotations(json.dumps(data), small)
    assert len(notes) == 2
    assert notes[0].target.quote == "First" and notes[0].status == "anchored"
    assert notes[1].status == "orphan" and notes[1].target.start is None
    assert notes[1].body == "gone"


def test_bad_input_is_an_input_error(small: Document) -> None:
    with pytest.raises(InputError, match="not valid JSON"):
        import_annotations("{nope", small)
    with pytest.raises(InputError):
        import_annotations("42", small)
    with pytest.raises(InputError, match="not embedded"):
        import_annotations(
            json.dumps({"type": "AnnotationCollection", "first": "http://example.org/page1"}), small
        )
    assert import_annotations("[]", small) == []
    # Some other JSON object (a settings file, say) is refused rather than "0 imported".
    with pytest.raises(InputError, match="no 'target'"):
        import_annotations(json.dumps({"theme": "dark", "items_per_page": 5}), small)


def test_repeated_quote_anchors_by_context() -> None:
    doc = load_text("Alpha said yes. Beta said yes. Gamma said yes.")
    start = doc.text.index("Beta said yes") + len("Beta said ")
    note = Note("n-rep001", "comment", Target.from_span(doc.text, start, start + 3))
    exported = export_notes("json", doc, None, [note])
    shifted = load_text("Intro. " + doc.text)
    back = import_annotations(exported, shifted)[0]
    assert back.target.start == start + len("Intro. ")
    assert back.status in ("moved", "fuzzy")


def test_colliding_ids_keep_both_and_true_repeats_once(small: Document) -> None:
    def anno(exact: str, created: str) -> dict[str, Any]:
        return {
            "id": "urn:x:same",
            "type": "Annotation",
            "created": created,
            "target": {"selector": {"type": "TextQuoteSelector", "exact": exact}},
        }

    data = [
        anno("First paragraph", "2026-01-01T00:00:00Z"),
        anno("second paragraph", "2026-01-01T00:00:00Z"),
        anno("First paragraph", "2026-01-01T00:00:00Z"),
    ]  # the first one again
    notes = import_annotations(json.dumps(data), small)
    assert [n.target.quote for n in notes] == ["First paragraph", "second paragraph"]
    assert len({n.id for n in notes}) == 2
    # Deterministic: the same file gives the same ids.
    assert [n.id for n in import_annotations(json.dumps(data), small)] == [n.id for n in notes]
