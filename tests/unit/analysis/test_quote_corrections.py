"""The reader's quote corrections: "this span is a quote" / "this is not a quote"."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from closeread.analysis import Analysis, analyze, analyze_stream
from closeread.document import load, load_text
from tests.conftest import REPO


@dataclass
class Ref:
    quote: str
    start: int
    end: int


@dataclass
class Fix:
    span: Ref
    action: str = "add"
    source: str = ""


TEXT = (
    "Mayors across the region are cutting budgets for public libraries this year.\n\n"
    "Maria Lopez, the council's auditor, wrote in her report:\n\n"
    "> Library visits rose by a third over five years. Closing branches would cut "
    "service for the poorest districts first.\n\n"
    "This shows the cuts are a mistake that the council will regret.\n\n"
    "Critics call the plan short-sighted and the mayor has ignored every warning so far.\n\n"
    "Officials insist that the savings are needed to balance the budget next year."
)


def _ref(text: str, phrase: str, occurrence: int = 0) -> Ref:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Ref(phrase, start, start + len(phrase))


def _claim_texts(an: Analysis) -> list[str]:
    return [k.text for k in an.claims]


def test_remove_drops_the_quote_and_its_links_and_reads_it_as_the_author() -> None:
    doc = load_text(TEXT, fmt="markdown")
    before = analyze(doc)
    quote = next(c for c in before.citations if c.kind == "block_quote")
    assert quote.source_name == "Maria Lopez"
    assert "Library visits rose by a third over five years." not in _claim_texts(before)
    after = analyze(doc, (), [Fix(Ref(quote.quote, quote.start, quote.end), "remove")])
    assert all(c.kind != "block_quote" for c in after.citations)
    assert all(s.name != "Maria Lopez" for s in after.sources)
    # Its sentences are now the author's: claims, unsupported; no claim links to it.
    claim = next(k for k in after.claims if k.text.startswith("Library visits rose"))
    assert not claim.supported and claim.citations == []
    known = {c.id for c in after.citations}
    assert all(set(k.citations) <= known for k in after.claims)


def test_add_whole_paragraph_makes_a_block_quote_with_the_given_source() -> None:
    doc = load_text(TEXT, fmt="markdown")
    para = "Critics call the plan short-sighted and the mayor has ignored every warning so far."
    assert para in _claim_texts(analyze(doc))
    an = analyze(doc, (), [Fix(_ref(doc.text, para), "add", "The Herald")])
    manual = [c for c in an.citations if c.manual]
    assert [(c.kind, c.source_name, c.quote) for c in manual] == [
        ("block_quote", "The Herald", para)
    ]
    assert para not in _claim_texts(an)  # claims inside a marked quote stop being claims
    source = next(s for s in an.sources if s.name == "The Herald")
    assert source.citations == [manual[0].id]
    assert [c.id for c in an.citations] == [f"c{n}" for n in range(1, len(an.citations) + 1)]


def test_add_without_source_is_attributed_by_its_lead_in() -> None:
    text = (
        "The minister defended the plan on Monday.\n\n"
        "Speaking to reporters, Dana Whitfield explained:\n\n"
        "We have no other option left. The fund is empty.\n\n"
        "Nobody in the cabinet has explained why the fund is empty at all."
    )
    doc = load_text(text)
    para = "We have no other option left. The fund is empty."
    # Whatever the detector made of it, remove it first, then mark it by hand.
    fixes = [Fix(_ref(text, para), "remove"), Fix(_ref(text, para), "add")]
    an = analyze(doc, (), fixes)
    manual = [c for c in an.citations if c.manual]
    assert len(manual) == 1 and manual[0].kind == "block_quote"
    assert manual[0].source_name == "Dana Whitfield"
    assert "Dana Whitfield explained" in manual[0].lead_in
    assert "We have no other option left." not in _claim_texts(an)


def test_add_a_phrase_makes_an_inline_quote_and_the_sentence_links_it() -> None:
    doc = load_text(TEXT, fmt="markdown")
    an = analyze(doc, (), [Fix(_ref(doc.text, "short-sighted"), "add", "Critics")])
    manual = [c for c in an.citations if c.manual]
    assert [(c.kind, c.source_name, c.quote) for c in manual] == [
        ("inline_quote", "Critics", "short-sighted")
    ]
    claim = next(k for k in an.claims if k.text.startswith("Critics call"))
    # Linked to the marked quote (the analysis may also read "Critics call ..." as
    # reported speech of the critics).
    assert manual[0].id in claim.citations and claim.supported


def test_a_sentence_marked_as_a_quote_stops_being_a_claim() -> None:
    doc = load_text(TEXT, fmt="markdown")
    sentence = "This shows the cuts are a mistake that the council will regret."
    an = analyze(doc, (), [Fix(_ref(doc.text, sentence[:-1]), "add", "The union")])
    assert sentence not in _claim_texts(an)
    assert [c.source_name for c in an.citations if c.manual] == ["The union"]


def test_multi_paragraph_span_is_a_block_quote_and_old_offsets_are_refound() -> None:
    doc = load_text(TEXT, fmt="markdown")
    start = doc.text.index("Critics call")
    end = doc.text.index("next year.") + len("next year.")
    ref = Ref(doc.text[start:end], start + 7, end + 7)  # stale offsets: re-found by text
    an = analyze(doc, (), [Fix(ref, "add", "Opponents")])
    manual = [c for c in an.citations if c.manual]
    assert [(c.kind, c.start, c.end) for c in manual] == [("block_quote", start, end)]
    assert not any(k.start >= start and k.end <= end for k in an.claims)


def test_missing_text_is_skipped_and_streaming_gives_the_same_result() -> None:
    doc = load(REPO / "sample" / "west-leverages-paris-attacks.txt")
    plain = analyze(doc)
    gone = analyze(doc, (), [Fix(Ref("text that is not in the article", 5, 36), "add")])
    assert [(c.kind, c.start) for c in gone.citations] == [
        (c.kind, c.start) for c in plain.citations
    ]
    c1 = plain.citations[0]
    fixes = [Fix(Ref(c1.quote, c1.start, c1.end), "remove")]
    one = analyze(doc, (), fixes)
    *_, last = analyze_stream(doc, (), quote_corrections=fixes)
    assert [(c.kind, c.start, c.source_name) for c in one.citations] == [
        (c.kind, c.start, c.source_name) for c in last.citations
    ]
    assert len(one.citations) == len(plain.citations) - 1
    assert len(one.claims) > len(plain.claims) - 1


def test_cli_analyze_applies_quote_corrections_from_the_notes_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from closeread.cli import main
    from closeread.notes import NotesStore, QuoteCorrection, SpanRef

    article = tmp_path / "article.md"
    article.write_text(TEXT, encoding="utf-8")
    notes = tmp_path / "notes"
    doc = load(article)
    store = NotesStore.open(doc, notes_dir=notes)
    quote = (
        "Library visits rose by a third over five years. Closing branches would cut "
        "service for the poorest districts first."
    )
    start = doc.text.index(quote)
    store.set_quote(QuoteCorrection(SpanRef(quote, start, start + len(quote)), "remove"))
    phrase = "short-sighted"
    start = doc.text.index(phrase)
    store.set_quote(QuoteCorrection(SpanRef(phrase, start, start + len(phrase)), "add", "Critics"))
    assert main(["analyze", str(article), "--format", "json", "--notes-dir", str(notes)]) == 0
    out = json.loads(capsys.readouterr().out)
    kinds = [(c["kind"], c["source_name"]) for c in out["citations"]]
    assert ("inline_quote", "Critics") in kinds and ("block_quote", "Maria Lopez") not in kinds
    assert any(k["text"].startswith("Library visits rose") for k in out["claims"])
