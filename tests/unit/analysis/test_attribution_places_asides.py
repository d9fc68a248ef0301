"""Reported speech around places, asides and relative clauses, read since PolNeAR's
held-out splits showed them wrong: a description that ends in a town and its state
("Ada Lind, a teacher from Monsey, New York, said": the state is no speaker), a day's
possessive after the verb ("said Thursday's vote …"), an aside before the reported
clause's "that" ("said, however, that …"), a relative clause's own verb after a
quotation ("…," said Ada Lind, 52, who said …"), and a quotation inside the clause of a
described speaker ("…, and a woman in Portland told him she worries he is "too nice"").

Sentences written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from closeread.analysis import analyze
from closeread.document import load_text


def _found(text: str, kind: str = "paraphrase") -> list[tuple[str, str]]:
    an = analyze(load_text(text))
    return [(c.source_name, c.quote) for c in an.citations if c.kind == kind]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada Lind, a teacher from Monsey, New York, said the toll would rise in May.",
        "Ada Lind, a teacher in Concord, New Hampshire, said the toll would rise in May.",
        "Among the guests was Ada Lind, a teacher from Monsey, New York, who said the toll "
        "would rise in May.",
        "Ada Lind, a teacher from Dayton, Ohio, said the toll would rise in May.",  # guard
    ],
)
def test_a_state_after_a_home_town_is_no_speaker(sentence: str) -> None:
    assert _found(sentence) == [("Ada Lind", "the toll would rise in May")]


def test_a_place_then_which_still_speaks() -> None:  # guard: "which" may be a country
    found = _found("The deal was struck with Canada, which said the toll would rise in May.")
    assert found == [("Canada", "the toll would rise in May")]


def test_a_day_with_a_possessive_opens_the_clause() -> None:
    found = _found("Ada Lind said Thursday's vote would raise the toll in May.")
    assert found == [("Ada Lind", "Thursday's vote would raise the toll in May")]
    # guard: a bare day is a time after the verb
    found = _found("Ada Lind said Thursday the vote would raise the toll in May.")
    assert found == [("Ada Lind", "the vote would raise the toll in May")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada Lind said, however, that the toll would rise in May.",
        "Ada Lind said \u2014 on the radio, as it happens \u2014 that the toll would rise in May.",
        "Ada Lind said Sunday in Dayton, Ohio, that the toll would rise in May.",
        "Ada Lind said on Sunday at a town hall in Monsey, New York, that the toll would rise "
        "in May.",
        "Ada Lind said that the toll would rise in May.",  # guard
    ],
)
def test_an_aside_before_that(sentence: str) -> None:
    assert _found(sentence) == [("Ada Lind", "the toll would rise in May")]


def test_an_aside_that_is_a_cue_of_its_own_keeps_its_clause() -> None:
    found = _found(
        "The records show, she said in an interview, that the port and the city worked "
        "hand in hand on the toll."
    )
    assert ("The records", "the port and the city worked hand in hand on the toll") not in found


def test_after_a_quotation_a_relative_clauses_verb_is_a_head() -> None:
    text = (
        '"It is the only way," said Ada Lind, 52, from Dayton, who said the toll would rise in May.'
    )
    assert _found(text) == [("Ada Lind", "the toll would rise in May")]
    text = '"It is the only way," said Ada Lind, who added that the toll would rise in May.'
    assert _found(text) == [("Ada Lind", "the toll would rise in May")]


def test_a_relative_clause_with_no_clause_to_report_is_no_head() -> None:  # guard
    text = '"It is the only way," said Ada Lind, who endorsed Ben Ode on Tuesday.'
    assert _found(text) == []


def test_a_quotation_in_a_described_speakers_clause_is_theirs() -> None:
    text = (
        "Ben Ode said the toll would rise in May, and a woman in Portland told him she "
        'worries he is "too nice" to fight for the toll.'
    )
    assert _found(text, "inline_quote") == [("a woman in Portland", "too nice")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The attorney general of the state of New York is suing the port, claiming the "
            "toll is a fraud.",
            "The attorney general of the state of New York",
        ),
        (
            "A spokeswoman for Harbor Savings declined to comment, saying the toll is a fraud.",
            "A spokeswoman for Harbor Savings",
        ),
        ("A spokeswoman declined to comment, saying the toll is a fraud.", "A spokeswoman"),
    ],
)
def test_a_roles_organisation_stays_with_it(sentence: str, speaker: str) -> None:
    assert _found(sentence) == [(speaker, "the toll is a fraud")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Ada Lind \u2014 the mayor of Dayton \u2014 said the toll would rise.", "Ada Lind"),
        (
            "Most insiders in the two ports \u2014 Dayton and Monsey \u2014 said the toll "
            "would rise.",
            "Most insiders in the two ports",
        ),
        (
            "Three in five insiders \u2014 and two-thirds of the pilots \u2014 said the toll "
            "would rise.",
            "Three in five insiders",
        ),
    ],
)
def test_an_aside_between_dashes_before_the_verb(sentence: str, speaker: str) -> None:
    assert _found(sentence) == [(speaker, "the toll would rise")]
