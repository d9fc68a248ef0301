"""``Overlaps`` answers as a scan of every span would (the pipeline's lookups rely on it)."""

from hypothesis import given
from hypothesis import strategies as st

from closeread.analysis.overlaps import Overlaps

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=30,
)


@given(spans, st.integers(-5, 90), st.integers(0, 30))
def test_overlaps_agree_with_a_scan(items: list[tuple[int, int]], start: int, width: int) -> None:
    end = start + width
    index = Overlaps(items)
    scan = sorted((s, e) for s, e in items if s < end and start < e)
    assert index.among(start, end) == scan
    assert index.overlap(start, end) is bool(scan)
    assert index.contain(start) is any(s <= start < e for s, e in items)
    assert len(index) == len(items)


def test_overlaps_of_nothing() -> None:
    index = Overlaps([])
    assert index.among(0, 10) == [] and not index.overlap(0, 10) and not index.contain(0)
