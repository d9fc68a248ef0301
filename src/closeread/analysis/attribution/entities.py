"""Names in running text: who is mentioned where, and whom "he" or "she" means.

No tagger: a name is a run of capitalised words (with particles such as "de" or "bin",
initials, and a title such as "Sen." or "Mr." before it), stripped of sentence-initial
function words ("But Clinton" is "Clinton"). A name with an organisation word ("Party",
"News", "Committee") or an all-capitals acronym is an organisation; the others are people.

People are tracked as the text goes: "Donald Trump" then "Trump" or "Mr. Trump" is one
person (a surname or a title + surname joins the last full name it ends), and a person's
gender comes from a title ("Mr.", "Mrs.") or a common given name. A pronoun is resolved to
the most recently mentioned person who fits its gender, and is left unresolved when two
different people fit equally well in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from closeread.analysis.attribution.lexicon import (
    FEMALE_NAMES,
    MALE_NAMES,
    ORG_WORDS,
    STOP_CAPS,
    TITLES,
    TITLES_FEMALE,
    TITLES_MALE,
)
from closeread.analysis.attribution.places import is_place_or_group
from closeread.document.regex_scan import jump_matches

_HSPACE = " \t\u00a0\u2009\u202f"
"""Horizontal spaces (no-break spaces included) skipped between words."""

_TITLE_WORDS = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Cmdr|Maj|Rev|Prof|"
    r"Pres|Sec|Gov|Atty|Supt|Insp|Det|St|Del|Sgt|Cpl|Pvt|Amb|Hon|Fr|Msgr|Ald|Comm|Supt)"
)
_TITLE_ABBR = _TITLE_WORDS + r"\.?"
_TITLE_WORD = re.compile(_TITLE_WORDS)
"""A title's abbreviation without its full stop ("Sen", "Gov")."""
_CAPW = (
    r"(?:(?:Mc|Mac|O['\u2019]|D['\u2019])?[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?:[A-Z][a-z\u00df-\u00ff]+)*\d*"
    r"(?:[-'\u2019][A-Za-z\u00c0-\u00ff]+)*|[A-Z]{2,}(?:-[A-Z]+)*|[A-Z]\.(?:[A-Z]\.)*)"
)
_PARTICLE = r"(?:de|da|del|der|den|di|du|van|von|bin|ibn|al|la|le|dos|das|of|the)"
NAME_RE = (
    rf"(?:{_TITLE_ABBR}[^\S\n]+)?{_CAPW}(?:[^\S\n]+(?:{_PARTICLE}[^\S\n]+){{0,2}}{_CAPW})*"
    r"(?:,?[^\S\n]+(?:Jr|Sr)\.?|[^\S\n]+(?:II|III|IV))?"
)
NAME = re.compile(rf"(?=[A-Z\u00c0-\u00de])(?:{NAME_RE})")
"""(The look-ahead lets the scan skip every lower-case position at once.)"""
_NAME_AT_END = re.compile(rf"(?=[A-Z\u00c0-\u00de])(?:{NAME_RE})$")
_NAME_AT_START = NAME
_CAPITAL = re.compile(r"[A-Z\u00c0-\u00de]")
"""The characters a name's word opens with (``_CAPW``)."""


def iter_names(text: str, pos: int, end: int) -> Iterator[re.Match[str]]:
    """``NAME.finditer(text, pos, end)``, found faster: the regex engine tries ``NAME``'s
    look-ahead at every character (most of a text is lower case); here a one-class scan
    jumps from capital to capital (in C) and ``NAME`` is tried there only. Every match
    opens with a capital (the look-ahead) and none is empty, so the matches are the same
    (``tests/unit/analysis/test_entities.py`` compares them)."""
    return jump_matches(_CAPITAL, NAME, text, pos, end)


_NAME_WORD_CHARS = "'\u2019-.\u00d7\u00f7"
"""Besides letters and digits, what the last word of a name (``_CAPW``, "Jr.") may hold."""
_ACRONYM = re.compile(r"^[A-Z]{2,5}s?$")


def _words(name: str) -> list[str]:
    return re.findall(r"[\w\u2019'\-]+\.?", name)


_TITLE_ABBREVIATIONS = frozenset(
    {"gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "adm", "cmdr", "maj"}
    | {"dr", "mr", "mrs", "ms", "rev", "prof", "sec", "pres"}
)
_POSSESSIVE_END = re.compile(r"['\u2019]s?$")
_POSSESSIVE_S = re.compile(r"\w['\u2019]s$")


def _stop_word(word: str) -> bool:
    """A capitalised function word, weekday or month ("Tuesday's" too), never a name."""
    return _POSSESSIVE_END.sub("", word.rstrip(".")) in STOP_CAPS


def _opening_adverb(word: str) -> bool:
    """A sentence-opening adverb in "-ly" before a name ("Suddenly Dolokhov", "Evidently
    Pierre"): given names in "-ly" ("Emily", "Kelly") are not adverbs."""
    lower = word.lower()
    return (
        len(word) >= 6
        and lower.endswith("ly")
        and word[1:].islower()
        and lower not in MALE_NAMES
        and lower not in FEMALE_NAMES
    )


_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "from",
        "to",
        "near",
        "into",
        "through",
        "across",
        "toward",
        "towards",
        "around",
        "via",
        "within",
    ]
)
"""Before a place and a name, the place is the preposition's object: "In Moscow Princess
Mary had no one", "going to Petersburg Natasha was astounded"."""


def after_preposition(text: str, start: int) -> bool:
    """Whether the word before ``start`` in ``text`` is a preposition ("to Petersburg").

    The usual case, an ASCII word and a space or a tab before ``start``, is read without
    the regular expression (called for every name of a book; its search tries each of 16
    positions); anything else is searched (``_preposition_searched``), with the same
    answer (a test compares them)."""
    lo = max(0, start - 16)
    if start <= lo or not text[start - 1].isspace():
        return False  # (the pattern ends with spaces)
    j = start
    while j > lo and text[j - 1] in " \t":
        j -= 1
    if j in (start, lo):
        return _preposition_searched(text, lo, start)
    k = j
    while k > lo and text[k - 1] in _ASCII_LETTERS:
        k -= 1
    before = text[k - 1] if k > lo else " "
    if k == j or before.isalnum() or before == "_":
        # no ASCII word ends there, or a longer word (\w: digits, "_", other letters)
        return _preposition_searched(text, lo, start)
    return text[k:j].lower() in _PREPOSITIONS


def _preposition_searched(text: str, lo: int, start: int) -> bool:
    m = _WORD_BEFORE.search(text, lo, start)
    return m is not None and m.group(1).casefold() in _PREPOSITIONS


_WORD_BEFORE = re.compile(r"(\w+)[^\S\n]+$")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _without_place_object(words: list[str]) -> list[str]:
    """``words`` without a place that opens them when a name follows it ("Moscow Princess
    Mary" after "In"); an organisation keeps its place ("Boston Globe")."""
    if len(words) > 1 and is_place_or_group(words[0]) and not is_org(" ".join(words[1:])):
        return words[1:]
    return words


@lru_cache(maxsize=8192)
def strip_name(name: str, after_preposition: bool = False) -> str:
    """``name`` without leading function words ("But Clinton" -> "Clinton") and trailing "of";
    with ``after_preposition`` (or after a leading one), without a place that opens it."""
    words = name.split()
    while words and (_stop_word(words[0]) or (len(words) > 1 and _opening_adverb(words[0]))):
        after_preposition = after_preposition or words[0].casefold() in _PREPOSITIONS
        words.pop(0)
    if after_preposition:
        words = _without_place_object(words)
    # "NBC's Dante Chinni": the owner before a possessive is not part of the name
    owners = [k for k, w in enumerate(words[:-1]) if _POSSESSIVE_S.search(w)]
    if owners:
        words = words[owners[-1] + 1 :]
    while words and words[-1] in ("of", "the", "de", "van", "von", "al", "bin"):
        words.pop()
    if len(words) >= 3 and all(w.isupper() for w in words):
        return ""  # "CONGRESS HAS INVESTIGATED HIM": a headline in capitals
    if len(words) > 1 and words[-1].rstrip(".").casefold() in _TITLE_ABBREVIATIONS:
        return ""  # "Retired U.S. Air Force Gen" + ". Norman Ham": a role, the name follows
    return " ".join(words)


@lru_cache(maxsize=8192)
def bare(name: str) -> tuple[str, ...]:
    """The words of ``name`` without titles and suffixes, casefolded."""
    out = [w.rstrip(".").casefold() for w in name.replace(",", " ").split()]
    while len(out) > 1 and out[0] in TITLES:
        out.pop(0)
    while len(out) > 1 and out[-1] in ("jr", "sr", "ii", "iii", "iv"):
        out.pop()
    return tuple(out)


@lru_cache(maxsize=8192)
def is_org(name: str) -> bool:
    ws = name.replace(",", " ").split()
    if not ws:
        return False
    if any(w.strip(".").casefold() in ORG_WORDS for w in ws):
        return True
    return len(ws) == 1 and bool(_ACRONYM.match(ws[0]))


@lru_cache(maxsize=8192)
def gender_of(name: str) -> str:
    """'m', 'f' or '' from a title or a common given name."""
    ws = [w.rstrip(".").casefold() for w in name.split()]
    if not ws:
        return ""
    if ws[0] in TITLES_MALE:
        return "m"
    if ws[0] in TITLES_FEMALE:
        return "f"
    for w in ws:
        if w in TITLES:
            continue
        if w in MALE_NAMES:
            return "m"
        if w in FEMALE_NAMES:
            return "f"
        return ""
    return ""


_PLACE_BLIND: dict[str, str | None] = {}
"""Written name -> what ``strip_name`` leaves of it whether or not a preposition comes
before it, or ``None`` where that matters ("Moscow Princess Mary")."""
_PLACE_BLIND_MAX = 1 << 16


def strip_name_at(text: str, start: int, written: str) -> str:
    """``strip_name(written, after_preposition(text, start))`` for a name ``written`` at
    ``start``: the word before it is read only when it can change the answer (for a
    few names: most are one word, or the same with a place dropped or not)."""
    same = _PLACE_BLIND.get(written, "")
    if same == "":
        if len(_PLACE_BLIND) >= _PLACE_BLIND_MAX:
            _PLACE_BLIND.clear()
        plain = strip_name(written)
        same = _PLACE_BLIND[written] = plain if plain == strip_name(written, True) else None
    if same is not None:
        return same
    return strip_name(written, after_preposition(text, start))


def name_before(text: str, lo: int, pos: int) -> tuple[int, str] | None:
    """The name that ends right at ``pos`` (spaces before ``pos`` skipped)."""
    while pos > lo and text[pos - 1] in _HSPACE:
        pos -= 1
    if pos > lo and text[pos - 1] != "\n":
        # (the cheap test first: a name's last word opens with a capital and holds only
        # letters, digits and ``_NAME_WORD_CHARS``, so without a capital in the run of such
        # characters before ``pos`` ("he", "the old man": most calls) nothing is found)
        i = pos
        while i > lo and (text[i - 1].isalnum() or text[i - 1] in _NAME_WORD_CHARS):
            i -= 1
        if _CAPITAL.search(text, i, pos) is None:
            return None
    window_lo = max(lo, pos - 120)
    m = _NAME_AT_END.search(text, window_lo, pos)
    if m is None:
        return None
    raw = m.group()
    name = strip_name_at(text, m.start(), raw)
    if not name or _stop_word(name):
        return None
    return m.start() + raw.rfind(name), name


def name_after(text: str, pos: int, hi: int) -> tuple[int, str] | None:
    """The name that starts at ``pos`` (spaces skipped)."""
    while pos < hi and text[pos] in _HSPACE:
        pos += 1
    m = _NAME_AT_START.match(text, pos, hi)
    if m is None:
        return None
    if text.startswith(".", m.end()) and " " in m.group():
        last = m.group().rsplit(None, 1)[1]
        titled = (
            _NAME_AT_START.match(text, m.end() - len(last), hi)
            if _TITLE_WORD.fullmatch(last)
            else None
        )
        if titled is not None and len(titled.group()) > len(last) + 1:
            # "Texas Sen. Ted Cruz", "Republican Gov. Greg Abbott": a place or a party
            # before a title; the name starts at the title
            pos, m = titled.start(), titled
    name = strip_name_at(text, pos, m.group())
    if not name or _stop_word(name):
        return None
    start = pos + m.group().find(name.split()[0])
    return start, name


@dataclass(slots=True)
class Person:
    """One person met in the text, under their fullest name."""

    name: str
    gender: str = ""
    variants: set[str] = field(default_factory=set)
    written: str = ""
    """The fullest form the text used, titles included ("Mayor Daniel Reyes")."""
    certain: bool = False
    """Known to be a person: a title, a common given name, or seen speaking."""


@dataclass(slots=True)
class Mention:
    pos: int
    person: Person
    sentence: int
    subject: bool = False
    """At the start of a clause (a likely subject, so a likely antecedent)."""


RESOLVE_WINDOW = 1500
"""How far back (characters) a pronoun looks for the person it means."""
_FORGET_FROM = 2048
_KEEP_LAST = 16


class People:
    """The people mentioned so far, in text order; resolves surnames and pronouns."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.speakers: list[Mention] = []
        self.by_last: dict[str, Person] = {}
        self.by_full: dict[str, Person] = {}
        self.chain: dict[str, tuple[Person, int]] = {}
        """Gender -> the person the last "he"/"she" was resolved to, and in which sentence."""

    def person(self, name: str) -> Person | None:
        """The person ``name`` refers to, registered if new (None for organisations, places
        and groups)."""
        org, place, words, key, gender, sure, nwords = _facts(name)
        if org:
            return None
        if place and not (len(words) == 1 and words[0] in self.by_last):
            return None  # (``place_or_group``)
        if not words or not words[-1][:1].isalpha():
            return None
        p = self.by_full.get(key)
        if p is None and len(words) == 1:
            p = self.by_last.get(words[0])
        if p is None and len(words) >= 2:
            last = self.by_last.get(words[-1])
            if last is not None and len(bare(last.name)) == 1:
                last.name = _display(name)
                p = last
        if p is None:
            p = Person(_display(name))
        if gender and not p.gender:
            p.gender = gender
        if sure:
            p.certain = True  # a gender, an initial or a title ("Mayor Lena Brandt")
        p.variants.add(name)
        written = _nwords(p.written)
        if nwords > written or (nwords == written and len(name) > len(p.written)):
            p.written = name
        self.by_full[key] = p
        self.by_last[words[-1]] = p
        return p

    def place_or_group(self, name: str) -> bool:
        """``name`` names a place or a group, and no person met so far has it as a surname
        ("Washington" after "Zeke Washington" is still that person)."""
        if not is_place_or_group(name):
            return False
        words = bare(name)
        return not (len(words) == 1 and words[0] in self.by_last)

    def mention(
        self, name: str, pos: int, sentence: int, subject: bool = False, role: str = ""
    ) -> Person | None:
        """Record a mention of ``name``. ``role``: a role before it says it is a person's
        ("?": "adviser Jason Miller"), and which gender ("m": "spokesman Lu Kang", "f")."""
        p = self.person(name)
        if p is not None:
            if role:
                p.certain = True
                if role != "?" and not p.gender:
                    p.gender = role
            self.mentions.append(Mention(pos, p, sentence, subject))
        return p

    def spoke(self, person: Person, pos: int, sentence: int) -> None:
        """Record that ``person`` was named as the speaker of a cue at ``pos``."""
        self.speakers.append(Mention(pos, person, sentence, True))

    def as_subject(self, pos: int, sentence: int) -> None:
        """The mention at ``pos`` (of this sentence) is its clause's subject: the speaker of
        a tail cue (""…," said Mr. Kaplan." then "he said" means Kaplan)."""
        for m in reversed(self.mentions[-8:]):
            if m.sentence < sentence:
                return
            if m.pos == pos:
                m.subject = True
                return

    def forget(self, before: int) -> None:
        """Drop the mentions no pronoun at ``before`` or later can reach (``resolve`` looks
        back ``RESOLVE_WINDOW`` characters): a long book's list stays short."""
        ms = self.mentions
        if len(ms) < _FORGET_FROM:
            return
        cut, limit, reach = 0, len(ms) - _KEEP_LAST, before - RESOLVE_WINDOW
        while cut < limit and ms[cut].pos < reach:
            cut += 1
        if cut:
            del ms[:cut]

    def resolve(
        self, pronoun: str, pos: int, sentence: int, window: int = RESOLVE_WINDOW
    ) -> Person | None:
        """The person ``pronoun`` at ``pos`` most likely means, or None when unsure."""
        want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(
            pronoun.casefold(), ""
        )
        if not want:
            return None
        fits: list[Mention] = []
        subjects: list[Mention] = []
        for m in reversed(self.mentions):
            if m.pos >= pos:
                continue
            if pos - m.pos > window:
                break
            g = m.person.gender
            if (g and g != want) or not m.person.certain:
                continue
            if len(fits) < 2:
                fits.append(m)
            if m.subject:
                subjects.append(m)
                break
        chain = self.chain.get(want)
        if not fits:
            if chain is not None and sentence - chain[1] <= 1:
                # "He says … He promises …": no one else fits since, so the pronoun goes on
                # meaning whom the last one meant (even once that name is far back)
                return self._chained(want, chain[0], sentence)
            return None
        # The nearest person who fits is an object; the nearest subject is likelier when
        # it is within the same or the previous sentence.
        if (
            subjects
            and subjects[0].person is not fits[0].person
            and fits[0].sentence - subjects[0].sentence <= 1
        ):
            return self._chained(want, subjects[0].person, sentence)
        first = fits[0]
        if (
            chain is not None
            and not first.subject
            and chain[0] is not first.person
            and sentence - chain[1] <= 3
            and not any(m.sentence >= chain[1] and m.person is not chain[0] for m in subjects)
        ):
            # "he said … loyalists to Joe Biden and Bernie Sanders. … he argued": a pronoun
            # goes on meaning whom the last one meant when only objects were named since.
            return self._chained(want, chain[0], sentence)
        if len(fits) > 1 and fits[1].person is not first.person:
            second = fits[1]
            # Two people who fit, in the same sentence, neither's gender known: unsure.
            if (
                second.sentence == first.sentence
                and not first.person.gender
                and not second.person.gender
            ):
                return None
        return self._chained(want, first.person, sentence)

    def _chained(self, gender: str, person: Person, sentence: int) -> Person:
        self.chain[gender] = (person, sentence)
        return person


_INITIAL = re.compile(r"\b[A-Z]\.[^\S\n]+[A-Z][a-z]")


@lru_cache(maxsize=8192)
def _sure_person(name: str) -> bool:
    """A gender, an initial or a title in ``name`` tells it is a person's."""
    return bool(
        gender_of(name) or _INITIAL.search(name) or name.split()[0].rstrip(".").casefold() in TITLES
    )


@lru_cache(maxsize=8192)
def _nwords(name: str) -> int:
    return len(name.split())


@lru_cache(maxsize=8192)
def _facts(name: str) -> tuple[bool, bool, tuple[str, ...], str, str, bool, int]:
    """What ``People.person`` reads of a name, none of it depending on the people met:
    an organisation? a place or a group? its bare words and their key, its gender, sure
    to be a person? its number of words. (One look-up per mention instead of seven: a
    novel mentions its people tens of thousands of times.)"""
    words = bare(name)
    return (
        is_org(name),
        is_place_or_group(name),
        words,
        " ".join(words),
        gender_of(name),
        bool(words) and _sure_person(name),  # (a name of no words is no one's)
        _nwords(name),
    )


def _display(name: str) -> str:
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
        words.pop(0)
    return " ".join(words)


_NOT_A_NAME_END = re.compile(r"(?:ened|aged|ated|ized|ised|ional|ous|ive)$")
_ADJECTIVE_NAMES = frozenset(
    (
        "Democratic",
        "British",
        "French",
        "German",
        "Italian",
        "Russian",
        "Chinese",
        "Japanese",
        "American",
        "Canadian",
        "Mexican",
        "European",
        "Additional",
        "Battleground",
        "Video",
    )
)


def plausible_speaker(name: str) -> bool:
    """Whether a speaker name read from the text can name someone: not digits ("000"),
    and not one capitalised adjective or participle that opened a sentence ("Chastened,
    …", "Democratic leaders …", "Additional reporting …")."""
    if not any(ch.isalpha() for ch in name):
        return False
    if " " in name:
        return True
    return not (name in _ADJECTIVE_NAMES or (len(name) > 5 and _NOT_A_NAME_END.search(name)))
