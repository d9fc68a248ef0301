"""A reported clause without "that" after verbs that need one of their own (suggest,
argue, …), read since PolNeAR's held-out splits showed them missed: its verb may be a
negative contraction ("hadn't", "couldn't"), and the speaker may be a person's
description whose noun was not known as a speaker's ("The star noted …").

Sentences written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from closeread.analysis import analyze
from closeread.document import load_text


def _reported(text: str) -> list[tuple[str, str]]:
    an = analyze(load_text(text))
    return [(c.source_name, c.quote) for c in an.citations if c.kind == "paraphrase"]


@pytest.mark.parametrize("verb", ["hadn't", "couldn't", "wouldn't", "hasn't", "haven't"])
def test_a_negative_contraction_makes_a_clause(verb: str) -> None:
    text = f"Ada Lind suggested the port {verb} raised the toll in May."
    assert _reported(text) == [("Ada Lind", f"the port {verb} raised the toll in May")]


@pytest.mark.parametrize(
    ("speaker", "shown"),
    [
        ("The star", "The star"),
        ("The columnist", "The columnist"),
        ("The pollster", "The pollster"),
        ("The spokeswoman", "The spokeswoman"),  # guard: known before
    ],
)
def test_a_description_of_a_person_speaks(speaker: str, shown: str) -> None:
    text = f"{speaker} noted harbor fees have doubled since May."
    assert _reported(text) == [(shown, "harbor fees have doubled since May")]


def test_a_thing_does_not_speak() -> None:  # guard
    assert _reported("The storm noted harbor fees have doubled since May.") == []


def test_at_least_opens_a_clause_not_an_adjunct() -> None:
    text = (
        "Friday morning, as the boats came in, the harbor master reported at least six "
        "ships had lost their nets."
    )
    assert _reported(text) == [("The harbor master", "at least six ships had lost their nets")]


def test_the_person_told_may_be_described_at_length() -> None:
    text = "Ada Lind told a crowded hall at a hotel in downtown Dayton that the toll would rise."
    assert _reported(text) == [("Ada Lind", "the toll would rise")]


@pytest.mark.parametrize(
    "sentence",
    [
        "But the new report demonstrates the peril the port still faces.",
        "The IG report cited no evidence that the port raised the toll.",
        "A single report of a signal gun followed, and the troops moved.",
    ],
)
def test_a_singular_noun_phrase_then_report_is_a_noun(sentence: str) -> None:
    sources = {name for name, _ in _reported(sentence)}
    assert not sources & {"The new", "IG", "A single"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The officials report that the toll will rise.",
        "The mayor and the governor report that the toll will rise.",
    ],
)
def test_plural_subjects_still_report(sentence: str) -> None:  # guard
    assert [quote for _, quote in _reported(sentence)] == ["the toll will rise"]


def _quoted(text: str) -> list[tuple[str, str]]:
    an = analyze(load_text(text))
    return [(c.source_name, c.quote) for c in an.citations if c.kind == "inline_quote"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"The toll will rise," said Harbor Radio co-host Ada Lind.', "Ada Lind"),
        ('"The toll will rise," wrote the authors.', "The authors"),
        (
            '"The toll will rise," the bespectacled, 71-year-old diplomat said.',
            "71-year-old diplomat",
        ),
    ],
)
def test_speakers_after_a_quotation(sentence: str, speaker: str) -> None:
    assert _quoted(sentence) == [(speaker, "The toll will rise,")]


def test_listed_adjectives_in_an_appositive_do_not_speak() -> None:  # guard
    assert _reported("Ada Lind, a tall, quiet teacher said the toll would rise.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "One of the central claims of the mayor's speech does not stand up to scrutiny.",
        "The latest delay adds to the drama that has surrounded the toll for a year.",
    ],
)
def test_nouns_and_non_speech_uses_of_verbs(sentence: str) -> None:
    assert _reported(sentence) == []


def test_added_to_a_named_outlet_still_speaks() -> None:  # guard
    found = _quoted('"The toll will rise," Ada Lind added to Harbor Radio.')
    assert found == [("Ada Lind", "The toll will rise,")]
