"""A noun phrase before a verb is searched only from where its match can start (the last
few words of the window) and only where its preposition stands: the same match as the
plain search over the whole window, on random text dense in what the patterns read."""

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis.attribution.phrases import (
    _AUX_TAIL,
    _NP_PP,
    _NP_TAIL,
    _NP_TAIL_TOKENS,
    _PLURAL_PP,
    _aux_tail,
    _np_pp,
    _plural_pp,
    _tokens_start,
)

PIECES = [
    " ", "  ", "\t", "\n", "\u00a0", ",", "(", "\u201c", "\u2014", ";", "'s", "\u2019s",
    "a", "an", "The", "the", "of", "for", "in", "at", "on", "from", "with", "spokesman",
    "officials", "Party", "White House", "U.S.", "New", "York", "group's", "senior",
    "1,200", "voters", "people", "x",
]  # fmt: skip
WORDS = st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join)
LOWER = st.lists(st.sampled_from(["senior", "chief", "voters", "people", "x"]), max_size=5)
CAPS = st.lists(st.sampled_from(["White", "House", "U.S.", "New", "York", "Party"]), max_size=6)
PHRASES = st.tuples(
    st.sampled_from(["a", "An", "the", "(the", "\u201cthe", "group's", "Many"]),
    LOWER,
    st.sampled_from(["spokesman", "officials", "voters", "people"]),
    st.sampled_from(["of", "for", "in", "on", "at", "with", "from"]),
    st.sampled_from(["", "the"]),
    CAPS,
    LOWER,
).map(lambda t: " ".join([t[0], *t[1], t[2], t[3], t[4], *t[5], *t[6]]))
texts = st.tuples(WORDS, PHRASES, st.sampled_from(["", " ", "  ", "\t"])).map("".join)


def _span(m: object) -> tuple[int, int] | None:
    return None if m is None else m.span()  # type: ignore[attr-defined]


@settings(max_examples=500)
@given(texts, st.integers(0, 30), st.integers(0, 5))
def test_same_match_as_the_whole_window(text: str, lo: int, cut: int) -> None:
    lo, pos = min(lo, len(text)), max(0, len(text) - cut)
    lo = min(lo, pos)
    assert _span(_np_pp(text, lo, pos)) == _span(_NP_PP.search(text, lo, pos))
    assert _span(_plural_pp(text, lo, pos)) == _span(_PLURAL_PP.search(text, lo, pos))
    from closeread.analysis.attribution.phrases import _BARE_PLURAL

    start = _tokens_start(text, lo, pos, 5)[0]
    assert _span(_BARE_PLURAL.search(text, start, pos)) == _span(_BARE_PLURAL.search(text, lo, pos))
    start = _tokens_start(text, lo, pos, _NP_TAIL_TOKENS)[0]
    assert _span(_NP_TAIL.search(text, start, pos)) == _span(_NP_TAIL.search(text, lo, pos))


def test_tokens_start() -> None:
    text = "  one two\tthree  four "
    assert _tokens_start(text, 0, len(text), 2) == (text.index("\tthree"), ["three", "four"])
    assert _tokens_start(text, 0, len(text), 9) == (0, ["one", "two", "three", "four"])
    # (a match may open inside the first token kept: after a parenthesis)
    m = _NP_PP.search("he said (the chair of the DNC ")
    assert m is not None and m.group().startswith("the chair")


AUX = [
    "he", "has", "long", "had", "earlier", "went", "on", "to", "in", "the", "past", "then",
    "quickly", "family", "last", "Monday", "night", "during", "a", "recent", "interview",
    "with", "Fox", "News", "(then", "\n", "  ", "\u00a0", "rally", "Pierre",
]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.sampled_from(AUX), max_size=14).map(" ".join), st.integers(0, 40))
def test_aux_tail_same_match_as_the_whole_window(text: str, lo: int) -> None:
    lo, pos = min(lo, len(text)), len(text)
    assert _span(_aux_tail(text, lo, pos)) == _span(_AUX_TAIL.search(text, lo, pos))


def test_aux_tail_longest_forms() -> None:
    for text, found in [
        ("and he went on to ", "went on to "),
        ("what he had in the past ", "in the past "),
        ("Pierre, on Monday night ", "on Monday night "),
        ("she said in a recent interview with Fox News ", "in a recent interview with Fox News "),
    ]:
        m = _aux_tail(text, 0, len(text))
        assert m is not None and m.group() == found
        assert _span(m) == _span(_AUX_TAIL.search(text, 0, len(text)))


CLAUSE = [
    " ",
    "\n",
    "''",
    ",",
    "(",
    "\u2014",
    " - ",
    "and",
    "And",
    "Even",
    "even",
    "x",
    "which",
    "a.",
    "so",
]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(CLAUSE), max_size=8).map("".join), st.integers(0, 12))
def test_clause_start_as_the_whole_window(text: str, lo: int) -> None:
    from closeread.analysis.attribution.phrases import _CLAUSE_START, _at_clause_start

    lo, pos = min(lo, len(text)), len(text)
    plain = bool(_CLAUSE_START.search(text, max(lo, pos - 12), pos)) or pos <= lo
    assert _at_clause_start(text, lo, pos) == plain


NOUNISH = [" ", "\t", "\n", "the", "The", "he's", "it's", "Trump's", "of", "x", "(his", "no", "her"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(NOUNISH), max_size=8).map("".join), st.integers(0, 12))
def test_noun_before_as_the_whole_window(text: str, lo: int) -> None:
    from closeread.analysis.attribution.patterns import _NOUN_BEFORE, noun_before

    lo, pos = min(lo, len(text)), len(text)
    window = text[lo:pos]
    plain = bool(window) and window[-1].isspace() and _NOUN_BEFORE.search(text, lo, pos) is not None
    if window.strip():
        assert noun_before(text, lo, pos) == plain


@settings(max_examples=500)
@given(st.lists(st.sampled_from(CLAUSE), max_size=8).map("".join), st.integers(0, 12))
def test_clause_boundary_as_the_whole_window(text: str, s: int) -> None:
    from closeread.analysis.attribution.patterns import _BOUNDARY_BEFORE, _clause_boundary

    s, pos = min(s, len(text)), len(text)
    plain = _BOUNDARY_BEFORE.search(text[max(s, pos - 14) : pos]) is not None
    assert _clause_boundary(text, s, pos) == plain
