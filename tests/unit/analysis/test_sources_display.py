"""A source's display name and kind, worked out from each name as written once with its
count (branch cpu16: a novel's speaker has thousands of citations), are what reading
every citation's name gave. The code replaced is kept here as the reference."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis.names import clean_name, strip_markup
from closeread.analysis.sources import (
    _ARTICLE,
    _DETERMINER,
    _DOMAIN_LIKE,
    _Cluster,
    _display,
    _head_word,
    _kind,
    _publication_name,
    _with_the,
    organisation_head,
    person_head,
)

NAMES = [
    "Pierre", "Pierre Bezukhov", "Count Pierre Bezukhov", "the son", "The son", "his son",
    "the old man", "an old man", "The Times", "the Times", "nytimes.com", "NYTimes.com",
    "[the report](http://x.org)", "*Kutuzov*", " Kutuzov ", "", " ", "the", "Prince Andrew",
    "the governor", "The governor", "a governor", "example.org", "Example",
]  # fmt: skip


def _display_reference(c: _Cluster, kind: str) -> str:
    """``_display`` as it was: every citation's name read."""
    cleaned = [clean_name(v) for v in c.variants]
    plain = [_ARTICLE.sub("", n).strip() for n in cleaned]
    plain = [p for p in plain if p] or [c.key]
    if kind in ("reference", "website"):
        raw = [strip_markup(v) for v in c.variants if v.strip()] or plain
        return Counter(raw).most_common(1)[0][0]
    article = any(_ARTICLE.match(n) for n in cleaned)
    if kind == "person":
        best = max(plain, key=lambda p: (len(p.split()), len(p)))
        if not article or not _head_word(best)[:1].islower():
            return best
        counts = Counter(plain)
        best = max(
            counts, key=lambda p: (not _DETERMINER.match(p), counts[p], len(p.split()), len(p))
        )
        return _with_the(best)
    named = [p for p in plain if not _DOMAIN_LIKE.match(p)] or plain
    counts = Counter(named)
    best = max(counts, key=lambda p: (counts[p], len(p.split()), len(p)))
    return _with_the(best) if article else best


def _kind_reference(c: _Cluster) -> str:
    """``_kind`` as it was: every citation's name read."""
    if c.hints["reference"]:
        return "reference"
    if c.hints["publication"]:
        return "publication"
    names = [clean_name(v) for v in c.variants]
    article = any(_ARTICLE.match(n) for n in names)
    if organisation_head(c.key, article):
        return "organisation"
    if any(_publication_name(n) for n in names):
        return "publication"
    if article:
        described = [n for n in names if _ARTICLE.match(n)]
        return "person" if all(person_head(n) for n in described) else "publication"
    if any(_DOMAIN_LIKE.match(v) for v in c.variants) or _DOMAIN_LIKE.match(c.key):
        named = any(not _DOMAIN_LIKE.match(strip_markup(v)) for v in c.variants)
        return "publication" if named else "website"
    return "person"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=30),
    st.sampled_from(["person", "organisation", "publication", "reference", "website"]),
    st.sampled_from(["pierre", "the son", "example.org", ""]),
)
def test_display_name_as_from_every_citation(variants: list[str], kind: str, key: str) -> None:
    c = _Cluster(key, variants=list(variants))
    assert _display(c, kind) == _display_reference(c, kind)
    assert _kind(c) == _kind_reference(c)
