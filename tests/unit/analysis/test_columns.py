"""The reader's claims and citations in columns (``analysis.columns``) give back exactly
what was stored: every field, the text slices kept by reference, any id."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis import pipeline
from closeread.analysis.columns import CitationColumns, ClaimColumns, IdColumn, Renames
from closeread.analysis.delta import Differ, LiveAnalysis, decode
from closeread.analysis.model import CITATION_KINDS, Citation, Claim, TextOf
from closeread.document import load

TEXT = "The Guardian said: “the war must end.” Critics disagree, and so do we. " * 3
WHOLE = TextOf(TEXT)
OTHER = TextOf("another text, same offsets? no: another object " * 3)

ids = st.one_of(
    st.integers(0, 10**6).map(lambda n: f"k{n}"),
    st.integers(0, 10**6).map(lambda n: f"c{n}"),
    st.sampled_from(["", "k", "k01", "k007", "x9", "c0", "k" + "9" * 25, "m-1", "ħ3"]),
    st.text(max_size=6),
)
offsets = st.integers(0, len(TEXT))
names = st.sampled_from(["", "The Guardian", "Reuters", "the BBC", "ħ"]) | st.text(max_size=8)


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    start = draw(offsets)
    end = draw(st.integers(start, len(TEXT)))
    claim = Claim(
        draw(ids),
        start,
        end,
        draw(st.text(max_size=10)),
        draw(st.lists(ids, max_size=4)),
        draw(st.booleans()),
        draw(st.booleans()),
    )
    text = draw(st.sampled_from(["own", "whole", "other"]))
    if text != "own":
        Claim._text_slot.__set__(claim, WHOLE if text == "whole" else OTHER)  # type: ignore[attr-defined]
    return claim


@st.composite
def citations(draw: st.DrawFn) -> Citation:
    start = draw(offsets)
    end = draw(st.integers(start, len(TEXT)))
    lead = draw(st.one_of(st.none(), st.tuples(offsets, offsets)))
    ls, le = (None, None) if lead is None else (min(lead), max(lead))
    lead_in = draw(st.sampled_from(["", "slice", "other"]) if ls is not None else st.just(""))
    c = Citation(
        draw(ids),
        draw(st.sampled_from(CITATION_KINDS)),
        start,
        end,
        draw(st.text(max_size=10)),
        source=draw(st.sampled_from(["", "s1", "s2", "s10"]) | st.text(max_size=3)),
        source_name=draw(names),
        title=draw(names),
        lead_in_start=ls if draw(st.booleans()) else None,
        lead_in_end=le,
        lead_in=TEXT[ls:le] if lead_in == "slice" else lead_in,
        url=draw(st.sampled_from(["", "https://example.org/a"])),
        manual=draw(st.booleans()),
    )
    if draw(st.booleans()):
        Citation._quote_slot.__set__(c, WHOLE)  # type: ignore[attr-defined]
    return c


def _raw_text(k: Claim) -> object:
    return Claim._text_slot.__get__(k, Claim)  # type: ignore[attr-defined]


def _raw_quote(c: Citation) -> object:
    return Citation._quote_slot.__get__(c, Citation)  # type: ignore[attr-defined]


def _same_slot(a: object, b: object) -> bool:
    """Equal values, and a slice of the text stays a slice of the same text."""
    if isinstance(a, TextOf) or isinstance(b, TextOf):
        return isinstance(a, TextOf) and isinstance(b, TextOf) and a.text is b.text
    return a == b


@settings(max_examples=60, deadline=None)
@given(st.lists(claims(), max_size=30), st.data())
def test_claim_columns_give_back_what_was_stored(items: list[Claim], data: st.DataObject) -> None:
    store = ClaimColumns(items)
    assert len(store) == len(items)
    assert store == items and items == store
    assert list(store) == items
    assert store[:] == items and store[1:-1:2] == items[1:-1:2]
    for i, k in enumerate(items):
        got = store[i]
        assert got == k and store[i - len(items)] == k
        assert _same_slot(_raw_text(got), _raw_text(k))
        assert store.id_at(i) == k.id and store.supported(i) == k.supported
        assert store.citation_ids(i) == k.citations
        found = store.find(k.id)  # (an analysis's ids are unique: any one of equal ids)
        assert found is not None and store.id_at(found) == k.id
    assert store.supported_count() == sum(k.supported for k in items)
    assert list(store.starts) == [k.start for k in items]
    if items:  # a claim replaced (the analysis changed it) reads as the new one
        i = data.draw(st.integers(0, len(items) - 1))
        new = data.draw(claims())
        store[i] = new
        items[i] = new
        assert store == items
        assert store.citation_ids(i) == new.citations
    with pytest.raises(IndexError):
        store[len(items)]


@settings(max_examples=60, deadline=None)
@given(st.lists(citations(), max_size=30), st.data())
def test_citation_columns_give_back_what_was_stored(
    items: list[Citation], data: st.DataObject
) -> None:
    store = CitationColumns(items)
    assert store == items and list(store) == items
    for i, c in enumerate(items):
        got = store[i]
        assert got == c
        assert _same_slot(_raw_quote(got), _raw_quote(c))
        assert store.source_name_at(i) == c.source_name and store.kind_at(i) == c.kind
    if items:
        i = data.draw(st.integers(0, len(items) - 1))
        source, name = data.draw(st.text(max_size=3)), data.draw(names)
        store.rename(i, source, name)
        items[i] = replace(items[i], source=source, source_name=name)
        assert store == items
        new = data.draw(citations())
        store[i] = new
        items[i] = new
        assert store == items


def test_a_store_is_not_equal_to_other_items() -> None:
    k = Claim("k1", 0, 3, "The")
    assert ClaimColumns([k]) != [replace(k, supported=True)]
    assert ClaimColumns([k]) != [k, k]
    assert ClaimColumns([k]) != "k1"
    assert ClaimColumns() == [] and CitationColumns() == []


@settings(max_examples=80, deadline=None)
@given(st.lists(ids, max_size=30), st.lists(ids, max_size=30), st.data())
def test_an_id_column_reads_as_its_list(a: list[str], b: list[str], data: st.DataObject) -> None:
    col = IdColumn(a)
    assert len(col) == len(a) and list(col) == a
    assert [col[i] for i in range(-len(a), len(a))] == [a[i] for i in range(-len(a), len(a))]
    start = data.draw(st.integers(-35, 35) | st.none())
    stop = data.draw(st.integers(-35, 35) | st.none())
    step = data.draw(st.sampled_from([None, 1, 2, -1]))
    part = col[start:stop:step]
    assert list(part) == a[start:stop:step] and part == a[start:stop:step]
    # equality: with lists either way, with columns of the same or other encodings
    assert (col == b) == (a == b) and (b == col) == (a == b) and (col != b) == (a != b)
    assert (col == IdColumn(b)) == (a == b)
    assert (col[: len(b)] == IdColumn(b)[: len(a)]) == (a[: len(b)] == b[: len(a)])
    assert (col == tuple(b)) == (a == b)
    probe = data.draw(ids)
    assert (probe in col) == (probe in a)
    assert (5 in col) is False
    if a:
        assert col.index(a[-1]) == a.index(a[-1])


@settings(max_examples=80, deadline=None)
@given(st.lists(ids, max_size=30))
def test_an_id_column_sent_as_numbers_reads_back_as_its_list(a: list[str]) -> None:
    """``IdColumn.wire``: ids that are one prefix and a number go as their numbers'
    bytes and read back (``from_wire``) as the same list; any other list is not sent so."""
    wire = IdColumn(a).wire()
    if wire is None:  # (an id with no number, a leading zero, another prefix)
        assert len({x.rstrip("0123456789") for x in a}) > 1 or any(
            str(int(x[len(x.rstrip("0123456789")) :] or "-1")) != x[len(x.rstrip("0123456789")) :]
            or len(x) - len(x.rstrip("0123456789")) > 9
            for x in a
        )
        return
    back = IdColumn.from_wire(*wire)
    assert list(back) == a and back == a and back == IdColumn(a)
    assert isinstance(wire[1], bytes)


def test_the_readers_sources_keep_their_citation_ids_as_numbers(sample_path: Path) -> None:
    doc = load(sample_path)
    differ, live = Differ(doc.text), LiveAnalysis()
    last = None
    for an in pipeline.analyze_stream(doc):
        live.apply(decode(differ.diff(an), doc.text))
        last = an
    assert last is not None and any(s.citations for s in last.sources)
    for mine, theirs in zip(live.analysis.sources, last.sources, strict=True):
        assert isinstance(mine.citations, IdColumn)
        assert mine.citations == theirs.citations and list(mine.citations) == theirs.citations
        assert mine == theirs


def test_the_readers_analysis_equals_the_pipelines_and_holds_no_claim_objects(
    sample_path: Path,
) -> None:
    """What the reader keeps (columns, filled from the deltas) equals the analysis the
    pipeline made, field for field, with the texts as slices of the document's text."""
    doc = load(sample_path)
    differ, live = Differ(doc.text), LiveAnalysis()
    last = None
    for an in pipeline.analyze_stream(doc):
        live.apply(decode(differ.diff(an), doc.text))
        last = an
    assert last is not None and last.claims and last.citations
    mine = live.analysis
    assert isinstance(mine.claims, ClaimColumns) and isinstance(mine.citations, CitationColumns)
    assert mine.claims == last.claims and mine.citations == last.citations
    assert mine.sources == last.sources
    for k in mine.claims:
        assert isinstance(_raw_text(k), TextOf) and _raw_text(k).text is doc.text  # type: ignore[attr-defined]
    for c in last.citations:
        assert mine.citation(c.id) == c
    assert mine.citation("c999999") is None and mine.citation("s1") is None


@settings(max_examples=60, deadline=None)
@given(st.lists(claims(), max_size=20), st.lists(claims(), max_size=20))
def test_claim_columns_appended_whole_equal_those_appended_one_by_one(
    head: list[Claim], tail: list[Claim]
) -> None:
    """A chunk of columns made elsewhere (``delta.decode``, in the reader's analysis
    thread) appended at once reads as its claims appended one by one."""
    store = ClaimColumns(head)
    store.extend_columns(ClaimColumns(tail))
    assert store == head + tail
    for i, k in enumerate(head + tail):
        assert _same_slot(_raw_text(store[i]), _raw_text(k))
        found = store.find(k.id)
        assert found is not None and store.id_at(found) == k.id
        assert store.citation_ids(i) == k.citations


@settings(max_examples=60, deadline=None)
@given(st.lists(citations(), max_size=20), st.lists(citations(), max_size=20))
def test_citation_columns_appended_whole_equal_those_appended_one_by_one(
    head: list[Citation], tail: list[Citation]
) -> None:
    store = CitationColumns(head)
    store.extend_columns(CitationColumns(tail))
    assert store == head + tail
    for i, c in enumerate(head + tail):
        assert _same_slot(_raw_quote(store[i]), _raw_quote(c))


@settings(max_examples=60, deadline=None)
@given(st.lists(claims(), max_size=20))
def test_the_claims_citing_a_citation_are_those_of_the_objects(items: list[Claim]) -> None:
    store = ClaimColumns(items)
    if items:  # one replaced: its citations are kept elsewhere in the flat column
        store[0] = items[0] = replace(items[0], citations=["c1", "c2", *items[0].citations])
    cited = {c for k in items for c in k.citations} | {"c1", "c999"}
    for citation_id in cited:
        expected = [i for i, k in enumerate(items) if citation_id in k.citations]
        assert store.citing(citation_id) == expected


@settings(max_examples=80, deadline=None)
@given(st.lists(claims(), max_size=30), st.lists(claims(), max_size=10))
def test_claim_columns_read_from_rows_equal_those_of_the_objects(
    items: list[Claim], head: list[Claim]
) -> None:
    """``ClaimColumns.from_rows`` (the reader's decoding of a delta's claims, column by
    column) holds what the rows' objects stored one by one hold: every field, a text
    that is the document's slice kept by reference, and the same when appended whole."""
    from closeread.analysis.delta import _claim, _claim_row

    rows = [_claim_row(k, TEXT) for k in items]
    store = ClaimColumns.from_rows(rows, WHOLE)
    objects = [_claim(r, TEXT, WHOLE) for r in rows]
    assert store == objects == items
    for i, k in enumerate(objects):
        assert _same_slot(_raw_text(store[i]), _raw_text(k))
        assert store.citation_ids(i) == k.citations and store.supported(i) == k.supported
        found = store.find(k.id)
        assert found is not None and store.id_at(found) == k.id
    assert store.supported_count() == sum(k.supported for k in items)
    for cited in {c for k in items for c in k.citations}:
        assert store.citing(cited) == [i for i, k in enumerate(items) if cited in k.citations]
    whole = ClaimColumns(head)
    whole.extend_columns(store)
    assert whole == head + objects
    assert [whole.citation_ids(i) for i in range(len(whole))] == [
        k.citations for k in head + objects
    ]


@settings(max_examples=80, deadline=None)
@given(st.lists(citations(), max_size=30), st.lists(citations(), max_size=10))
def test_citation_columns_read_from_rows_equal_those_of_the_objects(
    items: list[Citation], head: list[Citation]
) -> None:
    from closeread.analysis.delta import _cit_row, _citation

    rows = [_cit_row(c, TEXT) for c in items]
    store = CitationColumns.from_rows(rows, WHOLE)
    objects = [_citation(r, TEXT, WHOLE) for r in rows]
    assert store == objects == items
    for i, c in enumerate(objects):
        assert _same_slot(_raw_quote(store[i]), _raw_quote(c))
        assert store.source_name_at(i) == c.source_name and store.kind_at(i) == c.kind
    whole = CitationColumns(head)
    whole.extend_columns(store)
    assert whole == head + objects
    if items:  # renamed in place afterwards, as a merge of sources does
        store.rename(0, "s99", "Someone")
        assert store[0] == replace(objects[0], source="s99", source_name="Someone")


@settings(max_examples=80, deadline=None)
@given(st.lists(ids, max_size=30), st.lists(ids, max_size=30))
def test_ids_encoded_at_once_are_those_encoded_one_by_one(a: list[str], b: list[str]) -> None:
    from closeread.analysis.columns import _Ids

    one, many = _Ids(), _Ids()
    for values in (a, b, [f"k{n}" for n in range(5)], a):
        assert many.encode_all(values) == [one.encode(v) for v in values]
        assert (many.prefix, many.others) == (one.prefix, one.others)
        assert [many.decode(c) for c in many.encode_all(values)] == values


_GROUPS = st.lists(
    st.tuples(
        st.sampled_from(["s1", "s2", "s17", ""]),
        st.text(max_size=5),
        st.lists(st.integers(0, 2**40), max_size=12),
    ),
    max_size=6,
)


@given(_GROUPS, st.integers(-30, 30), st.integers(-30, 30))
def test_renames_read_as_the_list_of_tuples_they_stand_for(
    groups: list[tuple[str, str, list[int]]], lo: int, hi: int
) -> None:
    """``Renames`` (what ``delta.decode`` makes of a merge's renamed citations) gives
    exactly what the list of ``(index, source, name)`` tuples it replaced gave: length,
    order, items by index, slices (``live_analysis.next_slice`` cuts it) and equality."""
    from array import array

    old = [(i, sid, name) for sid, name, idx in groups for i in idx]
    new = Renames((sid, name, array("q", idx)) for sid, name, idx in groups)
    assert len(new) == len(old)
    assert list(new) == old
    assert new == old and new == tuple(old) and old == new
    assert list(new.indexes()) == [i for i, _, _ in old]
    for k in range(-len(old), len(old)):
        assert new[k] == old[k]
    for bad in (len(old), -len(old) - 1):
        with pytest.raises(IndexError):
            new[bad]
    part = new[lo:hi]
    assert isinstance(part, Renames)
    assert list(part) == old[lo:hi] and len(part) == len(old[lo:hi])
    assert list(new[:lo]) + list(new[lo:]) == old
    assert new != [*old, (0, "", "")]
