"""Property tests: any text and any notes survive export → import, and every format renders."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.document import load_text
from closeread.export import FORMATS, export_notes
from closeread.export.importer import import_annotations
from closeread.notes.model import NOTE_KINDS, VERDICTS, Note, Target

_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=300
)
_word = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)


@st.composite
def doc_and_notes(draw: st.DrawFn) -> tuple[object, list[Note]]:
    doc = load_text(draw(_text) + " anchor words here. " + draw(_text))
    n = len(doc.text)
    notes = []
    for i in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, min(n, start + 60)))
        notes.append(
            Note(
                id=f"n-prop{i:02d}",
                kind=draw(st.sampled_from(NOTE_KINDS)),
                target=Target.from_span(doc.text, start, end),
                body=draw(st.one_of(st.just(""), _text)),
                tags=draw(st.lists(_word, max_size=3, unique=True)),
                verdict=draw(st.one_of(st.none(), st.sampled_from(VERDICTS))),
            )
        )
    return doc, notes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_and_notes())
def test_json_round_trip_and_every_format_renders(case: tuple[object, list[Note]]) -> None:
    doc, notes = case
    exported = export_notes("json", doc, None, notes)  # type: ignore[arg-type]
    back = {n.id: n for n in import_annotations(exported, doc)}  # type: ignore[arg-type]
    for note in notes:
        got = back[note.id]
        assert (got.target.start, got.target.end) == (note.target.start, note.target.end)
        assert got.target.quote == note.target.quote
        assert got.body == (note.body if note.body.strip() else "")  # blank: not exported
        assert got.tags == [t.strip() for t in note.tags if t.strip()]
        assert got.verdict == note.verdict
        # An empty-bodied verdict note reads back as a verdict; a highlight stays one.
        assert got.kind == note.kind
    for fmt in FORMATS:
        out = export_notes(fmt, doc, None, notes)  # type: ignore[arg-type]
        assert out.endswith("\n")
    rows = list(csv.DictReader(io.StringIO(export_notes("csv", doc, None, notes))))  # type: ignore[arg-type]
    assert sorted(r["Highlight"] for r in rows) == sorted(n.target.quote for n in notes)
    assert json.loads(exported)["total"] == len(notes)


def test_export_submodules_import_no_ui() -> None:
    code = (
        "import sys\n"
        "import closeread.export.w3c, closeread.export.readwise, closeread.export.markdown\n"
        "import closeread.export.html, closeread.export.yaml_notes, closeread.export.importer\n"
        "import closeread.export.tables, closeread.export.report\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('closeread.tui')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
