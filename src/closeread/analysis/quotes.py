"""Inline quotes with a speech verb, and paraphrase attributions.

A quotation mark pair is a citation only when a speech verb ties it to a speaker: after
it (""…," said the minister, Sergei Lavrov." / ""…," Herridge said.") or before it in the
same sentence ("X told Y that "…"", "what X describes as "…"", "in X's words, … "…"").
A quote that follows such a quote directly continues the same speaker. Words in quotes
without a speaker ("regime change," "rebels") are scare quotes, not citations.

Paraphrases report a source without quoting it: "according to X, …", "X reported that
…", "X said (that) …". Pronoun speakers ("he said") take the nearest named person
before them in the same stretch of text, or are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from closeread.analysis.found import Found
from closeread.analysis.names import (
    AMBIGUOUS_VERBS,
    NAME,
    POSITION_VERB,
    POSITION_VERBS,
    SPEECH_VERB,
    SPEECH_VERBS,
    SUBJECT,
    clean_name,
    is_plausible_name,
    kind_hint,
    strip_markup,
)
from closeread.document import abbreviations

QUOTE = re.compile(r"\u201c[^\u201c\u201d\n]{1,3000}\u201d|\"[^\"\n]{1,3000}\"")
_AUX = r"(?:(?:has|have|had|would|will|also|even|then|later|once|again|recently|has\s+since)\s+)*"
_PRONOUN = r"(?:he|she|they|He|She|They)"
# After a quote: ', said the Russian foreign minister, Sergei Lavrov.' / ' Herridge said.'
_AFTER = re.compile(
    rf"[^\S\n]*,?[^\S\n]*(?:\u2014|--)?[^\S\n]*(?:(?P<verb1>{SPEECH_VERB})[^\S\n]+"
    rf"(?P<who1>(?:the[^\S\n]+[^,.;:!?\"\u201c\u201d\n]{{1,60}},[^\S\n]+)?{NAME}|{_PRONOUN})"
    rf"|(?P<who2>{SUBJECT}|{_PRONOUN})[^\S\n]+{_AUX}(?P<verb2>{SPEECH_VERB})\b)"
)
# Before a quote, in the same sentence: 'X told Y that "' / 'X, a role, describes as "'.
_BEFORE = re.compile(
    rf"(?P<who>{SUBJECT}|{_PRONOUN})(?:,[^,\n\"\u201c]{{1,60}},)?[^\S\n]+{_AUX}(?P<verb>{SPEECH_VERB})\b"
    r"(?P<gap>[^.!?\"\u201c\u201d\n]{0,60}?)[,:]?[^\S\n]*$"
)
_WORDS = re.compile(
    rf"\b[Ii]n[^\S\n]+(?P<who>{NAME})['\u2019]s?[^\S\n]+words\b"
    rf"|\b(?:[Qq]uoting|[Ii]n[^\S\n]+the[^\S\n]+words[^\S\n]+of)[^\S\n]+(?P<who2>{NAME})"
    rf"|\b[Aa]s[^\S\n]+(?P<who3>{NAME})[^\S\n]+(?:puts|put)[^\S\n]+it\b"
)
_TITLE_GAP = re.compile(
    r"\b(?:article|essay|book|report|piece|paper|post|titled|entitled|headline|story|column|"
    r"study|film|song|poem|chapter|called|named)\b",
    re.IGNORECASE,
)
_VERB_NEAR = re.compile(rf"\b{SPEECH_VERB}\b")
_SENTENCE_START = re.compile(r"(?:[.!?][\"\u201d\u2019)]*\s+|\n)(?=[^.!?\n]*$)")
_TRIGGER_ALTERNATIVES = rf"(?:[Aa]ccording(?=[^\S\n]+to\b)|{SPEECH_VERB}|{POSITION_VERB})\b"
_TRIGGER_FIRST = "".join(
    sorted({"A", "a", "p", "w", "g", "i", "c"} | {w[0] for w in (*SPEECH_VERBS, *POSITION_VERBS)})
)
"""The letters a trigger can start with (its alternatives' first letters)."""
_TRIGGER = re.compile(rf"\b(?=[{_TRIGGER_FIRST}]){_TRIGGER_ALTERNATIVES}")
"""A verb of saying or of position, or "according to". (The look-ahead spares trying every
alternative at each word start of a paragraph: a third of a novel's scan.)"""
_POSITION = frozenset([*POSITION_VERBS, "calls for", "called for"])
_TRIGGER_OPENERS = frozenset(
    w.encode("ascii")
    for w in (
        *SPEECH_VERBS,
        *POSITION_VERBS,
        *("According", "according", "point", "points", "pointed", "went", "goes", "calls"),
        *("called", "convinced"),
    )
)
"""The words a ``_TRIGGER`` match opens with (as written: the pattern is case-sensitive),
and "convinced" (after "is" or "was", which open the match)."""
_LETTERS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))
"""A byte table keeping the ASCII letters and turning every other byte into a space."""


def _triggers(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_TRIGGER.finditer(text, start, end)``, tried only where one of its opening words
    stands (a novel's paragraph holds a few: the scan tried every word start of it, ~5%
    of a book's analysis). A match opens with a whole word (a run of word characters,
    so also of ASCII letters once every other character is a space) of
    ``_TRIGGER_OPENERS``, or with "is" or "was" before the whole word "convinced"."""
    words = text[start:end].encode("ascii", "replace").translate(_LETTERS_ONLY).split()
    openers = _TRIGGER_OPENERS.intersection(words)
    if not openers:
        return
    if b"convinced" in openers:
        openers = (openers - {b"convinced"}) | {b"is", b"was"}
    starts: set[int] = set()
    for word in openers:
        w = word.decode("ascii")
        i = text.find(w, start, end)
        while i >= 0:
            starts.add(i)
            i = text.find(w, i + 1, end)
    done = start
    for i in sorted(starts):
        if i < done:
            continue  # (inside the last match: ``finditer`` goes on after it)
        m = _TRIGGER.match(text, i, end)
        if m is not None:
            yield m
            done = m.end()


_ACCORDING = re.compile(rf"[Aa]ccording[^\S\n]+to[^\S\n]+(?P<who1>{SUBJECT})")
_AS_BY = re.compile(
    r"[Aa](?<![\w][Aa])s[^\S\n]+(?:suggested|reported|noted|argued|proposed|explained|described|stated)"
    rf"[^\S\n]+by[^\S\n]+(?P<who1>{SUBJECT})"
)
_PARA_TAIL = re.compile(
    rf"(?<![\w\u2019'])(?P<who2>{SUBJECT})(?<!['\u2019]s)(?<!['\u2019])(?:,[^,\n\"\u201c]{{1,60}},)?[^\S\n]+(?P<aux>{_AUX})\Z"
)
# A generic subject ("The administration has said that ..."): only with an auxiliary and "that".
_NP_TAIL = re.compile(
    r"(?<![\w\u2019'])(?P<who2>[Tt]he[^\S\n]+(?:[a-z][\w\-]*[^\S\n]+){0,2}[a-z][\w\-]*)"
    r"[^\S\n]+(?P<aux>(?:has|have|had)[^\S\n]+)\Z"
)
# "as the book "X" explains", "as many of the essays in "X" argue".
_AS_SAYS = re.compile(
    r"[Aa](?<![\w][Aa])s[^\S\n]+(?P<who>(?:the|an?|many|some|several|most|his|her|their|[A-Z\"\u201c])"
    r"[^,.;:!?\n]{1,100}?)[^\S\n]+(?P<verb>explains|explained|argues|argued|argue|notes|noted|note|"
    r"says|said|writes|wrote|suggests|suggested|suggest|points[^\S\n]+out|pointed[^\S\n]+out|"
    r"puts[^\S\n]+it|put[^\S\n]+it|describes|described|reports|reported)\b"
)
_AS_BY_VERBS = (
    "suggested",
    "reported",
    "noted",
    "argued",
    "proposed",
    "explained",
    "described",
    "stated",
)
"""The verbs of ``_AS_BY``: without one of them in a stretch, it matches nothing there."""
_AS_SAYS_VERBS: tuple[str, ...] = ("explain", "argue", "note", "says", "said", "writes", "wrote")
_AS_SAYS_VERBS += ("suggest", "point", "put", "describe", "report")
"""What each verb of ``_AS_SAYS`` starts with (case as written: the pattern keeps case)."""


def _any_in(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` occurs in ``text[start:end]``."""
    return any(text.find(w, start, end) >= 0 for w in words)


_FINITE = re.compile(r"\b(?:had|has|have|was|were|is|are|did|does|do|would|could|should)\b")
_WORK_NOUN = re.compile(
    r"\b(?:book|article|essay|essays|study|studies|report|paper|papers|author|authors|survey|"
    r"review|researchers|documentation|website|post)\b"
)
_PRONOUN_START = re.compile(r"^(?:we|i|you|they|he|she|it|this|that|these|those|one)\b", re.I)
_TITLE_IN = re.compile(r"[\u201c\"](?P<t>[^\u201c\u201d\"\n]{2,200})[\u201d\"]")
_PREP_BEFORE = re.compile(
    r"\b(?:of|in|for|to|with|from|at|on|about|than|like|into|over|under)[^\S\n]+\Z"
)
# "It claims that ...": the pronoun opens its sentence; the previous sentence's subject speaks.
_PRONOUN_TAIL = re.compile(
    rf"(?:(?<=[.!?][^\S\n])|(?<=[.!?][\"\u201d\u2019)][^\S\n])|(?<=\n)|^)(?:It|He|She|They)"
    rf"[^\S\n]+{_AUX}\Z"
)
_LEADING_NAME = re.compile(rf"(?P<who>{NAME})(?=[,\s])")


def _previous_subject(text: str, pos: int, floor: int, speakers: Sequence[Found] = ()) -> str:
    """Who "it"/"he" at ``pos`` refers to: the name opening the previous sentence
    ("System76, which ... . It claims"), else the speaker quoted in it
    (""...," Mayor Reyes said. He added that ...")."""
    if pos - 2 <= floor:
        return ""
    prev = _sentence_start(text, pos - 2, floor)
    m = _LEADING_NAME.match(text, prev, pos)
    if m and is_plausible_name(clean_name(m.group("who"))):
        return m.group("who")
    quoted = [f.raw_source for f in speakers if prev <= f.start < pos and f.raw_source]
    return quoted[-1] if quoted else ""


_REST = re.compile(
    r"[^\S\n]+(?:\[[^\]\n]{1,80}\](?:\[[^\]\n]*\]|\([^)\n]*\))[^\S\n]+)?(?:that[^\S\n]+)?"
)
_SENT_END = re.compile(r"[.!?](?=[\"\u201d\u2019)]*(?:\s|$))|\n")
_CLAUSE_OPEN = re.compile(r"(?:^|[.!?;:,(\n\"\u201d]\s*|\b(?:and|but|while|as)\s+)$")
# Verbs that introduce reported content without "that" ("X said the plan failed").
_BARE_REPORT = frozenset(
    [
        "cited",
        "cites",
        "expressed",
        "is convinced",
        "was convinced",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "reported",
        "reports",
        "writes",
        "wrote",
        "claims",
        "claimed",
        "argues",
        "argued",
        "insists",
        "insisted",
        "warned",
        "warns",
        "notes",
        "noted",
        "explains",
        "explained",
        "believes",
        "believed",
        "thinks",
        "thought",
    ]
)
_NOT_PARAPHRASE = frozenset(
    ["asked", "asks", "answered", "replied", "cried", "shouted", "whispered", "muttered"]
)


MAX_SENTENCE = 2000
"""Search no further than this for a sentence's end (keeps pathological text linear)."""


def _sentence_end(text: str, pos: int, limit: int) -> int:
    limit = min(limit, pos + MAX_SENTENCE)
    for m in _SENT_END.finditer(text, pos, limit):
        if m.group() == "." and _abbreviation_period(text, m.start(), limit):
            continue  # "… indicating that U.S. agents …": the sentence goes on
        return m.end()
    return limit


_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_WORD_AFTER = re.compile(r"[\"\u201d\u2019)]*\s+([\w\u2019']+)")


def _abbreviation_period(text: str, dot: int, limit: int) -> bool:
    """The period at ``dot`` ends an abbreviation inside the sentence ("U.S. agents",
    "Mr. Smith", "p. 55"), not the sentence."""
    w = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    nxt = _NEXT_WORD_AFTER.match(text, dot + 1, limit)
    if w is None or nxt is None:
        return False
    word = w.group(1).lower()
    following = nxt.group(1)
    if following[:1].islower() or following[:1].isdigit():
        return True  # a sentence never goes on in lower case or with a number
    if word in abbreviations.PREPOSITIVE:
        return True
    if "." in word or word in abbreviations.OTHER:
        return following.lower() not in abbreviations.SENTENCE_STARTERS
    return False


def _sentence_start(text: str, pos: int, floor: int) -> int:
    window = text[max(floor, pos - 400) : pos]
    m = _SENTENCE_START.search(window, _last_break(window))
    return pos - len(window) + m.end() if m else max(floor, pos - 400)


def _last_break(window: str) -> int:
    """Where ``_SENTENCE_START.search(window)`` may begin without missing its match: the
    match holds the window's last ".", "!", "?" or line break (nothing of them follows
    it but a line break ending the window, where ``$`` matches too), and from its start to
    that character stand only closing marks and spaces; so it starts no earlier than the
    mark before the run of those that ends at that character. (Searched from the window's
    start, every break was tried, each looking ahead to the window's end.)"""
    end = len(window) - 1 if window.endswith("\n") else len(window)
    k = max(
        window.rfind(".", 0, end),
        window.rfind("!", 0, end),
        window.rfind("?", 0, end),
        window.rfind("\n", 0, end),
    )
    if k < 0:
        return end  # (no break before the end: at most the final line break matches)
    while k > 0 and (window[k - 1] in _CLOSING_MARKS or window[k - 1].isspace()):
        k -= 1
    if k > 0 and window[k - 1] in ".!?":
        k -= 1
    return k


_CLOSING_MARKS = '"\u201d\u2019)'
"""The closing marks ``_SENTENCE_START`` allows after a full stop."""


class _Speakers:
    """Remembers the last named speaker, so "he said" can be resolved nearby."""

    def __init__(self) -> None:
        self.name = ""
        self.pos = -10_000

    def resolve(self, who: str, pos: int) -> str:
        if who.lower() in {"he", "she", "they"}:
            return self.name if pos - self.pos < 1500 else ""
        # A possessive ("Kitzes' notes on") is not a speaker.
        if who.rstrip().endswith(("'", "\u2019", "'s", "\u2019s")) or not is_plausible_name(
            clean_name(who)
        ):
            return ""
        self.name, self.pos = who.strip(" ,"), pos
        return self.name


# A quote tied to its speaker by what they want or fear rather than a speech verb:
# "the Alliance wants members to "…"", "he's worried that … due to "…"". Checked on the
# sentence's text with link markup removed, so a subject inside link text counts.
_STANCE_VERB = (
    r"(?:wants|wanted|hopes|hoped|fears|feared|urges|urged|expects|expected|demands|"
    r"demanded|calls[^\S\n]+for|called[^\S\n]+for|worries|worried|"
    r"(?:is|was|are|were|['\u2019]s)[^\S\n]+(?:worried|concerned|afraid|convinced))"
)
_STANCE_NEAR = re.compile(rf"\b{_STANCE_VERB}\b|['\u2019]s[^\S\n]+(?:worried|concerned|afraid)\b")
_STANCE = re.compile(
    rf"(?:^|[,;]\s+|\b(?:[Aa]nd|[Bb]ut|[Ss]o)\s+)(?P<who>{SUBJECT}|{_PRONOUN})"
    rf"(?:,[^,\n\"\u201c]{{1,60}},)?\s*{_AUX}{_STANCE_VERB}\b[^.!?\"\u201c\u201d]{{0,120}}$"
)


def _stance_speaker(text: str, line_start: int, qs: int, floor: int, speakers: _Speakers) -> str:
    """The named subject of a stance verb before the quote at ``qs`` (see ``_STANCE``)."""
    m = _STANCE.search(strip_markup(text[max(line_start, qs - 300) : qs]) + " ")
    if m is None:
        return ""
    who = m.group("who")
    if who.lower() in {"he", "she", "they"}:
        return speakers.resolve(who, qs) or _previous_subject(text, line_start, floor)
    return speakers.resolve(who, qs)


def find_inline_quotes(
    text: str, start: int, end: int, skip: Iterable[tuple[int, int]] = ()
) -> list[Found]:
    """Inline quotes with a speaker in ``text[start:end]``; ``skip`` spans (titles) ignored."""
    skipped = sorted(skip)
    out: list[Found] = []
    speakers = _Speakers()
    _last_end, last_source, continue_until = -1, "", -1
    for m in QUOTE.finditer(text, start, end):
        qs, qe = m.start(), m.end()
        if any(s <= qs < e for s, e in skipped):
            continue
        source = ""
        after = _AFTER.match(text, qe, min(end, qe + 160))
        if after:
            verb = after.group("verb1") or after.group("verb2")
            who = after.group("who1") or after.group("who2")
            if not (
                verb in AMBIGUOUS_VERBS
                and after.group("who2")
                and not after.group("who2")[:1].isupper()
            ):
                source = speakers.resolve(who, qs)
        if not source:
            line_start = _sentence_start(text, qs, start)
            # Only look for a speaker when a reporting verb is near (cheap test first).
            verb_near = _VERB_NEAR.search(text, max(line_start, qs - 80), qs)
            before = _BEFORE.search(text, max(line_start, qs - 200), qs) if verb_near else None
            if before and not _TITLE_GAP.search(before.group("gap")):
                source = speakers.resolve(before.group("who"), qs)
            if not source:
                words = _WORDS.search(text, line_start, qs)
                if words:
                    who = words.group("who") or words.group("who2") or words.group("who3")
                    source = speakers.resolve(who, qs)
            if not source and _STANCE_NEAR.search(text, line_start, qs):
                source = _stance_speaker(text, line_start, qs, start, speakers)
        if not source and last_source and qs <= continue_until:
            source = last_source
        if not source:
            continue
        out.append(Found("inline_quote", qs + 1, qe - 1, raw_source=source))
        _last_end, last_source = qe, source
        # The same speaker goes on when another quote opens right after this sentence.
        attribution_end = after.end() if after else qe
        continue_until = _sentence_end(text, attribution_end, end) + 2
    return out


NOTHING_SAID = re.compile(
    r"[^\S\n]*(?:nothing|something|anything|everything)(?=[^\S\n]*(?:[,.;:!?\u2014)]|$|"
    r"(?:to|in|but|and|or|else|further|more|when|while|as|like|publicly|privately|yet|"
    r"again)\b))",
    re.IGNORECASE,
)
"""A pronoun for what was said, no words of it: "said nothing to her", "said something in
French". (Not "said little about the plan" nor "proposed nothing that would …": what they
are about is reported.)"""


def find_paraphrases(
    text: str,
    start: int,
    end: int,
    quoted: Iterable[tuple[int, int]] = (),
    blocked: Iterable[tuple[int, int]] = (),
    speakers: Sequence[Found] = (),
) -> list[Found]:
    """Paraphrase attributions in ``text[start:end]`` (not those that introduce a quote).

    ``quoted`` are the spans of attributed inline quotes: a verb whose clause opens with
    one of them belongs to that quote. ``blocked`` spans (block quote lead-ins) are never
    paraphrases.
    """
    quote_spans = sorted(quoted)
    blocked_spans = sorted(blocked)
    out: list[Found] = []
    # Find the verbs first (cheap), then look back for a subject in a short window.
    as_by = (
        {m.start("who1") - 1: m for m in _AS_BY.finditer(text, start, end)}
        if _any_in(text, start, end, _AS_BY_VERBS) and text.find("by", start, end) >= 0
        else {}
    )
    for t in _triggers(text, start, end):
        m: re.Match[str] | None = None
        if t.group().lower() == "according" or t.end() + 3 in as_by:
            m = _ACCORDING.match(text, t.start(), end) or as_by.get(t.end() + 3)
            if not m:
                continue
            who = m.group("who1")
            s = _sentence_start(text, m.start(), start)
            tail = m.end()
        else:
            ws = max(start, t.start() - 160)
            nl = text.rfind("\n", ws, t.start())
            ws = nl + 1 if nl >= 0 else ws
            sm = _PARA_TAIL.search(text, ws, t.start())
            generic = named = False
            if sm and (
                _PREP_BEFORE.search(text, max(start, sm.start() - 12), sm.start())
                or not is_plausible_name(clean_name(sm.group("who2")))
            ):
                sm = None  # "developers of Python have ...": Python is not the subject
            who = sm.group("who2") if sm else ""
            named = sm is not None
            if not sm:
                sm = _NP_TAIL.search(text, ws, t.start())
                generic = True
                who = sm.group("who2") if sm else ""
            if not sm:
                sm = _PRONOUN_TAIL.search(text, ws, t.start())
                who = _previous_subject(text, sm.start(), start, speakers) if sm else ""
                if not who or sm is None:
                    continue
            verb = " ".join(t.group().split())
            if NOTHING_SAID.match(text, t.end(), end):
                continue  # "said nothing to her": no words reported
            rest_m = _REST.match(text, t.end(), end)
            rest = rest_m.group() if rest_m else ""
            tail = t.end() + len(rest)
            bare = verb in _BARE_REPORT or (verb in _POSITION and named)
            if verb in _NOT_PARAPHRASE or ((generic or not bare) and "that" not in rest):
                continue
            if verb in AMBIGUOUS_VERBS and not sm.groupdict().get("aux"):
                before = text[max(start, sm.start() - 12) : sm.start()]
                if not _CLAUSE_OPEN.search(before):
                    continue
            s = sm.start()
        name = clean_name(who)
        if not is_plausible_name(name):
            continue
        e = _sentence_end(text, tail, end)
        rest = text[tail:e].strip()
        # A lead-in ("X writes:") or a verb followed by a quote belongs to a quote citation.
        if rest.endswith(":") or rest[:1] in '"\u201c' or (m is None and len(rest.split()) < 3):
            continue
        if any(qs < e and s < qe for qs, qe in blocked_spans) or any(
            tail <= qs < tail + 40 or (m is None and 0 <= s - qe <= 4 and "\n" not in text[qe:s])
            for qs, qe in quote_spans
        ):
            continue  # the verb belongs to a quote before or after it
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(
            Found("paraphrase", s, e, raw_source=who.strip(" ,"), source_kind=kind_hint(who))
        )
    out += _as_says(text, start, end, quote_spans + blocked_spans, out)
    out.sort(key=lambda f: f.start)
    return out


def _as_says(
    text: str, start: int, end: int, quote_spans: list[tuple[int, int]], found: list[Found]
) -> list[Found]:
    """ "as the book "X" explains": the work or author named between "as" and the verb."""
    out: list[Found] = []
    if not _any_in(text, start, end, _AS_SAYS_VERBS):
        return out  # (no verb it ends with: most stretches of a novel; no scan of every "as")
    for m in _AS_SAYS.finditer(text, start, end):
        who = m.group("who").strip()
        if (
            _PRONOUN_START.match(who)
            or _FINITE.search(who)
            or not (_WORK_NOUN.search(who) or any(ch.isupper() for ch in who))
        ):
            continue
        title = _TITLE_IN.search(who)
        name = strip_markup(title.group("t")) if title else who
        if not is_plausible_name(clean_name(name)):
            continue
        s = _sentence_start(text, m.start(), start)
        e = _sentence_end(text, m.end(), end)
        while e > s and text[e - 1].isspace():
            e -= 1
        if any(f.start < e and s < f.end for f in found) or any(
            qs < e and s < qe for qs, qe in quote_spans
        ):
            continue
        out.append(
            Found(
                "paraphrase",
                s,
                e,
                raw_source=name,
                source_kind="publication" if title else kind_hint(name),
            )
        )
    return out
