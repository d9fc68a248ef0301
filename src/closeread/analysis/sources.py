"""Merging the names met in citations into sources.

Rules (general, no list of known outlets):

* A name's key drops articles, honorifics, markup, brackets and possessives
  ("The London Guardian" → "london guardian", "[Catherine] Herridge" → "catherine herridge").
* Footnotes are keyed by their number (marker ↔ reference entry); all other citations by
  the key of their name.
* A key whose words are the last words of exactly one longer key is the same source:
  a surname ("herridge" → "catherine herridge"), or a publication named without the city
  that prefixes it elsewhere ("guardian" → "london guardian"). A lone first name joins the
  only person whose first name it is ("guido" → "guido van rossum").
* Kind: footnotes and author-year are references; a bare domain is a website; a name whose
  head noun is an institution's or a company's ("the administration", "the Ministry of
  Defence", "the Trump campaign") is an organisation; a description of a person with an
  article ("the senator", "The New York businessman": the head noun a person's, not
  capitalised) is a person; any other name that took an article ("the X"), was set in
  italics, or was said to publish an "article" is a publication; other names are people.
* Display name: a person's fullest name; a publication's most frequent name, the most
  complete one on a tie, with "The" when the text used one ("the Guardian" twice and "The
  London Guardian" once → "The Guardian"; "the Riverside Tribune" and "The Tribune" once
  each → "The Riverside Tribune").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from closeread.analysis.attribution.lexicon import FEMALE_NAMES, MALE_NAMES
from closeread.analysis.found import Found
from closeread.analysis.links import domain
from closeread.analysis.model import Source
from closeread.analysis.names import clean_name, name_key, strip_markup

_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_DOMAIN_LIKE = re.compile(r"^[\w\-]+(?:\.[\w\-]+)+$")


@dataclass(slots=True)
class _Cluster:
    key: str
    variants: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    """Aliases given by the detectors (not used for the key or the display name)."""
    hints: Counter[str] = field(default_factory=Counter)
    members: list[int] = field(default_factory=list)
    """Indices into the list of found citations."""
    url: str = ""
    merged_into: _Cluster | None = None

    def root(self) -> _Cluster:
        c = self
        while c.merged_into is not None:
            c = c.merged_into
        return c


def _base_key(f: Found) -> str:
    if f.kind == "footnote":
        return f"#footnote {f.key}"
    if f.kind == "link" and f.url:
        site = domain(f.url if "//" in f.url else "//" + f.url)
        if site:
            return site  # every link to one site is one source, whatever its text says
    return name_key(clean_name(f.raw_source))


# Head nouns of government bodies, institutions and companies ("The administration", "the
# Ministry of Defence", "the city council", "the Trump campaign", "Vanguard Group"):
# organisations, even with "the".
_ORG_HEADS = frozenset(
    str.split(
        "administration government ministry department council police office agency "
        "authority authorities commission committee parliament congress senate court "
        "army military navy bureau cabinet board assembly directorate secretariat "
        "embassy consulate municipality regime junta presidency "
        "campaign party union fund foundation institute center centre association "
        "coalition alliance federation league bank company corporation firm group "
        "manufacturer maker retailer startup charity nonprofit university college "
        "hospital laboratory"
    )
)

# Head nouns of people ("the senator", "The New York businessman", "the researchers"): a
# name made of a description with one of these is a person, whatever article it took.
_PERSON_HEADS = frozenset(
    str.split(
        "spokesman spokeswoman spokesperson official aide adviser advisor source expert "
        "analyst economist lawyer attorney critic supporter voter witness officer "
        "investigator prosecutor researcher scientist historian observer leader member "
        "resident judge candidate nominee president governor senator congressman "
        "congresswoman lawmaker legislator mayor minister secretary director chief "
        "executive chairman chairwoman manager owner founder professor teacher student "
        "doctor relative friend neighbor neighbour colleague staffer representative "
        "employee worker protester demonstrator parent mother father son daughter wife "
        "husband brother sister commentator pundit narrator announcer host anchor "
        "moderator reporter correspondent columnist editor writer author businessman "
        "businesswoman man woman men women person people lady activist organizer "
        "organiser strategist pollster consultant negotiator envoy ambassador diplomat "
        "general commander soldier master captain"
    )
)


# Heads that are also surnames ("Margaret Court"): organisations only after "the".
_SURNAME_HEADS = frozenset(["court", "board", "office"])


def organisation_head(key: str, with_article: bool = True) -> bool:
    """Whether a name key's head noun (the last word before any "of") is an institution's."""
    words = key.split(" of ", 1)[0].split()
    if not words or words[-1] not in _ORG_HEADS:
        return False
    return with_article or words[-1] not in _SURNAME_HEADS or " of " in key


# Last words of newspapers' and magazines' names ("The Riverside Tribune", "Washington
# Post"): a name of two words or more that ends in one, capitalised, is a publication even
# where its article was left out of the speaker ("Riverside Tribune reported ..."); not
# after a first name ("Emily Post").
_PUBLICATION_HEADS = frozenset(
    str.split(
        "times tribune herald gazette journal chronicle telegraph post observer inquirer "
        "examiner courier dispatch bulletin register economist guardian magazine"
    )
)


def _publication_name(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and words[-1][:1].isupper()
        and words[-1].lower() in _PUBLICATION_HEADS
        and words[0].lower() not in MALE_NAMES
        and words[0].lower() not in FEMALE_NAMES
    )


def _head_word(name: str) -> str:
    """The head noun of a name as written: its last word before any "of"."""
    words = name.split(" of ", 1)[0].split()
    return words[-1] if words else ""


def person_head(name: str) -> bool:
    """Whether ``name`` is a description of a person ("the Indiana governor", "The
    experts"): its head noun is a person's and is not capitalised (not a title: "The
    Observer", "The Economist")."""
    head = _head_word(name)
    if not head[:1].islower():
        return False
    return head in _PERSON_HEADS or (head.endswith("s") and head[:-1] in _PERSON_HEADS)


def _kind(c: _Cluster) -> str:
    if c.hints["reference"]:
        return "reference"
    if c.hints["publication"]:
        return "publication"
    # (each name once: a novel's speaker has thousands of citations, and only whether
    # any or all of its names are so is asked below)
    variants = list(dict.fromkeys(c.variants))
    names = [clean_name(v) for v in variants]
    article = any(_ARTICLE.match(n) for n in names)
    if organisation_head(c.key, article):
        return "organisation"
    if any(_publication_name(n) for n in names):
        return "publication"
    if article:
        described = [n for n in names if _ARTICLE.match(n)]
        return "person" if all(person_head(n) for n in described) else "publication"
    if any(_DOMAIN_LIKE.match(v) for v in variants) or _DOMAIN_LIKE.match(c.key):
        # A site, possibly also named in words ("System76" and system76.com).
        named = any(not _DOMAIN_LIKE.match(strip_markup(v)) for v in variants)
        return "publication" if named else "website"
    return "person"


def _display(c: _Cluster, kind: str) -> str:
    # Each name as written is read once, with how often it was written (a novel's speaker
    # has thousands of citations, most under one or two names); the counts, and the order
    # in which each form first came, are those of reading every citation's name.
    written = Counter(c.variants)
    cleaned = {v: clean_name(v) for v in written}
    plain: Counter[str] = Counter()
    for v, n in written.items():
        if p := _ARTICLE.sub("", cleaned[v]).strip():
            plain[p] += n
    if not plain:
        plain[c.key] = 1
    if kind in ("reference", "website"):
        raw: Counter[str] = Counter()
        for v, n in written.items():
            if v.strip():
                raw[strip_markup(v)] += n
        return (raw or plain).most_common(1)[0][0]
    article = any(_ARTICLE.match(n) for n in cleaned.values())
    if kind == "person":
        best = max(plain, key=lambda p: (len(p.split()), len(p)))
        if not article or not _head_word(best)[:1].islower():
            return best  # a name: its fullest form, never with an article
        # A description ("the son", "his son", "an old man"): its most frequent form that
        # has no determiner of its own, after "The".
        best = max(
            plain, key=lambda p: (not _DETERMINER.match(p), plain[p], len(p.split()), len(p))
        )
        return _with_the(best)
    counts = Counter({p: n for p, n in plain.items() if not _DOMAIN_LIKE.match(p)}) or plain
    best = max(counts, key=lambda p: (counts[p], len(p.split()), len(p)))
    return _with_the(best) if article else best


_DETERMINER = re.compile(
    r"^(?:an?|another|this|that|these|those|one|some|his|her|their|its|my|our|your)\s",
    re.IGNORECASE,
)


def _with_the(name: str) -> str:
    """``name`` after "The", unless it opens with a determiner of its own ("A New York
    judge" merged with "the judge" stays "A New York judge")."""
    return name if _DETERMINER.match(name) else f"The {name}"


def _merge(clusters: dict[str, _Cluster]) -> None:
    keys = sorted(
        (k for k in clusters if k and not k.startswith("#")), key=lambda k: len(k.split())
    )
    by_words = {k: k.split() for k in keys}
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for k in keys:
        by_last.setdefault(by_words[k][-1], []).append(k)
        if len(by_words[k]) > 1:
            by_first.setdefault(by_words[k][0], []).append(k)
    kinds: dict[str, str] = {}

    def kind_of(k: str) -> str:
        if k not in kinds:
            kinds[k] = _kind(clusters[k])
        return kinds[k]

    # A name that spells a site's name is that site ("Tech Republic" ~ techrepublic.com).
    sites: dict[str, list[str]] = {}
    for k in keys:
        if _DOMAIN_LIKE.match(k):
            parts = k.split(".")
            sites.setdefault(parts[-2] if len(parts) >= 2 else k, []).append(k)
    for k in keys:
        if _DOMAIN_LIKE.match(k):
            continue
        owners = sites.get(k.replace(" ", ""), [])
        if len(owners) == 1 and clusters[owners[0]].root() is not clusters[k].root():
            clusters[k].root().merged_into = clusters[owners[0]].root()

    for short in keys:
        if _DOMAIN_LIKE.match(short):
            continue
        sw = by_words[short]
        longer = [
            k
            for k in by_last.get(sw[-1], ())
            if len(by_words[k]) > len(sw) and by_words[k][-len(sw) :] == sw
        ]
        roots = {id(clusters[k].root()): clusters[k].root() for k in longer}
        if len(roots) == 1:
            target = next(iter(roots.values()))
            if target is not clusters[short].root():
                clusters[short].root().merged_into = target
            continue
        if len(sw) == 1 and not longer and kind_of(short) == "person":
            firsts = [k for k in by_first.get(sw[0], ()) if kind_of(k) == "person"]
            roots = {id(clusters[k].root()): clusters[k].root() for k in firsts}
            if len(roots) == 1:
                clusters[short].root().merged_into = next(iter(roots.values()))


def build_sources(found: list[Found]) -> tuple[list[Source], list[tuple[str, str]]]:
    """Sources (ids in order of first citation) and, per found citation, (source id, name)."""
    clusters: dict[str, _Cluster] = {}
    for i, f in enumerate(found):
        key = _base_key(f)
        if not key:
            continue
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(key)
        c.members.append(i)
        c.variants.append(f.raw_source)
        c.extra.extend(f.aliases)
        c.hints[f.source_kind] += 1
        if f.url and not c.url:
            c.url = f.url
    _merge(clusters)
    groups: dict[int, list[_Cluster]] = {}
    for c in clusters.values():
        groups.setdefault(id(c.root()), []).append(c)
    combined: list[tuple[int, _Cluster]] = []
    for parts in groups.values():
        root = parts[0].root()
        whole = _Cluster(root.key)
        for p in parts:
            whole.variants += p.variants
            whole.extra += p.extra
            whole.hints.update(p.hints)
            whole.members += p.members
            whole.url = whole.url or p.url
        whole.members.sort()
        combined.append((whole.members[0], whole))
    combined.sort(key=lambda t: t[0])
    sources: list[Source] = []
    per_found: list[tuple[str, str]] = [("", "")] * len(found)
    for n, (_, c) in enumerate(combined, start=1):
        kind = _kind(c)
        name = _display(c, kind)
        aliases: list[str] = []
        if _DOMAIN_LIKE.match(c.key) and c.key != name:
            aliases.append(c.key)
        seen = set(aliases)
        for v in dict.fromkeys([*c.variants, *c.extra]):  # (each as written once)
            v = v.strip()
            if v and v != name and v not in seen:
                aliases.append(v)
                seen.add(v)
        sid = f"s{n}"
        sources.append(Source(sid, name, aliases, [], kind, c.url))
        for i in c.members:
            per_found[i] = (sid, name)
    return sources, per_found
