"""Reported speech in headlines ("Reyes Says The Ferry Will Run All Winter", "Lind: …") and
speakers' noun phrases read since PolNeAR's held-out splits showed them missed: a noun
ending in "-ly" ("His family says"), a share of a group ("Many at the rally", "At least
half of …"), people described by what they know, "today", a sentence-opening "Even".

Sentences written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from closeread.analysis import analyze
from closeread.analysis.model import Analysis
from closeread.document import load_text

BODY = (
    "Mayor Jo Reyes spoke to reporters at the harbor on Monday about the ferry and its "
    "winter timetable, and Reyes said the council would vote on the toll next week."
)


def _reported(text: str) -> list[tuple[str, str]]:
    an: Analysis = analyze(load_text(text))
    return [(c.source_name, c.quote) for c in an.citations if c.kind == "paraphrase"]


def _headline(title: str) -> list[tuple[str, str]]:
    """What the headline ``title`` of an article reports (the body's own citation left out).
    The headline is the article's first paragraph, as news copy has it ("….") and as a
    heading inside a text would be: a document's title block cites nothing (it is shown in
    the header, as metadata)."""
    text = f"{title}.\n\n{BODY}\n"
    end = len(title)
    an = analyze(load_text(text))
    return [
        (c.source_name, c.quote) for c in an.citations if c.kind == "paraphrase" and c.start < end
    ]


@pytest.mark.parametrize(
    ("title", "speaker", "content"),
    [
        (
            "Reyes Says The Ferry Will Run All Winter",
            "Mayor Jo Reyes",
            "The Ferry Will Run All Winter",
        ),
        (
            "After The Storm, Governor Ada Lind Said The Bridge Was Safe",
            "Governor Ada Lind",
            "The Bridge Was Safe",
        ),
        # an adverb between the speaker and the verb; "To" before what was vowed
        (
            "Harbor Council Chief Just Vowed To Keep The Toll Low",
            "Harbor Council Chief",
            "Keep The Toll Low",
        ),
        # what was said stops at a capitalised conjunction, a comma or a dash
        ("Reyes Warns Tolls Will Rise As Ferry Use Falls", "Mayor Jo Reyes", "Tolls Will Rise"),
        ("Reyes Admits Toll Was Too High, Promises Refund", "Mayor Jo Reyes", "Toll Was Too High"),
        ("Reyes Says Winter Is Coming - And Ferries Too", "Mayor Jo Reyes", "Winter Is Coming"),
        # a live blog's entry, its time glued to the speaker
        (
            "February 6, 2016 9:52PMReyes Says The Ferry Will Run",
            "Mayor Jo Reyes",
            "The Ferry Will Run",
        ),
        # a bare verb agrees with a plural speaker
        ("Ferry Riders Say The Toll Is Too High", "Ferry Riders", "The Toll Is Too High"),
    ],
)
def test_a_title_cased_headline_reports_what_its_speaker_says(
    title: str, speaker: str, content: str
) -> None:
    assert _headline(title) == [(speaker, content)]


@pytest.mark.parametrize(
    "title",
    [
        "Reyes May Not Have Said The Toll Was Unfair",  # hedged: no claim reported
        "Reyes Launches Bold Warning To Council",  # "Warning" is a noun
        "Reyes Slams Council Over Ferry Toll",  # a verb with an object, not a clause
        "The Man Who Says Too Much",  # a book's title
    ],
)
def test_a_headline_that_reports_no_claim_by_its_speaker(title: str) -> None:
    assert _headline(title) == []


def test_a_documents_title_block_cites_nothing() -> None:
    an = analyze(load_text(f"Reyes Says The Ferry Will Run All Winter\n\n{BODY}\n"))
    assert [c.quote for c in an.citations] == ["the council would vote on the toll next week"]


def test_a_headline_with_a_speakers_label_names_someone_the_article_names() -> None:
    assert _headline("Reyes: The Ferry Toll Must Go") == [
        ("Mayor Jo Reyes", "The Ferry Toll Must Go")
    ]


def test_a_label_in_the_body_must_speak_later_and_a_long_label_is_no_name() -> None:
    text = f"Ferry news.\n\n{BODY}\n\nHarbor Lights: the ferry toll must go, at last.\n"
    assert not [r for r in _reported(text) if r[1].startswith("the ferry toll must go")]
    long_label = (
        "Ferry Riders Debunk Lind: Only One Toll Was Raised.\n\n"
        "The governor, Ada Lind, had promised that no toll would rise this year.\n"
    )
    assert not [r for r in _reported(long_label) if r[1].startswith("Only One Toll")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("His family says the police had lied about the crash.", "His family"),
        ("The Lind family said the police had lied about the crash.", "The Lind family"),
        ("Many at the rally said they would vote against the toll.", "Many at the rally"),
        (
            "At least half of the voters in each town say the toll is too high.",
            "At least half of the voters in each town",
        ),
        ("People briefed on the talks said the deal was close.", "People briefed on the talks"),
        ("The mayor today said the bridge would open in May.", "The mayor"),
        (
            "Even the organizer of the rally said the route was too narrow.",
            "The organizer of the rally",
        ),
        (
            "Sailors and even some engineers say the ferry is unsafe in winter.",
            "Sailors and even some engineers",
        ),
    ],
)
def test_speakers_noun_phrases(sentence: str, speaker: str) -> None:
    assert [name for name, _ in _reported(f"A harbor story.\n\n{sentence}\n")] == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbor master said nothing more to the pilot.",
        "The harbor master said something to the pilot in French and left.",
        "The harbor master said nothing; she looked at the storm.",
    ],
)
def test_words_left_unsaid_are_not_reported_speech(sentence: str) -> None:
    assert _reported(f"A harbor story.\n\n{sentence}\n") == []


def test_a_clause_with_nothing_for_its_subject_is_reported() -> None:  # (guard)
    assert _reported("A harbor story.\n\nThe harbor master said nothing had changed.\n") == [
        ("The harbor master", "nothing had changed")
    ]


def test_the_speaker_who_said_nothing_still_does_what_follows() -> None:
    text = (
        "A harbor story.\n\nWhen the reading of the long report was over, the harbor master "
        "said nothing, and she spent the evening with the pilots, telling them what the "
        "council had decided.\n"
    )
    assert _reported(text) == [("The harbor master", "what the council had decided")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Harbor Gazette's Mina Ode asked the mayor whether the toll was fair.", "Mina Ode"),
        ("And Maine's Jo Lind said the ferry would run all winter.", "Jo Lind"),
        ("The mayor's aide said the ferry would run all winter.", "The mayor's aide"),  # (guard)
    ],
)
def test_a_person_named_after_an_outlets_or_a_places_possessive_speaks(
    sentence: str, speaker: str
) -> None:
    assert [name for name, _ in _reported(f"A harbor story.\n\n{sentence}\n")] == [speaker]


def test_a_conjunction_after_a_quotation_opens_a_new_speakers_clause() -> None:
    an = analyze(
        load_text(
            'A harbor story.\n\nThe pilot called the toll "a tax on islanders" and Mayor Jo '
            'Reyes says it is "paying for the new ferry," a view the council shares.\n'
        )
    )
    found = [(c.kind, c.source_name, c.quote) for c in an.citations]
    assert ("inline_quote", "Mayor Jo Reyes", "paying for the new ferry,") in found
    assert not [f for f in found if f[0] == "paraphrase" and "pilot" in f[2]]


def test_a_quotation_then_as_its_speaker_said_is_its_tail() -> None:  # (guard)
    an = analyze(
        load_text(
            'A harbor story.\n\nThe toll is "a tax on islanders," as Mayor Jo Reyes said on '
            "Monday.\n"
        )
    )
    assert [(c.source_name, c.quote) for c in an.citations if c.kind == "inline_quote"] == [
        ("Mayor Jo Reyes", "a tax on islanders,")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Walking to the next pier, Ada Lind reminisced about her days on the ferry.",
        "Behind the scenes, trusted aides have talked with the council about the toll.",
    ],
)
def test_a_phrase_before_a_comma_and_a_speaker_is_not_what_was_said(sentence: str) -> None:
    assert _reported(f"A harbor story.\n\n{sentence}\n") == []


def test_a_clause_after_an_opening_phrase_is_still_a_tail() -> None:  # (guard)
    assert _reported("A harbor story.\n\nIn the end the toll will fall, Ada Lind said.\n") == [
        ("Ada Lind", "In the end the toll will fall")
    ]


def test_a_sentence_opening_and_after_a_quotation_keeps_its_speaker() -> None:  # (guard)
    an = analyze(
        load_text(
            "A harbor story.\n\n“Don\u2019t, Tomas! You are such a diplomat,” said Mira Lind. “Why "
            "does the ferry leave so early?” And she added, turning to the pilot, “You never "
            "wait for anyone.”\n"
        )
    )
    assert {c.source_name for c in an.citations if c.kind == "inline_quote"} == {"Mira Lind"}
