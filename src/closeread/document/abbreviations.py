"""Word lists for sentence boundaries (lower case, without the final period).

Kept apart from the rules so the lists can grow without touching the logic. The groups
follow how each abbreviation behaves before a capitalised word:

- ``PREPOSITIVE``: titles that stand before a name ("Mr. Smith", "Mt. Fuji") - never a
  boundary.
- ``POSTPOSITIVE``: stand after a name or end a phrase ("Pitt, Briggs & Co.", "Smith Jr.",
  "apples, pears etc.") - a boundary when a capitalised word follows.
- ``BEFORE_NUMBER``: "p. 55", "Sept. 6", "No. 5" - not a boundary before a number.
- ``OTHER`` (and multi-period ones like "U.S."): a boundary before a capital only when
  the next word is a usual sentence starter ("I live in the U.S. How about you?").
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PREPOSITIVE = _words(
    """
    mr mrs ms messrs mssrs mme mlle mmes dr drs prof profs rev revd hon gov gen col capt cmdr
    cdr lt sgt cpl maj adm brig pvt st ste mt mts ft pres sen rep reps supt insp det fr br sra
    srta dir amb atty
    """
)

POSTPOSITIVE = _words(
    """
    co corp inc ltd llc plc bros jr sr esq etc al phd md ba ma bsc msc dds
    """
)

BEFORE_NUMBER = _words(
    """
    p pp para paras fig figs vol vols no nos nr n° ch chap sec secs art arts eq eqs ref refs
    jan feb mar apr jun jul aug sep sept oct nov dec tel ext ca approx rd
    """
)
"""Not a boundary before a number ("p. 55", "No. 5", "Sept. 6"); otherwise ordinary words."""

OTHER = _words(
    """
    approx ca cf cp dept est misc viz e.g i.e c.f ave blvd rd hwy apt bldg op cit ibid seq
    et
    """
)
"""Abbreviations that are not English words: a boundary only before a usual sentence starter."""

NEVER_BEFORE_ANYTHING = frozenset({"e.g", "i.e", "cf", "vs", "viz", "c.f"})
"""Mid-sentence by nature: never a boundary, whatever follows."""

SENTENCE_STARTERS = _words(
    """
    A Being Did For He How However I In It Millions More She That The There They We What
    When Where Who Why This These Those Then Thus But And So Our My Its His Her Their You
    If As After Before Although Though Since While Yet Still Now Today Here Some Many Most
    All Each Every No Not One Two Please See Let
    """
)
"""Capitalised words that usually begin a sentence (after "U.S." or "approx.")."""
