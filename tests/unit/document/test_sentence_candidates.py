"""The mark-to-mark scan of sentence candidates finds exactly what the pattern's own
``finditer`` finds (same spans, same groups), on random text dense in the characters
the pattern reads."""

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.document.sentences import _CANDIDATE, _candidates

PIECES = [
    ".", "!", "?", "\u2026", "\u203c", "\u3002", "\uff01", " ", "  ", "\n", "a", "A", "Mr",
    '"', "\u201d", ")", "]", "[^1]", "\u00b2", "\u300d", ",", "x. y", ". . .",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300)
@given(texts, st.integers(0, 10), st.integers(0, 10))
def test_same_matches_as_finditer(text: str, lo: int, cut: int) -> None:
    pos, end = min(lo, len(text)), max(0, len(text) - cut)
    assert _spans(_candidates(text, pos, end)) == _spans(_CANDIDATE.finditer(text, pos, end))


def test_a_run_of_marks_is_one_candidate() -> None:
    text = "Wait... What?! No. . . Yes\u3002\u300d Done"
    found = [m.group() for m in _candidates(text, 0, len(text))]
    assert found == [m.group() for m in _CANDIDATE.finditer(text)]
    assert found[:2] == ["...", "?!"]
