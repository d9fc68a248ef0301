"""Claims and citations reference the document's text instead of copying it (issue 13)."""

from __future__ import annotations

import copy
import pickle
from dataclasses import fields, replace

from closeread.analysis import analyze
from closeread.analysis.model import Citation, Claim, TextOf
from closeread.document import load
from tests.conftest import SAMPLE

TEXT = "Intro. The plan will fail, critics said. End."


def test_a_claim_reads_its_text_from_the_document() -> None:
    whole = TextOf(TEXT)
    k = Claim.in_text(whole, "k1", 7, 40, ["c1"], True)
    assert k.text == TEXT[7:40]
    assert k == Claim("k1", 7, 40, TEXT[7:40], ["c1"], True)
    assert "The plan will fail" in repr(k)
    assert Claim._text_slot.__get__(k) is whole  # type: ignore[attr-defined]
    assert [f.name for f in fields(Claim)][:4] == ["id", "start", "end", "text"]
    for other in (pickle.loads(pickle.dumps(k)), copy.deepcopy(k), replace(k, supported=False)):
        assert other.text == TEXT[7:40]
    k.text = "Rewritten."  # an explicit text is kept as it is
    assert k.text == "Rewritten."


def test_a_citation_reads_its_quote_from_the_document() -> None:
    c = Citation.in_text(TextOf(TEXT), "c1", "paraphrase", 7, 25, title="T")
    assert c.quote == TEXT[7:25]
    assert c == Citation("c1", "paraphrase", 7, 25, TEXT[7:25], title="T")


def test_the_pipeline_keeps_no_copies() -> None:
    doc = load(SAMPLE)
    analysis = analyze(doc)
    assert analysis.claims and analysis.citations
    for k in analysis.claims:
        assert Claim._text_slot.__get__(k).__class__ is TextOf  # type: ignore[attr-defined]
        assert k.text == doc.text[k.start : k.end]
    for c in analysis.citations:
        assert c.quote == doc.text[c.start : c.end]
