"""The attribution rules, one phrasing each, on sentences written for these tests.

Each case is one of the patterns issue 9 lists (partial quotes, continued quotes, colons,
quotes over several paragraphs, '' marks, titles and scare quotes, inverted speakers with
titles, common-noun and organisation speakers, pronouns resolved or left unnamed, reported
speech in its usual forms). None of these texts comes from a corpus.
"""

from __future__ import annotations

import pytest

from closeread.analysis import analyze
from closeread.analysis.attribution.entities import name_after
from closeread.analysis.model import Analysis
from closeread.document import load_text


def _run(text: str) -> Analysis:
    return analyze(load_text(text))


def _quotes(an: Analysis) -> list[tuple[str, str]]:
    return [(c.source_name, c.quote) for c in an.citations if c.kind == "inline_quote"]


def _reported(an: Analysis) -> list[tuple[str, str]]:
    return [(c.source_name, c.quote) for c in an.citations if c.kind == "paraphrase"]


def _aliases(an: Analysis, name: str) -> list[str]:
    src = next(s for s in an.sources if s.name == name)
    return [src.name, *src.aliases]


def test_partial_quote_inside_reported_speech() -> None:
    an = _run(
        "Mayor Lena Brandt spoke to the council on Monday. She called the budget plan "
        'a "very careless and shortsighted document" and left early.'
    )
    assert _quotes(an) == [("Mayor Lena Brandt", "very careless and shortsighted document")]


def test_quote_continues_after_the_attribution() -> None:
    an = _run(
        '"We will open the library in May," Councilman Ravi Patel told reporters in the '
        'lobby. "The funding is finally in place."'
    )
    assert [s for s, _ in _quotes(an)] == ["Councilman Ravi Patel"] * 2


def test_quote_split_by_its_attribution() -> None:
    an = _run('"The port is safe," said Harbor Chief Ines Moreau, "and it will stay open."')
    assert _quotes(an) == [
        ("Harbor Chief Ines Moreau", "The port is safe,"),
        ("Harbor Chief Ines Moreau", "and it will stay open."),
    ]


def test_colon_and_name_colon_introduce_quotes() -> None:
    an = _run(
        'The minister, Tomas Varga, was blunt: "Nobody will lose a pension."\n\n'
        'Nadia Okafor, Riverside Radio: "The vote was never in doubt."'
    )
    assert [s for s, _ in _quotes(an)] == ["Tomas Varga", "Nadia Okafor"]


def test_quote_over_several_paragraphs() -> None:
    an = _run(
        'Dr. Amara Chen, who led the study, described the results. "We tested the water in '
        "forty wells over three years.\n\n"
        '"Half of them were above the limit."'
    )
    assert [s for s, _ in _quotes(an)] == ["Dr. Amara Chen", "Dr. Amara Chen"]


def test_two_apostrophes_as_quotation_marks() -> None:
    an = _run("''The bridge will be finished in June,'' Mr. Ortega said.")
    assert _quotes(an) == [("Mr. Ortega", "The bridge will be finished in June,")]


def test_titles_nicknames_and_scare_quotes_are_not_quotations() -> None:
    an = _run(
        'She appeared on the show "Morning Desk" on Sunday. Critics call him "Lucky Jim." '
        'The so-called "reform" has stalled.'
    )
    assert _quotes(an) == []


def test_inverted_speaker_with_a_title_is_the_name() -> None:
    an = _run('"It is a mistake," said Sen. Ruth Calloway, R-Ore., after the vote.')
    assert _quotes(an) == [("Sen. Ruth Calloway", "It is a mistake,")]
    assert "Ruth Calloway" in _aliases(an, "Sen. Ruth Calloway")


def test_common_noun_and_organisation_speakers() -> None:
    an = _run(
        '"The delays are regrettable," a transit spokesman said.\n\n'
        "The agency said the new schedule would start in March."
    )
    assert _quotes(an) == [("a transit spokesman", "The delays are regrettable,")]
    assert _reported(an) == [("The agency", "the new schedule would start in March")]


def test_pronoun_takes_the_last_person_named_who_fits() -> None:
    an = _run(
        "Governor Maria Lopez met the farmers on Tuesday. Her aide, Paul Greene, stayed "
        'outside. "The drought aid will come this month," she said.'
    )
    assert _quotes(an) == [("Governor Maria Lopez", "The drought aid will come this month,")]


def test_ambiguous_pronoun_is_left_unnamed() -> None:
    an = _run(
        "Rowan Ellery and Sasha Quinlan argued about the plan at the meeting. "
        '"It will never pass," they said.'
    )
    assert [s for s, _ in _quotes(an)] == [""]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Inspector Hal Brody said that the fire started in the kitchen.",
            "Inspector Hal Brody",
            "the fire started in the kitchen",
        ),
        (
            "The fire started in the kitchen, Inspector Hal Brody said.",
            "Inspector Hal Brody",
            "The fire started in the kitchen",
        ),
        (
            "According to the fire department, the blaze started in the kitchen.",
            "the fire department",
            "the blaze started in the kitchen",
        ),
        (
            "Inspector Hal Brody told reporters the fire started in the kitchen.",
            "Inspector Hal Brody",
            "the fire started in the kitchen",
        ),
        (
            "In a statement, the county warned that more storms would follow this week.",
            "the county",
            "more storms would follow this week",
        ),
    ],
)
def test_reported_speech_forms(text: str, speaker: str, content: str) -> None:
    reported = _reported(_run(text))
    assert len(reported) == 1
    name, span = reported[0]
    assert name.lower() == speaker.lower()
    assert span == content


def test_tail_of_a_quote_is_not_reported_speech() -> None:
    an = _run('"We are ready," the coach said in a statement on Friday.')
    assert _reported(an) == []
    assert [(s.lower(), q) for s, q in _quotes(an)] == [("the coach", "We are ready,")]


def test_reported_clause_not_cut_at_an_abbreviation() -> None:
    an = _run("Officials said the talks with the U.S. delegation would resume in Geneva.")
    assert _reported(an) == [
        ("Officials", "the talks with the U.S. delegation would resume in Geneva")
    ]


def test_speakers_merge_by_referent_not_by_surname_alone() -> None:
    an = _run(
        'Nora Whitfield, the state treasurer, spoke first. "We are solvent," Whitfield said.\n\n'
        'Later Daniel Whitfield, her cousin, disagreed. "We are not," Daniel Whitfield said.'
    )
    names = [s for s, _ in _quotes(an)]
    assert names[0] != names[1]
    assert {n.split()[0] for n in names} == {"Nora", "Daniel"}


def test_speaker_described_by_age_and_home_town() -> None:
    an = _run(
        "Marta Quinlan, 61, of Dunmore, Pa., said the new bridge ''saves every family in "
        "the valley an hour a day.''"
    )
    assert _quotes(an) == [("Marta Quinlan", "saves every family in the valley an hour a day.")]


def test_quote_in_a_sentence_about_its_speaker() -> None:
    an = _run(
        "Governor Alma Reyes toured the flooded district. In a speech on Friday, Reyes "
        'attacked "the slow and careless response of the federal agencies" again.'
    )
    assert _quotes(an) == [
        ("Governor Alma Reyes", "the slow and careless response of the federal agencies")
    ]


def test_a_weekday_is_never_a_speaker() -> None:
    an = _run(
        'On Tuesday\'s episode of "Morning Talk," the senator said she would "keep the '
        'promise we made to the valley." "We will," Senator Dana Holt said.'
    )
    names = {s for s, _ in _quotes(an)}
    assert not any("Tuesday" in n for n in names)
    assert "Senator Dana Holt" in names


def test_a_colon_lead_in_quote_ends_where_the_reporter_quotes_again() -> None:
    an = _run(
        "The plan is easy to state. You can sum it up in ten words:\n\n"
        "Save a third, borrow a third, and pay a third from income.\n\n"
        "Harsh? He does not think so. ''Most families can do far more than they "
        "believe,'' the adviser Tomas Berg said.\n"
    )
    block = [c for c in an.citations if c.kind == "block_quote"]
    assert [c.quote for c in block] == [
        "Save a third, borrow a third, and pay a third from income."
    ]
    assert ("Tomas Berg", "Most families can do far more than they believe,") in _quotes(an)


def test_a_second_speaker_takes_the_quotation_after_his_own_cue() -> None:
    an = _run(
        "When Senator Ruth Ames noted that the mayor had paid no tax for years, Mayor Leo "
        "Kranz boasted, \u201cThat makes me careful.\u201d"
    )
    assert ("Mayor Leo Kranz", "That makes me careful.") in _quotes(an)
    assert [s for s, _ in _reported(an)] == ["Senator Ruth Ames"]


def test_reported_speech_inside_reported_speech_belongs_to_the_outer_report() -> None:
    an = _run(
        "Governor Ana Ruiz said at a rally in Toledo that Senator Paul Greer once described "
        'the port treaty as "the gold standard" of trade deals.'
    )
    assert [s for s, _ in _reported(an)] == ["Governor Ana Ruiz"]
    assert _reported(an)[0][1].startswith("Senator Paul Greer once described")


def test_a_book_title_with_a_colon_is_not_a_speaker() -> None:
    an = _run(
        "Her aide, Tom Reyes, recalled the president talking about "
        '"Drift: How Nations Lose Their Way," a best seller about decline.'
    )
    assert not any(s.startswith("Drift") for s, _ in _quotes(an))


def test_an_outlet_before_a_possessive_is_not_part_of_the_name() -> None:
    an = _run(
        "Turnout will not change much, noted the Gazette's Mara Olsen in a column. "
        '"Most voters have made up their minds," she wrote.'
    )
    assert not any("Gazette" in s for s, _ in _quotes(an))


def test_a_short_quotation_after_a_verb_of_naming_is_the_subjects() -> None:
    an = _run(
        "At a rally on Friday, Governor Ina Holm likened the new tax to a \u201cslow leak\u201d "
        "in every family budget."
    )
    assert _quotes(an) == [("Governor Ina Holm", "slow leak")]


def test_an_authors_scare_quote_far_from_any_verb_stays_unattributed() -> None:
    an = _run(
        "It should worry everyone that the council still insists on blocking the harbour "
        "plan toward its goal of \u201cfull control,\u201d which nobody voted for."
    )
    assert not [s for s, _ in _quotes(an) if s]


def test_a_question_mark_before_a_quotation_is_not_a_web_address() -> None:
    an = _run('Why the sudden change? "The voters are deciding now," Baker said.')
    assert _quotes(an) == [("Baker", "The voters are deciding now,")]


def test_a_person_named_with_a_place_after_of() -> None:
    an = _run(
        '"This is a waste of time," said Del. Stacey Quill of the Harbor Islands. '
        '"It hurts the committee."'
    )
    assert {s for s, _ in _quotes(an)} == {"Del. Stacey Quill"}


def test_a_capitalised_common_word_is_not_a_speaker() -> None:
    an = _run(
        "Good data are easy to read. Data should also be comprehensible (also called "
        '"human readable") by the people who share the data.'
    )
    assert not any(s == "Data" for s, _ in _quotes(an))


def test_a_question_then_its_speaker_in_the_next_sentence() -> None:
    an = _run(
        'Senator Lena Ruiz pressed the bank. "Every time you say that," Ruiz said. '
        '"Why is this not proof that the bank is too big to manage?" Orr demanded.'
    )
    assert ("Orr", "Why is this not proof that the bank is too big to manage?") in _quotes(an)


def test_a_one_word_quotation_opening_the_sentence_is_no_title() -> None:
    an = _run(
        "The mayor spoke at the opening. ''Hopefully,'' the mayor said, ''this library "
        "can help us listen to each other.''"
    )
    assert ("The mayor", "this library can help us listen to each other.") in _quotes(an)


def test_a_sentence_of_quotation_after_one_about_a_named_person() -> None:
    an = _run(
        'On "Face the Nation," Sen. Rosa Vidal (Ore.), who lost the primary, named '
        "exhaustion with bigotry as a reason to vote. "
        '"The younger people are more than any generation sick and tired of racism."'
    )
    quote = "The younger people are more than any generation sick and tired of racism."
    assert _quotes(an) == [("Sen. Rosa Vidal", quote)]


def test_a_role_before_a_name_is_kept_as_an_alias() -> None:
    an = _run(
        "Italian Prime Minister Marco Fella said the summit had failed. "
        '"It did too little," he added on Twitter.'
    )
    aliases = _aliases(an, "Italian Prime Minister Marco Fella")
    assert "Prime Minister Marco Fella" in aliases
    assert "Marco Fella" in aliases


def test_a_passive_verb_has_no_speaker() -> None:
    an = _run(
        "The registration issue was first reported by The Harbor Post on Monday, and the "
        "newspaper has followed it since."
    )
    assert not [s for s, _ in _reported(an) if s.startswith("The registration")]


def test_reported_speech_is_not_cut_at_an_abbreviation() -> None:
    an = _run(
        "The Harbor Ledger would report in its article that:\n\n"
        "The administration has said that the inspections were routine, but in October we "
        "reported evidence indicating that U.S. agents were aware of the shipments in 2011.\n"
    )
    assert any(q.endswith("aware of the shipments in 2011.") for _, q in _reported(an))


def test_an_opening_adjective_is_no_speaker() -> None:
    an = _run(
        "Chastened by the costs, Governor Ann Pike revised her plan, promising to focus "
        "its benefits on families with children and on nurses."
    )
    assert [s for s, _ in _reported(an)] == ["Governor Ann Pike"]


def test_a_place_that_spoke_is_never_he_or_she() -> None:
    an = _run(
        "Kenya said on Monday that the border would reopen. Minister Tom Odera visited "
        'the crossing. "We will keep it open," he said.'
    )
    assert _quotes(an) == [("Minister Tom Odera", "We will keep it open,")]
    an = _run('Kenya said on Monday that the border would reopen. "We will keep it open," he said.')
    assert [s for s, _ in _quotes(an)] == [""]  # no person to mean: unnamed, not "Kenya"


def test_a_surname_that_is_also_a_place_stays_the_person() -> None:
    an = _run(
        "Senator Ruth Georgia toured the plant. Georgia said the jobs would stay. "
        '"They are safe," she said.'
    )
    assert _quotes(an) == [("Senator Ruth Georgia", "They are safe,")]


def test_a_pronoun_after_an_opening_time_phrase_speaks() -> None:
    an = _run(
        "Mayor Ida Crane answered questions for an hour. At the town hall this week she "
        "said she did not believe the plan had failed."
    )
    assert _reported(an) == [("Mayor Ida Crane", "she did not believe the plan had failed")]


def test_a_reflexive_after_the_speaker_is_skipped() -> None:
    an = _run("Dunmore Mills itself said the new contract was signed in June.")
    assert _reported(an) == [("Dunmore Mills", "the new contract was signed in June")]


def test_an_expressive_verb_after_a_quotation_names_its_speaker() -> None:
    an = _run(
        'The vote split the council. "If they were serious, they would have come to us," '
        "Halvorsen fumed on Tuesday."
    )
    assert _quotes(an) == [("Halvorsen", "If they were serious, they would have come to us,")]


@pytest.mark.parametrize(
    "speaker",
    [
        "Almost half of respondents",
        "About four out of 10 voters",
        "Nine in 10",
        "Sixty-six percent",
        "People familiar with the talks",
        "Springfield police",
    ],
)
def test_shares_of_a_group_and_unnamed_sources_speak(speaker: str) -> None:
    an = _run(f"{speaker} said the new bridge would cost too much.")
    assert _reported(an) == [(speaker, "the new bridge would cost too much")]


def test_it_said_means_the_organisation_that_spoke_just_before() -> None:
    an = _run(
        "The Harbor Authority said on Monday that the pier would stay closed for repairs. "
        "It said the inspectors had found rot in most of the beams."
    )
    # (the organisation's name without its article, as "The Riverside Tribune" is shown)
    assert ("Harbor Authority", "the inspectors had found rot in most of the beams") in (
        _reported(an)
    )


def test_an_inverted_role_of_several_words_gives_way_to_the_name() -> None:
    an = _run(
        "The mill is under heavy pressure from imports, said the company's chief executive, "
        "Dora Vance."
    )
    assert [s for s, _ in _reported(an)] == ["Dora Vance"]


def test_a_source_close_to_someone_speaks() -> None:
    an = _run("The senator will change how he works with others, a source close to him said.")
    assert _reported(an) == [
        ("a source close to him", "The senator will change how he works with others")
    ]


def test_a_paragraph_labelled_with_its_speaker() -> None:
    an = _run(
        "Dana Whitlock: I would consider a run for governor.\n\n"
        "Dana Whitlock, who owns the team, said on Tuesday that she might run.\n\n"
        "HOST: Do you think the plan will pass? WHITLOCK: I think it has a fair chance.\n\n"
        "Q: Why now? A: Because the county needs it.\n"
    )
    got = _reported(an)
    assert ("Dana Whitlock", "I would consider a run for governor") in got
    assert ("Host", "Do you think the plan will pass") in got
    assert ("Dana Whitlock", "I think it has a fair chance") in got
    assert ("A", "Because the county needs it") in got


def test_run_in_headings_are_not_speakers() -> None:
    an = _run(
        "Update: The story was changed on Friday to add the mayor's reply.\n\n"
        "Retirement accounts: Two years ago the council proposed a plan for its workers.\n"
    )
    assert _reported(an) == []


def test_a_book_heading_is_no_speaker() -> None:
    an = _run("BOOK NINE: 1812\n\nCHAPTER I\n\nThe winter came early that year and stayed.\n")
    assert _reported(an) == []


def test_it_means_a_named_subject_no_one_showed_to_be_a_person() -> None:
    an = _run(
        "Norvale, which also builds routers, is now taking orders for its laptops. It "
        "claims that the new firmware boots the machines much faster."
    )
    assert _reported(an) == [("Norvale", "the new firmware boots the machines much faster")]


def test_indirect_questions_are_reported_speech() -> None:
    an = _run(
        "Last month, reporter Alma Reyes asked Senator Ode whether his age was fair game in "
        "the race.\n\n"
        "Senator Ode spoke for an hour. Asked on Monday whether he would run again, he "
        "smiled and left the room.\n"
    )
    got = _reported(an)
    assert ("Alma Reyes", "whether his age was fair game in the race") in got
    assert ("Senator Ode", "whether he would run again") in got


def test_a_clause_with_a_contracted_or_past_verb_after_told() -> None:
    an = _run("Mayor Joyce Lin told the Ledger she's not planning an appeal of the ruling.")
    assert _reported(an) == [("Mayor Joyce Lin", "she's not planning an appeal of the ruling")]


@pytest.mark.parametrize(
    ("tail", "speaker"),
    [
        ("said a Danish official who was not allowed to speak publicly", "a Danish official"),
        ("said the base chief known as Rook, speaking for the first time", "the base chief"),
        ("said undecided voter Ama Hollis of Derry", "Ama Hollis"),
        ("remembered Tove Lund, the firm's former spokeswoman", "Tove Lund"),
    ],
)
def test_inverted_speakers_described_at_length(tail: str, speaker: str) -> None:
    an = _run(f'The plant closed in May. "There never was an order to stop," {tail}.')
    assert [s.lower() for s, _ in _quotes(an)] == [speaker.lower()]


def test_a_verb_inside_a_compound_word_is_no_cue() -> None:
    an = _run(
        "The bill went to Rep. Dale Orr, a senior member of the tax-writing Ways and Means "
        "Committee, on Monday."
    )
    assert _reported(an) == []


def test_a_contracted_subject_and_a_that_inside_the_reported_clause() -> None:
    an = _run(
        "Senator Ruth Ames spoke first. While she's said she'll fight to the end, the party "
        "must decide soon.\n\n"
        "Mayor Len Ortiz said it's unrealistic to think that the bridge will open this year.\n"
    )
    got = _reported(an)
    assert any(s == "Senator Ruth Ames" and q.startswith("she'll fight") for s, q in got)
    assert (
        "Mayor Len Ortiz",
        "it's unrealistic to think that the bridge will open this year",
    ) in got


def test_labels_before_quotations_name_their_speakers() -> None:
    an = _run(
        "Senator Jo Reyes and Governor Al Brandt disagree on the dam.\n\n"
        'Reyes: "Our goal is to repair the dam, not to replace it." Brandt: "The dam must '
        'go before it fails."\n\n'
        "Reyes said on Monday that she would vote against the plan. Brandt said nothing.\n"
    )
    assert _quotes(an) == [
        ("Senator Jo Reyes", "Our goal is to repair the dam, not to replace it."),
        ("Governor Al Brandt", "The dam must go before it fails."),
    ]


def test_and_he_after_a_sentence_about_a_person_tells_the_gender() -> None:
    text = (
        "Our own [Don Watt][3] asked if the firmware will ship on other laptops.\n\n"
        "Orrin Velasquez, a developer based in Quebec, is convinced the world's supply chain "
        "will collapse before 2030. And he's worried that most [tiny computers will be "
        "lost][5] due to \"a very complex supply chain that we won't be able to achieve "
        'again for decades."\n\n'
        "[3]: https://example.org/don\n[5]: https://example.org/lost\n"
    )
    an = analyze(load_text(text, fmt="markdown"))
    assert [s for s, _ in _quotes(an)] == ["Orrin Velasquez"]


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("Suddenly Tomas Varga", "Tomas Varga"),  # an adverb in -ly
        ("Sometimes Ilse Brandt", "Ilse Brandt"),  # a listed opening word
        ("Beside her Oskar Lind", "Oskar Lind"),
        ("Thursdays Mayor Ines Roth", "Mayor Ines Roth"),  # a plural weekday
        ("In Vienna Colonel Anton Brehm", "Colonel Anton Brehm"),  # a place after "In"
        ("Emily Stroud", "Emily Stroud"),  # a given name in -ly stays
    ],
)
def test_an_opening_word_or_place_is_not_part_of_the_speakers_name(
    opening: str, speaker: str
) -> None:
    an = _run(f'{opening} stood up. "The bridge will hold," {opening.split()[-1]} said.')
    assert _quotes(an) == [(speaker, "The bridge will hold,")]


def test_a_place_after_a_preposition_is_not_part_of_the_next_name() -> None:
    an = _run(
        "Ada Moreno had the letter for a week. On hearing that he was going to Boston Ada "
        'Moreno laughed. "Good luck to him," Moreno said.'
    )
    assert [s for s, _ in _quotes(an)] == ["Ada Moreno"]
    # After "the", a place opens a name of its own: "the Boston Globe" keeps it.
    text = "It was reported in the Boston Globe on Monday."
    assert name_after(text, text.index("Boston"), len(text)) == (
        text.index("Boston"),
        "Boston Globe",
    )


@pytest.mark.parametrize(
    ("tail", "speaker"),
    [
        ("the company tweeted", "The company"),
        ("the letter read", "The letter"),
        ("a staffer in the room wondered", "a staffer in the room"),
        ("the ministry replied", "The ministry"),
    ],
)
def test_any_noun_phrase_may_speak_with_a_verb_of_saying(tail: str, speaker: str) -> None:
    an = _run(f'"We will not sign this agreement in its present form," {tail}.')
    assert _quotes(an) == [(speaker, "We will not sign this agreement in its present form,")]


@pytest.mark.parametrize(
    "speaker", ["a senior Cruz adviser", "a White House spokesman", "a senior Trump campaign aide"]
)
def test_an_inverted_speaker_with_a_name_among_its_modifiers(speaker: str) -> None:
    an = _run(f'"The count will take a week," said {speaker}. "Nobody should expect more."')
    assert _quotes(an) == [
        (speaker, "The count will take a week,"),
        (speaker, "Nobody should expect more."),
    ]


def test_another_or_each_opens_a_speakers_noun_phrase() -> None:
    an = _run('Another commenter said, "We all know how she feels about the police."')
    assert _quotes(an) == [("Another commenter", "We all know how she feels about the police.")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Two in three said they would vote again in November.", "Two in three"),
        ("Most of the workers said they had loved the factory.", "Most of the workers"),
        ("The road was closed for three hours on Friday, police said.", "police"),
        (
            "Nine in 10 Green registered voters say they will back the tram plan.",
            "Nine in 10 Green registered voters",
        ),
        (
            "They trust her on transport - 60 percent of riders said she would fix the buses.",
            "60 percent of riders",
        ),
        (
            "More than half of respondents in the Ledger/Coast poll said the tolls were too high.",
            "More than half of respondents in the Ledger/Coast poll",
        ),
    ],
)
def test_shares_of_a_group_and_collective_nouns_report_speech(sentence: str, speaker: str) -> None:
    assert [s for s, _ in _reported(_run(sentence))] == [speaker]


def test_a_text_speaking_of_itself_is_no_source() -> None:
    an = _run("To give some background, this section describes how other languages do it.")
    assert _reported(an) == []
    an = _run("Greenberg's research suggests that moderate voters might cross party lines.")
    assert [s for s, _ in _reported(an)] == ["Greenberg's research"]


def test_a_function_word_in_s_is_no_plural_speaker() -> None:
    an = _run("This plan targets the spring, as suggested by Guido.")
    assert [s for s, _ in _reported(an)] == ["Guido"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "A county fire official familiar with the inquiry said that the alarm had failed.",
            "A county fire official familiar with the inquiry",
        ),
        (
            "Staff for the Harbor Oversight Board said the ferry logs were never kept.",
            "Staff for the Harbor Oversight Board",
        ),
        (
            "But neighbourhood associations that backed the plan say they expect a vote soon.",
            "neighbourhood associations",
        ),
        (
            "A court filing entered Tuesday says that the contractor will repay the city.",
            "A court filing entered Tuesday",
        ),
    ],
)
def test_a_speakers_noun_phrase_with_what_follows_its_head(sentence: str, speaker: str) -> None:
    reported = _reported(_run(sentence))
    assert [name for name, _ in reported] == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        # a verb before the noun: a clause, not a speaker's noun phrase
        "The county gave money for road repairs to towns that report their budgets late.",
        # a number before the verb form: "pledged delegates", no verb of saying
        "Her lead of nearly 300 pledged delegates is larger than his was in March.",
        # the phrase has a verb with "n't" and a clause after it
        "A big win here in 1990 by Mayor Tom Hale wasn't enough to claim the seat.",
    ],
)
def test_no_speaker_phrase_across_a_clause(sentence: str) -> None:
    assert _reported(_run(sentence)) == []


def test_a_tail_after_told_and_the_person_told() -> None:
    reported = _reported(
        _run(
            "The harbor will reopen by the end of the month, Port Director Ana Silva told "
            "a city council panel on Tuesday."
        )
    )
    assert reported == [
        ("Port Director Ana Silva", "The harbor will reopen by the end of the month")
    ]


def test_urging_someone_after_a_comma_is_no_tail() -> None:
    an = _run(
        "The mayor promised lower fares last year. But in late spring, Mayor Jo Reyes seemed "
        "to urge the opposite course in a speech to the council."
    )
    assert all(span != "But in late spring" for _, span in _reported(an))


@pytest.mark.parametrize(
    ("tail", "speaker"),
    [
        (", said a former spokesman for the Harbor Authority, Milan Kovac.", "Milan Kovac"),
        (", said a spokesman for the ferry company.", "a spokesman for the ferry company"),
    ],
)
def test_an_inverted_speaker_with_a_phrase_after_its_noun(tail: str, speaker: str) -> None:
    reported = _reported(_run("The ferry will not run on Sundays this winter" + tail))
    assert reported == [(speaker, "The ferry will not run on Sundays this winter")]


def test_and_then_a_verb_of_saying_takes_the_sentences_subject() -> None:
    an = _run(
        "Mayor Jo Reyes visited the harbor on Monday. Then she opened the new bridge and "
        "later said that the city would pay for the repairs itself."
    )
    assert _reported(an) == [("Mayor Jo Reyes", "the city would pay for the repairs itself")]


def test_a_clause_before_and_is_no_speakers_noun_phrase() -> None:
    an = _run("The mayor opened the bridge and then said that the city would pay for repairs.")
    assert [name for name, _ in _reported(an)] == ["The mayor"]


def test_a_noun_that_is_also_a_verb_of_saying_before_one_is_its_subject() -> None:
    # "report" can be a verb, but before "says" it is the subject's head: one citation
    an = _run("The company's annual report says that profits rose sharply last year.")
    assert _reported(an) == [("The company's annual report", "profits rose sharply last year")]


def test_a_tail_paraphrase_before_a_quotation_of_the_same_paragraph() -> None:
    an = _run(
        'The ferry fares will rise in the spring, Harbor Chief Ines Moreau said. "We have '
        'no other way to pay for the new boats."'
    )
    assert _reported(an) == [
        ("Harbor Chief Ines Moreau", "The ferry fares will rise in the spring")
    ]
    assert _quotes(an) == [
        ("Harbor Chief Ines Moreau", "We have no other way to pay for the new boats.")
    ]


def test_a_tail_after_a_quotation_is_still_no_paraphrase() -> None:
    an = _run('"The ferry fares will rise in the spring," Harbor Chief Ines Moreau said.')
    assert _reported(an) == []


def test_a_name_right_before_a_quotation_is_no_inverted_speaker() -> None:
    # the name after "said" opens the reported clause, its words quoted
    an = _run('Ana Silva, who ran the port for a decade, said the harbor "will never close again."')
    assert _reported(an) == []
    assert _quotes(an) == [("Ana Silva", "will never close again.")]


def test_told_takes_whom_it_tells_after_it() -> None:
    an = _run("Mayor Jo Reyes, who called the chief soon after the vote, told her staff to wait.")
    assert all(name != "her staff" for name, _ in _reported(an))


def test_a_participle_after_a_tail_does_not_make_the_sentence_the_content() -> None:
    an = _run('"The fares will rise," Ana Silva said, pointing to the new price list.')
    assert _reported(an) == []
    assert _quotes(an) == [("Ana Silva", "The fares will rise,")]


def test_a_conjunction_is_not_part_of_a_speakers_noun_phrase() -> None:
    an = _run(
        "Most residents oppose the toll, but majorities in all five towns say they want the "
        "bridge rebuilt this year."
    )
    assert [name for name, _ in _reported(an)] == ["majorities in all five towns"]


def test_a_clause_ending_in_but_is_no_speaker() -> None:
    an = _run("She is a council member but concedes that most of her colleagues favour the toll.")
    assert all(not name.endswith("but") for name, _ in _reported(an))


def test_a_speaker_described_by_age_and_a_relative_clause() -> None:
    an = _run(
        "Tomas Lind, 31, who was visiting the harbor from Malmo, told me this week that he "
        "had never seen the ferry so full."
    )
    assert _reported(an) == [("Tomas Lind", "he had never seen the ferry so full")]


def test_told_a_host_by_name_then_a_clause_with_its_own_that() -> None:
    an = _run(
        "Mayor Jo Reyes told host Ann Lee she believed that the council would approve the "
        "new ferry."
    )
    assert _reported(an) == [
        ("Mayor Jo Reyes", "she believed that the council would approve the new ferry")
    ]


def test_a_possessive_opens_a_speakers_coordinated_noun_phrase() -> None:
    an = _run("Her advisers and allies say she will spend the summer in the harbor towns.")
    assert [name for name, _ in _reported(an)] == ["Her advisers and allies"]


def test_any_noun_phrase_before_an_appositive_may_speak() -> None:
    an = _run(
        "Three coastal newspapers in Maine, including the Harbor Ledger, said the toll was "
        "a mistake from the start."
    )
    assert [name for name, _ in _reported(an)] == ["Three coastal newspapers in Maine"]


def test_no_speaker_phrase_with_a_pronoun_for_its_head() -> None:
    an = _run('With a quiet cunning she, turning to the window, said: "We leave at dawn."')
    assert all(not name.lower().startswith("with") for name, _ in _quotes(an))
