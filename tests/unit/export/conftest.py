"""Fixtures for the export tests: the sample with notes of every kind and a hand-built analysis.

The analysis is built by hand (found by phrase in the sample) so these tests check the
export, not the analysis engine.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from closeread.analysis import Analysis, Citation, Claim, Source
from closeread.document import Document, load
from closeread.notes.model import Note, Target

SAMPLE = Path(__file__).resolve().parents[3] / "sample" / "west-leverages-paris-attacks.txt"
WHEN = datetime(2026, 11, 25, 10, 0, 0, tzinfo=timezone.utc)


def span_of(doc: Document, phrase: str) -> tuple[int, int]:
    start = doc.text.find(phrase)
    assert start >= 0, f"phrase not in the sample: {phrase!r}"
    return start, start + len(phrase)


@pytest.fixture
def doc() -> Document:
    return load(SAMPLE)


@pytest.fixture
def notes(doc: Document) -> list[Note]:
    """Two notes of every kind, tags, verdicts, markup characters, and one orphan."""
    phrases = [
        (
            "comment",
            "It is the result of concerted, immense, multinational state-sponsorship.",
            "No source given for this — *at all*, see <b>note</b>.",
            ["sponsorship", "no source"],
            None,
        ),
        ("comment", "Sergei Lavrov", "Quoted via the Guardian, second hand.", [], None),
        (
            "question",
            "The Isis attacks in Paris have galvanised international efforts",
            "Which deadline?\nAnd set by whom?",
            ["deadline"],
            None,
        ),
        ("question", "Herridge", "Who is she?", [], None),
        ("highlight", "regime change", "", ["key-term"], None),
        ("highlight", "Vienna talks", "", [], None),
        (
            "verdict",
            "In reality, ISIS is not a",
            "The author asserts; nothing cited.",
            ["claim"],
            "unsupported",
        ),
        ("verdict", "Bashar al-Assad", "", [], "ok"),
    ]
    out: list[Note] = []
    for i, (kind, phrase, body, tags, verdict) in enumerate(phrases):
        start, end = span_of(doc, phrase)
        out.append(
            Note(
                id=f"n-00000{i}",
                kind=kind,  # type: ignore[arg-type]
                target=Target.from_span(doc.text, start, end),
                body=body,
                tags=tags,
                verdict=verdict,
                created=WHEN,
                modified=WHEN,
            )
        )
    out.append(
        Note(
            id="n-0000ff",
            kind="comment",
            target=Target(
                quote="a passage that was edited away", prefix="before ", suffix=" after"
            ),
            body="Orphaned note",
            tags=["lost"],
            created=WHEN,
            modified=WHEN,
            status="orphan",
        )
    )
    return out


@pytest.fixture
def analysis(doc: Document) -> Analysis:
    q_start, q_end = span_of(
        doc,
        "The Isis attacks in Paris have galvanised international efforts to end the war in Syria",
    )
    k1_start, k1_end = span_of(
        doc, "It is the result of concerted, immense, multinational state-sponsorship."
    )
    k2_start, k2_end = span_of(doc, "In reality, ISIS is not a")
    c1 = Citation(
        id="c1",
        kind="block_quote",
        start=q_start,
        end=q_end,
        quote=doc.text[q_start:q_end],
        source="s1",
        source_name="The Guardian",
        title="Paris attacks galvanise international efforts to end Syria war",
    )
    c2 = Citation(
        id="c2",
        kind="inline_quote",
        start=k2_start,
        end=k2_end,
        quote="symptom of political failings",
        source="",
        source_name="",
    )
    return Analysis(
        citations=[c1, c2],
        sources=[
            Source(
                id="s1",
                name="The Guardian",
                aliases=["The London Guardian", "the Guardian"],
                citations=["c1"],
                kind="publication",
            )
        ],
        claims=[
            Claim(
                id="k1",
                start=q_start - 10,
                end=q_start - 1,
                text="A claim that is backed.",
                citations=["c1"],
                supported=True,
            ),
            # Linked to the quote it discusses, but not backed by it.
            Claim(
                id="k2",
                start=k1_start,
                end=k1_end,
                text=doc.text[k1_start:k1_end],
                citations=["c1"],
                supported=False,
            ),
            Claim(
                id="k3",
                start=k2_start,
                end=k2_end,
                text="A claim the reader linked by hand.",
                citations=["c1"],
                supported=True,
                corrected=True,
            ),
        ],
        progress=1.0,
        complete=True,
    )
