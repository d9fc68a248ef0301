"""Who speaks a direct quotation: the speaker rules of the quote16 round, one phrasing
each, on sentences written for these tests (none comes from a corpus)."""

from __future__ import annotations

from closeread.analysis import analyze
from closeread.analysis.attribution.engine import Attributor
from closeread.analysis.model import Analysis
from closeread.document import load_text


def _run(text: str) -> Analysis:
    return analyze(load_text(text))


def _quotes(an: Analysis) -> list[tuple[str, str]]:
    return [(c.source_name, c.quote) for c in an.citations if c.kind == "inline_quote"]


def test_name_before_a_role_is_a_modifier_not_the_subject() -> None:
    # "Oakes" opens the clause, but the person the phrase names is Victor Whitlow: a later
    # "he" means him, not the candidate the campaign belongs to.
    an = _run(
        "Senator Mark Oakes held a rally in Dayton on Friday.\n\n"
        "Oakes campaign chairman Victor Whitlow said the crowd was the largest yet. "
        '"We expect to win the county by ten points," he said.'
    )
    assert _quotes(an) == [("Victor Whitlow", "We expect to win the county by ten points,")]


def test_role_before_a_name_makes_it_a_person_for_a_pronoun() -> None:
    # "Kel Varno" has no title and no given name the lexicon knows: the role says it is a
    # person, so "he" goes to him rather than to the expert named earlier.
    an = _run(
        '"The breach was serious," said Dr. Alan Brooke, a security expert.\n\n'
        "Speaking in Oslo, Northern Fisheries Agency spokesman Kel Varno visited the "
        "harbor with the minister.\n\n"
        '"There is nothing to fear," he told reporters.'
    )
    assert _quotes(an)[-1] == ("Kel Varno", "There is nothing to fear,")


def test_role_tells_the_gender() -> None:
    # A spokeswoman is not "he": the pronoun skips her for the man named before.
    an = _run(
        "Governor Tom Reyes spoke in the capital on Monday. The weather was poor.\n\n"
        "Harbor Authority spokeswoman Quilla Marsh said the port would reopen. "
        '"It will take a week," he said.'
    )
    assert _quotes(an) == [("Governor Tom Reyes", "It will take a week,")]


def test_role_between_names_read_from_the_text_alone() -> None:
    text = "But Ortiz campaign senior adviser Lin Pardo said the plan works."
    names = Attributor(text).names(0, len(text), [])
    assert [(n, subject, role) for n, _, subject, role in names] == [
        ("Ortiz", False, ""),
        ("Lin Pardo", True, "?"),
    ]


def test_two_names_without_a_role_between_keep_their_places() -> None:
    # guard (the old code gave no role, so the shape differs): "Victor Whitlow and Lin
    # Pardo" are two people; nothing moves
    text = "Victor Whitlow and Lin Pardo said the plan works."
    names = Attributor(text).names(0, len(text), [])
    assert [(n, subject, role) for n, _, subject, role in names] == [
        ("Victor Whitlow", True, ""),
        ("Lin Pardo", True, ""),
    ]


def test_role_words_boss_and_delegate_before_an_inverted_speaker() -> None:
    an = _run(
        '"The delay costs us a week," said Liberal party boss Orla Quint, though she '
        "expected no harm.\n\n"
        '"This is a show and we are props," said Ohio delegate Brent Fallow, angered by '
        "the vote."
    )
    assert [s for s, _ in _quotes(an)] == ["Orla Quint", "Brent Fallow"]


def test_person_of_an_organisation_is_the_person() -> None:
    # "University", "Institute" made the whole phrase an organisation's name
    an = _run(
        '"The law does not reach that far," said Lionel Ashcombe of the University of '
        "Leeds School of Law."
    )
    [(speaker, _)] = _quotes(an)
    assert speaker == "Lionel Ashcombe"
    src = next(s for s in an.sources if s.name == "Lionel Ashcombe")
    assert "Lionel Ashcombe of the University of Leeds School of Law" in src.aliases


def test_organisation_with_of_stays_an_organisation() -> None:
    # guard: one word before "of" is no person's name
    an = _run('"The rate will hold," said the Bank of Iceland in a statement.')
    assert [s for s, _ in _quotes(an)] == ["The Bank of Iceland"]


def test_pronoun_after_a_tail_means_the_tail_speaker() -> None:
    # The tail's speaker comes after its verb, not at a clause's start: it is still the
    # subject of its clause, so the next "he" means him, not the governor named as the
    # subject of the sentence before.
    an = _run(
        "Governor Hal Brenner vetoed the bill on Monday.\n\n"
        '"It was a mistake to veto it," said Mr. Tobin Kesk, a former aide.\n\n'
        '"The votes were there," he said.'
    )
    assert [s for s, _ in _quotes(an)][-1] == "Mr. Tobin Kesk"


def test_colon_lead_in_with_a_pronoun_and_an_adjective_in_capitals() -> None:
    # "Liberal" names no one: "He" in the lead-in is still sure to mean Halvorsen
    an = _run(
        '"I will back the governor," Tomas Halvorsen wrote on Friday.\n\n'
        "He then listed what he wants from a Liberal nominee in the fall:\n\n"
        '"A record of reform, and a plan for the schools that can pass the assembly."'
    )
    assert [s for s, _ in _quotes(an)] == ["Tomas Halvorsen", "Tomas Halvorsen"]


def test_colon_lead_in_naming_a_second_person_stays_unsure() -> None:
    # guard: "Seeing Mayor Ruth Aldana he said:" names a person besides "he"
    an = _run(
        '"I will back the governor," Tomas Halvorsen wrote on Friday.\n\n'
        "Seeing Mayor Ruth Aldana at the door, he turned and said:\n\n"
        '"A record of reform, and a plan for the schools that can pass the assembly."'
    )
    assert [s for s, _ in _quotes(an)][1:] in ([], [""])


def test_a_pronoun_goes_on_meaning_whom_the_last_one_meant() -> None:
    # The governor's name is far back (past the pronoun's window) when the second "He"
    # comes; the sentence before resolved "he" to him and no man was named since.
    filler = "The roads were closed and the schools stayed shut for the day. " * 22
    text = (
        "Governor Tom Reyes spoke in the capital on Monday. "
        + filler
        + "It rained all day and all night long. He said the new plan would work. "
        + 'He promised "a new bridge by May" to the crowd.'
    )
    assert text.index("He said") < 1500 < text.index("He promised")
    an = _run(text)
    assert _quotes(an) == [("Governor Tom Reyes", "a new bridge by May")]


def test_reply_with_an_inverted_tail_is_not_a_continuation() -> None:
    # The second paragraph opens with a quotation that ends its sentence ("!") and its
    # own tail follows, verb first: it is not Olga Brandt going on.
    an = _run(
        '"It is late," said Olga Brandt.\n\n"Good God! My God!" muttered Peter Lund in a whisper.'
    )
    assert [s for s, _ in _quotes(an)] == ["Olga Brandt", "Peter Lund"]
