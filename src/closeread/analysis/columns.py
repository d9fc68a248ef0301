"""The reader's claims and citations in columns: arrays of numbers, not an object each.

A 50 MB book has ~300,000 claims and ~150,000 citations. As ``Claim`` and ``Citation``
objects, with their ids, source names and citation lists as Python objects, they cost
~150 bytes each plus their strings: the reader's copy of the analysis was a third of its
memory (issue 13). ``ClaimColumns`` and ``CitationColumns`` hold the same values in
``array`` columns and make a ``Claim`` / ``Citation`` when one is asked for (``[i]``,
iteration, slices): the object is a fresh view, equal to the one stored, and changing it
does not change the store (the reader never changes one in place: a delta replaces it,
``CitationColumns.rename`` renames its source).

How values are kept:
- ids such as ``k12`` / ``c7``: the number, with the prefix once (``_Ids``); any other id
  is kept as it is, numbered below zero;
- strings that repeat (kinds, source ids and names, titles, URLs): one table of the
  distinct values and a code per item (``_Table``);
- a claim's text and a citation's quote that are slices of the document's text (a
  ``model.TextOf``): nothing per item; any other value in a dict by index;
- a claim's citations: one flat column of id numbers, and each claim's offset and count
  (an empty list costs nothing else).

These are pure core (no UI); ``delta.LiveAnalysis`` keeps the reader's analysis in them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from itertools import accumulate, chain
from typing import Any, overload

from closeread.analysis.model import Citation, Claim, TextOf
from closeread.spans import OFFSETS

_NONE = -(2**31)
"""An optional offset's None in an offsets column (``spans.OFFSETS``)."""
_DIGITS = "0123456789"
_MAX_DIGITS = 9  # fits an offsets column (``spans.OFFSETS``, 4 bytes)


def _plain_number(digits: str) -> bool:
    """Whether ``str(int(digits)) == digits`` (no leading zero) and it fits a column."""
    return 0 < len(digits) <= _MAX_DIGITS and (digits == "0" or digits[0] != "0")


class _Ids:
    """Ids as numbers: ``prefix + str(n)`` is ``n`` (n >= 0), any other id ``-1 - k``
    where ``others[k]`` is the id."""

    __slots__ = ("_other_codes", "others", "prefix")

    def __init__(self) -> None:
        self.prefix: str | None = None
        self.others: list[str] = []
        self._other_codes: dict[str, int] = {}

    def encode(self, value: str) -> int:
        head = value.rstrip(_DIGITS)
        digits = value[len(head) :]
        if _plain_number(digits) and (self.prefix is None or head == self.prefix):
            self.prefix = head
            return int(digits)
        code = self._other_codes.get(value)
        if code is None:
            code = self._other_codes[value] = -1 - len(self.others)
            self.others.append(value)
        return code

    def encode_all(self, values: Sequence[str]) -> list[int]:
        """``[encode(v) for v in values]``, at C speed when every value is the prefix and
        a plain number (an analysis' ids: ``k1``, ``k2``, ...)."""
        first: list[int] = []
        while self.prefix is None and len(first) < len(values):  # (it sets the prefix)
            first.append(self.encode(values[len(first)]))
        rest = list(values[len(first) :])
        if not rest:
            return first
        prefix, n = self.prefix, len(self.prefix or "")
        try:
            codes = [int(v[n:]) for v in rest]
        except ValueError:
            codes = None
        if (
            codes is not None
            and min(codes) >= 0
            and max(codes) < 10**_MAX_DIGITS
            and [f"{prefix}{c}" for c in codes] == rest  # (so the digits as written)
        ):
            return first + codes
        return first + list(map(self.encode, rest))

    def decode(self, code: int) -> str:
        return f"{self.prefix}{code}" if code >= 0 else self.others[-1 - code]

    def remap(self, other: _Ids, codes: array[int]) -> array[int]:
        """``other``'s ``codes`` as codes of this one (the same array when they agree)."""
        if not other.others and other.prefix in (None, self.prefix):
            return codes
        if not other.others and self.prefix is None and not self.others:
            self.prefix = other.prefix
            return codes
        return array(OFFSETS, [self.encode(other.decode(c)) for c in codes])

    def lookup(self, value: str) -> int | None:
        """The code ``value`` has (None: no item can have it)."""
        head = value.rstrip(_DIGITS)
        digits = value[len(head) :]
        if head == self.prefix and _plain_number(digits):
            return int(digits)
        return self._other_codes.get(value)


class _Table:
    """Strings that repeat: each distinct value once, an item holds its code."""

    __slots__ = ("_codes", "values")

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._codes: dict[Any, int] = {}

    def encode(self, value: Any) -> int:
        code = self._codes.get(value)
        if code is None:
            code = self._codes[value] = len(self.values)
            self.values.append(value)
        return code

    def encode_all(self, values: Iterable[Any]) -> array[int]:
        """``encode`` of each of ``values`` (a list or tuple), as an ``"i"`` column: a call
        per distinct value, a dictionary lookup in C per item."""
        codes = self._codes
        for value in dict.fromkeys(values):  # (new values coded in order of appearance)
            if value not in codes:
                self.encode(value)
        return array("i", map(codes.__getitem__, values))

    def mapping(self, other: _Table) -> list[int] | None:
        """Each of ``other``'s codes as a code of this table, and -1 as -1 (the last
        item); None when they are the same codes."""
        codes = [self.encode(v) for v in other.values]
        if codes == list(range(len(codes))):
            return None
        codes.append(-1)
        return codes


def _remapped(codes: array[int], mapping: list[int] | None) -> array[int]:
    return codes if mapping is None else array(codes.typecode, map(mapping.__getitem__, codes))


class _Columns:
    """What both stores share: ids, spans, the slices of the text and the other values
    of a sliced field (by index)."""

    __slots__ = ("_ids", "_sliced", "ends", "ids", "starts", "whole")

    def __init__(self) -> None:
        self._ids = _Ids()
        self.ids: array[int] = array(OFFSETS)
        self.starts: array[int] = array(OFFSETS)
        """Each item's start (read without making its object: the indexes' bisections)."""
        self.ends: array[int] = array(OFFSETS)
        self.whole: TextOf | None = None
        """The document's text the sliced field points into (the first ``TextOf`` met)."""
        self._sliced: dict[int, object] = {}
        """The sliced field (text, quote) of the items where it is not ``whole``."""

    def __len__(self) -> int:
        return len(self.ids)

    def id_at(self, index: int) -> str:
        """The id of item ``index`` (without making its object)."""
        return self._ids.decode(self.ids[index])

    def find(self, item_id: str) -> int | None:
        """The index of the item with this id, or None (ids numbered in order, as the
        analysis makes them, are found at once; others by a scan of the id column). An
        analysis's ids are unique: of equal ids, any one may be found."""
        code = self._ids.lookup(item_id)
        if code is None:
            return None
        ids = self.ids
        if 0 < code <= len(ids) and ids[code - 1] == code:
            return code - 1
        try:
            return ids.index(code)
        except ValueError:
            return None

    def _put_sliced(self, index: int, raw: object) -> None:
        if isinstance(raw, TextOf):
            if self.whole is None:
                self.whole = raw
            if raw is self.whole or raw.text is self.whole.text:
                self._sliced.pop(index, None)
                return
        self._sliced[index] = raw

    def _get_sliced(self, index: int) -> object:
        raw = self._sliced.get(index)
        return self.whole if raw is None else raw

    def _same_text(self, chunk: _Columns) -> bool:
        """Whether ``chunk``'s slices are of this store's text (or either has none)."""
        return chunk.whole is None or self.whole is None or chunk.whole.text is self.whole.text

    def _take_sliced(self, chunk: _Columns, at: int) -> None:
        """The sliced field of ``chunk``'s items, appended from position ``at``."""
        if self.whole is None:
            self.whole = chunk.whole
        for i, raw in chunk._sliced.items():
            self._put_sliced(at + i, raw)

    def _eq(self, other: object) -> bool:
        if other is self:
            return True
        if not isinstance(other, (list, tuple, _Columns)):
            return NotImplemented  # type: ignore[no-any-return]
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))  # type: ignore[call-overload]


class ClaimColumns(_Columns, MutableSequence[Claim]):
    """The claims of an analysis in columns (see the module's docstring)."""

    __slots__ = ("_cited", "cit_count", "cit_start", "flags", "flat")

    _SUPPORTED = 1
    _CORRECTED = 2

    def __init__(self, claims: Iterable[Claim] = ()) -> None:
        super().__init__()
        self._cited = _Ids()
        self.flat: array[int] = array(OFFSETS)
        """The citation ids of every claim, one after another."""
        self.cit_start: array[int] = array(OFFSETS)
        self.cit_count: array[int] = array("i")
        self.flags = bytearray()
        """Bit 1: supported; bit 2: corrected."""
        self.extend(claims)

    # -- writing --------------------------------------------------------------------------

    def append(self, value: Claim) -> None:
        i = len(self.ids)
        self.ids.append(self._ids.encode(value.id))
        self.starts.append(value.start)
        self.ends.append(value.end)
        self.cit_start.append(0)
        self.cit_count.append(0)
        self.flags.append(0)
        self._fill(i, value)

    def extend(self, values: Iterable[Claim]) -> None:
        for value in values:
            self.append(value)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], whole: TextOf) -> ClaimColumns:
        """The claims of ``rows`` (each a claim's fields in order, its citations a
        sequence; a text ``None`` is ``whole``'s slice), made column by column: the claims
        ``ClaimColumns`` of their objects holds, without an object per claim (the reader's
        decoding of a delta, ``delta.decode``: a 50 MB book sends ~300,000)."""
        out = cls()
        out.whole = whole
        if not rows:
            return out
        ids, starts, ends, texts, cited, supported, corrected = zip(*rows, strict=True)
        out.ids = array(OFFSETS, out._ids.encode_all(ids))
        out.starts, out.ends = array(OFFSETS, starts), array(OFFSETS, ends)
        if texts.count(None) != len(texts):
            for i, text in enumerate(texts):
                if text is not None:
                    out._put_sliced(i, text)
        counts = list(map(len, cited))
        out.flat = array(OFFSETS, out._cited.encode_all(list(chain.from_iterable(cited))))
        # (a claim without citations starts at 0, as ``_fill`` leaves it)
        starts_at = accumulate(counts, initial=0)  # (one more than counts: the end)
        out.cit_start = array(
            OFFSETS, [at if n else 0 for at, n in zip(starts_at, counts, strict=False)]
        )
        out.cit_count = array("i", counts)
        out.flags = bytearray(
            [
                (cls._SUPPORTED if s else 0) | (cls._CORRECTED if c else 0)
                for s, c in zip(supported, corrected, strict=True)
            ]
        )
        return out

    def extend_columns(self, chunk: ClaimColumns) -> None:
        """Append the claims of ``chunk`` (made in another thread, ``delta.decode``):
        whole columns at once, no object per claim."""
        if not self._same_text(chunk):
            self.extend(list(chunk))
            return
        at, flat_at = len(self), len(self.flat)
        self.ids.extend(self._ids.remap(chunk._ids, chunk.ids))
        self.starts.extend(chunk.starts)
        self.ends.extend(chunk.ends)
        self.cit_start.extend(array(OFFSETS, [s + flat_at for s in chunk.cit_start]))
        self.cit_count.extend(chunk.cit_count)
        self.flat.extend(self._cited.remap(chunk._cited, chunk.flat))
        self.flags.extend(chunk.flags)
        self._take_sliced(chunk, at)

    def _fill(self, i: int, value: Claim) -> None:
        self._put_sliced(i, Claim._text_slot.__get__(value, Claim))  # type: ignore[attr-defined]
        cited = value.citations
        if cited:
            self.cit_start[i] = len(self.flat)
            self.flat.extend(self._cited.encode(c) for c in cited)
        else:
            self.cit_start[i] = 0
        self.cit_count[i] = len(cited)
        self.flags[i] = (self._SUPPORTED if value.supported else 0) | (
            self._CORRECTED if value.corrected else 0
        )

    @overload
    def __setitem__(self, index: int, value: Claim) -> None: ...
    @overload
    def __setitem__(self, index: slice, value: Iterable[Claim]) -> None: ...
    def __setitem__(self, index: int | slice, value: Any) -> None:
        if isinstance(index, slice):
            raise TypeError("ClaimColumns: slice assignment is not supported")
        i = range(len(self))[index]
        self.ids[i] = self._ids.encode(value.id)
        self.starts[i] = value.start
        self.ends[i] = value.end
        # (a changed claim's citations go to the end of the flat column: the few the
        # analysis changes leave little behind)
        self._fill(i, value)

    def __delitem__(self, index: int | slice) -> None:
        raise TypeError("ClaimColumns: items cannot be deleted (a new run starts anew)")

    def insert(self, index: int, value: Claim) -> None:
        if index != len(self):
            raise TypeError("ClaimColumns: items are only appended")
        self.append(value)

    # -- reading --------------------------------------------------------------------------

    def supported(self, index: int) -> bool:
        """Whether claim ``index`` is supported (without making its object)."""
        return bool(self.flags[index] & self._SUPPORTED)

    def supported_count(self) -> int:
        """How many claims are supported."""
        flags = self.flags
        return flags.count(b"\x01") + flags.count(b"\x03")

    def citing(self, citation_id: str) -> list[int]:
        """The claims whose citations include ``citation_id`` (their indexes)."""
        code = self._cited.lookup(citation_id)
        if code is None:
            return []
        flat, at, count = self.flat, self.cit_start, self.cit_count
        return [i for i in range(len(self)) if count[i] and code in flat[at[i] : at[i] + count[i]]]

    def citation_ids(self, index: int) -> list[str]:
        n = self.cit_count[index]
        if not n:
            return []
        at = self.cit_start[index]
        decode = self._cited.decode
        return [decode(c) for c in self.flat[at : at + n]]

    def _make(self, i: int) -> Claim:
        flags = self.flags[i]
        claim = Claim(
            self._ids.decode(self.ids[i]),
            self.starts[i],
            self.ends[i],
            "",
            self.citation_ids(i),
            bool(flags & self._SUPPORTED),
            bool(flags & self._CORRECTED),
        )
        Claim._text_slot.__set__(claim, self._get_sliced(i))  # type: ignore[attr-defined]
        return claim

    @overload
    def __getitem__(self, index: int) -> Claim: ...
    @overload
    def __getitem__(self, index: slice) -> list[Claim]: ...
    def __getitem__(self, index: int | slice) -> Claim | list[Claim]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(len(self))[index]]
        return self._make(range(len(self))[index])

    def __iter__(self) -> Iterator[Claim]:
        return map(self._make, range(len(self)))

    def __eq__(self, other: object) -> bool:
        return self._eq(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ClaimColumns({len(self)} claims)"


_SLICED_LEAD_IN = -1


class CitationColumns(_Columns, MutableSequence[Citation]):
    """The citations of an analysis in columns (see the module's docstring)."""

    __slots__ = (
        "_lead_in",
        "_strings",
        "kind",
        "lead_in",
        "lead_in_end",
        "lead_in_start",
        "manual",
        "source",
        "source_name",
        "title",
        "url",
    )

    def __init__(self, citations: Iterable[Citation] = ()) -> None:
        super().__init__()
        self._strings = _Table()
        """Kinds, source ids and names, titles, URLs: each distinct string once."""
        self.kind: array[int] = array("i")
        self.source: array[int] = array("i")
        self.source_name: array[int] = array("i")
        self.title: array[int] = array("i")
        self.url: array[int] = array("i")
        self.lead_in_start: array[int] = array(OFFSETS)
        self.lead_in_end: array[int] = array(OFFSETS)
        self.lead_in: array[int] = array("i")
        """-1: ``text[lead_in_start:lead_in_end]``; else a code in ``_lead_in``."""
        self._lead_in = _Table()
        self.manual = bytearray()
        self.extend(citations)

    # -- writing --------------------------------------------------------------------------

    def append(self, value: Citation) -> None:
        i = len(self.ids)
        for column in (self.ids, self.kind, self.source, self.source_name, self.title):
            column.append(0)
        for column in (self.url, self.lead_in):
            column.append(0)
        for column in (self.starts, self.ends, self.lead_in_start, self.lead_in_end):
            column.append(0)
        self.manual.append(0)
        self._fill(i, value)

    def extend(self, values: Iterable[Citation]) -> None:
        for value in values:
            self.append(value)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], whole: TextOf) -> CitationColumns:
        """The citations of ``rows`` (each a citation's fields in order; a quote ``None``
        is ``whole``'s slice), made column by column: the citations ``CitationColumns``
        of their objects holds, without an object per citation (``delta.decode``)."""
        out = cls()
        out.whole = whole
        if not rows:
            return out
        (ids, kinds, starts, ends, quotes, sources, names, titles, lead_starts, lead_ends,
         leads, urls, manual) = zip(*rows, strict=True)  # fmt: skip
        code = out._strings.encode_all
        out.ids = array(OFFSETS, out._ids.encode_all(ids))
        out.kind = code(kinds)
        out.starts, out.ends = array(OFFSETS, starts), array(OFFSETS, ends)
        if quotes.count(None) != len(quotes):
            for i, quote in enumerate(quotes):
                if quote is not None:
                    out._put_sliced(i, quote)
        out.source, out.source_name = code(sources), code(names)
        out.title, out.url = code(titles), code(urls)
        out.lead_in_start = array(OFFSETS, [_NONE if v is None else v for v in lead_starts])
        out.lead_in_end = array(OFFSETS, [_NONE if v is None else v for v in lead_ends])
        text, lead_code = whole.text, out._lead_in.encode
        out.lead_in = array(
            "i",
            [
                _SLICED_LEAD_IN
                if ls is not None and le is not None and lead == text[ls:le]
                else lead_code(lead)
                for ls, le, lead in zip(lead_starts, lead_ends, leads, strict=True)
            ],
        )
        out.manual = bytearray(map(bool, manual))
        return out

    def extend_columns(self, chunk: CitationColumns) -> None:
        """Append the citations of ``chunk`` (made in another thread, ``delta.decode``):
        whole columns at once, no object per citation."""
        if not self._same_text(chunk):
            self.extend(list(chunk))
            return
        at = len(self)
        self.ids.extend(self._ids.remap(chunk._ids, chunk.ids))
        strings = self._strings.mapping(chunk._strings)
        for mine, theirs in (
            (self.kind, chunk.kind),
            (self.source, chunk.source),
            (self.source_name, chunk.source_name),
            (self.title, chunk.title),
            (self.url, chunk.url),
        ):
            mine.extend(_remapped(theirs, strings))
        for mine, theirs in (
            (self.starts, chunk.starts),
            (self.ends, chunk.ends),
            (self.lead_in_start, chunk.lead_in_start),
            (self.lead_in_end, chunk.lead_in_end),
        ):
            mine.extend(theirs)
        self.lead_in.extend(_remapped(chunk.lead_in, self._lead_in.mapping(chunk._lead_in)))
        self.manual.extend(chunk.manual)
        self._take_sliced(chunk, at)

    def _fill(self, i: int, c: Citation) -> None:
        code = self._strings.encode
        self.ids[i] = self._ids.encode(c.id)
        self.kind[i] = code(c.kind)
        self.starts[i] = c.start
        self.ends[i] = c.end
        self._put_sliced(i, Citation._quote_slot.__get__(c, Citation))  # type: ignore[attr-defined]
        self.source[i] = code(c.source)
        self.source_name[i] = code(c.source_name)
        self.title[i] = code(c.title)
        self.url[i] = code(c.url)
        ls, le = c.lead_in_start, c.lead_in_end
        self.lead_in_start[i] = _NONE if ls is None else ls
        self.lead_in_end[i] = _NONE if le is None else le
        sliced = self.whole is not None and ls is not None and le is not None
        self.lead_in[i] = (
            _SLICED_LEAD_IN
            if sliced and c.lead_in == self._lead_in_slice(i)
            else self._lead_in.encode(c.lead_in)
        )
        self.manual[i] = 1 if c.manual else 0

    def _lead_in_slice(self, i: int) -> str:
        assert self.whole is not None
        return self.whole.text[self.lead_in_start[i] : self.lead_in_end[i]]

    @overload
    def __setitem__(self, index: int, value: Citation) -> None: ...
    @overload
    def __setitem__(self, index: slice, value: Iterable[Citation]) -> None: ...
    def __setitem__(self, index: int | slice, value: Any) -> None:
        if isinstance(index, slice):
            raise TypeError("CitationColumns: slice assignment is not supported")
        self._fill(range(len(self))[index], value)

    def __delitem__(self, index: int | slice) -> None:
        raise TypeError("CitationColumns: items cannot be deleted (a new run starts anew)")

    def insert(self, index: int, value: Citation) -> None:
        if index != len(self):
            raise TypeError("CitationColumns: items are only appended")
        self.append(value)

    def rename(self, index: int, source: str, source_name: str) -> None:
        """Give citation ``index`` another source (a merge of the sources renamed it)."""
        self.source[index] = self._strings.encode(source)
        self.source_name[index] = self._strings.encode(source_name)

    # -- reading --------------------------------------------------------------------------

    def source_name_at(self, index: int) -> str:
        """Citation ``index``'s source name (without making its object)."""
        name: str = self._strings.values[self.source_name[index]]
        return name

    def kind_at(self, index: int) -> str:
        kind: str = self._strings.values[self.kind[index]]
        return kind

    def _make(self, i: int) -> Citation:
        values = self._strings.values
        ls, le = self.lead_in_start[i], self.lead_in_end[i]
        lead = self.lead_in[i]
        c = Citation(
            self._ids.decode(self.ids[i]),
            values[self.kind[i]],
            self.starts[i],
            self.ends[i],
            "",
            values[self.source[i]],
            values[self.source_name[i]],
            values[self.title[i]],
            None if ls == _NONE else ls,
            None if le == _NONE else le,
            self._lead_in_slice(i) if lead == _SLICED_LEAD_IN else self._lead_in.values[lead],
            values[self.url[i]],
            bool(self.manual[i]),
        )
        Citation._quote_slot.__set__(c, self._get_sliced(i))  # type: ignore[attr-defined]
        return c

    @overload
    def __getitem__(self, index: int) -> Citation: ...
    @overload
    def __getitem__(self, index: slice) -> list[Citation]: ...
    def __getitem__(self, index: int | slice) -> Citation | list[Citation]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(len(self))[index]]
        return self._make(range(len(self))[index])

    def __iter__(self) -> Iterator[Citation]:
        return map(self._make, range(len(self)))

    def __eq__(self, other: object) -> bool:
        return self._eq(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CitationColumns({len(self)} citations)"


class IdColumn(Sequence[str]):
    """A list of ids (a source's citations) as numbers: ``c12`` is 12 with the prefix
    once (``_Ids``). A 50 MB book's sources list ~150,000 citation ids: as strings,
    ~8 MiB of the reader's memory. Read-only: reading gives the same strings, equality
    with any sequence of strings is a list's."""

    __slots__ = ("_codes", "_ids")

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ids = _Ids()
        self._codes: array[int] = array(OFFSETS, map(self._ids.encode, ids))

    def wire(self) -> tuple[str | None, bytes] | None:
        """The ids as ``(prefix, the numbers' bytes)`` when each is the prefix and a number
        (what ``from_wire`` reads back in the same machine), else None."""
        return None if self._ids.others else (self._ids.prefix, self._codes.tobytes())

    @classmethod
    def from_wire(cls, prefix: str | None, numbers: bytes) -> IdColumn:
        """The column ``wire`` gave, without a string per id."""
        column = cls()
        column._codes.frombytes(numbers)
        if len(column._codes) and min(column._codes) < 0:
            raise ValueError("IdColumn: a negative id number")
        column._ids.prefix = prefix
        return column

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> IdColumn: ...

    def __getitem__(self, index: int | slice) -> str | IdColumn:
        if isinstance(index, slice):
            part = IdColumn()
            part._ids, part._codes = self._ids, self._codes[index]  # (its codes only grow)
            return part
        return self._ids.decode(self._codes[index])

    def __iter__(self) -> Iterator[str]:
        return map(self._ids.decode, self._codes)

    def __contains__(self, value: object) -> bool:
        code = self._ids.lookup(value) if isinstance(value, str) else None
        return code is not None and code in self._codes

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IdColumn):
            if other._ids is self._ids or (
                not self._ids.others
                and not other._ids.others
                and self._ids.prefix == other._ids.prefix
            ):
                return self._codes == other._codes  # the same codes are the same ids
            return list(self) == list(other)
        if isinstance(other, (list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"IdColumn({list(self)!r})"


class Renames(Sequence[tuple[int, str, str]]):
    """Citations given another source, ``(index, source id, source name)`` each, kept as
    the wire sends them: each source once with its citations' indexes in an array. A merge
    of a 50 MB book's sources renames tens of thousands of citations: as a list of tuples
    (a tuple and an int each, ~100 bytes) they were the reader's peak at the end of the
    analysis (+4 MiB while its last delta waited to be applied). Read-only; a slice is a
    ``Renames`` of the same arrays' slices; equality with a list or tuple is a list's."""

    __slots__ = ("_groups", "_len")

    def __init__(self, groups: Iterable[tuple[str, str, array[int]]] = ()) -> None:
        self._groups = [g for g in groups if len(g[2])]
        self._len = sum(len(idx) for _, _, idx in self._groups)

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        for source, name, indexes in self._groups:
            for i in indexes:
                yield i, source, name

    def indexes(self) -> Iterator[int]:
        """The renamed citations' indexes (``(i for i, _, _ in self)`` without tuples)."""
        return chain.from_iterable(idx for _, _, idx in self._groups)

    @overload
    def __getitem__(self, index: int) -> tuple[int, str, str]: ...
    @overload
    def __getitem__(self, index: slice) -> Renames: ...
    def __getitem__(self, index: int | slice) -> tuple[int, str, str] | Renames:
        if isinstance(index, slice):
            lo, hi, step = index.indices(self._len)
            if step != 1:
                raise ValueError("Renames: a slice's step must be 1")
            part, at = [], 0
            for source, name, idx in self._groups:
                a, b = max(lo - at, 0), min(hi - at, len(idx))
                if a < b:
                    part.append((source, name, idx[a:b]))
                at += len(idx)
            return Renames(part)
        i = range(self._len)[index]
        for source, name, idx in self._groups:
            if i < len(idx):
                return idx[i], source, name
            i -= len(idx)
        raise IndexError(index)  # (not reached: ``range`` checked it)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Renames, list, tuple)):
            return len(self) == len(other) and all(
                a == tuple(b) for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Renames({list(self)!r})"


def starts_of(items: Sequence[Any]) -> Sequence[int]:
    """The items' starts: the column itself for a store, else read from each object."""
    if isinstance(items, _Columns):
        return items.starts
    return [x.start for x in items]


__all__ = ["CitationColumns", "ClaimColumns", "IdColumn", "Renames", "starts_of"]
