"""Speakers described at length before their verb, read since PolNeAR's held-out splits
showed them missed: two appositives of which one is a bare role ("Gustav Ando, research
director for a bank, a lender, said"), a relative clause between dashes ("Neil Sroka,
director of the group — which has endorsed Sanders — said"), and the horizontal bar some
outlets set for a dash ("PHILADELPHIA ― The campaign said").

Sentences written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from closeread.analysis import analyze
from closeread.document import load_text


def _reported(text: str) -> list[tuple[str, str]]:
    an = analyze(load_text(text))
    return [(c.source_name, c.quote) for c in an.citations if c.kind == "paraphrase"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada Lind, research director for Harbor Savings, a regional lender, said the toll "
        "would rise in May.",
        "Ada Lind, 52, senior adviser, said the toll would rise in May.",
        "Ada Lind, director of Harbor Savings, a regional lender, said the toll would rise in May.",
        "Ada Lind, director of the group Harbor Watch \u2014 which has backed the mayor \u2014 "
        "said the toll would rise in May.",
        "Ada Lind, director of the group Harbor Watch - which has backed the mayor - "
        "said the toll would rise in May.",
        "Ada Lind, a spokeswoman for the port, said the toll would rise in May.",  # guard
    ],
)
def test_a_speaker_described_at_length(sentence: str) -> None:
    assert _reported(sentence) == [("Ada Lind", "the toll would rise in May")]


def test_an_aside_between_dashes_does_not_speak() -> None:
    found = _reported(
        "Ada Lind, director of the group Harbor Watch \u2014 which has endorsed the mayor "
        "\u2014 said the toll would rise in May."
    )
    assert ("Harbor Watch", "the mayor \u2014 said the toll would rise in May") not in found
    assert all(quote.find("\u2014") < 0 for _, quote in found)


@pytest.mark.parametrize("dash", ["\u2015", "\u2014"])
def test_a_dateline_with_a_horizontal_bar(dash: str) -> None:
    text = f"PORTLAND {dash} The harbor master said the toll would rise in May."
    assert _reported(text) == [("The harbor master", "the toll would rise in May")]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("This toll, Ada Lind says, is different.", "This toll, Ada Lind says, is different"),
        (
            "The toll this year, Ada Lind says, is very different from the last one.",
            "The toll this year, Ada Lind says, is very different from the last one",
        ),
    ],
)
def test_a_cue_that_interrupts_its_sentence_reports_all_of_it(sentence: str, content: str) -> None:
    assert _reported(sentence) == [("Ada Lind", content)]


def test_a_participle_after_an_interrupting_cue_is_no_content() -> None:
    assert _reported("Ada Lind spoke, pointing to the ferry.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        '"Yes," Ada Lind said, softly and distinctly.',
        '"What?" Ada Lind answered, not recognizing the ferry.',
    ],
)
def test_a_quotation_then_an_interrupting_cue_reports_no_sentence(sentence: str) -> None:
    assert _reported(sentence) == []
