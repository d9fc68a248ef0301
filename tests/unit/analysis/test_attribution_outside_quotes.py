"""The cheaper scans of a paragraph find exactly what the plain ones found: names and cue
words are read only outside quotations, words are counted with one match. Each is set
against a simple reference (the code it replaced) on random text dense in quotation
marks, names, apostrophes and verbs of saying."""

from itertools import islice, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis.attribution.cues import CueReader
from closeread.analysis.attribution.engine import Attributor
from closeread.analysis.attribution.entities import NAME
from closeread.analysis.attribution.marks import pair_quotes
from closeread.analysis.attribution.patterns import _WORDS, count_words, has_words

PIECES = [
    " ", "  ", "\n", ", ", ". ", '"', "\u201c", "\u201d", "''", "``", "'", "\u2019", "-",
    "said", "Said", "says", "told", "believes", "claims", "according to", "that", "he",
    "Pierre", "Anna Pávlovna", "Mr. Smith", "O'Brien", "McCain", "U.S.", "Jr.", "the",
    "report", "officials", "Natásha", "é", "x", "and",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def _sentences(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """The paragraph cut at some offsets (empty pieces dropped)."""
    points = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [(a, b) for a, b in pairwise(points) if b > a]


def _names_reference(
    attributor: Attributor, s: int, e: int, quotes: list
) -> list[tuple[str, int, bool, str]]:
    """``Attributor.names`` as it was: every name of the sentence found, those that open
    inside a quotation dropped (then the roles between names read, as ``names`` does)."""
    from closeread.analysis.attribution.engine import _COMMON_STARTS, heads_after_roles
    from closeread.analysis.attribution.entities import strip_name_at
    from closeread.analysis.attribution.patterns import _subject_position

    text = attributor.text
    out: list[tuple[str, int, bool, str]] = []
    outside = [(q.outer_start, q.outer_end) for q in quotes if q.outer_end > s]
    if any(a <= s and e <= b for a, b in outside):
        return out
    for m in NAME.finditer(text, s, e):
        at = m.start()
        if outside and any(a <= at < b for a, b in outside):
            continue
        written = m.group()
        name = strip_name_at(text, at, written)
        if len(name) < 2:
            continue
        if at == s and " " not in name and name.lower() in _COMMON_STARTS:
            continue
        pos = at + written.find(name)
        out.append((name, pos, _subject_position(text, s, pos), ""))
    return heads_after_roles(text, out)


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.integers(0, 400), max_size=6))
def test_names_outside_quotations_as_before(text: str, cuts: list[int]) -> None:
    attributor = Attributor(text)
    quotes = pair_quotes(text, 0, len(text))
    for s, e in _sentences(text, cuts):
        assert attributor.names(s, e, quotes) == _names_reference(attributor, s, e, quotes)


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.integers(0, 400), max_size=6))
def test_cues_with_words_read_outside_quotations_as_before(text: str, cuts: list[int]) -> None:
    """The reader told the paragraph's quotations (cue words read outside them) finds
    the same cues as one that reads the whole paragraph's words."""
    quotes = pair_quotes(text, 0, len(text))
    told, plain = CueReader(text), CueReader(text)
    for reader in (told, plain):
        reader.block_start, reader.block_end = 0, len(text)
    told.block_quotes = quotes
    for s, e in _sentences(text, cuts):
        assert told.cues(s, e, quotes) == plain.cues(s, e, quotes)


WORDY = st.lists(st.sampled_from(["a", "b'c", "-", " ", ",", "\u2019", "é", "\n", "1"]))


@settings(max_examples=400)
@given(WORDY.map("".join), st.integers(0, 5), st.integers(0, 5), st.integers(0, 6))
def test_word_counts_as_finditer(text: str, lo: int, cut: int, n: int) -> None:
    a, b = min(lo, len(text)), max(0, len(text) - cut)
    found = sum(1 for _ in islice(_WORDS.finditer(text, a, b), n))
    assert has_words(text, a, b, n) == (found >= n)
    assert count_words(text, a, b, n) == found


def test_a_name_opening_a_continued_quotation_is_skipped_and_its_cue_word_kept() -> None:
    # A paragraph that continues an unclosed quotation opens with it: "Pierre" opens at
    # the quotation's start (skipped as a name); "said" after the closing mark is a cue.
    text = 'Pierre came," said Anna Pávlovna. "Yes."'
    quotes = pair_quotes(text, 0, len(text))
    assert quotes[0].unopened and quotes[0].outer_start == 0
    attributor = Attributor(text)
    assert [n for n, *_ in attributor.names(0, len(text), quotes)] == ["Anna Pávlovna"]
    reader = attributor.reader
    reader.block_start, reader.block_end, reader.block_quotes = 0, len(text), quotes
    assert [c.lemma for c in reader.cues(0, 33, quotes)] == ["say"]


def test_a_cue_word_opening_a_continued_quotation_is_read() -> None:
    # "Says" opens the quotation carried over from the paragraph before: a word at the
    # quotation's start is not inside it (the cue rules skip only words after its start).
    text = 'Says who," he asked. "Nobody," said Pierre.'
    quotes = pair_quotes(text, 0, len(text))
    assert quotes[0].unopened and quotes[0].outer_start == 0
    reader = CueReader(text)
    reader.block_start, reader.block_end, reader.block_quotes = 0, len(text), quotes
    assert reader._cue_words(0, len(text)) == {"Says", "asked", "said"}
