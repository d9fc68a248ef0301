"""Analysis: citations, sources, claims, corrections, streaming and robustness."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.analysis import Analysis, analyze, analyze_stream
from closeread.analysis.serialize import to_json_dict, to_table_rows
from closeread.document import load, load_text
from tests.conftest import REPO, corpus_file


@pytest.fixture(scope="module")
def sample() -> tuple[object, Analysis]:
    doc = load(REPO / "sample" / "west-leverages-paris-attacks.txt")
    return doc, analyze(doc)


def _by_kind(an: Analysis, kind: str) -> list:
    return [c for c in an.citations if c.kind == kind]


def test_sample_block_quotes_sources_and_titles(sample: tuple[object, Analysis]) -> None:
    _, an = sample
    quotes = _by_kind(an, "block_quote")
    assert [c.source_name for c in quotes] == [
        "The Guardian",
        "The Guardian",
        "The Guardian",
        "The Business Insider",
        "Fox News",
    ]
    assert quotes[0].title == "Paris attacks galvanise international efforts to end Syria war"
    assert quotes[0].quote.startswith("The Isis attacks in Paris")
    assert "no sign of agreement" in quotes[0].quote  # runs over two paragraphs
    assert "It should seem extraordinary" not in quotes[0].quote  # author resumes
    assert quotes[3].title.startswith("REPORT: The US Is Openly Sending")
    assert quotes[3].title.endswith("Syrian Rebels")  # across the broken paragraph
    assert "On Sept. 6 a Libyan ship" in quotes[3].quote
    assert "Belhadj, it should be mentioned" not in quotes[3].quote
    assert quotes[4].title.startswith("Herridge: ISIS Has Turned Libya")
    for c in quotes:
        assert c.lead_in and c.lead_in_start is not None and c.lead_in.rstrip().endswith(":")


def test_sample_nested_speakers(sample: tuple[object, Analysis]) -> None:
    _, an = sample
    inline = _by_kind(an, "inline_quote")
    names = {c.source_name for c in inline}
    assert names == {"Sergei Lavrov", "Catherine Herridge"}
    para = _by_kind(an, "paraphrase")
    assert any(c.source_name == "Catherine Herridge" for c in para)
    # Scare quotes are not citations (the words may still lie inside reported speech:
    # "They insisted that regime change was the only way …", with "they" left unnamed).
    quoted = [c for c in an.citations if c.kind in ("inline_quote", "block_quote")]
    assert not any(c.quote.strip("“”,") in ("regime change", "rebels") for c in quoted)
    assert not any("regime change" in c.quote for c in quoted if c.kind == "inline_quote")
    unnamed = [c for c in para if not c.source_name]
    assert [c.quote[:30] for c in unnamed] == ["regime change was the only way"]


def test_sample_sources_merged(sample: tuple[object, Analysis]) -> None:
    _, an = sample
    by_name = {s.name: s for s in an.sources}
    guardian = by_name["The Guardian"]
    assert len(guardian.citations) == 3
    assert "The London Guardian" in guardian.aliases
    assert by_name["Sergei Lavrov"].kind == "person"
    assert "Herridge" in by_name["Catherine Herridge"].aliases
    assert "New Eastern Outlook" not in by_name  # the publisher line is metadata


def test_sample_claims(sample: tuple[object, Analysis]) -> None:
    _doc, an = sample
    rebuttal = next(k for k in an.claims if k.text.startswith("In reality, ISIS is not"))
    assert rebuttal.citations and not rebuttal.supported
    # Pure lead-ins are the citation's, not claims; the point before them gets the quote.
    for lead_in in ("Regarding this point", "The London Guardian stated", "Fox News would"):
        assert not any(k.text.startswith(lead_in) for k in an.claims), lead_in
    point = next(k for k in an.claims if k.text.startswith("This is also considering"))
    assert point.supported and an.citation(point.citations[0]).kind == "block_quote"
    # A lead-in with an assertion of its own stays a claim; the quote does not back it.
    own = next(k for k in an.claims if k.text.startswith("However, to explain"))
    assert own.citations and not own.supported
    assert any(not k.supported for k in an.claims)
    assert not any("Isis attacks in Paris have galvanised" in k.text for k in an.claims)
    assert all(not k.text.endswith("?") for k in an.claims)


@dataclass
class _Ref:
    quote: str
    start: int
    end: int


@dataclass
class _Link:
    claim: _Ref
    citation: _Ref
    action: str = "add"


def test_corrections_add_and_remove(sample: tuple[object, Analysis]) -> None:
    doc, an = sample
    claim = next(k for k in an.claims if not k.citations)
    cit = an.citations[0]
    add = _Link(_Ref(claim.text, claim.start, claim.end), _Ref(cit.quote, cit.start, cit.end))
    fixed = analyze(doc, [add])
    k = next(x for x in fixed.claims if x.start == claim.start)
    assert cit.id in k.citations and k.supported and k.corrected
    # Shifted offsets: found again by the quote text.
    moved = _Link(
        _Ref(claim.text, claim.start + 5, claim.end + 5),
        _Ref(cit.quote, cit.start + 3, cit.end + 3),
        "add",
    )
    k2 = next(x for x in analyze(doc, [moved]).claims if x.start == claim.start)
    assert cit.id in k2.citations
    linked = next(k for k in an.claims if k.citations)
    lc = an.citation(linked.citations[0])
    assert lc is not None
    remove = _Link(
        _Ref(linked.text, linked.start, linked.end), _Ref(lc.quote, lc.start, lc.end), "remove"
    )
    k3 = next(x for x in analyze(doc, [remove]).claims if x.start == linked.start)
    assert lc.id not in k3.citations and k3.corrected


def _snapshot(an: Analysis) -> str:
    return json.dumps(
        {
            "s": list(an.sentences),
            "c": [(c.id, c.kind, c.start, c.end, c.source, c.source_name) for c in an.citations],
            "src": [(s.id, s.name, s.aliases, s.citations) for s in an.sources],
            "k": [(k.id, k.start, k.end, k.citations, k.supported) for k in an.claims],
        }
    )


def test_streaming_equals_one_shot() -> None:
    path = corpus_file("dev-long-good-enough-practices-draft.md")
    doc = load(path)
    one = analyze(doc)
    seen = []
    last = None
    from closeread.document import sentences as sentences_module

    real = sentences_module.iter_sentence_chunks

    def small_chunks(d, chunk_chars=200_000):  # type: ignore[no-untyped-def]
        return real(d, chunk_chars=2_000)

    import closeread.analysis.pipeline as pipeline

    original = pipeline.iter_sentence_chunks
    pipeline.iter_sentence_chunks = small_chunks  # type: ignore[assignment]
    try:
        for an in analyze_stream(doc):
            seen.append(an.progress)
            assert last is None or an is last
            last = an
    finally:
        pipeline.iter_sentence_chunks = original  # type: ignore[assignment]
    assert last is not None and last.complete and seen[-1] == 1.0
    assert len(seen) > 2 and seen == sorted(seen)
    assert _snapshot(last) == _snapshot(one)


def test_cancel_stops_early() -> None:
    doc = load_text("A sentence here. " * 5_000)
    assert list(analyze_stream(doc, is_cancelled=lambda: True)) == []  # cancelled at once
    cancelled, out = [], []
    for a in analyze_stream(doc, is_cancelled=lambda: bool(cancelled)):
        out.append(a.complete)
        cancelled.append(True)  # cancelled after the first yield: no further one, no end
    assert out == [False]
    assert [a.complete for a in analyze_stream(doc)][-2:] == [False, True]  # uncancelled


def test_each_kind_on_synthetic_text() -> None:
    text = (
        "Title\n\n"
        'The Daily Planet reported in its article "Storm hits coast" that:\n\n'
        "Winds of 100 mph were recorded along the coast on Monday.\n\n"
        "In reality, the storm was mild, as our own measurements show here.\n\n"
        '"We are ready," said the mayor, Jane Smith. '
        'Smith told reporters that "all is well."\n\n'
        "According to the Weather Office, rain will continue for days to come.\n\n"
        "See [the report](https://example.org/report) and https://www.example.com/page now.\n\n"
        "Earlier work agrees (Smith et al., 2019; Doe & Roe, 2018) and Jones (2020) too.\n\n"
        "The rule was set in 2001 [1]_ and changed later [2]_.\n\n"
        ".. [1] The first rule (A. Author) https://example.org/1\n\n"
        ".. [2] The second rule (B. Author)\n"
    )
    an = analyze(load_text(text))
    kinds = {c.kind for c in an.citations}
    assert kinds == {"block_quote", "inline_quote", "paraphrase", "link", "footnote", "author_year"}
    bq = _by_kind(an, "block_quote")[0]
    assert bq.source_name == "The Daily Planet" and bq.title == "Storm hits coast"
    assert "In reality" not in bq.quote
    inline = _by_kind(an, "inline_quote")
    assert {c.source_name for c in inline} == {"Jane Smith"}
    assert {c.source_name for c in _by_kind(an, "paraphrase")} == {"The Weather Office"}
    links = _by_kind(an, "link")
    assert {c.url for c in links} == {"https://example.org/report", "https://www.example.com/page"}
    assert {c.source_name for c in links} == {"example.org", "example.com"}
    ay = _by_kind(an, "author_year")
    assert [c.quote for c in ay] == ["Smith et al., 2019", "Doe & Roe, 2018", "Jones (2020)"]
    fn = _by_kind(an, "footnote")
    assert [c.url for c in fn] == ["https://example.org/1", ""]
    assert fn[0].source_name.startswith("The first rule")


def test_serialize_matches_contract(sample: tuple[object, Analysis]) -> None:
    doc, an = sample
    data = to_json_dict(doc, an)  # type: ignore[arg-type]
    assert data["closeread"] == 1
    assert set(data["document"]) >= {"path", "title", "sha256", "text"}
    c = data["citations"][0]
    assert set(c) >= {
        "id",
        "kind",
        "source",
        "source_name",
        "title",
        "start",
        "end",
        "quote",
        "lead_in",
    }
    assert data["document"]["text"][c["start"] : c["end"]] == c["quote"]
    assert set(data["sources"][0]) >= {"id", "name", "aliases", "citations"}
    assert set(data["claims"][0]) >= {"id", "start", "end", "text", "citations", "supported"}
    assert data["summary"]["claims"] == len(an.claims)
    json.dumps(data)
    rows = to_table_rows(an)
    assert len(rows["citations"]) == len(an.citations) + 1


@pytest.mark.parametrize(
    "name",
    [
        "dev-author-year-o2r-reproducible-manuscripts.md",
        "dev-long-good-enough-practices-draft.md",
        "dev-markdown-links-18f-open-source-facts.md",
        "dev-news-opensource-roundup-2019-10-13.md",
        "dev-numbered-footnotes-pep-3104.txt",
        "dev-opinion-book-review-ours-to-hack.md",
    ],
)
def test_corpus_smoke(name: str) -> None:
    doc = load(corpus_file(name))
    an = analyze(doc)
    assert an.complete and an.citations and an.claims
    _check_spans(doc.text, an)


def test_corpus_kinds() -> None:
    pep = analyze(load(corpus_file("dev-numbered-footnotes-pep-3104.txt")))
    assert len(_by_kind(pep, "footnote")) >= 40
    o2r = analyze(load(corpus_file("dev-author-year-o2r-reproducible-manuscripts.md")))
    ay = [c.quote for c in _by_kind(o2r, "author_year")]
    assert "Pearse & Chamberlain, 2018" in ay and "Philip Stark (2018)" in ay
    assert any(q.startswith("Sandve et al., 2013") for q in ay)
    links = analyze(load(corpus_file("dev-markdown-links-18f-open-source-facts.md")))
    assert len(_by_kind(links, "link")) >= 60


def _check_spans(text: str, an: Analysis) -> None:
    for s, e in an.sentences:
        assert 0 <= s <= e <= len(text)
    for c in an.citations:
        assert 0 <= c.start <= c.end <= len(text) and c.quote == text[c.start : c.end]
        if c.lead_in_start is not None and c.lead_in_end is not None:
            assert c.lead_in == text[c.lead_in_start : c.lead_in_end]
    for k in an.claims:
        assert 0 <= k.start <= k.end <= len(text) and k.text == text[k.start : k.end]
        assert all(an.citation(cid) is not None for cid in k.citations)
    for src in an.sources:
        assert all(an.citation(cid) is not None for cid in src.citations)


_ALPHABET = st.sampled_from(
    [*"ab A.,:;\"\u201c\u201d'\u2019()[]_*\n\r\t\ufeff1#>-", "said ", "http://x.io "]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_any_text_never_raises(text: str) -> None:
    doc = load_text(text)
    result = analyze(doc)
    assert result.complete and result.progress == 1.0
    _check_spans(doc.text, result)  # asserts every span lies in the text and matches it


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ufeff",
        '"' * 100_000,
        "“" * 50_000 + "”" * 50_000,
        '"abc ' * 20_000,
        "(" * 50_000,
        "[" * 50_000 + "](" * 1000,
        "said " * 20_000,
        "A:\n\n" * 5_000,
        'x\r\ny\r\n\r\nz "q" said Bob.\r\n',
        "He said:\n\n" * 10_000,
        "John Smith said that " * 5_000,
        '\u201ca" \u201db\u201c "' * 10_000,
    ],
)
def test_pathological_inputs(text: str) -> None:
    doc = load_text(text)
    result = analyze(doc)
    assert result.complete and result.progress == 1.0
    _check_spans(doc.text, result)  # asserts every span lies in the text and matches it


def _load_eval():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "analysis_eval", REPO / "benchmarks" / "analysis_eval.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while being built
    spec.loader.exec_module(mod)
    return mod


def test_dev_set_scores_do_not_regress() -> None:
    corpus_file("dev-news-opensource-roundup-2019-10-13.md")  # skips without the corpus
    ev = _load_eval()
    results, overall = ev.run()
    assert not [r.missing for r in results if r.missing]  # every label snippet is found
    assert overall["citations"].f1 >= 0.95
    assert overall["sources"].f1 >= 0.95
    assert overall["claim_links"].f1 >= 0.88


def test_hard_wrapped_markdown_copy_with_marked_quotes(tmp_path: Path) -> None:
    """The sample re-typed as Markdown: hard-wrapped at 70 columns, quotes marked with ">"."""
    import re
    import textwrap

    raw = (REPO / "sample" / "west-leverages-paris-attacks.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    quoted = (
        "The Isis attacks",
        "There is still no sign",
        "It was clear, however",
        "Isis, in their",
        "The administration has said",
        "There have been several",
        "On Sept. 6",
        "[Catherine] Herridge",
        "\"Now, it's alleged",
    )
    out = []
    for i, p in enumerate(paras):
        lines = textwrap.wrap(p, 70)
        if i == 0:
            out.append("# " + p)
        elif p.startswith(quoted):
            out.append("\n".join("> " + line for line in lines))
        else:
            out.append("\n".join(lines))
    path = tmp_path / "wrapped.md"
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    doc = load(path)
    an = analyze(doc)
    quotes = _by_kind(an, "block_quote")
    assert [c.source_name for c in quotes] == [
        "The Guardian",
        "The Guardian",
        "The Guardian",
        "The Business Insider",
        "Fox News",
    ]
    assert "no sign of agreement" in quotes[0].quote
    assert quotes[0].title == "Paris attacks galvanise international efforts to end Syria war"
    assert {c.source_name for c in _by_kind(an, "inline_quote")} == {
        "Sergei Lavrov",
        "Catherine Herridge",
    }
    _check_spans(doc.text, an)


def test_reference_section_links_are_entries_not_citations() -> None:
    text = (
        "# Paper\n\n"
        "Reproducibility matters a great deal here (Baker, 2016).\n\n"
        "## References\n\n"
        "- Baker, M.: [1,500 Scientists Lift the Lid](https://doi.org/10.1038/533452a), 2016.\n"
    )
    an = analyze(load_text(text, fmt="markdown"))
    assert [c.kind for c in an.citations] == ["author_year"]
    assert an.citations[0].url == "https://doi.org/10.1038/533452a"
    assert an.citations[0].title == "1,500 Scientists Lift the Lid"


def test_site_and_its_name_are_one_source() -> None:
    text = (
        "According to _Tech Report_, the chip ships in May this year.\n\n"
        "The maker confirmed it [in a statement](https://www.techreport.com/news/1) on Monday.\n"
    )
    an = analyze(load_text(text, fmt="markdown"))
    assert len(an.sources) == 1
    assert an.sources[0].name == "Tech Report" and "techreport.com" in an.sources[0].aliases


def test_possessive_is_not_a_speaker_and_as_the_book_explains() -> None:
    text = (
        'Justin Kitzes\' notes on "Creating a Reproducible Workflow" are useful to many.\n\n'
        'Cooperatives have old roots, as the book "Ours to Share" explains in detail.\n'
    )
    an = analyze(load_text(text))
    assert not _by_kind(an, "inline_quote")
    para = _by_kind(an, "paraphrase")
    assert [c.source_name for c in para] == ["Ours to Share"]


def test_pronoun_speaker_takes_previous_subject() -> None:
    text = "Acme, which makes laptops, takes orders now. It claims that boot is 29% faster.\n"
    an = analyze(load_text(text))
    assert [c.source_name for c in _by_kind(an, "paraphrase")] == ["Acme"]


def test_trailer_after_closing_rule_is_metadata() -> None:
    body = "The council voted on Monday to close the old bridge for repairs. " * 40
    text = f"# News\n\n{body}\n\n---\n\nvia: https://example.com/a\n\nBy [Jo](https://x.org/jo)\n"
    an = analyze(load_text(text, fmt="markdown"))
    assert not an.citations
    assert all("via:" not in k.text for k in an.claims)


def test_linking_an_unmarked_span_makes_a_manual_citation(
    sample: tuple[object, Analysis],
) -> None:
    doc, an = sample
    claim = next(k for k in an.claims if k.text.startswith("It is the result of concerted"))
    assert not claim.citations
    phrase = "Belhadj was also reportedly aligned with ISIS"
    start = doc.text.index(phrase)  # type: ignore[attr-defined]
    link = _Link(_Ref(claim.text, claim.start, claim.end), _Ref(phrase, start, start + len(phrase)))
    fixed = analyze(doc, [link])  # type: ignore[arg-type]
    manual = [c for c in fixed.citations if c.manual]
    assert len(manual) == 1 and manual[0].quote == phrase
    assert [c.id for c in fixed.citations] == [f"c{n}" for n in range(1, len(fixed.citations) + 1)]
    assert [c.start for c in fixed.citations] == sorted(c.start for c in fixed.citations)
    k = next(x for x in fixed.claims if x.start == claim.start)
    assert k.citations == [manual[0].id] and k.supported and k.corrected
    for other in fixed.claims:
        assert all(fixed.citation(cid) is not None for cid in other.citations)


UNSEEN = REPO / "tests" / "data" / "unseen"


def test_unseen_news_article() -> None:
    """Written after the rules, to check they hold on a text nobody tuned them for."""
    doc = load(UNSEEN / "council-bridge.txt")
    an = analyze(doc)
    by_kind = {
        k: [(c.source_name, c.quote[:20]) for c in _by_kind(an, k)]
        for k in ("inline_quote", "paraphrase", "block_quote", "link")
    }
    assert [s for s, _ in by_kind["inline_quote"]] == [
        "Mayor Daniel Reyes",
        "Councilwoman Ana Ortiz",
    ]
    # "He added that ..." speaks for the mayor quoted just before; the span is what he added.
    assert by_kind["paraphrase"][0] == ("Mayor Daniel Reyes", "construction would b")
    # Named "the Riverside Tribune" and "The Tribune": the most complete name is shown.
    # "… said the plan "ignores …" and warned that delays were likely": the quote is the
    # citation of the first verb, the reported clause of the second a paraphrase.
    assert by_kind["paraphrase"][1:] == [
        ("The Riverside Tribune", "the cost estimate ha"),
        ("Councilwoman Ana Ortiz", "delays were likely"),
        ("The Riverside Tribune", "two contractors have"),
    ]
    quote = _by_kind(an, "block_quote")[0]
    assert quote.source_name == "The Transport Institute"
    assert "second assessment" in quote.quote  # the institute's "we" is still the quote
    assert "well founded" not in quote.quote  # the author's verdict is not
    assert by_kind["link"] == [("example.gov", "https://example.gov/")]
    verdict = next(k for k in an.claims if k.text.startswith("That caution is well founded"))
    assert verdict.citations == [quote.id]


def test_unseen_footnotes_and_author_year() -> None:
    doc = load(UNSEEN / "sleep-notes.md")
    an = analyze(doc)
    fn = _by_kind(an, "footnote")
    assert len(fn) == 1 and fn[0].url == "https://www.cdc.gov/sleep/"
    assert [c.quote for c in _by_kind(an, "author_year")] == [
        "Walker (2017)",
        "Stickgold & Walker, 2013",
        "Diekelmann and Born, 2010",
    ]
    assert [c.source_name for c in _by_kind(an, "inline_quote")] == ["Matthew Walker"]
