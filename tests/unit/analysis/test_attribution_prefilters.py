"""The cheap checks that spare a regular-expression search must never skip a match: each
pattern is searched on random text, and wherever it matches, the check lets it through.
(If a rule's pattern changes so that a check no longer holds, this fails.)"""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from closeread.analysis.attribution.cues import CueReader, _cue_words_in
from closeread.analysis.attribution.entities import (
    _preposition_searched,
    after_preposition,
    strip_name,
    strip_name_at,
)
from closeread.analysis.attribution.lexicon import SPEAKER_NOUNS
from closeread.analysis.attribution.patterns import (
    _CUE_WORDS,
    _LOWER_WORDS,
    _NOT_SPEECH_BEFORE,
    _NOUN_BEFORE,
    _TITLE_BEFORE,
    _WORDS,
    _is_title,
    _occurrences,
    count_words,
    not_speech_before,
    noun_before,
    title_before,
)
from closeread.analysis.attribution.phrases import (
    _AUX_LAST,
    _AUX_TAIL,
    _BARE_PLURAL,
    _NOUNY,
    _NP_TAIL,
    _PERCENT,
    _PLURAL_PP,
    _aux_tail,
    _np_head_ok,
    _speaker_plural_in,
)
from closeread.analysis.names import POSITION_VERBS, SPEECH_VERBS
from closeread.analysis.quotes import _TRIGGER, _TRIGGER_ALTERNATIVES

WORDS = ["said", "says", "percent", "%", "voters", "the", "of", "5", "Critics", "critics", "é"]
texts = st.lists(
    st.sampled_from([*WORDS, " ", "  ", "\n", ",", ".", "s", "\u00a0"]), max_size=25
).map("".join)


@settings(max_examples=150)
@given(texts, st.integers(0, 30))
def test_percent_needs_its_sign_or_word(text: str, back: int) -> None:
    pos = len(text)
    w0 = max(0, pos - back)
    if _PERCENT.search(text, w0, pos):
        assert text.find("%", w0, pos) >= 0 or text.find("percent", w0, pos) >= 0


@settings(max_examples=150)
@given(texts, st.integers(0, 30))
def test_bare_plural_ends_in_s(text: str, back: int) -> None:
    pos = len(text)
    w0 = max(0, pos - back)
    if _BARE_PLURAL.search(text, w0, pos):
        assert text[w0:pos].rstrip().endswith("s")


cue_texts = st.lists(
    st.sampled_from(
        [
            "said",
            "told",
            "warned",
            "Said",
            "according",
            "believes",
            "é",
            "x",
            " ",
            "-",
            "'",
            "\n",
            ".",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150)
@given(cue_texts, st.integers(0, 40), st.integers(0, 40))
def test_paragraph_cue_words_find_the_sentence_ones(text: str, a: int, b: int) -> None:
    s, e = sorted((min(a, len(text)), min(b, len(text))))
    reader = CueReader(text)
    reader.block_start, reader.block_end = 0, len(text)
    own = _CUE_WORDS.intersection(_LOWER_WORDS.findall(text, s, e))
    assert _occurrences(text, s, e, reader._cue_words(s, e)) == _occurrences(text, s, e, own)


@settings(max_examples=300)
@given(
    cue_texts,
    st.integers(0, 40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=6),
)
@example("\u00e9said it", 0, [(1, 8)])  # a letter before the sentence: whole in it only
@example("he said\u00e9", 0, [(0, 7)])  # and after it
def test_a_paragraphs_cue_words_found_once_are_each_sentences(
    text: str, cut: int, sentences: list[tuple[int, int]]
) -> None:
    """``CueReader._occurrences`` (the paragraph's occurrences, the sentence's taken) finds
    what the sentence's own search finds, for any sentence edges, in any order."""
    reader = CueReader(text)
    bs = min(cut, len(text))
    reader.block_start, reader.block_end = bs, len(text)
    for a, b in sentences:
        s, e = sorted((bs + min(a, len(text) - bs), bs + min(b, len(text) - bs)))
        hits = reader._cue_words(s, e)
        assert reader._occurrences(s, e, hits) == _occurrences(text, s, e, hits)


np_texts = st.lists(
    st.sampled_from(
        [
            "the",
            "The",
            "a",
            "Trump's",
            "officials",
            "spokesman",
            "Critics",
            "voters",
            "of",
            "in",
            "old",
            "prince",
            "\u017f",  # (long s: "s" when case is ignored)
            "é",
            "x",
            "(",
            ",",
            "\u201c",
            "-",
            " ",
            "  ",
            "\n",
            "\u00a0",
        ]
    ),
    max_size=25,
).map("".join)


@settings(max_examples=300)
@given(np_texts, st.integers(0, 40), st.booleans())
def test_np_tail_head_is_the_last_word(text: str, back: int, any_noun: bool) -> None:
    """Wherever ``_NP_TAIL`` finds a head ``core_before`` would take, the check passes."""
    pos = len(text)
    w0 = max(0, pos - back)
    m = _NP_TAIL.search(text, w0, pos)
    if m and (
        m.group("head").lower() in SPEAKER_NOUNS or (any_noun and _NOUNY.match(m.group("head")))
    ):
        assert _np_head_ok(text[w0:pos], any_noun)


@settings(max_examples=300)
@given(np_texts, st.integers(0, 40))
def test_plural_pp_head_is_among_the_words(text: str, back: int) -> None:
    """Wherever ``_PLURAL_PP`` finds a noun of speakers as its head, the check passes."""
    pos = len(text)
    w0 = max(0, pos - back)
    m = _PLURAL_PP.search(text, w0, pos)
    if m and m.group("head").lower() in SPEAKER_NOUNS:
        assert _speaker_plural_in(text, w0, pos)


def test_the_checks_pass_real_speakers() -> None:
    text = "Later, the senior officials said"
    assert _np_head_ok(text[: text.index(" said")], any_noun=False)
    text = "Officials at the agency say"
    assert _speaker_plural_in(text, 0, text.index(" say"))
    assert not _speaker_plural_in("the prince of Wales", 0, 19)


tail_texts = st.lists(
    st.sampled_from(
        [
            "the",
            "The",
            "his",
            "Trump's",
            "it's",
            "he",
            "has",
            "also",
            "long",
            "quietly",
            "Ly",
            "on",
            "Monday",
            "in",
            "an",
            "interview",
            "with",
            "Fox",
            "U.S.",
            "op-ed",
            "\u017f",  # (long s: "s" when case is ignored)
            "é",
            "\u2019s",
            "x",
            "(",
            ",",
            "-",
            " ",
            "  ",
            "\n",
            "\u00a0",
        ]
    ),
    max_size=25,
).map("".join)


def _window(text: str, back: int, cut: int) -> tuple[int, int]:
    """``(lo, pos)``: a search that ends ``cut`` characters before the text's end and looks
    back at most ``back`` characters."""
    pos = max(0, len(text) - cut)
    return max(0, pos - back), pos


@settings(max_examples=400)
@given(tail_texts, st.integers(0, 45), st.integers(0, 3))
def test_noun_before_is_the_search(text: str, back: int, cut: int) -> None:
    lo, pos = _window(text, back, cut)
    assert noun_before(text, lo, pos) == (_NOUN_BEFORE.search(text, lo, pos) is not None)


@settings(max_examples=400)
@given(tail_texts, st.integers(0, 45), st.integers(0, 3))
def test_aux_tail_is_the_search(text: str, back: int, cut: int) -> None:
    lo, pos = _window(text, back, cut)
    mine, theirs = _aux_tail(text, lo, pos), _AUX_TAIL.search(text, lo, pos)
    assert (mine and mine.span()) == (theirs and theirs.span())


def test_aux_words_are_plain_words() -> None:
    """``_AUX_LAST`` reads the alternatives of ``_AUX`` as plain words: a new alternative
    with other regex syntax needs the check taught."""
    assert all(w.isalpha() and w.islower() for w in _AUX_LAST)
    assert _aux_tail("he has also", 0, 11) is not None
    assert _aux_tail("in an interview with CNN", 0, 24) is not None
    assert noun_before("the West's ", 0, 11) and not noun_before("he ", 0, 3)


mark_texts = st.lists(
    st.sampled_from(
        [
            "book",
            "Book",
            "op-ed",
            "x-op-ed",
            "act",
            "exact",
            "Note",
            "Photo",
            "http://x",
            "a=b",
            "{{",
            "[",
            "?",
            ":",
            ",",
            "*",
            '"',
            "\u201c",
            "``",
            "''",
            "'",
            "\u017f",  # (long s: "s" when case is ignored)
            "\u212a",  # (Kelvin sign: "k" when case is ignored)
            " ",
            "\n",
            "\u00a0",
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=500)
@given(mark_texts, st.integers(0, 90), st.integers(0, 2))
def test_title_before_is_the_search(text: str, back: int, cut: int) -> None:
    lo, pos = _window(text, back, cut)
    assert title_before(text, lo, pos) == (_TITLE_BEFORE.search(text, lo, pos) is not None)


@settings(max_examples=500)
@given(mark_texts, st.integers(0, 90), st.integers(0, 2))
def test_not_speech_before_is_the_search(text: str, back: int, cut: int) -> None:
    lo, pos = _window(text, back, cut)
    expected = _NOT_SPEECH_BEFORE.search(text, lo, pos) is not None
    assert not_speech_before(text, lo, pos) == expected


def test_titles_and_labels_before_a_mark() -> None:
    assert title_before('his book, "', 0, 11)
    assert not title_before('he said, "', 0, 10)
    assert not_speech_before('Myth: "', 0, 7)
    assert not not_speech_before('he said, "', 0, 10)


prep_texts = st.lists(
    st.sampled_from(
        ["to", "To", "in", "near", "towards", "within", "said", "x", "3", "_", "é", "\u017f",
         "across", "acro\u017fs", " ", "  ", "\t", "\n", "\u00a0", ",", "Moscow"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=500)
@given(prep_texts, st.integers(0, 3))
def test_after_preposition_reads_as_the_search_does(text: str, cut: int) -> None:
    start = max(0, len(text) - cut)
    lo = max(0, start - 16)
    assert after_preposition(text, start) == _preposition_searched(text, lo, start)


def test_after_preposition_examples() -> None:
    assert after_preposition("going to Petersburg", 9)
    assert not after_preposition("said Pierre", 5)
    assert after_preposition("acro\u017fs Moscow", 7)  # (long s: a case-folded "across")


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            ["said", "Told", "according", "x", "\u00e9", "\u017f", "-", " ", "\n", "1"]
        ),
        max_size=30,
    ).map("".join)
)
def test_cue_words_in_a_paragraph_are_the_pattern_words(text: str) -> None:
    assert _cue_words_in(text) == _CUE_WORDS.intersection(_LOWER_WORDS.findall(text))


names_after = st.lists(
    st.sampled_from(
        ["Moscow", "Boston", "Princess", "Mary", "Globe", "CONGRESS", "HAS", "IT", "Gen", "But",
         "of", "the", "Paris", "NBC's"]
    ),
    min_size=1,
    max_size=4,
).map(" ".join)  # fmt: skip


@settings(max_examples=400)
@given(prep_texts, names_after)
def test_a_name_is_stripped_as_if_the_word_before_it_were_read(before: str, name: str) -> None:
    """``strip_name_at`` reads the word before a name only when it can matter; its answer
    is always ``strip_name``'s with that word read (and the same a second time, cached)."""
    text = before + name
    start = len(before)
    expected = strip_name(name, after_preposition(text, start))
    assert strip_name_at(text, start, name) == expected
    assert strip_name_at(text, start, name) == expected


def test_a_place_before_a_name_is_dropped_only_after_a_preposition() -> None:
    assert strip_name_at("In Moscow Princess Mary", 3, "Moscow Princess Mary") == "Princess Mary"
    assert strip_name_at("Moscow Princess Mary", 0, "Moscow Princess Mary") == (
        "Moscow Princess Mary"
    )
    assert strip_name_at("to Paris Gen", 3, "Paris Gen") == "Gen"
    assert strip_name_at("as Paris Gen", 3, "Paris Gen") == ""


trigger_texts = st.lists(
    st.sampled_from(
        [*SPEECH_VERBS, *POSITION_VERBS, "According", "according", "to", "points", "point",
         "out", "went", "on", "is", "was", "convinced", "calls", "called", "for", "Said", "x",
         "é", "_", "3", " ", "  ", "\n", ",", "'"]
    ),
    max_size=14,
).map("".join)  # fmt: skip


@settings(max_examples=400)
@given(trigger_texts, st.integers(0, 3))
def test_the_trigger_look_ahead_skips_no_trigger(text: str, cut: int) -> None:
    plain = re.compile(rf"\b{_TRIGGER_ALTERNATIVES}")
    start = min(cut, len(text))
    found = [m.span() for m in _TRIGGER.finditer(text, start)]
    assert found == [m.span() for m in plain.finditer(text, start)]


word_texts = st.lists(
    st.sampled_from(["said", "it's", "o\u2019clock", "-", "x", "3", "_", "é", " ", "\n", ",", "."]),
    max_size=20,
).map("".join)


@settings(max_examples=300)
@given(word_texts, st.integers(0, 30), st.integers(0, 30), st.integers(0, 12))
def test_words_counted_up_to_a_cap(text: str, a: int, b: int, cap: int) -> None:
    assert count_words(text, a, b, cap) == min(len(_WORDS.findall(text[a:b])), cap)


def test_a_long_quotation_is_no_title_however_it_is_capitalised() -> None:
    assert _is_title("Meet the Press")
    assert not _is_title(" ".join(["Word"] * 9))
    assert _is_title(" ".join(["Word"] * 8))
