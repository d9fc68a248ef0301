"""Is a lead-in sentence only an attribution, or does it also assert something?

A sentence that introduces a block quote ("The London Guardian stated in its article
“…” that:", "Regarding this point, the Guardian would even report:") is the citation's
lead-in, not a claim of the author's. The rule, general and word-based:

1. Take the sentence and remove the attribution clause: quoted titles, the source's name
   as the text wrote it, reporting verbs ("reported", "claims", ...), auxiliaries and
   adverbs that go with them ("would even"), the words that name the cited work ("in its
   article", "that", "as follows"), pronouns, articles and prepositions.
2. Remove discourse framing that only points back at the text ("However,", "Regarding
   this point,", "In this regard,", "For example,").
3. If at least ``OWN_WORDS`` words are left, the sentence carries an assertion of its
   own ("However, to explain the West's apparent failure to prioritize, the Guardian
   claims:" presupposes that failure): it stays a claim, and ``own_assertion`` gives what
   it asserts so the caller can judge whether the quote backs it. Otherwise it is a pure
   lead-in and no claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from closeread.analysis.names import POSITION_VERBS, SPEECH_VERBS, strip_markup

OWN_WORDS = 2
"""Words of its own (beyond attribution and framing) that make a lead-in also a claim."""

# Any opening mark to any closing one: texts mix them ("“REPORT: … Rebels,\" that:").
_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"\n]*[\u201d\"]|\u2018[^\u2018\u2019\n]*\u2019")
_URL = re.compile(r"\S*(?:https?://|www\.)\S*")
_WORD = re.compile(r"[^\W\d_][\w\u2019'\-]*")
_ATTRIBUTION = frozenset(
    [
        *SPEECH_VERBS,
        *POSITION_VERBS,
        *str.split(
            # reporting verbs missing from the speech list, and their forms
            "reporting stating writing claiming noting arguing saying telling put puts "
            "publish published publishes observing quoted quotes quoting went goes out "
            "following follows as thus so "
            # auxiliaries and the adverbs that go with a reporting verb
            "would will could can may might has have had is was were be been does did do "
            "also even then later once again recently further still since already "
            "even itself themselves "
            # the cited work
            "article articles report piece story column editorial op-ed essay interview "
            "post blog paper study book statement statements words remarks release "
            "press headline titled entitled called response responses reply answer view "
            "views position comment comments introduction review foreword preface "
            # pronouns, articles, prepositions, conjunctions
            "the a an its it his her their they he she we i our this that these those "
            "in on of to at by for with from about into and or but yet "
        ),
    ]
)
_FRAMING = frozenset(
    str.split(
        "however moreover furthermore indeed similarly likewise meanwhile additionally "
        "here there now next finally first second third also besides instead "
        "regarding concerning respecting point points regard respect matter issue "
        "subject topic note case example instance addition turn fact words same vein "
        "accordingly consequently hence therefore time"
    )
)


def _remove_names(sentence: str, names: Iterable[str]) -> str:
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        pattern = rf"(?<!\w){re.escape(name)}(?:['\u2019]s)?(?!\w)"
        sentence = re.sub(pattern, " ", sentence, flags=re.IGNORECASE)
    return sentence


def own_assertion(sentence: str, names: Iterable[str] = ()) -> str:
    """The words of a lead-in ``sentence`` beyond attribution and framing ("" if none).

    ``names`` are the source's names as the text wrote them (so "The London Guardian" or
    "[Catherine] Herridge" are removed whole).
    """
    plain = _URL.sub(" ", strip_markup(_QUOTED.sub(" ", sentence))).replace("_", " ")
    rest = _remove_names(plain.replace("*", " "), names)
    words = [
        w
        for w in _WORD.findall(rest)
        if w.lower() not in _ATTRIBUTION and w.lower() not in _FRAMING
    ]
    return " ".join(words)


def is_pure_lead_in(sentence: str, names: Iterable[str] = ()) -> bool:
    """Whether ``sentence`` only introduces a quote (asserts nothing of its own)."""
    return len(own_assertion(sentence, names).split()) < OWN_WORDS
