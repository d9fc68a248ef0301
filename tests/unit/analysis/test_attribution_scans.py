"""The engine's cheaper scans (branch cpu16) find exactly what the code they replaced
found: each is set against that code, kept here as a reference, on random text dense in
capitals, quotation marks, names and words of saying."""

from itertools import islice, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis.attribution.engine import _sentence_quotes
from closeread.analysis.attribution.entities import NAME, iter_names
from closeread.analysis.attribution.marks import pair_quotes
from closeread.analysis.attribution.patterns import _SMALL, _TITLE_WORDS, _WORDS, _is_title

PIECES = [
    " ", "  ", "\n", ", ", ". ", '"', "\u201c", "\u201d", "''", "``", "'", "\u2019", "-",
    "said", "Said", "told", "that", "he", "Pierre", "Anna Pávlovna", "Mr. Smith", "Mr",
    "O'Brien", "McCain", "U.S.", "Jr.", "III", "de", "the", "The", "Of", "Meet the Press",
    "Natásha", "É", "é", "x", "X", "and", "A.", "NBC", "Kelly-Ann", "9", "Ç", "?", "!",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def _cuts(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    points = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [(a, b) for a, b in pairwise(points) if b > a]


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.integers(0, 400), max_size=6))
def test_iter_names_finds_what_name_finditer_finds(text: str, cuts: list[int]) -> None:
    for s, e in [(0, len(text)), *_cuts(text, cuts)]:
        got = [(m.start(), m.group()) for m in iter_names(text, s, e)]
        assert got == [(m.start(), m.group()) for m in NAME.finditer(text, s, e)]


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.integers(0, 400), max_size=8))
def test_sentence_quotes_as_the_scan_of_every_quotation(text: str, cuts: list[int]) -> None:
    quotes = pair_quotes(text, 0, len(text))
    starts = [q.start for q in quotes]
    for s, e in _cuts(text, cuts):
        assert _sentence_quotes(quotes, starts, s, e) == [
            k for k, q in enumerate(quotes) if s <= q.start < e or (q.start < s < q.end)
        ]


def _is_title_reference(text: str) -> bool:
    """``_is_title`` as it was (nine words read before the length is known)."""
    words = [m.group() for m in islice(_WORDS.finditer(text), 9)]
    if not words or len(words) > 8:
        return False
    main = [w for w in words if w.lower() not in _SMALL]
    end_ok = text[-1:] not in ".?!," or (len(words) <= 3 and text[-1:] in ".,")
    return bool(main) and all(_TITLE_WORDS.match(w) for w in main) and end_ok


@settings(max_examples=600, deadline=None)
@given(texts)
def test_is_title_as_before(text: str) -> None:
    assert _is_title(text) == _is_title_reference(text)
    assert _is_title(text.strip()) == _is_title_reference(text.strip())


CUE_PIECES = [
    *PIECES, "says", "believes", "claims", "according to", "unsaid", "saidx", "added",
    "warned", "report", "officials", "thinks", "x-said", "Said:",
]  # fmt: skip
cue_texts = st.lists(st.sampled_from(CUE_PIECES), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(cue_texts, st.lists(st.integers(0, 400), max_size=8))
def test_a_sentence_said_to_hold_no_cue_has_none(text: str, cuts: list[int]) -> None:
    """``may_hold_cues`` (which spares ``cues`` most sentences of a novel) is False only
    where ``cues`` finds nothing, sentence edges inside words included."""
    from closeread.analysis.attribution.cues import CueReader

    quotes = pair_quotes(text, 0, len(text))
    reader = CueReader(text)
    reader.block_start, reader.block_end = 0, len(text)
    reader.block_quotes = quotes
    for s, e in _cuts(text, cuts):
        if not reader.may_hold_cues(s, e):
            assert reader.cues(s, e, quotes) == []


@settings(max_examples=500, deadline=None)
@given(texts, st.lists(st.integers(0, 400), max_size=4))
def test_pair_quotes_skips_only_paragraphs_without_marks(text: str, cuts: list[int]) -> None:
    """``pair_quotes`` returns at once for a paragraph in which ``_MARK`` finds nothing
    (``str.find`` for each of its alternatives): exactly the paragraphs the scan would
    have found no mark in, so no quotation."""
    from closeread.analysis.attribution.marks import _MARK

    for s, e in [(0, len(text)), *_cuts(text, cuts)]:
        if _MARK.search(text, s, e) is None:
            assert pair_quotes(text, s, e) == []
        else:
            marks = ('"', "\u201c", "\u201d", "''", "\u201e", "``")
            assert any(text.find(m, s, e) >= 0 for m in marks)
