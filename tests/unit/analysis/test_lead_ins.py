"""Lead-ins (pure attributions are not claims) and organisation-kind sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.analysis import analyze
from closeread.analysis.lead_ins import is_pure_lead_in, own_assertion
from closeread.analysis.sources import organisation_head
from closeread.document import load, load_text


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The London Times stated in its article \u201cA title\u201d that:", ["The London Times"]),
        ("Regarding this point, the Guardian would even report:", ["the Guardian"]),
        ('The Insider would report in its article, \u201cMixed marks," that:', ["The Insider"]),
        ("Their response, [as reported by _Forbes_][4]:", ["Forbes"]),
        ("In his introduction to the book, Jane Roe points out that:", ["Jane Roe"]),
        ("He wrote:", []),
    ],
)
def test_pure_lead_ins(sentence: str, names: list[str]) -> None:
    assert is_pure_lead_in(sentence, names), own_assertion(sentence, names)


def test_lead_in_with_an_assertion_of_its_own() -> None:
    s = "However, to explain the West's apparent failure to prioritize, the Guardian claims:"
    assert not is_pure_lead_in(s, ["the Guardian"])
    assert own_assertion(s, ["the Guardian"]) == "explain West's apparent failure prioritize"


TEXT = """A Title

The council has quietly doubled the bridge budget. The Riverside Tribune reported that:

> The bridge will cost twice the first estimate, officials said on Monday.

The mayor's office dodged every question for a month.

Despite the mayor's refusal to answer a single question, the Riverside Tribune wrote:

> The mayor's office declined to comment.
"""


def test_pure_lead_in_links_the_point_before_it_and_is_no_claim() -> None:
    an = analyze(load_text(TEXT, fmt="markdown"))
    texts = [k.text for k in an.claims]
    assert not any(t.startswith("The Riverside Tribune reported") for t in texts)
    point = next(k for k in an.claims if k.text.startswith("The council has quietly"))
    quote = an.citation(point.citations[0])
    assert point.supported and quote is not None and quote.kind == "block_quote"
    # Its own assertion ("refusal to answer a single question") is not what the quote says.
    own = next(k for k in an.claims if k.text.startswith("Despite the mayor"))
    assert own.citations and not own.supported


def test_lead_in_opening_its_paragraph_backs_the_previous_paragraph() -> None:
    text = (
        "A Title\n\nThe council has quietly doubled the bridge budget since spring.\n\n"
        "The Riverside Tribune reported that:\n\n"
        "> The bridge will cost twice the first estimate, officials said on Monday.\n"
    )
    an = analyze(load_text(text, fmt="markdown"))
    assert [k.text[:20] for k in an.claims] == ["The council has quie"]
    assert an.claims[0].supported and an.claims[0].citations


@pytest.mark.parametrize(
    ("key", "article", "expected"),
    [
        ("administration", True, True),
        ("ministry of defence", True, True),
        ("city council", False, True),
        ("supreme court", True, True),
        ("margaret court", False, False),
        ("guardian", True, False),
        ("catherine herridge", False, False),
    ],
)
def test_organisation_heads(key: str, article: bool, expected: bool) -> None:
    assert organisation_head(key, article) is expected


def test_sample_government_speaker_is_an_organisation(sample_path: Path) -> None:
    an = analyze(load(sample_path))
    kinds = {s.name: s.kind for s in an.sources}
    assert kinds["The administration"] == "organisation"
    assert kinds["The Guardian"] == "publication" and kinds["Sergei Lavrov"] == "person"
