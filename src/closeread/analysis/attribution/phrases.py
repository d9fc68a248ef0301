"""The speaker phrase of a cue: the subject before a verb, or the one after an inverted verb.

Structure, not word lists alone, decides: the subject must sit at the start of its clause
(after the sentence start, a comma, a quotation mark or a conjunction), may be followed by
an appositive between commas ("David Feder, the club's manager, said"; "the Russian foreign
minister, Sergei Lavrov, said" — the name wins), and may be a name, a pronoun, or a common
noun phrase headed by a noun of speakers ("a campaign spokesman", "the report",
"Trump's campaign").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from closeread.analysis.attribution.entities import NAME, name_after, name_before
from closeread.analysis.attribution.lexicon import (
    ATTITUDE_FORMS,
    NOT_MODIFIERS,
    NOT_NP_END,
    NOT_NP_START,
    NP_OPENERS,
    POSTMOD_OPENERS,
    SPEAKER_NOUNS,
    SPEECH_FORMS,
    STOP_CAPS,
    TITLES,
)
from closeread.analysis.attribution.patterns import _INVERSION_END
from closeread.analysis.attribution.places import PLACES

_HSPACE = " \t\u00a0\u2009\u202f"
"""Horizontal spaces (no-break spaces included) skipped between words."""

_AUX = (
    r"(?:has|have|had|also|later|previously|then|repeatedly|recently|once|again|"
    r"reportedly|would|will|could|may|might|already|often|frequently|publicly|privately|"
    r"earlier|first|further|quickly|flatly|explicitly|simply|even|still|specifically|just|"
    r"never|is|was|were|are|did|does|do|not|since|long|always|has\s+long|"
    r"subsequently|immediately|initially|originally|separately|ultimately|finally|"
    r"only|now|today|yesterday|tonight|had\s+earlier|forcefully|strongly|bluntly|openly|angrily|quietly|"
    r"correctly|falsely|wrongly|essentially|basically|effectively|actually|"
    r"continued\s+to|went\s+on\s+to|seemed\s+to|appeared\s+to|has\s+been|have\s+been|"
    r"all|both|each|however|too|in\s+the\s+past|itself|himself|herself|themselves|"
    r"(?!(?:family|ally|rally|assembly|supply|reply|anomaly|monopoly|homily|tally|bully|"
    r"belly|folly|lily|jelly|holly|elderly|weekly|daily|monthly|quarterly)\b)[a-z]{3,}ly)"
)
"""(The last branch: an adverb in "-ly", not a noun such as "family" in "His family said".)"""
_AUX_TAIL = re.compile(
    rf"\b{_AUX}[^\S\n]*$"
    r"|\b(?:on|last|this|late|early|earlier)[^\S\n]+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|night|morning|afternoon|evening)"
    r"(?:[^\S\n]+(?:night|morning|afternoon|evening))?[^\S\n]*$"
    r"|\b(?:in|during)[^\S\n]+an?[^\S\n]+(?:[\w\-]+[^\S\n]+)?(?:interview|statement|speech|"
    r"tweet|post|letter|op-ed)(?:[^\S\n]+(?:with|on|to)[^\S\n]+[A-Z][\w.\-]*"
    r"(?:[^\S\n]+[A-Z][\w.\-]*)?)?[^\S\n]*$"
)
_AUX_LAST = frozenset(a.split(r"\s+")[-1] for a in _AUX[3:].split("|(?!")[0].split("|"))
_TIME_LAST = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "week",
        "month",
        "year",
        "night",
        "morning",
        "afternoon",
        "evening",
    ]
)
_STATEMENT_NOUNS = ("interview", "statement", "speech", "tweet", "post", "letter", "op-ed")
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _tokens_start(text: str, lo: int, pos: int, k: int) -> tuple[int, list[str]]:
    """Where the last ``k`` whitespace-separated tokens of ``text[lo:pos]`` start (``lo``
    when there are no more), and those tokens.

    A pattern anchored at ``pos`` whose words are separated by spaces and hold none spans
    at most so many tokens (its first word may open inside one, after a parenthesis or a
    comma): no match of it starts before the last ``k`` of them, and a search from there
    finds the same (leftmost) match as one from ``lo`` without trying every offset of a
    long window."""
    parts = text[lo:pos].rsplit(None, k)
    if len(parts) <= k:
        return lo, parts
    return lo + len(parts[0]), parts[1:]


def _aux_tail(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``_AUX_TAIL.search(text, lo, pos)``, not tried where it cannot match (most windows):
    each of its branches ends with a word of ``_AUX`` (or any "…ly"), a word of time, or,
    after one of ``_STATEMENT_NOUNS``, a name; the word is the window's last run of
    letters. (Words with other letters than a-z are searched: case folding is subtle.)"""
    window = text[lo:pos]
    last = window.rsplit(None, 1)[-1:]
    if not last:
        return None
    word = last[0]
    if word.isascii():
        run = word[len(word.rstrip(_ASCII_LETTERS)) :]
        if not (
            run in _AUX_LAST
            or run in _TIME_LAST
            or run.endswith("ly")
            or any(n in window for n in _STATEMENT_NOUNS)
        ):
            return None
    # A match spans at most three tokens ("went on to", "on Monday night"), or seven
    # after a statement's noun ("in a recent interview with Fox News"): searched from there.
    k = 7 if any(n in window for n in _STATEMENT_NOUNS) else 3
    return _AUX_TAIL.search(text, _tokens_start(text, lo, pos, k)[0], pos)


_PAREN_TAIL = re.compile(r"[^\S\n]*\([^()\n]{1,30}\)[^\S\n]*,?[^\S\n]*$")
_PRONOUN_TAIL = re.compile(
    r"(?<![\w'\u2019])(he|she|they|we|He|She|They|We|It|it|I)(?:['\u2019](?:s|re))?[^\S\n]*$"
)
NOMINATIVE = frozenset(("he", "she", "they", "we", "He", "She", "They", "We", "I"))
"""Pronouns that can only be subjects ("it" can be an object: "deny it said")."""
_OPENING_ADJUNCT = re.compile(
    r"(?:At|In|On|During|After|Before|Earlier|Later|Last|This|Since|Speaking|Asked|"
    r"Yesterday|Today|Then|Now)\b[^,.;:!?\n\"\u201c\u201d]{0,60}?[^\S\n]+"
)
"""A sentence that opens with a time or place and no comma ("At the town hall this week
she said"): the nominative pronoun after it is the subject of the clause."""
_PREP_TAIL = re.compile(
    r"\b(?:of|to|for|with|by|from|about|against|at|on|in|into|than|like|over|under|"
    r"between|among|after|before|during|since|toward|towards|via|per|and|or)[^\S\n]*$",
)
_DET = (
    r"(?:the|a|an|his|her|their|its|our|this|that|these|those|some|many|several|most|"
    r"two|three|four|five|six|seven|eight|nine|ten|one|\d[\d,]*|other|another|each|both|all|few|"
    r"(?-i:(?:[A-Z][\w\u2019'\-.]*[^\S\n]+){0,3}[A-Z][\w\-.]*['\u2019]s?))"
)
"""(A name's possessive is capitalised even where the pattern ignores case: "law after
the state's" is no determiner.)"""
_NP_TAIL = re.compile(
    rf"(?:(?<=[\s(\"\u201c\u2014,;:])|^)(?P<det>{_DET})[^\S\n]+"
    r"(?P<body>(?:[\w\u2019'\-.]+[^\S\n]+){0,5}?)(?P<head>[a-z][\w\-]*)[^\S\n]*$",
    re.IGNORECASE,
)
_NP_PP = re.compile(
    r"(?:(?<=[\s(\"\u201c\u2014,;:])|^)(?:[Aa]n?|[Tt]he)[^\S\n]+(?:[a-z][\w\-]*[^\S\n]+){0,2}"
    r"(?P<head>[a-z][\w\-]*)[^\S\n]+(?:for|of|at|from|with|in)[^\S\n]+(?:the[^\S\n]+)?"
    r"(?:[A-Z][\w\-.']*(?:[^\S\n]+[A-Z][\w\-.']*){0,3}|(?:[A-Z][\w\-.']*[^\S\n]+)?[a-z][\w\-]*)"
    r"[^\S\n]*$"
)
_PLURAL_PP = re.compile(
    r"(?:(?<=[\s(\"\u201c\u2014,;:])|^)(?P<body>(?:[A-Za-z][\w\-]*[^\S\n]+){0,3}?)"
    r"(?P<head>[a-z][\w\-]*s)[^\S\n]+(?:in|of|at|for|from|on)[^\S\n]+(?:the[^\S\n]+)?"
    r"(?:[A-Z][\w\-.]*(?:[^\S\n]+[A-Z][\w\-.]*){0,3}|(?:[\w\-]+[^\S\n]+){0,4}[\w\-]+)[^\S\n]*$"
)
_SHARE_PREFIX = (
    r"(?:almost|nearly|about|roughly|only|just|more[^\S\n]+than|fewer[^\S\n]+than|"
    r"less[^\S\n]+than|over|another|at[^\S\n]+least|at[^\S\n]+most|some|well[^\S\n]+over|"
    r"just[^\S\n]+over|just[^\S\n]+under|an[^\S\n]+estimated|a[^\S\n]+full)[^\S\n]+"
)
"""What may stand before a share: "Some 56 percent", "Just over half", "An estimated 40%"."""
_PERCENT = re.compile(
    rf"(?:(?<=[\s(\"\u201c\u2014,;:])|^)(?i:{_SHARE_PREFIX})?"
    r"\d[\d.,]*[^\S\n]?(?:%|percent)(?:[^\S\n]+of[^\S\n]+(?:[\w\-]+[^\S\n]+){0,4}[\w\-]+)?[^\S\n]*$"
)
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
    r"eight|nine))?"
)
_QUANTITY = re.compile(
    r"(?:(?<=[\s(\"\u201c\u2014,;:])|^)"
    rf"(?:{_SHARE_PREFIX})?"
    r"(?:half|an?[^\S\n]+(?:third|quarter|fifth|majority|minority|plurality)|two-thirds|"
    r"three-quarters|majorities|"
    rf"(?:{_NUMBER_WORD}|\d+)[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+(?:{_NUMBER_WORD}|\d+)|"
    r"(?:most|many|some|several|few|none|all|both|each)(?=[^\S\n]+of\b)|"
    r"(?:most|many|some|several|few|others)[^\S\n]+(?:in|among|at)[^\S\n]+"
    r"(?:the|his|her|their|this|that)[^\S\n]+(?:[\w\-]+[^\S\n]+){0,2}[\w\-]+|"
    rf"{_NUMBER_WORD}[^\S\n]+percent)"
    r"(?:[^\S\n]+of[^\S\n]+(?:[\w\-'\u2019/]+[^\S\n]+){0,5}?[\w\-]+"
    r"|[^\S\n]+(?:[\w\-]+[^\S\n]+){0,2}[a-z][\w\-]*s)?"
    r"[^\S\n]*$",
    re.IGNORECASE,
)
"""A share of a group, as polls report it: "Almost half of respondents", "About four out
of 10 voters", "Nine in 10", "Sixty-six percent" (digits and "%": ``_PERCENT``)."""
_QUANTITY_WORDS: tuple[str, ...] = ("half", "third", "quarter", "fifth", "majorit", "minorit")
_QUANTITY_WORDS += ("plurality", "percent", " in 10", " in ten", "out of")
_QUANTITY_WORDS += (" in two", " in three", " in four", " in five", " in 3", " in 4", " in 5")
_QUANTITY_WORDS += ("most of", "many of", "some of", "several of", "few of", "none of")
_QUANTITY_WORDS += ("all of", "both of", "each of")
_QUANTITY_WORDS += ("many in", "some in", "most in", "few in", " among ", " at the ")
_INFORMED_WORDS = ("familiar", "close to", "briefed", "knowledge", "involved")
_NAMED_NOUN = re.compile(
    r"(?:(?<=[\s(\"\u201c\u2014,;:])|^)(?:[A-Z][\w.'\u2019\-]*[^\S\n]+){1,3}"
    r"(?P<head>[a-z]+)[^\S\n]*$"
)
"""A name used as a modifier of a noun of speakers: "Springfield police", "Pentagon staff"."""
_INFORMED = re.compile(
    r"(?:(?<=[\s(\"\u201c\u2014,;:])|^)(?:(?:a|an|one|two|three|four|several|many|other|"
    r"some)[^\S\n]+)?(?:[a-z]+[^\S\n]+)?(?:people|sources?|officials?|aides?|persons?|"
    r"individuals|those|someone|insiders?)[^\S\n]+"
    r"(?:familiar[^\S\n]+with|close[^\S\n]+to|briefed[^\S\n]+on|with[^\S\n]+knowledge"
    r"[^\S\n]+of|involved[^\S\n]+in|knowledgeable[^\S\n]+about)"
    r"(?:[^\S\n]+[\w\-'\u2019]+){1,8}[^\S\n]*$",
    re.IGNORECASE,
)
"""Unnamed sources described by what they know: "People familiar with the talks"."""
_COLLECTIVE_END = ("police", "people", "staff", "personnel", "clergy")
"""Plural nouns without an "s" that speak bare ("police said")."""
_BARE_PLURAL = re.compile(
    r"(?:(?<=[\s(\"\u201c\u2014,;:])|^)(?P<body>(?:[A-Za-z][\w\-]*[^\S\n]+){0,4}?)"
    rf"(?P<head>[a-z][\w\-]*s|{'|'.join(_COLLECTIVE_END)})[^\S\n]*$"
)
_NOT_PLURALS = frozenset(
    [
        "this",
        "thus",
        "plus",
        "perhaps",
        "always",
        "sometimes",
        "whereas",
        "besides",
        "towards",
        "afterwards",
        "does",
        "has",
        "was",
        "yes",
        "its",
        "his",
        "hers",
        "ours",
        "yours",
        "theirs",
    ]
)


def _plural_noun(word: str) -> bool:
    """Whether a word in "-s" may be a plural noun ("officials", "others"), not a function
    word, an adverb or an adjective ("as", "this", "perhaps", "various", "analysis")."""
    if word in _COLLECTIVE_END:
        return True
    return len(word) >= 4 and word not in _NOT_PLURALS and not word.endswith(("ss", "us", "is"))


_PEOPLE = frozenset(
    [
        "architect",
        "listeners",
        "listener",
        "staffer",
        "staffers",
        "voter",
        "woman",
        "man",
        "veteran",
        "veterans",
        "parent",
        "parents",
        "resident",
        "residents",
        "worker",
        "workers",
        "owner",
        "owners",
        "friend",
        "friends",
    ]
)
_PREP_THEN_ARTICLE = re.compile(
    r"\b(?:in|on|at|to|for|with|from|by|as)[^\S\n]+(?:[\w\-]+[^\S\n]+)?(?:a|an|the)\b", re.I
)
_PERSONAL_PRONOUNS = frozenset(["he", "she", "they", "we", "it", "i", "you", "him", "them"])
_VERB_OBJECT = re.compile(r"\b[a-z]+ed[^\S\n]+(?:the|a|an|his|her|their|its)\b")
"""A past-tense verb and its object inside what looked like a noun phrase's body."""
_VERBISH_BODY = re.compile(r"\b(?:[a-z]+ed|a|an|the|of|to)\b")
"""In a noun phrase of any head: no past-tense verb, article or preposition inside."""
_NAMED_END = re.compile(r"\b[A-Z][\w\-.']*[^\S\n]*$")
_NOUNY = re.compile(r"[a-z][a-z\-]{2,}$")
_NOT_IN_NP = re.compile(
    r"\b(?:we|i|you|he|she|they|it|ago|wrote|said|says|is|was|were|are|has|have|had|"
    r"did|does|do|not|never|"
    r"will|would|can|could|should|that|which|who|what|when|where|if|"
    r"engaging|including)\b",
    re.IGNORECASE,
)
"""Words that cannot stand inside a speaker's noun phrase (a clause has begun)."""
_CLAUSE_START = re.compile(
    r"(?:^|''|[.!?;:,(\u2014\"\u201c\u201d]|(?<=[^\S\n])[-\u2013](?=[^\S\n])|"
    r"\b(?:and|but|while|as|because|though|although|"
    r"when|where|whereas|after|before|since|if|so|yet|which|who|whom|that)\b|"
    r"(?-i:\bEven))[^\S\n]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker phrase as written: ``kind`` is "name", "pronoun" or "np"."""

    start: int
    end: int
    text: str
    kind: str


_SKIPPED: tuple[str, dict[tuple[int, int], int]] = ("", {})
"""``skip_aux_back``'s answers for the text last read, by window (a verb's subject and the
cue's own tests ask for the same one: half of its calls). One tuple, read once per call:
a thread reading another text replaces it and never sees this one's answers."""


def skip_aux_back(text: str, lo: int, pos: int) -> int:
    """Move ``pos`` back over auxiliaries and adverbs ("has also", "later") before a verb."""
    global _SKIPPED
    memo = _SKIPPED
    if memo[0] is not text or len(memo[1]) >= 256:
        memo = _SKIPPED = (text, {})
    found = memo[1].get((lo, pos))
    if found is None:
        found = memo[1][(lo, pos)] = _skip_aux_back(text, lo, pos)
    return found


def _skip_aux_back(text: str, lo: int, pos: int) -> int:
    for _ in range(6):
        w0 = max(lo, pos - 40)
        m = _aux_tail(text, w0, pos) or _paren_tail(text, w0, pos)
        if m is None:
            break
        pos = m.start()
    while pos > lo and text[pos - 1] in _HSPACE:
        pos -= 1
    return pos


def is_share(phrase: Phrase) -> bool:
    """A share of a group ("Nine in 10"): it says or tells, but what it "reports" or
    "finds" is a finding ("a third of adults report …")."""
    return phrase.kind == "np" and _QUANTITY.fullmatch(phrase.text) is not None


def _stop_word_start(phrase: str) -> bool:
    """The phrase opens with a capitalised function word ("But police"), not a name."""
    first = phrase.split()[0] if phrase.split() else ""
    return first.rstrip(".") in STOP_CAPS


def subject_opens(text: str, lo: int, pos: int) -> bool:
    """Only a time or place adjunct, without a comma, stands between the sentence start
    ``lo`` and the subject at ``pos``."""
    return _OPENING_ADJUNCT.fullmatch(text, lo, pos) is not None


def _paren_tail(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``_PAREN_TAIL.search(text, lo, pos)``, not tried without a ")" (most windows)."""
    return _PAREN_TAIL.search(text, lo, pos) if text.find(")", lo, pos) >= 0 else None


def _at_clause_start(text: str, lo: int, pos: int) -> bool:
    # (every match is a mark or a word in the last token, then spaces: searched from it)
    start = _tokens_start(text, max(lo, pos - 12), pos, 1)[0]
    return bool(_CLAUSE_START.search(text, start, pos)) or pos <= lo


def _np_head_ok(window: str, any_noun: bool) -> bool:
    """Whether ``_NP_TAIL`` may find a speaker in ``window``: its head is the window's last
    word (spaces follow it, and only spaces), and ``core_before`` wants a noun of speakers
    there, or any noun-like word with ``any_noun``. (The cheap test first: four times in
    five on a novel the last word is no such head, and the search, ~20 µs, is spared.)"""
    last = window.rsplit(None, 1)[-1:]
    if not last:
        return False
    head = last[0]
    return head.lower() in SPEAKER_NOUNS or (any_noun and _NOUNY.match(head) is not None)


_WORD_RUN = re.compile(r"[\w\-]+")


def _speaker_plural_in(text: str, lo: int, pos: int) -> bool:
    """Whether a plural noun of speakers is among the words of ``text[lo:pos]``: without
    ``any_noun``, what ``_PLURAL_PP`` finds counts only with one as its head (a whole run
    of word characters and hyphens ending in "s"); most windows have none."""
    return any(
        w.endswith("s") and w.lower() in SPEAKER_NOUNS for w in _WORD_RUN.findall(text, lo, pos)
    )


_NP_TAIL_TOKENS = 10
"""At most how many tokens an ``_NP_TAIL`` match spans: a determiner (up to four words:
"Hillary Rodham Clinton's"), five words of its body, its head."""
_NP_PP_TOKENS = 10
"""At most how many tokens an ``_NP_PP`` match spans: an article, two words, the head,
the preposition, "the", four capitalised words. The preposition is a whole token among
the last six."""
_NP_PP_PREPOSITIONS = frozenset(("for", "of", "at", "from", "with", "in"))
_PLURAL_PP_TOKENS = 11
"""At most how many tokens a ``_PLURAL_PP`` match spans: three words, the head, the
preposition, "the", five words. The preposition is a whole token among the last seven."""
_PLURAL_PP_PREPOSITIONS = frozenset(("in", "of", "at", "for", "from", "on"))


def _np_pp(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``_NP_PP.search(text, lo, pos)``, tried only where its preposition stands among
    the window's last words, and from where its match can start."""
    start, tokens = _tokens_start(text, lo, pos, _NP_PP_TOKENS)
    if not any(t in _NP_PP_PREPOSITIONS for t in tokens[-6:]):
        return None
    return _NP_PP.search(text, start, pos)


def _plural_pp(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """``_PLURAL_PP.search(text, lo, pos)``, as ``_np_pp`` tries ``_NP_PP``."""
    start, tokens = _tokens_start(text, lo, pos, _PLURAL_PP_TOKENS)
    if not any(t in _PLURAL_PP_PREPOSITIONS for t in tokens[-7:]):
        return None
    return _PLURAL_PP.search(text, start, pos)


def core_before(
    text: str, lo: int, pos: int, strict: bool = False, any_noun: bool = False
) -> Phrase | None:
    """The name, pronoun or noun phrase that ends at ``pos`` and starts its clause."""
    paren = _paren_tail(text, max(lo, pos - 40), pos)
    if paren is not None:
        pos = paren.start()  # "Rep. Jim Jordan (R-Ohio)"
    m = _PRONOUN_TAIL.search(text, max(lo, pos - 8), pos)
    if m and (
        _at_clause_start(text, lo, m.start())
        or (m.group(1) in NOMINATIVE and subject_opens(text, lo, m.start()))
    ):
        return Phrase(m.start(), m.end(), m.group(1), "pronoun")
    nb = name_before(text, lo, pos)
    if nb is not None:
        s, name = nb
        e = s + len(name)
        if _at_clause_start(text, lo, s):
            return Phrase(s, e, name, "name")
        if (
            (s - 4 > lo or " " in name)
            and text.startswith("The ", s - 4)
            and _at_clause_start(text, lo, s - 4)
        ):
            # "after The New York Times reported", "The Harbor Authority said": the name's
            # own article (a one-word name, "The Observer reported", is read below)
            return Phrase(s, e, name, "name")
        owner = _OWNER_BEFORE.search(text, max(lo, s - 60), s) if " " in name else None
        if owner is not None and _at_clause_start(text, lo, owner.start()):
            return Phrase(s, e, name, "name")  # "NBC's Chuck Todd asked", "Ohio's Jo Lind"
        # "the Indiana governor", "Trump's campaign": a name inside a noun phrase.
    w0 = max(lo, pos - 90)
    window = text[w0:pos].lower()
    for pattern, keys in ((_INFORMED, _INFORMED_WORDS), (_QUANTITY, _QUANTITY_WORDS)):
        if pattern is _QUANTITY and not any_noun:
            continue
        if not any(k in window for k in keys):
            continue  # (the cheap test first: most subjects are neither)
        m = pattern.search(text, w0, pos)
        if m and _at_clause_start(text, lo, m.start()):
            phrase = m.group().strip()
            return Phrase(m.start(), m.start() + len(phrase), phrase, "np")
    w0 = max(lo, pos - 80)
    m = (
        _NP_TAIL.search(text, _tokens_start(text, w0, pos, _NP_TAIL_TOKENS)[0], pos)
        if _np_head_ok(text[w0:pos], any_noun)
        else None
    )
    if (
        m
        and (
            m.group("head").lower() in SPEAKER_NOUNS
            or (
                any_noun
                and _NOUNY.match(m.group("head"))
                # "The mayor opened the bridge and (then said)": a clause, no noun phrase
                and m.group("head").lower() not in NOT_NP_END
                and m.group("head").lower() not in _PERSONAL_PRONOUNS
                and not _VERB_OBJECT.search(m.group("body") or "")
                # ("as in astronomy the new view said"): one noun phrase, no second inside
                and not _PREP_THEN_ARTICLE.search(m.group("body") or "")
            )
        )
        and _at_clause_start(text, lo, m.start())
        and not _NOT_IN_NP.search(m.group("body") or "")
    ):
        phrase = m.group().strip()
        if not _PREP_TAIL.search(m.group("body") or ""):
            return Phrase(m.start(), m.start() + len(phrase), phrase, "np")
    last = text[max(lo, pos - 24) : pos].rsplit(None, 1)[-1:]
    m = (
        _NAMED_NOUN.search(text, max(lo, pos - 60), pos)
        if last and last[0] in SPEAKER_NOUNS  # (the cheap test first)
        else None
    )
    if (
        m
        and m.group("head") in SPEAKER_NOUNS
        and _at_clause_start(text, lo, m.start())
        and not _stop_word_start(m.group())
    ):
        phrase = m.group().strip()
        return Phrase(m.start(), m.start() + len(phrase), phrase, "np")
    w0 = max(lo, pos - 60)  # (no match without "%" or "percent": skip the search)
    has_percent = text.find("%", w0, pos) >= 0 or text.find("percent", w0, pos) >= 0
    m = _PERCENT.search(text, w0, pos) if has_percent else None
    if m and _at_clause_start(text, lo, m.start()):
        phrase = m.group().strip()  # "Another 19 percent said", "63% of voters say"
        return Phrase(m.start(), m.start() + len(phrase), phrase, "np")
    m = _np_pp(text, max(lo, pos - 90), pos)
    if (
        m
        and (
            m.group("head").lower() in SPEAKER_NOUNS
            # any head with a named complement ("the chair of the DNC"), not with a plain
            # one ("a third of adults report …" is a finding, not a speaker)
            or (any_noun and _NAMED_END.search(m.group()) is not None)
        )
        and _at_clause_start(text, lo, m.start())
    ):
        # "A spokeswoman for Hillary Clinton says"
        phrase = m.group().strip()
        return Phrase(m.start(), m.start() + len(phrase), phrase, "np")
    w0 = max(lo, pos - 80)
    m = _plural_pp(text, w0, pos) if any_noun or _speaker_plural_in(text, w0, pos) else None
    if (
        m
        and (m.group("head").lower() in SPEAKER_NOUNS or any_noun)
        and _at_clause_start(text, lo, m.start())
        and not _NOT_IN_NP.search(m.group("body") or "")
    ):
        # "Developers and supporters in Congress say"
        phrase = m.group().strip()
        return Phrase(m.start(), m.start() + len(phrase), phrase, "np")
    w0 = max(lo, pos - 50)  # (no match unless the last word ends in "s": skip the search)
    tail = text[w0:pos].rstrip()
    bare = tail.endswith("s") or tail.endswith(_COLLECTIVE_END)
    # (a match spans at most five tokens: four words and the head)
    m = _BARE_PLURAL.search(text, _tokens_start(text, w0, pos, 5)[0], pos) if bare else None
    if (
        m
        and (
            m.group("head").lower() in SPEAKER_NOUNS
            or (
                any_noun
                and _plural_noun(m.group("head").lower())
                and not _VERBISH_BODY.search(m.group("body") or "")
            )
        )
        and _at_clause_start(text, lo, m.start())
        and not _NOT_IN_NP.search(m.group("body") or "")
    ):
        phrase = m.group().strip()
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        words = phrase.split()
        while words and words[0] in STOP_CAPS and words[0] not in _POSSESSIVES:
            # "But critics say" (not "Her advisers and allies say": a determiner)
            start += len(words[0]) + 1
            words.pop(0)
        if words:
            phrase = " ".join(words)
            return Phrase(start, start + len(phrase), phrase, "np")
    if not strict:
        post = _postmodified_np(text, lo, pos, any_noun)
        if post is not None:
            return post
    if nb is not None and _NAME_ONLY.match(text, nb[0]) and strict is False:
        s, name = nb
        # "In a Bloomberg interview Trump declared": a name after a lowercase word that
        # cannot take it as an object or modifier.
        if not _PREP_DET_TAIL.search(text, max(lo, s - 24), s) and not _DET_TAIL.search(
            text, max(lo, s - 12), s
        ):
            return Phrase(s, s + len(name), name, "name")
    return None


_POSTMOD_STOP = re.compile(r",|;|:|\(|\)|\u2014|\u201c|\u201d|\"|''")
"""(Every alternative opens with a character of its own: the scan skips to the next of them.)"""
_NP_WORD = re.compile(r"[\w.'\u2019\-]+")


def _postmodified_np(text: str, lo: int, pos: int, any_noun: bool) -> Phrase | None:
    """A noun phrase of a speaker with what modifies it after its head, up to the verb:
    "A U.S. law enforcement official familiar with the investigation said", "Staff for the
    House Select Committee on Benghazi said", "relatives who saw the crash say", and with
    ``any_noun`` a noun of anything after at most one modifier when a participle follows it
    ("A court filing entered Tuesday says") or a plural one when a relative clause does
    ("progressive organizations that have endorsed him say"; the speaker's name stops
    before the clause).

    The phrase opens its clause; before the head stand only a determiner and modifiers (no
    article, preposition, pronoun or verb); a modifying phrase holds no verb of a clause nor
    "and", a relative clause at most eight words; the phrase ends on a content word and has
    at most sixteen words, without punctuation.
    """
    w0 = max(lo, pos - 140)
    stops = list(_POSTMOD_STOP.finditer(text, w0, pos))
    if stops:
        w0 = stops[-1].end()
    words = list(_NP_WORD.finditer(text, w0, pos))
    while words and words[0].group() in STOP_CAPS and words[0].group() not in ("The", "A", "An"):
        words.pop(0)  # "But progressive groups …"
    if not 3 <= len(words) <= 16 or not _at_clause_start(text, lo, words[0].start()):
        return None
    lowered = [w.group().lower() for w in words]
    if lowered[0] in NOT_NP_START or lowered[-1] in NOT_NP_END or _NUMBER.fullmatch(lowered[-1]):
        return None
    for i in range(len(words) - 2):
        speaker_head = lowered[i] in SPEAKER_NOUNS or lowered[i] in _PEOPLE
        if (
            lowered[i + 1] not in POSTMOD_OPENERS
            and not (any_noun and _PARTICIPLE_ED.fullmatch(lowered[i + 1]))
            # "Republican activists clamoring to block him say": people doing something
            and not (
                speaker_head
                and (lowered[i].endswith("s") or lowered[i] in _COLLECTIVE_END)
                and _PARTICIPLE_ING.fullmatch(words[i + 1].group())
            )
        ):
            continue
        head = words[i].group()
        if not speaker_head and not (
            any_noun
            and i <= 2
            and head.islower()
            and lowered[i] not in NOT_MODIFIERS  # ("The plane was grounded …")
            and _NOUNY.match(head)
            and (
                # "A court filing entered Tuesday says"
                (lowered[0] in ("the", "a", "an") and lowered[i + 1].endswith("ed"))
                # "progressive organizations that have endorsed him say"
                or (i <= 1 and _plural_noun(lowered[i]) and lowered[i + 1] in ("who", "that"))
            )
        ):
            return None  # the first word that could take a modifier is no noun of speakers
        if i == 0 and not (
            (head[:1].isupper() or speaker_head)
            and (head.endswith("s") or lowered[i] in _COLLECTIVE_END)
        ):
            return None  # a bare singular head ("Official for …") is no noun phrase
        if (
            i > 0
            and lowered[0] not in NP_OPENERS
            and not words[0].group()[:1].isupper()
            and not head.endswith("s")
        ) or _VERBISH_BODY.search(" ".join(lowered[1:i])):
            return None
        rest = " ".join(lowered[i + 1 :])
        last = words[-1]
        if lowered[i + 1] in ("who", "that"):
            if len(words) - i - 1 > 8:
                return None
            last = words[i]  # the relative clause is not the speaker's name
        elif len(words) - i - 1 > 10 or _NOT_IN_NP.search(rest) or _NOT_IN_POSTMOD.search(rest):
            return None
        start, end = words[0].start(), last.end()
        return Phrase(start, end, text[start:end], "np")
    return None


_PARTICIPLE_ED = re.compile(r"[a-z]{3,}ed")
_PARTICIPLE_ING = re.compile(r"[a-z]{3,}ing")
_NUMBER = re.compile(
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand"
)
_NOT_IN_POSTMOD = re.compile(
    r"\b(?:and|or|but|after|before|when|while|because|since|if|although|though|until)\b"
    r"|n['\u2019]t\b"
)


_PREP_DET_TAIL = re.compile(
    r"\b(?:of|to|for|with|by|from|about|against|at|on|in|into|than|like|over|under|"
    r"between|among|after|before|during|since|toward|towards|via|per|despite|"
    r"including|unlike|and|or)[^\S\n]+(?:(?:the|a|an|his|her|its|their|our|this|that)"
    r"[^\S\n]+)?$",
    re.IGNORECASE,
)
_DET_TAIL = re.compile(
    r"(?:\b(?:despite|what|whom|whose|than|unlike|including|against)|\w['\u2019]s)[^\S\n]*$",
    re.IGNORECASE,
)


_NAME_ONLY = re.compile(r"[A-Z]")


_WHO = re.compile(
    r"(?:[,\u2014][^\S\n]*|(?<=[a-z])[^\S\n]+)(?:who|which)"
    r"(?:[^\S\n]+(?:in|on|at|last|this)[^\S\n]+[\w\-]+)?[^\S\n]*$"
)
_ANTECEDENT = re.compile(
    r"\b(?:an?|the|his|her|their)[^\S\n]+(?:[\w\-']+[^\S\n]+){0,3}?(?P<head>[a-z][\w\-]*)[^\S\n]*$"
)


def subject_before(
    text: str, lo: int, verb_start: int, strict: bool = False, any_noun: bool = False
) -> Phrase | None:
    """The subject of the verb at ``verb_start`` (the sentence starts at ``lo``).

    ``strict``: only a subject that opens its clause (for verb forms that are also plural
    nouns: "claims", "talks", "calls").
    """
    pos = skip_aux_back(text, lo, verb_start)
    if pos > lo and text[pos - 1] in _DASHES:
        aside = _DASH_ASIDE.search(text, max(lo, pos - 160), pos)
        if aside is not None and aside.start() > lo:
            # "Neil Sroka, director of the group — which has endorsed Sanders — said": the
            # aside between dashes stands where an appositive's closing comma would.
            return _subject_before_comma(text, lo, aside.start(), any_noun) or core_before(
                text, lo, aside.start(), any_noun=any_noun
            )
        free = _ANY_DASH_ASIDE.search(text, max(lo, pos - 90), pos)
        nb = name_before(text, lo, free.start()) if free is not None else None
        if (
            free is not None
            and nb is not None
            and nb[0] + len(nb[1]) == free.start()
            and _at_clause_start(text, lo, nb[0])
        ):
            # "Murphy — after a knock-on-wood gesture — told me": any short aside after a
            # name that opens its clause
            return Phrase(nb[0], nb[0] + len(nb[1]), nb[1], "name")
    w0 = max(lo, pos - 24)
    # (the cheap test first: "who" and "which" both hold "wh")
    w = _WHO.search(text, w0, pos) if text.find("wh", w0, pos) >= 0 else None
    if w is not None:
        # "…, Cruz, who cited …": the relative pronoun's antecedent speaks.
        ante = core_before(text, lo, w.start())
        if ante is None:
            nb = name_before(text, lo, w.start())
            if nb is not None:
                ante = Phrase(nb[0], nb[0] + len(nb[1]), nb[1], "name")
        if (
            ante is not None
            and "who" in w.group()
            and (
                _place(ante.text)
                or (
                    ante.kind == "name"
                    and _COMMA_FROM.search(text, max(lo, ante.start - 12), ante.start) is not None
                )
            )
        ):
            # "Rachel Berg, a philanthropist from Monsey, New York, who said": "who" is
            # a person, so the place finishes a home town; the description before speaks.
            of = _OF_END.search(text, max(lo, ante.start - 8), ante.start)
            if of is not None:
                # "Sen. Ted Cruz of Texas, who said": the person before the home state
                nb = name_before(text, lo, of.start())
                if nb is not None and not _place(nb[1]):
                    return Phrase(nb[0], nb[0] + len(nb[1]), nb[1], "name")
            return _person_before_description(text, lo, ante.end)
        if ante is None:
            # "paying an architect who said …": the noun phrase right before "who".
            am = _ANTECEDENT.search(text, max(lo, w.start() - 60), w.start())
            if am is not None and am.group("head").lower() in SPEAKER_NOUNS | _PEOPLE:
                phrase = am.group().strip()
                ante = Phrase(am.start(), am.start() + len(phrase), phrase, "np")
        return ante
    if pos > lo and text[pos - 1] == ",":
        return _subject_before_comma(text, lo, pos - 1, any_noun)
    title = _TITLE_CLOSING_APPOSITIVE.search(text, max(lo, pos - 48), pos)
    if title is not None and not _ING_AT.match(text, verb_start):
        # (not before a participle: "…, trashed Comey on "Morning Joe," calling it …")
        # "Joe Scarborough, host of MSNBC's "Morning Joe," suggested": the appositive's
        # comma inside the closing quotation mark of a title
        return _subject_before_comma(text, lo, title.end() - 2, any_noun)
    core = core_before(text, lo, pos, strict, any_noun)
    if core is None and text.find(",", max(lo, pos - 60), pos) >= 0:
        # "…," the bespectacled, 71-year-old diplomat said": adjectives listed with commas
        listed = _LISTED_NP.search(text, max(lo, pos - 80), pos)
        if (
            listed is not None
            and listed.group("head").lower() in SPEAKER_NOUNS
            and _AFTER_QUOTE_COMMA.search(text, max(lo, listed.start() - 4), listed.start())
        ):
            # (the words after the last comma name it: "71-year-old diplomat")
            start = text.rindex(",", listed.start(), pos) + 1
            while text[start] in _HSPACE:
                start += 1
            phrase = text[start:pos].rstrip()
            return Phrase(start, start + len(phrase), phrase, "np")
    if (
        core is not None
        and core.kind == "np"
        and _NAME_THEN_VERB.search(core.text)
        and not is_share(core)  # ("Nine in 10 Democratic registered voters say")
        and not _PERCENT.fullmatch(core.text)  # ("56 percent of Cuban-Americans polled")
        and not _INFORMED.fullmatch(core.text)  # ("People briefed on the move said")
    ):
        return None  # "Trump unleashed a series of tweets": a clause, not a noun phrase
    if core is not None and core.kind == "np" and " and " in core.text:
        listed = _LIST_OPENING.search(text, max(lo, core.start - 48), core.start)
        if listed is not None and _at_clause_start(text, lo, listed.start()):
            # "Friends, lobbyists and former foes say": the list's first members
            core = Phrase(listed.start(), core.end, text[listed.start() : core.end], "np")
    if core is not None and core.kind == "np":
        conj = _LEADING_CONJUNCTION.match(core.text)
        if conj is not None and conj.end() < len(core.text):
            # "but majorities in all five say": the conjunction joins clauses
            core = Phrase(core.start + conj.end(), core.end, core.text[conj.end() :], "np")
    return core


_LIST_OPENING = re.compile(r"(?:[A-Za-z][\w\-]*s,[^\S\n]+){1,3}$")
"""Plural nouns listed with commas before a list's last two members ("Friends, ")."""
_LISTED_NP = re.compile(
    r"\b(?:the|a|an|The|A|An)[^\S\n]+(?:[\w\-'\u2019]+,?[^\S\n]+){1,4}"
    r"(?P<head>[a-z][\w\-]*)[^\S\n]*$"
)
"""A noun phrase whose adjectives are listed with commas ("the bespectacled, 71-year-old
diplomat")."""
_TITLE_CLOSING_APPOSITIVE = re.compile(
    r"[^\S\n](?:\u201c|\")[A-Z][\w'\u2019\-]*(?:[^\S\n]+[\w'\u2019\-]+){0,4},(?:\u201d|\")"
    r"[^\S\n]*$"
)
"""A title of up to five words whose closing quotation mark follows the comma that closes
an appositive ("host of MSNBC's "Morning Joe,"")."""
_ING_AT = re.compile(r"[a-z]+ing\b")
_ANY_DASH_ASIDE = re.compile(
    r"[^\S\n]*[\u2014\u2013][^\S\n]*[^\u2014\u2013\n.!?;:\"\u201c\u201d]{3,60}?"
    r"[^\S\n]*[\u2014\u2013][^\S\n]*$"
)
_AFTER_QUOTE_COMMA = re.compile(r"(?:[\u201d\"]|'')[^\S\n]*,?[^\S\n]*$")
_DASHES = "\u2014\u2013-"
_DASH = r"(?:[^\S\n]*[\u2014\u2013][^\S\n]*|[^\S\n]+-[^\S\n]+)"
_DASH_ASIDE = re.compile(
    rf"{_DASH}(?:(?:which|who|whose|where)\b[^\u2014\u2013\n.!?;:]{{1,140}}?"
    r"|(?:and[^\S\n]+)?(?:[A-Z][\w.'\u2019\-]*|[\w\-]+[^\S\n]+of|(?:the|a|an)[^\S\n])"
    r"[^\u2014\u2013\n.!?;:\"\u201c\u201d]{0,80}?)"
    r"(?:[^\S\n]*[\u2014\u2013]|[^\S\n]+-)[^\S\n]*$"
)
"""A relative clause between dashes right before a verb ("… — which has endorsed Sanders —"),
or an aside that names or adds to the subject ("… — Nevada and South Carolina —", "… — and
two-thirds of Republicans in New Hampshire —")."""


def _subject_before_comma(text: str, lo: int, inner_end: int, any_noun: bool) -> Phrase | None:
    """The subject before the comma (or dashed aside) at ``inner_end`` that closes an
    appositive: "X, appositive, said" gives the name among the two, else the head."""
    chain = _appositive_chain(text, lo, inner_end) or _opening_name_chain(text, lo, inner_end)
    if chain is not None:
        return chain
    k = text.rfind(",", max(lo, inner_end - 250), inner_end)
    if k > lo:
        appos = text[k + 1 : inner_end].strip()
        head = core_before(text, lo, k, any_noun=any_noun)
        am = NAME.fullmatch(appos)
        if am and _place(appos) and _HOME_TOWN_END.search(text, max(lo, k - 60), k):
            # "Rachel Berg, a philanthropist from Monsey, New York, said": the state
            # finishes the home town, the description before it speaks.
            return _subject_before_comma(text, lo, k, any_noun) or core_before(
                text, lo, k, any_noun=any_noun
            )
        if am and head is not None and head.kind == "name":
            return head  # "Dianne Feinstein, Democrat of California, said"
        if am and (head is None or head.kind != "name"):
            s = text.index(appos, k)
            return Phrase(s, s + len(appos), appos, "name")
        if head is not None and '"' not in appos and "\u201d" not in appos:
            return head
    return None


_OWNER_BEFORE = re.compile(
    r"(?:(?:The|the)[^\S\n]+)?(?:[A-Z][\w.&\-]*[^\S\n]+){0,3}[A-Z][\w.&\-]*['\u2019]s?[^\S\n]+$"
)
"""A possessive name right before a person's name: an outlet's or a place's ("The Huffington
Post's Scott Conroy", "North Carolina's Ada Fisher")."""
_POSSESSIVES = frozenset(["Her", "His", "Their", "Its", "Our", "My", "Your"])
_LEADING_CONJUNCTION = re.compile(r"(?:and|but|or|so|yet|And|But|Or|So|Yet)[^\S\n]+")


_NAME_THEN_VERB = re.compile(r"[A-Z][\w'\u2019.\-]*[^\S\n]+[a-z]{3,}ed\b")


def _appositive_chain(text: str, lo: int, end: int) -> Phrase | None:
    """ "Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing
    the EPA, said": after a closing quotation mark, the first name of a comma-separated
    chain of appositives speaks."""
    window = text[max(lo, end - 300) : end]
    m = re.search(r"(?:[\u201d\"]|'')[^\S\n]*,?[^\S\n]*(?=[^\u201d\"]*$)", window)
    if m is None:
        return None
    start = max(lo, end - 300) + m.end()
    first = text[start:end].split(",")[0].strip()
    if text[start:end].count(",") < 2 or not first:
        return None
    nm = NAME.fullmatch(first)
    if nm is None:
        return None
    s = text.index(first, start)
    return Phrase(s, s + len(first), first, "name")


_APPOSITIVE_PART = re.compile(
    r"[^\S\n]*(?:\d{1,3}|(?:of|from|in|near)[^\S\n]+[A-Z][\w.\-'\u2019]*(?:[^\S\n]+[A-Z][\w.\-'\u2019]*){0,3}"
    r"|[A-Z][a-z]{0,4}\.(?:[^\S\n]?[A-Z][a-z]?\.)?|[A-Z][a-z]+"
    r"|(?:a|an|the|his|her|their)[^\S\n]+[^,\n]{1,80}|(?:who|whose)[^\S\n]+[^,\n]{1,100})"
    r"[^\S\n]*"
)
"""One comma-delimited part of a speaker's description: an age ("59"), a home town ("of
Ashton", "from New York"), a state ("Va.", "Md.", "Ohio"), a noun phrase ("a retired
teacher") or a relative clause ("who was visiting from Ohio")."""


def _opening_name_chain(text: str, lo: int, end: int) -> Phrase | None:
    """ "Donna Sampson Rawlings, 59, of Ashton, Md., said": a sentence that opens with a
    name followed only by comma-separated parts of its description: the name speaks."""
    parts = text[lo:end].split(",")
    if len(parts) < 3:
        return None
    first = parts[0].strip()
    if NAME.fullmatch(first) is None or " " not in first:
        return None
    if not all(_APPOSITIVE_PART.fullmatch(p) or _role_part(p) or _place(p) for p in parts[1:]):
        return None
    s = text.index(first, lo)
    return Phrase(s, s + len(first), first, "name")


_HOME_TOWN_END = re.compile(
    r"\b(?:of|from|in|near)[^\S\n]+[A-Z][\w.\-'\u2019]*(?:[^\S\n]+[A-Z][\w.\-'\u2019]*){0,3}$"
)
"""A description that ends in a home town ("… from Monsey"), before its state."""


_COMMA_FROM = re.compile(r",[^\S\n]*(?:from|of)[^\S\n]+$")
"""A home town as one part of a description (", 52, from Dayton, who said")."""
_OF_END = re.compile(r"[^\S\n]+(?:of|from)[^\S\n]+$")


def _person_before_description(text: str, lo: int, end: int) -> Phrase | None:
    """The name before a run of description parts that ends at ``end`` ("… said Nicky
    Driscoll, 24, from Manchester", "Rachel Berg, a philanthropist from Monsey, New
    York"), else the noun phrase before them; None if ``end`` ends no description."""
    start = max(lo, end - 250)
    parts = text[start:end].split(",")
    i = len(parts) - 1
    while i > 0 and (
        _APPOSITIVE_PART.fullmatch(parts[i]) or _role_part(parts[i]) or _place(parts[i])
    ):
        i -= 1
    if i == len(parts) - 1 or (i == 0 and start > lo):
        return None
    head_end = start + len(",".join(parts[: i + 1]))
    nb = name_before(text, lo, head_end)
    if nb is not None and not _place(nb[1]):
        return Phrase(nb[0], nb[0] + len(nb[1]), nb[1], "name")
    return core_before(text, lo, head_end)


def _place(part: str) -> bool:
    """A part of a description that names a place ("New York", "South Carolina")."""
    return " ".join(part.split()).casefold() in PLACES


_ROLE_PREPOSITIONS = frozenset(["of", "for", "at", "with", "in", "on", "to"])


def _role_part(part: str) -> bool:
    """A bare role as one part of a speaker's description: a few lowercase words ending in
    a speaker's noun, then perhaps its organisation ("research director for IHS Life
    Sciences", "communications director of the group", "senior adviser")."""
    words = part.split()
    if not words or len(part) > 120:
        return False
    role = 0
    while role < len(words) and role < 4 and words[role].islower():
        if words[role] in _ROLE_PREPOSITIONS:
            break
        role += 1
    if role == 0 or words[role - 1] not in SPEAKER_NOUNS:
        return False
    return role == len(words) or words[role] in _ROLE_PREPOSITIONS


_AFTER_NP = re.compile(
    rf"(?P<det>{_DET})[^\S\n]+(?P<body>(?:(?![a-z]+ed\b)[\w\u2019'\-.]+[^\S\n]+){{0,5}}?)"
    r"(?P<head>[a-z][\w\-]*)\b",
    re.IGNORECASE,
)


def subject_after(text: str, pos: int, hi: int) -> Phrase | None:
    """The speaker after an inverted verb ("said Sen. Ben Sasse", "said a spokesman")."""
    while pos < hi and text[pos] in _HSPACE:
        pos += 1
    m = _PRONOUN_AFTER.match(text, pos, hi)
    if m:
        return Phrase(m.start(1), m.end(1), m.group(1), "pronoun")
    na = name_after(text, pos, hi)
    if na is None:
        # "said the Rev. Peter Wherry", "said 9/11 widow Terry Strada"
        pre = _ROLE_BEFORE_NAME.match(text, pos, hi)
        if pre is not None:
            na = name_after(text, pre.end(), hi)
            nxt = _NEXT_NP_WORD.match(text, na[0] + len(na[1]), hi) if na is not None else None
            if (
                nxt is not None
                and nxt.group(1) in SPEAKER_NOUNS
                and not _NAME_NEXT.match(text, nxt.end(), hi)
            ):
                # "a Mexican official", "the Pentagon spokesman": a noun phrase (but "voter
                # Stephanie Hooton" has the person's name after the role)
                na = None
            first = na[1].split()[0].rstrip(".").casefold() if na is not None else ""
            if na is not None and pre.group().strip() in ("the", "The") and first not in TITLES:
                # "according to the Riverside Tribune": the article belongs to the name
                # (not in "said the Rev. Peter Wherry": a person's title takes none)
                return Phrase(pos, na[0] + len(na[1]), text[pos : na[0] + len(na[1])], "name")
    if na is not None:
        s, name = na
        # "MSNBC host Chris Matthews": an outlet or place, a role, then the person.
        later = _ROLE_THEN_NAME.match(text, s + len(name), hi)
        if later is not None and _is_role(later.group()):
            na2 = name_after(text, later.end(), hi)
            if na2 is not None:
                return Phrase(na2[0], na2[0] + len(na2[1]), na2[1], "name")
        if (noun_end := noun_after_name(text, s + len(name), hi)) > 0:
            return Phrase(s, noun_end, text[s:noun_end], "np")  # "according to FEC filings"
        return Phrase(s, s + len(name), name, "name")
    m = _AFTER_NP.match(text, pos, hi)
    if m is not None and m.group("head").lower() not in SPEAKER_NOUNS:
        m = _longer_np_after(text, m, hi)
    if m and m.group("head").lower() in SPEAKER_NOUNS:
        while (nxt := _NEXT_NP_WORD.match(text, m.end(), hi)) is not None and (
            nxt.group(1).lower() in SPEAKER_NOUNS and not nxt.group().startswith(("'", "\u2019"))
        ):
            # "the chief executive", "a campaign spokesman": the head is the last noun
            longer = _AFTER_NP.fullmatch(text, m.start(), nxt.end())
            if longer is None:
                break
            m = longer
        phrase = m.group()
        end = m.end()
        pp = _PP_AFTER.match(text, end, hi)
        if pp is not None:
            if text.startswith(",", pp.end()):
                # "a former spokesman for Ukraine's Foreign Ministry, Oleg Voloshyn"
                na = name_after(text, pp.end() + 1, hi)
                if na is not None:
                    return Phrase(na[0], na[0] + len(na[1]), na[1], "name")
            pp_end = pp.end()
            if text[pp_end - 1] == "." and _SENTENCE_DOT.search(text, pp.start(), pp_end):
                pp_end -= 1  # "said an aide to President George W. Bush." (not "W.")
            if _INVERSION_END.match(text, pp_end, hi):
                end = pp_end  # "said a spokesman for the company."
                phrase = text[m.start() : end]
        # "the Russian foreign minister, Sergei Lavrov": the name in apposition wins.
        if end + 2 < hi and text[end] == ",":
            na = name_after(text, end + 1, hi)
            if na is not None:
                s, name = na
                return Phrase(s, s + len(name), name, "name")
        return Phrase(m.start(), end, phrase, "np")
    return None


_CAP_WORD = r"[A-Z][\w'\u2019.\-]*"
_PP_AFTER = re.compile(
    r"[^\S\n]+(?:(?:for|of|at|from)[^\S\n]+(?:the[^\S\n]+)?"
    rf"(?:{_CAP_WORD}(?:[^\S\n]+(?:(?:of|for|and|on)[^\S\n]+)?{_CAP_WORD}){{0,5}}"
    r"|[a-z][\w\-]*(?:[^\S\n]+[a-z][\w\-]*)?(?=[^\S\n]*[,.;]))"
    # "an adviser to Bill Clinton", "a spokesman with the Sierra Club": a name only
    rf"|(?:to|with)[^\S\n]+(?:the[^\S\n]+)?{_CAP_WORD}"
    rf"(?:[^\S\n]+(?:(?:of|for|and|on)[^\S\n]+)?{_CAP_WORD}){{0,5}})"
)
_SENTENCE_DOT = re.compile(r"[a-z]{2,}(?<!Corp)(?<!Inc)(?<!Ltd)(?<!Bros)\.$")
"""A full stop after a word of two lower-case letters or more ends the sentence ("Bush."),
not an initial ("W.") or an abbreviation ("Corp.", "Jr.": kept)."""
"""What a noun of speakers may take after it in an inverted cue: an organisation ("for
Ukraine's Foreign Ministry") or a short common noun phrase ending the clause ("for the
campaign.")."""


def _longer_np_after(text: str, m: re.Match[str], hi: int) -> re.Match[str] | None:
    """ "said the company's chief executive, …": when the shortest noun phrase after an
    inverted verb has no noun of speakers for its head, a longer one (up to three more
    words, no preposition or verb among them) may ("company's chief executive")."""
    if m.group("det").lower() not in ("the", "a", "an", "one"):
        return None
    end = m.end()
    for _ in range(3):
        # A capitalised word may modify the head ("a senior Cruz adviser", "a White
        # House spokesman"); the head itself is a lower-case noun of speakers.
        nxt = _NEXT_NP_WORD_ANY.match(text, end, hi)
        if nxt is None or nxt.group(1) in _NOT_NP_WORDS:
            return None
        end = nxt.end()
        if nxt.group(1).lower() in SPEAKER_NOUNS:
            return _AFTER_NP.fullmatch(text, m.start(), end)
    return None


_NAME_NEXT = re.compile(r"[^\S\n]+[A-Z]")
_NOT_NP_WORDS = frozenset(
    {"of", "to", "for", "with", "by", "from", "about", "at", "on", "in", "into", "as"}
    | {"is", "was", "are", "were", "has", "have", "had"}
)
_NEXT_NP_WORD = re.compile(
    r"(?:['\u2019]s)?[^\S\n]+(?!(?:who|which|that|and|or)\b)([a-z][\w\-]*)\b"
)
_NEXT_NP_WORD_ANY = re.compile(
    r"(?:['\u2019]s)?[^\S\n]+(?!(?:who|which|that|and|or)\b)([A-Za-z][\w\-]*)\b"
)
_PRONOUN_AFTER = re.compile(r"(he|she|they|we)\b")
_ROLE_BEFORE_NAME = re.compile(
    r"(?:the[^\S\n]+)?(?:(?:[\d/]+|(?!(?:on|in|at|of|for|from|to|with|by|and|or|as)\b)"
    r"[a-z][\w\-]*)[^\S\n]+){0,3}(?=(?:[A-Z][a-z]*\.[^\S\n]+)?[A-Z][a-z])"
)
_ROLE_THEN_NAME = re.compile(
    r"(?:[^\S\n]+(?!(?:of|the|in|at|for|from|on|and|to|with|by)\b)[a-z][\w\-]*){1,3}"
    r"[^\S\n]+(?=[A-Z])"
)


def _is_role(words: str) -> bool:
    """ "presidential nominee", "host": the lower-case words between an outlet or place and
    a person's name end with a role ("Japan branded North Korea" has a verb there)."""
    last = words.split()[-1].casefold()
    # ("Blaze co-host Stu Burguiere": a prefixed role is its head's)
    head = last.rsplit("-", 1)[-1]
    return any(w in _PREMOD or w in SPEAKER_NOUNS or w in TITLES for w in (last, head))


_SENT_SUBJECT = re.compile(
    r"[^\S\n]*(?:(?:But|And|So|Yet|Then|Still|Later|Now)[^\S\n]+)?"
    r"(?P<pro>[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b"
)


_FRONTED = re.compile(
    r"[^\S\n]*(?:In|On|At|During|After|Before|Since|While|When|As|Speaking|Asked|Later|"
    r"With|Without|Amid|Despite|Following|Unlike|Like|Although|Though|Because|If|Once|"
    r"Until|Given|Facing|Over|Under|Throughout|Across|Along|Among|Earlier|Instead|"
    r"[A-Z][a-z]+ly|[A-Z][a-z]{3,}ed|"
    r"Earlier|Last|This|Meanwhile|However|Still|Also|Then|Now|Yet|But|And|So)\b[^,\n]{0,130},"
    r"(?:[^\S\n]*\d{4},)?"
)


_LOWER_WORD = re.compile(r"[^\S\n]+([a-z][a-z\-]*)\b(?![\u2019'])")
_RECORD_NOUNS = frozenset(["filings", "records", "rights", "cables", "emails", "files"])


def noun_after_name(text: str, end: int, hi: int) -> int:
    """Where the noun phrase ends that a name at ``end`` only modifies ("FEC filings",
    "Gay rights groups", "Nuclear proliferation experts", "Trump aides"), or -1.

    At most two modifiers, then nouns of speakers or records; a word that may be a verb of
    saying after the name ("Smith estimates that …", "Jones reports") is the name's verb.
    """
    pos = end
    for i in range(3):
        m = _LOWER_WORD.match(text, pos, hi)
        if m is None:
            return -1
        word = m.group(1)
        if word in SPEAKER_NOUNS or word in _RECORD_NOUNS:
            if i == 0 and (word in SPEECH_FORMS or word in ATTITUDE_FORMS):
                return -1
            pos = m.end()
            while (nxt := _LOWER_WORD.match(text, pos, hi)) is not None and (
                nxt.group(1) in SPEAKER_NOUNS and nxt.group(1) not in SPEECH_FORMS
            ):
                pos = nxt.end()  # "Trump campaign officials"
            return pos
        if (
            word in NOT_MODIFIERS
            or word in SPEECH_FORMS
            or word in ATTITUDE_FORMS
            or word.endswith(("ed", "ly", "ing"))
        ):
            return -1
        pos = m.end()
    return -1


_NEXT_SPEAKER_NOUN = re.compile(r"[^\S\n]+([A-Za-z][a-z\-]+)\b")
_PARTY_WORDS = frozenset(["Democratic", "Republican", "Democrat", "GOP"])


def sentence_subject(text: str, s: int, e: int) -> Phrase | None:
    """The subject that opens the sentence at ``s`` (for "…, saying …" and "… and said");
    a fronted adjunct ("During a speech on Monday, Trump …") is skipped."""
    f = _FRONTED.match(text, s, e)
    if f is not None:
        s = f.end()
        # (the comma may sit inside a title's quotation marks: 'On "Face the Nation," …')
        while s < e and (text[s] in _HSPACE or text[s] in '"\u201d'):
            s += 1
    m = _SENT_SUBJECT.match(text, s, e)
    if m:
        return Phrase(m.start("pro"), m.end("pro"), m.group("pro"), "pronoun")
    na = name_after(text, s, e)
    if na is not None:
        st, name = na
        # "Republican presidential nominee Donald Trump issued …": the person after the role.
        later = _ROLE_THEN_NAME.match(text, st + len(name), e)
        if later is not None and _is_role(later.group()):
            na2 = name_after(text, later.end(), e)
            if na2 is not None:
                st, name = na2
        # the name must be followed by a verb-like lowercase word or an appositive comma
        after = text[st + len(name) : st + len(name) + 2]
        if after[:1] == " " and (noun_end := noun_after_name(text, st + len(name), e)) > 0:
            return Phrase(st, noun_end, text[st:noun_end], "np")  # "Gay rights groups"
        if after[:1] in (" ", ","):
            return Phrase(st, st + len(name), name, "name")
    m = _AFTER_NP.match(text, s, e)
    end = m.end() if m else -1
    if m and m.group("head").lower() not in SPEAKER_NOUNS and m.group("head") in _PREMOD:
        # "The former president spoke, saying …": modifiers of a role before it
        role_end = -1
        while (nxt := _NEXT_SPEAKER_NOUN.match(text, end, e)) and (
            nxt.group(1) in _PREMOD
            or nxt.group(1) in SPEAKER_NOUNS
            or nxt.group(1) in _PARTY_WORDS  # "The top Democratic lawmaker"
        ):
            end = nxt.end()
            if nxt.group(1) in SPEAKER_NOUNS:
                role_end = end
        m, end = (m, role_end) if role_end > 0 else (None, -1)
    if m and (end > m.end() or m.group("head").lower() in SPEAKER_NOUNS):
        while (nxt := _NEXT_SPEAKER_NOUN.match(text, end, e)) and nxt.group(1) in SPEAKER_NOUNS:
            end = nxt.end()  # "The billionaire businessman began …": a compound
        # "The minister, Tomas Varga, was blunt": the name in apposition wins.
        if text[end : end + 1] == ",":
            na = name_after(text, end + 1, e)
            if na is not None and text[na[0] + len(na[1]) : na[0] + len(na[1]) + 1] == ",":
                return Phrase(na[0], na[0] + len(na[1]), na[1], "name")
        tail = _ROLE_TAIL.match(text, end, e)
        if tail is not None and text[tail.end() : tail.end() + 1] in (" ", ","):
            # "The attorney general of the state of New York is suing …", "A spokeswoman
            # for Janney also declined …": the role's compound and its organisation or place
            end = tail.end()
        return Phrase(m.start(), end, text[m.start() : end], "np")
    return None


_CAPS_RUN = r"(?:[A-Z][\w.&'\u2019\-]*)(?:[^\S\n]+(?:[A-Z][\w.&'\u2019\-]*|of|for|and|&)){0,5}"
_ROLE_TAIL = re.compile(
    r"(?:[^\S\n]+general)?"
    r"(?:[^\S\n]+(?:of|for|at)[^\S\n]+(?:the[^\S\n]+)?"
    rf"(?:{_CAPS_RUN}|[a-z]+[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?{_CAPS_RUN}))?"
    r"(?<![^\S\n])(?<!\bof)(?<!\bfor)(?<!\band)"
)
"""What follows a role's head noun in a sentence's subject: "general" of "attorney
general", then its organisation or place ("for Janney", "of the state of New York")."""


_PREMOD = frozenset(
    [
        "campaign",
        "police",
        "chief",
        "host",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "former",
        "retired",
        "senior",
        "top",
        "state",
        "federal",
        "county",
        "city",
        "house",
        "senate",
        "majority",
        "minority",
        "leader",
        "chairman",
        "chairwoman",
        "secretary",
        "press",
        "director",
        "manager",
        "executive",
        "adviser",
        "aide",
        "nominee",
        "candidate",
        "presidential",
        "vice",
        "deputy",
        "general",
        "attorney",
        "lawyer",
        "professor",
        "analyst",
        "economist",
        "official",
        "officer",
        "commissioner",
        "mayor",
        "governor",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "president",
        "strategist",
        "pollster",
        "founder",
        "owner",
        "editor",
        "correspondent",
        "anchor",
        "widow",
        "mother",
        "father",
        "sister",
        "brother",
        "wife",
        "husband",
        "son",
        "daughter",
        "niece",
        "nephew",
        "republican",
        "democratic",
        "democrat",
        "gop",
        "assistant",
        "associate",
        "acting",
        "interim",
        "ranking",
        "boss",
        "delegate",
        "co-anchor",
    ]
)
_WORD_BACK = re.compile(r"([\w.\-\u2019']+)[^\S\n]+$")


def full_phrase_before(text: str, lo: int, phrase: Phrase, verb_start: int) -> str:
    """The speaker as the text writes it before the verb, premodifiers and appositives
    included ("Clinton campaign spokesman Brian Fallon", "Scott Pruitt, the Republican
    attorney general of Oklahoma"); the subject alone for pronouns."""
    if phrase.kind == "pronoun":
        return ""
    end = skip_aux_back(text, lo, verb_start)
    between = text[phrase.end : end]
    if between.strip(" ,") and not (between.lstrip().startswith(",") and len(between) < 120):
        end = phrase.end  # only an appositive between the name and the verb counts
    start = min(phrase.start, end)
    for _ in range(6):
        m = _WORD_BACK.search(text, max(lo, start - 40), start)
        if m is None:
            break
        word = m.group(1)
        if not (word[:1].isupper() or word.lower() in _PREMOD) or word in STOP_CAPS:
            break
        start = m.start(1)
    full = text[start:end].strip(" ,")
    return full if full != phrase.text and len(full) <= 200 else ""


def full_phrase_after(text: str, phrase: Phrase, hi: int) -> str:
    """The speaker after an inverted verb with its appositive ("Rep. Elijah Cummings of
    Maryland, the panel's ranking Democrat")."""
    if phrase.kind == "pronoun":
        return ""
    end = phrase.end
    if text[end : end + 1] == ",":
        stop = re.search(
            r"[.;:!?](?:\s|$)|[\u201c\"]|''|,?[^\S\n]+(?:who|whose|which|that|and|but)\b",
            text[end:hi],
        )
        end = end + stop.start() if stop else hi
    full = text[phrase.start : end].strip(" ,")
    return full if full != phrase.text and len(full) <= 200 else ""
