"""Headlines in title case: "Trump Says He Never Pledged To Kill Family Members Of Terrorists",
"Immediately After Obama's Terror Speech, Trump Said The 11 Words Everyone Was Thinking".

Every word of such a headline is capitalised, so the rules that find a speaker by the
capitals of a name cannot tell the name from the verb and from what was said. The verb of
saying is the boundary instead: the words before it (after the last comma or colon) speak,
the words after it (up to the next comma, semicolon, dash or capitalised conjunction) are
what they said. Only verbs that report a clause are read so ("Says", "Warns", "Admits");
"Slams Ryan" or "Endorses Cruz" report no claim, as they do not in running text.
"""

from __future__ import annotations

import re

from closeread.analysis.attribution.lexicon import (
    HEADLINE_ADVERBS,
    HEADLINE_AUXILIARIES,
    HEADLINE_MINOR,
    SPEAKER_NOUNS,
    STOP_CAPS,
)
from closeread.analysis.attribution.phrases import Phrase

_WORD = re.compile(r"[^\W_][\w'\u2019\-]*")
_CONTENT_STOP = re.compile(
    r"[,;:]|[^\S\n]?[\u2014\u2013-][^\S\n]|[^\S\n]+(?:As|While|After|But|Amid|Before|Despite|"
    r"Though|Because|When|Where|Even|Then|And[^\S\n]+Then)(?=[^\S\n])"
)
"""Where what a headline reports ends: punctuation, a spaced dash, a conjunction."""
_SPEAKER_START = re.compile(
    r"[,:;\u2014\u2013]|[^\S\n]-[^\S\n]|\d{1,2}:\d\d[^\S\n]?[AaPp]\.?[Mm]\.?"
)
"""Where a headline's speaker may start: after punctuation, a dash, or a time of day
glued to it (a live blog's entries: "February 6, 2016 9:52PMBush Says …")."""
MAX_SPEAKER_WORDS = 6


def _title_cased(words: list[str]) -> bool:
    """Nearly every word that is not a minor one starts with a capital or a digit."""
    major = [w for w in words if w.lower() not in HEADLINE_MINOR]
    caps = sum(1 for w in major if w[0].isupper() or w[0].isdigit())
    return len(major) >= 3 and caps >= 0.85 * len(major)


def headline(text: str, s: int, e: int, vs: int, ve: int) -> tuple[Phrase, tuple[int, int]] | None:
    """The speaker and the content of the verb ``text[vs:ve]`` in the sentence
    ``text[s:e]`` when the sentence is a title-cased headline that reads "Speaker Says
    Content"; None otherwise."""
    verb = text[vs:ve]
    if verb.endswith("ing"):
        return None  # ("Launches EPIC 4-Word Warning To White House": a noun)
    ss = max((m.end() for m in _SPEAKER_START.finditer(text, s, vs)), default=s)
    speaker = _WORD.findall(text, ss, vs)
    while speaker and speaker[-1] in HEADLINE_ADVERBS:
        speaker.pop()
    if not 1 <= len(speaker) <= MAX_SPEAKER_WORDS or speaker[0] in STOP_CAPS:
        return None
    if (
        not all(w[0].isupper() or w in HEADLINE_MINOR for w in speaker)
        or speaker[-1] in HEADLINE_MINOR
    ):
        return None  # ("…9:52PMBush Says": no speaker's name of its own)
    if any(w in HEADLINE_AUXILIARIES for w in speaker):
        return None
    if not (verb.endswith(("s", "ed")) or verb in ("Said", "Told") or speaker[-1].endswith("s")):
        return None  # a verb in its bare form agrees with a plural ("Documents Reveal")
    stop = _CONTENT_STOP.search(text, ve, e)
    ce = stop.start() if stop is not None else e
    content = _WORD.findall(text, ve, ce)
    if len(content) < 2 or not _title_cased(_WORD.findall(text, s, e)):
        return None
    if not _title_cased([*content, "X"]):  # (the content itself is title-cased)
        return None
    while ss < vs and text[ss].isspace():
        ss += 1
    se = text.index(speaker[-1], ss) + len(speaker[-1])
    cs = ve
    while cs < ce and text[cs].isspace():
        cs += 1
    if text.startswith("To ", cs):
        cs += 3  # "Vowed To Never Utter …": what was vowed
    while ce > cs and text[ce - 1] in " \t.!?":
        ce -= 1
    who = text[ss:se]
    kind = "np" if speaker[-1].lower() in SPEAKER_NOUNS else "name"
    return Phrase(ss, se, who, kind), (cs, ce)
