"""Who "he" or "she" is in a lead-in ("she said:"), when the text makes it unambiguous.

Fiction and long reports introduce many quotes with a pronoun. The pronoun is resolved
to the person named just before — but only when exactly one person fits: the lead-in
names nobody else (in "Seeing Prince Andrew she cried:" the name is not the speaker),
and among the people named outside quotation marks in the stretch of text before it,
after dropping those whose title says the other gender (Prince / Princess, Mr / Mrs),
either only one remains ("Pierre" and "Pierre Bezúkhov" count as one), or the nearest is
the speaker of a reporting verb ("…,” said Pierre.") and nobody else is named after
it. Otherwise the quote keeps no source: a wrong speaker would mislead a reader more than
a missing one. Names after "a"/"an" ("a Tartar boot") are not people.
"""

from __future__ import annotations

import re

from closeread.analysis.names import NAME, SPEECH_VERB, clean_name, is_plausible_name, name_key

LOOK_BACK = 700
"""How many characters before the lead-in are searched for the person meant."""
_PRONOUN = re.compile(r"\b(?P<p>[Hh]e|[Ss]he)\b")
_NAME = re.compile(NAME)
_SPOKE_AFTER = re.compile(rf"\b{SPEECH_VERB}[^\S\n]+\Z")
_SPOKE_BEFORE = re.compile(rf"\A[^\S\n]+(?:\w+ly[^\S\n]+)?{SPEECH_VERB}\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)[^\S\n]+\Z")
_QUOTED = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"\n]*\"")


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FEMALE = _words(
    "princess countess mrs miss ms madame mademoiselle mme mlle lady queen dame mother "
    "sister aunt empress duchess baroness"
)
_MALE = _words(
    "prince count mr sir lord king monsieur m general captain colonel father brother uncle "
    "emperor duke baron"
)
_NOT_PEOPLE = _words(
    "he she it they we i you his her their the a an but and then when as so yet "
    "god heaven mamma papa"
)


def _gender(raw: str) -> str:
    first = raw.split()[0].strip(".").lower() if raw.split() else ""
    return "f" if first in _FEMALE else "m" if first in _MALE else ""


def _same_person(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def pronoun_speaker(text: str, lead_start: int, lead_end: int, floor: int = 0) -> str:
    """The person a pronoun subject of ``text[lead_start:lead_end]`` refers to, or ""."""
    lead = text[lead_start:lead_end]
    m = _PRONOUN.search(lead)
    if m is None:
        return ""
    # Anyone named in the lead-in itself makes the pronoun ambiguous.
    for n in _NAME.finditer(lead):
        word = n.group().lower()
        if word not in _NOT_PEOPLE and is_plausible_name(clean_name(n.group())):
            return ""
    want = "f" if m.group("p").lower() == "she" else "m"
    start = max(floor, lead_start - LOOK_BACK)
    window = _QUOTED.sub(lambda q: " " * len(q.group()), text[start:lead_start])
    people: list[tuple[str, str, bool]] = []  # (key, display, is a speaker)
    for n in _NAME.finditer(window):
        raw = n.group()
        key = name_key(raw)
        if (
            not key
            or key in _NOT_PEOPLE
            or not is_plausible_name(clean_name(raw))
            or _ARTICLE_BEFORE.search(window, max(0, n.start() - 8), n.start())
        ):
            continue
        g = _gender(raw)
        if g and g != want:
            continue
        spoke = bool(
            _SPOKE_AFTER.search(window, max(0, n.start() - 30), n.start())
            or _SPOKE_BEFORE.match(window[n.end() : n.end() + 30])
        )
        people.append((key, clean_name(raw), spoke))
    if not people:
        return ""
    keys: list[str] = []
    for key, _, _ in people:
        if not any(_same_person(key, k) for k in keys):
            keys.append(key)
    if len(keys) == 1:
        return max((d for _, d, _ in people), key=len)
    _, last_name, spoke = people[-1]
    return last_name if spoke else ""
