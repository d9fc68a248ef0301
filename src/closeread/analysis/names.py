"""Shared vocabulary of the analysis: speech verbs, name patterns and name cleaning.

Everything here is general English (reporting verbs, articles, honorifics); nothing is
specific to one article.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Verbs that report what a source said or wrote. Past, present and base forms.
_SPEECH = (
    "said says say told tells tell wrote writes write stated states reported reports report "
    "added adds explained explains claimed claims noted notes argued argues insisted insists "
    "warned warns asked asks acknowledged acknowledges admitted admits announced announces "
    "commented comments observed observes declared declares described describes suggested "
    "suggests confirmed confirms replied replies responded responds concluded concludes "
    "testified recalled recalls answered cried exclaimed shouted whispered muttered "
    "continued remarked remarks emphasised emphasized emphasises emphasizes maintained "
    "maintains contended contends alleged alleges cautioned cited cites expressed believes "
    "believed"
)
SPEECH_VERBS = tuple(_SPEECH.split())


def word_alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words`` grouped by first letter (much faster to scan)."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        rests = sorted(rests, key=len, reverse=True)
        parts.append(re.escape(first) + "(?:" + "|".join(map(re.escape, rests)) + ")")
    return "(?:" + "|".join(parts) + ")"


SPEECH_VERB = (
    r"(?:points?\s+out|pointed\s+out|went\s+on|goes\s+on|(?:is|was)\s+convinced|"
    + word_alternation(SPEECH_VERBS)
    + r")"
)
# Verbs that report a source's position or proposal rather than its words ("Metts
# encourages anyone to ...", "Guido proposed a shorthand"): paraphrases only after a named
# subject, and never used to find quotes or lead-ins. Forms that are also common nouns
# ("advocates", "estimates") are left out.
POSITION_VERBS = (
    "encourages",
    "encouraged",
    "urges",
    "urged",
    "recommends",
    "recommended",
    "proposes",
    "proposed",
    "illustrates",
    "illustrated",
    "announced",
    "announces",
)
POSITION_VERB = r"(?:calls\s+for|called\s+for|" + word_alternation(POSITION_VERBS) + ")"
# Verb forms that are also common plural nouns ("Western claims that ..."): they only count
# when the subject opens a clause or an auxiliary stands between subject and verb.
AMBIGUOUS_VERBS = frozenset(
    [
        "claims",
        "reports",
        "notes",
        "states",
        "comments",
        "remarks",
        "points",
        "describes",
        "says",
        "tells",
        "writes",
    ]
)

# One capitalised word of a name; apostrophes, hyphens and accented letters allowed.
_CAP = r"[A-Z\u00c0-\u00de][\w\u2019'\-\u00a1-\u00bf]*"
_PARTICLE = r"(?:van|von|de|der|den|da|del|di|du|bin|ibn|al|la|le|dos|das)"
NAME = (
    rf"(?:\[[A-Z][^\]\n]{{0,40}}\]\s*)?(?:_|\*)?{_CAP}(?:(?:(?<=\b[A-Z])\.)?\s+(?:{_PARTICLE}\s+)?"
    rf"(?:\[[A-Z][^\]\n]{{0,40}}\]\s*)?{_CAP})*(?:_|\*)?"
)
# A name as a markdown link ("[Jenny Bryan][key]" or "[Jenny Bryan](url)").
LINKED_NAME = r"\[[^\]\n]{1,80}\](?:\[[^\]\n]{0,40}\]|\([^)\s]{0,300}\))"
# A reStructuredText role naming a document (":pep:`3099`", ":rfc:`2616`", ":cite:`smith`").
REST_ROLE = r":(?:pep|rfc|cite|ref|doc)s?:`[^`\n]{1,80}`"
SUBJECT = rf"(?:(?:[Tt]he|[Oo]ur)\s+)?(?:{LINKED_NAME}|{NAME}|{REST_ROLE})"

# Capitalised words that open sentences but never name a source.
NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "they",
        "them",
        "their",
        "he",
        "she",
        "him",
        "her",
        "his",
        "we",
        "us",
        "our",
        "i",
        "you",
        "your",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "some",
        "many",
        "most",
        "all",
        "both",
        "each",
        "every",
        "any",
        "no",
        "none",
        "one",
        "other",
        "others",
        "such",
        "if",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "then",
        "thus",
        "also",
        "however",
        "still",
        "even",
        "just",
        "only",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "of",
        "to",
        "with",
        "as",
        "after",
        "before",
        "while",
        "since",
        "because",
        "although",
        "though",
        "despite",
        "according",
        "per",
        "regarding",
        "yes",
        "not",
        "nor",
        "please",
        "let",
        "critics",
        "sources",
        "officials",
        "experts",
        "many",
        "people",
        "reports",
        "report",
        "having",
        "citing",
        "regarding",
        "including",
        "following",
    ]
)

# Leading honorifics and titles that are not part of a name.
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|professor|sir|dame|lord|lady|president|senator|"
    r"minister|general|gen|col|capt|captain|rev|st|saint|prince|princess|count|countess|"
    r"king|queen)\.?\s+)+",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_MD = re.compile(r"\[([^\]\n]*)\](?:\[[^\]\n]*\]|\([^)\n]*\))?|[_*`]+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_SPACE = re.compile(r"\s+")


_ROLE = re.compile(r":(?P<role>pep|rfc|cite|ref|doc)s?:`(?P<t>[^`<\n]*?)\s*(?:<[^>\n]*>)?`")


def _role(m: re.Match[str]) -> str:
    role, target = m.group("role"), m.group("t").strip()
    return f"{role.upper()} {target}" if role in ("pep", "rfc") else target


def strip_markup(text: str) -> str:
    """Text of ``text`` without markdown link syntax, emphasis or brackets (a reST role
    becomes its target: ":pep:`3099`" → "PEP 3099")."""
    if ":`" in text:
        text = _ROLE.sub(_role, text)
    return _SPACE.sub(" ", _MD.sub(lambda m: m.group(1) or "", text)).strip()


_PLURALS_LISTED = re.compile(
    r"(?:[A-Za-z][a-z\-]*s,[^\S\n]+){1,3}[a-z][\w\-]*(?:[^\S\n]+[\w\-]+){0,3}"
    r"[^\S\n]+and[^\S\n]+[\w\-]+(?:[^\S\n]+[\w\-]+){0,3}"
)
"""Plural nouns listed before the list's last two members ("Critics, supporters and
neutral observers")."""


@lru_cache(maxsize=65536)
def clean_name(raw: str) -> str:
    """The display form of a source name met in the text.

    Drops markdown, trailing possessives and punctuation, and a lowercase role before an
    appositive name ("the Russian foreign minister, Sergei Lavrov" → "Sergei Lavrov").
    The leading article is kept (the merge step decides about it).
    """
    name = strip_markup(raw).strip(" ,.;:\"\u201c\u201d'\u2019()")
    if "," in name and _PLURALS_LISTED.fullmatch(name):
        pass  # "Friends, lobbyists and former foes": one list of speakers, kept whole
    elif "," in name:
        head, _, tail = name.rpartition(",")
        tail = tail.strip()
        # A role followed by a name: keep the name (capitalised words only).
        if (
            tail
            and all(w[:1].isupper() for w in tail.split())
            and any(w[:1].islower() for w in head.split())
        ):
            name = tail
        else:
            name = head.split(",")[0].strip()
    name = _POSSESSIVE.sub("", name).strip()
    return name


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison key of a name: no article, no title, lowercase, single spaces."""
    key = _ARTICLE.sub("", strip_markup(name).strip())
    key = _TITLES.sub("", key)
    key = _POSSESSIVE.sub("", key)
    return _SPACE.sub(" ", key.replace(".", " ")).strip().lower()


_NEVER_FIRST = frozenset(
    [
        "it",
        "this",
        "that",
        "they",
        "he",
        "she",
        "we",
        "i",
        "you",
        "there",
        "which",
        "what",
        "who",
        "whom",
        "some",
        "many",
        "one",
        "if",
        "when",
        "and",
        "but",
        "or",
        "so",
        "nor",
        "yet",
        "all",
        "another",
        "every",
        "everyone",
        "everybody",
        "nobody",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "each",
        "either",
        "neither",
        "both",
        "no",
        "not",
        "oh",
        "well",
        "now",
        "then",
        "here",
        "why",
        "how",
        "yes",
        "let",
        "only",
        "just",
        "even",
        "also",
        "still",
        "perhaps",
        "maybe",
        "as",
    ]
)
_CONTRACTION = re.compile(r"(?:i|you|we|they|he|she|it|that|there)['\u2019]")
_NEVER_LAST = frozenset(
    ["i", "me", "you", "he", "she", "we", "they", "it", "us", "him", "her", "them"]
)


def is_plausible_name(name: str) -> bool:
    """False for pronouns, function words ("And I", "All I", "Another") and empty strings."""
    key = name_key(name)
    if not key or len(key) > 80:
        return False
    words = key.split()
    if words[0] in _NEVER_FIRST or words[-1] in _NEVER_LAST or _CONTRACTION.match(words[0]):
        return False
    return not (len(words) == 1 and words[0] in NOT_NAMES)


_EMPHASIS = re.compile(r"(?:^|\s)[_*][^_*\n]+[_*](?:\s|$)")


def kind_hint(raw: str) -> str:
    """ "publication" for an emphasised name (titles of periodicals are set in italics)."""
    return "publication" if _EMPHASIS.search(raw.strip()) or raw.strip()[:1] in "_*" else "unknown"
