"""The patterns and word lists the attribution rules read the text with, and small pure
helpers over spans (no state: ``cues`` and ``engine`` hold that)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from closeread.analysis.attribution.lexicon import ATTITUDE_FORMS, MULTIWORD_FORMS, SPEECH_FORMS
from closeread.analysis.attribution.marks import QuoteSpan

_HSPACE = " \t\u00a0\u2009\u202f"
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z]+)\b")
_NOUN_CUES = frozenset(
    [
        "claim",
        "claims",
        "assertion",
        "assertions",
        "argument",
        "statement",
        "suggestion",
        "promise",
        "pledge",
        "insistence",
        "contention",
        "remark",
        "remarks",
        "comment",
        "comments",
        "charge",
        "accusation",
        "allegation",
        "warning",
        "view",
        "belief",
        "prediction",
        "vow",
        "threat",
    ]
)
_POSSESSOR = re.compile(
    r"(?P<nwho>\b(?:[Hh]is|[Hh]er|[Tt]heir)|\b[A-Z][\w\-]*(?:[^\S\n]+[A-Z][\w\-]*){0,2}['\u2019]s?)"
    r"[^\S\n]+(?:(?:repeated|latest|recent|false|earlier|own|oft-repeated)[^\S\n]+)?$"
)
_THAT_NEXT = re.compile(r"[^\S\n]+that\b")
_MULTI_FIRST = frozenset(f.split()[0] for f in MULTIWORD_FORMS)
_LOWER_WORDS = re.compile(r"[A-Za-z]+")
_CUE_WORDS = frozenset(
    {w for f in (*SPEECH_FORMS, *ATTITUDE_FORMS) for w in f.split()[:1]}
    | {w.capitalize() for f in (*SPEECH_FORMS, *ATTITUDE_FORMS) for w in f.split()[:1]}
    | set(_MULTI_FIRST)
    | {w.capitalize() for w in _MULTI_FIRST}
    | _NOUN_CUES
    | {"according", "According"}
)
"""Every word that can start a cue, as written in lower case or capitalised."""


def _occurrences(
    text: str, s: int, e: int, words: frozenset[str] | set[str]
) -> list[tuple[int, str]]:
    """Where ``words`` occur as whole words in ``text[s:e]``, in order (``str.find`` is
    far cheaper than a regex built per sentence)."""
    out = []
    for w in words:
        i = text.find(w, s, e)
        while i >= 0:
            j = i + len(w)
            if (i == s or not text[i - 1].isalpha()) and (j >= e or not text[j].isalpha()):
                out.append((i, w))
            i = text.find(w, j, e)
    out.sort()
    return out


_THAT_WORD = (
    r"(?:(?!(?:and|but|or|is|are|was|were|be|been|think|believe|know|say|"
    r"he|she|they|we|I)\b)"
    r"(?![^\s]*['\u2019](?:s|re)\b)[^\s,.!?;:\"\u201c\u201d]+[^\S\n]+)"
)
"""One word before the "that" of a reported clause: no conjunction, verb of the clause or
subject pronoun (the clause would have begun)."""
_THAT_SOON = re.compile(rf"[^\S\n]*{_THAT_WORD}{{0,6}}?that\b")
"""The "that" of a reported clause after a few words of adjunct or object ("said on
Tuesday that", "told reporters that"), not one inside a clause that has begun ("said it's
unrealistic to think that …": the clause starts at "it's")."""
_THAT_AFTER_OBJECT = re.compile(rf"[^\S\n]*{_THAT_WORD}{{0,9}}?that\b")
"""``_THAT_SOON`` after the person told, whose description may be longer ("told a crowded
banquet hall at a hotel in downtown Baltimore that")."""
_THAT_AFTER_ASIDE = re.compile(
    r"[^\S\n]*(?P<words>(?:[^\s,.!?;:\"\u201c\u201d\u2014\u2013]+"
    r"(?:[^\S\n]+[^\s,.!?;:\"\u201c\u201d\u2014\u2013]+){0,8})?)"
    r"[^\S\n]*(?P<open>,|[\u2014\u2013]|(?<=\s)-(?=\s))[^\S\n]*"
    r"(?![^\S\n]*(?:and|but|or|so|yet)\b)(?P<aside>[^.!?;:\"\u201c\u201d\u2014\u2013\n]{1,80}?)"
    r"[^\S\n]*(?:,|[\u2014\u2013]|(?<=\s)-(?=\s))[^\S\n]*that[^\S\n]"
)
"""The "that" of a reported clause after an aside between commas or dashes ("said,
however, that", "said — on Twitter, as it happens — that") or after a town and its state
("said Sunday in Madison, Wisconsin, that"): ``words`` must be empty unless ``aside`` is
a place. An aside that opens with a conjunction ("…, and had grown so used to it, that")
is a clause of its own."""
_TIME_ADJUNCT = re.compile(
    r"[^\S\n]*(?:(?:on|last|this|late|early|in|at|during|earlier|before|after)[^\S\n]+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|"
    r"morning|afternoon|evening|today|yesterday)\b(?!['\u2019])[^\S\n]*"
    r"(?:night|morning|afternoon|evening)?,?"
)
"""A time right after a verb ("said Tuesday", "said on Monday night"); not a possessive
("said Thursday's speeches …": the clause starts there)."""
_OBJECT = re.compile(
    r"[^\S\n]*(?:him|her|them|us|me|reporters|journalists|supporters|voters|the\s+crowd|"
    r"the\s+audience|(?:the|a|an|his|her|their)[^\S\n]+[\w\-]+"
    r"(?:[^\S\n]+(?!(?:he|she|they|we|it|I)\b)[\w\-]+)?|"
    # "host Chris Cuomo", "reporter Ann Lee": a role, then the person's name
    r"(?:(?:host|anchor|reporter|interviewer|moderator|columnist|correspondent)[^\S\n]+)?"
    + r"(?:[A-Z][\w\-]*(?:[^\S\n]+[A-Z][\w\-]*){0,3}))\b[^\S\n]*"
)
_OPEN_QUOTE = re.compile(r"[^\S\n]*[,:]?[^\S\n]*(?:``|''|[\u201c\"])")
_SPEAKER_COLON = re.compile(
    r"(?P<who>[A-Z][A-Z.'\-]+(?:[^\S\n]+[A-Z][A-Z.'\-]+){0,3}|"
    r"[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z.]+){0,3})(?:,[^\S\n]+[^:\n\"\u201c]{1,40})?:[^\S\n]"
)
_TITLE_WORDS = re.compile(r"^[A-Z0-9][\w'\u2019\-]*$")
_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "vs.",
        "v.",
        "is",
    ]
)
_WORDS = re.compile(r"[\w\u2019'\-]+")


_N_WORDS: dict[int, re.Pattern[str]] = {}
"""By ``n``: a pattern matching ``n`` words (``_WORDS``) and what stands between them;
possessive, so that a word is never split in two to make up the number."""


def has_words(text: str, a: int, b: int, n: int) -> bool:
    """At least ``n`` words (``_WORDS`` matches) in ``text[a:b]``: one match of ``n``
    words, no match object per word."""
    p = _N_WORDS.get(n)
    if p is None:
        p = _N_WORDS[n] = re.compile(rf"(?:[^\w\u2019'\-]*+[\w\u2019'\-]++){{{n}}}")
    return p.match(text, a, b) is not None


def count_words(text: str, a: int, b: int, cap: int) -> int:
    """``min(len(_WORDS.findall(text[a:b])), cap)``, the words counted only up to ``cap``
    (a rule asks "at most four words?" of a quotation a page long). (``_WORDS`` looks
    neither behind nor ahead: searching ``text`` from ``a`` to ``b`` finds what searching
    the slice finds.)"""
    if has_words(text, a, b, cap):
        return cap
    return len(_WORDS.findall(text, a, b))


_DASH_NAME = re.compile(
    r"[^\S\n]*[\u2015\u2014\u2013][^\S\n]*(?P<who>[A-Z][\w.\-\u00c0-\u024f]*(?:[^\S\n]+[A-Z][\w.\-\u00c0-\u024f]*){0,4})"
)

_ACC_NP = re.compile(r"[^\S\n]+(?P<np>[^,.;:!?\"\u201c\u201d\n()]{2,120}?)(?=[,.;:!?\u2014(]|$)")

_NOUN_BEFORE = re.compile(
    r"(?:(?<!\bhe)(?<!\bshe)(?<!\bit)(?<!\bwho)(?<!\bthat)(?<!\bthere)['\u2019]s|"
    r"\b(?:the|a|an|his|her|its|their|our|my|your|these|those|such|"
    r"whose|of|no))[^\S\n]+$",
    re.IGNORECASE,
)

_NOUN_BEFORE_ENDS = (
    *[
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "these",
        "those",
        "such",
        "whose",
        "of",
        "no",
    ],
    "'s",
)
"""How the last word before a ``_NOUN_BEFORE`` match ends (lower-cased)."""


def noun_before(text: str, lo: int, pos: int) -> bool:
    """``_NOUN_BEFORE.search(text, lo, pos)``, not tried where it cannot match (most verbs
    of a novel): the window must end with spaces, after a word ending as one of
    ``_NOUN_BEFORE_ENDS`` does. (A word with other letters than a-z is searched: the
    pattern ignores case, and Unicode case folding is subtle.)"""
    window = text[lo:pos]
    last = window.rsplit(None, 1)[-1:]
    if not last or not window[-1].isspace():
        return False
    word = last[0]
    if word.isascii() and not word.lower().endswith(_NOUN_BEFORE_ENDS):
        return False
    # (a match is the last word or its "'s", then spaces: searched from that word only,
    # not from every offset of the window, which a case-blind pattern makes dear)
    start = lo + len(window.rstrip()) - len(word)
    return _NOUN_BEFORE.search(text, start, pos) is not None


_NOT_SPEECH_BEFORE = re.compile(
    r"(?:\[|\S*(?:://|\?(?=\S)|=|\{\{)\S*[^\S\n]+|(?:^|[^\w])(?:Myth|Fact|Example|Note|Update|"
    r"Warning|Tip|Question|Answer|Headline|Title|Subject|Caption|Source|Credit|Photo|"
    r"Image|Figure|Table|Step|Rule|Lesson|Motto|Slogan|Tagline)[*_]*:[^\S\n]*[*_]*)"
    r"(?:``|''|[\u201c\"])$"
)
"""Before a quotation mark: a Markdown link or image title, or a label ("Myth: "…"")."""
_PATH = re.compile(r"[/\w.:\-~#?=&%]*/[/\w.:\-~#?=&%]*")
_TITLE_BEFORE = re.compile(
    r"\b(?:article|essay|book|report|piece|paper|post|titled|entitled|headline|story|"
    r"column|film|movie|song|poem|chapter|show|program|programme|series|album|episode|"
    r"documentary|op-ed|editorial|speech|slogan|hashtag|segment|bill|act)\b[^\S\n]*,?[^\S\n]*"
    r"(?:``|''|[\u201c\"])$",
    re.IGNORECASE,
)

_TITLE_NOUNS = tuple(_TITLE_BEFORE.pattern.split("(?:", 1)[1].split(")", 1)[0].split("|"))
"""The nouns ``_TITLE_BEFORE`` reads ("article", "book", …)."""


def _before_mark(text: str, lo: int, pos: int) -> str | None:
    """``text[lo:pos]`` without the quotation mark that ends it (or ends it but for a
    newline: "$" matches before one), or None when none does."""
    window = text[lo:pos]
    if window.endswith("\n"):
        window = window[:-1]
    if window.endswith(("``", "''")):
        return window[:-2]
    if window.endswith(('"', "\u201c")):
        return window[:-1]
    return None


def title_before(text: str, lo: int, pos: int) -> bool:
    """``_TITLE_BEFORE.search(text, lo, pos)``, not tried where it cannot match: before
    the mark (and a comma), the window must end with one of ``_TITLE_NOUNS``. (Unless
    its end has other letters than a-z: the pattern ignores case.)"""
    before = _before_mark(text, lo, pos)
    if before is None:
        return False
    before = before.rstrip()
    if before.endswith(","):
        before = before[:-1].rstrip()
    tail = before[-12:]
    if tail.isascii() and not tail.lower().endswith(_TITLE_NOUNS):
        return False
    return _TITLE_BEFORE.search(text, lo, pos) is not None


def not_speech_before(text: str, lo: int, pos: int) -> bool:
    """``_NOT_SPEECH_BEFORE.search(text, lo, pos)``, not tried where it cannot match:
    each of its branches has a "[", a ":", a "?", a "=" or a "{" before the mark."""
    before = _before_mark(text, lo, pos)
    if before is None or not any(c in before for c in "[:?={"):
        return False
    return _NOT_SPEECH_BEFORE.search(text, lo, pos) is not None


_AUTHOR_TAIL = re.compile(
    r"(?:,|;)[^\S\n]*(?:although|though|even though|even as|whereas|but|yet|despite|"
    r"while|a claim|an assertion|which (?:is|was)|according to)\b|[^\S\n]+\u2014[^\S\n]+"
)
"""Where the author's own words take over from a reported clause."""
_NOUNISH = frozenset(
    [
        "claims",
        "talks",
        "calls",
        "plans",
        "reports",
        "shows",
        "promises",
        "remarks",
        "comments",
        "hopes",
        "fears",
        "demands",
        "charges",
        "concerns",
        "notes",
        "points",
        "warnings",
        "questions",
        "answers",
        "requests",
        "threats",
        "pledges",
        "vows",
        "estimates",
        "forecasts",
        "reads",
        "posts",
        "tweets",
        "statements",
        "findings",
        "finds",
        "cries",
        "doubts",
    ]
)
"""Verb forms that are also plural nouns ("the Vienna talks"): their subject must open
its clause."""

_INVERSION_END = re.compile(
    r"[^\S\n]*(?:$|[,.;:!?(\u2014\u2013\"\u201c\u201d]|''|(?:\([^)\n]*\)[^\S\n]*)?"
    r"(?:in|on|at|during|after|before|of|about|to|from|with|who|when|while|as|last|this|"
    r"earlier|later|recently|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"told|added|wrote|according|known|identified)\b)"
)
"""After the speaker of an inverted cue ("said Sen. Ben Sasse, R-Neb.") only an adjunct or
the sentence end may follow: "said he would …" is a subject and its clause, not an
inversion."""
_QUOTE_NEXT = re.compile(r"[^\S\n]*(?:,|:)?[^\S\n]*(?:``|''|[\u201c\"])")
_CORE_SPEECH = frozenset(
    [
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "write",
        "claim",
        "argue",
        "explain",
        "warn",
        "insist",
        "add",
        "tweet",
        "post",
        "read",
        "ask",
        "wonder",
        "reply",
        "respond",
        "acknowledge",
        "concede",
        "continue",
        "recall",
        "complain",
        "urge",
        "predict",
        "joke",
        "quip",
        "boast",
        "praise",
        "criticize",
        "blast",
        "slam",
        "accuse",
        "charge",
        "deny",
        "admit",
        "declare",
        "promise",
        "pledge",
        "vow",
        "testify",
        "suggest",
        "describe",
    ]
)
"""Verbs whose subject may be any noun phrase ("the bank said", "the company tweeted", "the
email read", "a staffer wondered"). Grown from the first twelve on half of PolNeAR train and
kept because the other half and dev moved the same way; all the speech verbs were tried
too and lost precision and speaker accuracy."""

MIN_CONTENT_WORDS = 3
SHORT_QUOTE_WORDS = 4
"""A quotation of at most this many words with no cue in its sentence is a scare quote."""


def _quoted_share(quotes: Sequence[QuoteSpan], s: int, e: int) -> float:
    if e <= s:
        return 0.0
    inside = sum(max(0, min(e, q.outer_end) - max(s, q.outer_start)) for q in quotes)
    return inside / (e - s)


def _is_title(text: str) -> bool:
    """Title-like ("Meet the Press", "Crooked Hillary"): short, every main word capitalised."""
    # (the cheap tests first: most quotations end with "?" or "!", or are longer than a
    # title, or than the three words a title ending with "." or "," may have; see end_ok)
    last = text[-1:]
    if last in "?!" or has_words(text, 0, len(text), 4 if last in ".," else 9):
        return False
    words = [m.group() for m in islice(_WORDS.finditer(text), 9)]  # (9: more than 8)
    if not words or len(words) > 8:
        return False
    main = [w for w in words if w.lower() not in _SMALL]
    # A short name keeps the title look with the sentence's full stop inside the marks
    # ("Critics call him "Lucky Jim.""); a longer text ending in one is a sentence.
    end_ok = text[-1:] not in ".?!," or (len(words) <= 3 and text[-1:] in ".,")
    return bool(main) and all(_TITLE_WORDS.match(w) for w in main) and end_ok


_COMMON_STARTS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "but",
        "and",
        "or",
        "so",
        "if",
        "when",
        "while",
        "after",
        "before",
        "as",
        "since",
        "although",
        "though",
        "because",
        "yet",
        "still",
        "also",
        "then",
        "there",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "what",
        "who",
        "why",
        "how",
        "where",
        "which",
        "however",
        "meanwhile",
    ]
)


def _ends_with_quote(text: str, quotes: Sequence[QuoteSpan], s: int, e: int) -> bool:
    """Whether ``text[s:e]`` ends with a quotation (""…," he said": its words are the
    quotation's, no paraphrase); a quotation later in the paragraph does not count."""
    return any(e - 2 <= q.outer_end <= e + 3 and q.outer_start >= s - 1 for q in quotes)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,:;\u2014":
        s += 1
    while e > s and text[e - 1] in " \t\n,.;:!?\u2014":
        e -= 1
    return s, e


_ADJUNCT_START = re.compile(
    r"[^\S\n]*(?:[.!?,;\u2014)]|$|(?!at[^\S\n]+(?:least|most)\b)(?:in|on|at|during|after|before|of|about|via|through|"
    r"when|while|as|last|this|earlier|later|recently|yesterday|today|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|late|early|in|from|with|without|"
    r"outside|inside|near|following|afterward|afterwards|told|tweeted|wrote|added|"
    r"adding|saying|according|referring|speaking|noting|according|again|then|"
    r"under|over|for|by|according|once|previously|repeatedly|flatly|publicly|privately)\b)"
)


def _sentence_rest(text: str, ve: int, e: int) -> bool:
    """After a tail cue only an adjunct may follow ("… said in a statement on Monday.")."""
    rest = text[ve:e]
    if not _ADJUNCT_START.match(rest) or _QUOTE_MARK.search(rest):
        return False  # (an adjunct holds no quotation: "insists on … its goal of "…"")
    return count_words(text, ve, e, 26) <= 25


_QUOTE_MARK = re.compile(r"[\u201c\u201d\"]|''")


_BOUNDARY_CHARS = frozenset(',;:(\u2014"\u201c\u201d.!?')
_BOUNDARY_WORDS = frozenset(
    [
        "and",
        "but",
        "while",
        "as",
        "because",
        "though",
        "although",
        "when",
        "after",
        "before",
        "since",
        "if",
        "so",
        "yet",
        "which",
        "who",
        "where",
        "that",
    ]
)


def _subject_position(text: str, s: int, pos: int) -> bool:
    """Whether a name at ``pos`` opens a clause (cheap form of ``_clause_boundary``)."""
    i = pos
    while i > s and text[i - 1] in _HSPACE:
        i -= 1
    if i <= s or text[i - 1] in _BOUNDARY_CHARS:
        return True
    j = i
    while j > s and text[j - 1].isalpha():
        j -= 1
    return text[j:i].lower() in _BOUNDARY_WORDS


_BOUNDARY_BEFORE = re.compile(
    r"(?:[,;:(\u2014\"\u201c\u201d]|(?<=[^\S\n])[-\u2013]|[.!?](?:[\u201d\"]|'')?|"
    r"\b(?:and|but|while|as|because|though|although|"
    r"when|after|before|since|if|so|yet|which|who|where|that)\b|"
    # ("Even the organizer of the rally said", not "Politicians and even some …")
    r"(?-i:\bEven))[^\S\n]*$",
    re.IGNORECASE,
)


def _clause_boundary(text: str, s: int, pos: int) -> bool:
    before = text[max(s, pos - 14) : pos]
    # (every match is a mark or a word in the last token, then spaces: searched from
    # there, not from every offset, which the case-blind pattern makes dear)
    last = before.rsplit(None, 1)[-1:]
    start = len(before.rstrip()) - len(last[0]) if last else 0
    return _BOUNDARY_BEFORE.search(before, start) is not None
