"""A cache entry's bytes (``analysis.cache_entry``) give back exactly the analysis stored,
as lists or as the reader's columns, and a damaged body is refused, never misread."""

from __future__ import annotations

import json
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis import cache as acache
from closeread.analysis import cache_entry
from closeread.analysis.columns import CitationColumns, ClaimColumns
from closeread.analysis.delta import LiveAnalysis, full
from closeread.analysis.model import Analysis, Citation, Claim, Source
from closeread.spans import SpanArray
from tests.unit.analysis.test_columns import TEXT, citations, claims

sources = st.builds(
    Source,
    st.sampled_from(["s1", "s2", "x"]),
    st.text(max_size=6),
    st.lists(st.text(max_size=4), max_size=2),
    st.lists(st.sampled_from(["c1", "c2"]), max_size=2),
    st.sampled_from(["person", "unknown"]),
    st.sampled_from(["", "https://example.org"]),
)


def _analysis(ks: list[Claim], cs: list[Citation], ss: list[Source]) -> Analysis:
    return Analysis(
        sentences=SpanArray([(0, 10), (11, 40)]),
        citations=cs,
        sources=ss,
        claims=ks,
        progress=1.0,
        complete=True,
    )


@settings(max_examples=80, deadline=None)
@given(
    st.lists(claims(), max_size=25),
    st.lists(citations(), max_size=25),
    st.lists(sources, max_size=3, unique_by=lambda s: s.id),  # (ids are unique)
    st.booleans(),
)
def test_an_entry_gives_back_the_analysis_it_holds(
    ks: list[Claim], cs: list[Citation], ss: list[Source], as_columns: bool
) -> None:
    stored = _analysis(ks, cs, ss)
    if as_columns:  # the reader's own analysis is in columns: stored as they are
        stored.claims = ClaimColumns(ks)  # type: ignore[assignment]
        stored.citations = CitationColumns(cs)  # type: ignore[assignment]
    body = cache_entry.encode(stored, TEXT)
    back = acache.decode(body, TEXT)
    assert isinstance(back.claims, list) and isinstance(back.citations, list)
    assert back.claims == ks
    assert back.citations == cs
    assert back.sources == ss
    assert list(back.sentences) == [(0, 10), (11, 40)]
    assert back.complete and back.progress == 1.0
    cols = acache.decode(body, TEXT, columns=True)
    assert isinstance(cols.claims, ClaimColumns) and isinstance(cols.citations, CitationColumns)
    assert list(cols.claims) == ks and list(cols.citations) == cs
    # The reader puts them in its live analysis whole (``delta.full``): the same again.
    live = LiveAnalysis()
    live.apply(full(cols))
    assert list(live.analysis.claims) == ks and list(live.analysis.citations) == cs
    assert acache.to_data(live.analysis, TEXT) == acache.to_data(stored, TEXT)


def test_slices_of_the_text_are_not_stored_and_read_the_text_given() -> None:
    from closeread.analysis.model import TextOf

    whole = TextOf(TEXT)
    k = Claim.in_text(whole, "k1", 4, 12, [], False)
    c = Citation.in_text(whole, "c1", "inline_quote", 20, 37)
    body = cache_entry.encode(_analysis([k], [c], []), TEXT)
    assert TEXT[4:12].encode() not in body and TEXT[20:37].encode() not in body
    back = acache.decode(body, TEXT, columns=True)
    assert back.claims[0].text == TEXT[4:12] and back.citations[0].quote == TEXT[20:37]


def _parts(body: bytes) -> tuple[dict[str, object], bytes]:
    size = struct.unpack_from("<I", body, len(cache_entry.MAGIC))[0]
    start = len(cache_entry.MAGIC) + 4
    return json.loads(body[start : start + size]), body[start + size :]


def _rebuilt(head: dict[str, object], rest: bytes) -> bytes:
    raw = json.dumps(head).encode()
    return cache_entry.MAGIC + struct.pack("<I", len(raw)) + raw + rest


def _body() -> bytes:
    from closeread.analysis.model import TextOf

    whole = TextOf(TEXT)
    ks = [Claim.in_text(whole, f"k{i}", i, i + 5, ["c1"], True) for i in range(1, 4)]
    cs = [Citation("c1", "inline_quote", 20, 37, "x", "s1", "The Guardian")]
    return cache_entry.encode(_analysis(ks, cs, [Source("s1", "The Guardian")]), TEXT)


def _bad_code(head: dict[str, object], rest: bytes) -> bytes:
    """The citation's kind pointing past the strings table (the arrays rewritten)."""
    strings = head["citations"]["strings"]  # type: ignore[index]
    head["citations"]["strings"] = strings[:1]  # type: ignore[index]
    return _rebuilt(head, rest)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-3],  # truncated arrays
        lambda b: b + b"\0",  # bytes left over
        lambda b: b"x" + b[1:],  # not an entry
        lambda b: b[: len(cache_entry.MAGIC) + 2],  # no header
        lambda b: _rebuilt({**_parts(b)[0], "version": -1}, _parts(b)[1]),
        lambda b: _rebuilt({**_parts(b)[0], "format": 1}, _parts(b)[1]),
        lambda b: _rebuilt({**_parts(b)[0], "byteorder": "middle"}, _parts(b)[1]),
        lambda b: _rebuilt({**_parts(b)[0], "arrays": _parts(b)[0]["arrays"][:-1]}, _parts(b)[1]),
        lambda b: _bad_code(*_parts(b)),
    ],
    ids=[
        "truncated",
        "extra",
        "magic",
        "no-header",
        "version",
        "format",
        "byteorder",
        "arrays",
        "code",
    ],
)
def test_a_damaged_body_is_refused(damage: object) -> None:
    body = _body()
    assert acache.decode(body, TEXT).claims[0].id == "k1"
    assert callable(damage)
    with pytest.raises(acache.DAMAGED):
        acache.decode(damage(body), TEXT)
