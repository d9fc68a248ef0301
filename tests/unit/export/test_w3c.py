"""``export --format json``: W3C Web Annotation AnnotationCollection."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from closeread.document import Document, load_text
from closeread.export import export_notes
from closeread.export.common import utc_iso
from closeread.notes.model import Note, Target

# As tests/conftest.py: ../shared beside the repo, or $CLOSEREAD_SHARED.
SHARED = Path(
    os.environ.get("CLOSEREAD_SHARED", Path(__file__).resolve().parents[3].parent / "shared")
)
VALIDATOR = SHARED / "tools" / "validate_w3c_annotations.py"
ZULU = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _export(doc: Document, notes: list[Note]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(export_notes("json", doc, None, notes))
    return data


def _selectors(anno: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["type"]: s for s in anno["target"]["selector"]}


def _bodies(anno: dict[str, Any]) -> list[dict[str, Any]]:
    body = anno.get("body", [])
    return body if isinstance(body, list) else [body]


def test_collection_shape(doc: Document, notes: list[Note]) -> None:
    data = _export(doc, notes)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["label"] == doc.title
    assert data["total"] == len(notes) == len(data["first"]["items"])
    assert data["first"]["type"] == "AnnotationPage"
    ids = [a["id"] for a in data["first"]["items"]]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(f"urn:closeread:{doc.sha256[:16]}:n-") for i in ids)


def test_motivations_dates_and_bodies(doc: Document, notes: list[Note]) -> None:
    items = {a["id"].rsplit(":", 1)[1]: a for a in _export(doc, notes)["first"]["items"]}
    expected = {
        "comment": "commenting",
        "question": "questioning",
        "highlight": "highlighting",
        "verdict": "assessing",
    }
    for note in notes:
        anno = items[note.id]
        assert anno["type"] == "Annotation"
        assert anno["motivation"] == expected[note.kind]
        assert ZULU.match(anno["created"]) and ZULU.match(anno["modified"])
        bodies = _bodies(anno)
        assert all(b["type"] == "TextualBody" and b["format"] == "text/plain" for b in bodies)
        assert sorted(b["value"] for b in bodies if b["purpose"] == "tagging") == sorted(note.tags)
        verdicts = [b["value"] for b in bodies if b["purpose"] == "assessing"]
        assert verdicts == ([note.verdict] if note.verdict else [])
        texts = [b["value"] for b in bodies if b["purpose"] in ("commenting", "questioning")]
        assert texts == ([note.body] if note.body else [])
    question = items["n-000002"]
    assert _bodies(question)[0]["purpose"] == "questioning"
    assert "body" not in items["n-000005"]  # a bare highlight has no body


def test_selectors_are_code_point_offsets(doc: Document, notes: list[Note]) -> None:
    items = {a["id"].rsplit(":", 1)[1]: a for a in _export(doc, notes)["first"]["items"]}
    for note in notes:
        sel = _selectors(items[note.id])
        quote = sel["TextQuoteSelector"]
        if note.target.start is None:
            assert quote["exact"] == note.target.quote
            assert set(sel) == {"TextQuoteSelector"}
        else:
            # Exact in the file the annotation names (its decoded text), not the normalised text.
            pos = sel["TextPositionSelector"]
            assert doc.source[pos["start"] : pos["end"]] == quote["exact"]
            assert quote["exact"].split() == note.target.quote.split()
            assert doc.source[pos["start"] - len(quote["prefix"]) : pos["start"]] == quote["prefix"]
            assert doc.source[pos["end"] : pos["end"] + len(quote["suffix"])] == quote["suffix"]


def test_offsets_after_non_bmp_characters() -> None:
    doc = load_text(
        "Emoji \U0001f600\U0001f389 and \U0001d518 first.\n\nThe claim comes after them."
    )
    start = doc.text.index("claim")
    note = Note("n-emoji1", "comment", Target.from_span(doc.text, start, start + 5), body="x")
    anno = _export(doc, [note])["first"]["items"][0]
    pos = _selectors(anno)["TextPositionSelector"]
    assert (pos["start"], pos["end"]) == (start, start + 5)
    # Code points, not UTF-16 units or bytes: the emoji count once each.
    assert pos["start"] != len(doc.text[:start].encode("utf-16-le")) // 2
    assert doc.text[pos["start"] : pos["end"]] == "claim"


def test_target_source_is_an_iri(doc: Document, notes: list[Note]) -> None:
    anno = _export(doc, notes)["first"]["items"][0]
    assert anno["target"]["source"].startswith("file:///")
    mem = load_text("Some text here.")
    note = Note("n-mem001", "highlight", Target.from_span(mem.text, 0, 4))
    assert _export(mem, [note])["first"]["items"][0]["target"]["source"] == (
        f"urn:sha256:{mem.sha256}"
    )


def test_dates_are_converted_to_utc() -> None:
    paris = timezone(timedelta(hours=1))
    assert utc_iso(datetime(2026, 11, 25, 11, 0, 0, 123, tzinfo=paris)) == "2026-11-25T10:00:00Z"
    assert utc_iso(datetime(2026, 11, 25, 10, 0, 0)) == "2026-11-25T10:00:00Z"


def test_empty_notes_give_an_empty_valid_collection(doc: Document) -> None:
    data = _export(doc, [])
    assert data["total"] == 0 and data["first"]["items"] == []


@pytest.mark.skipif(not VALIDATOR.exists(), reason="../shared/tools not beside the repo")
def test_passes_the_w3c_must_assertions(doc: Document, notes: list[Note], tmp_path: Path) -> None:
    out = tmp_path / "notes.json"
    out.write_text(export_notes("json", doc, None, notes), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(notes)} annotations, {len(notes)} valid" in run.stdout


@pytest.mark.skipif(not VALIDATOR.exists(), reason="../shared/tools not beside the repo")
def test_validator_catches_a_broken_export(
    doc: Document, notes: list[Note], tmp_path: Path
) -> None:
    """The check can fail: an annotation without a target is rejected."""
    data = _export(doc, notes)
    del data["first"]["items"][0]["target"]
    out = tmp_path / "broken.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 1
