"""A cached analysis's bytes: its columns as raw arrays behind a small JSON header.

The reader keeps claims and citations in columns (``analysis.columns``); an entry stores
those columns as they are, so reading one back is a few ``array.frombytes`` (memory
copies) and a small JSON document, not an object per claim: War and Peace's entry decodes
in a few milliseconds instead of ~150 ms of JSON rows and ~100 ms of putting them back in
columns.

Layout (``encode``): ``MAGIC``, the header's length (4 bytes, little-endian), the header
(JSON: the analysis version, this format's number, the byte order, each array's type code,
item size and length in bytes, the sources' rows and the columns' string tables), then the
arrays' bytes one after another. Nothing in it can run code; ``decode`` checks every
length against the header and every table code against its table, and raises
``ValueError`` on anything that does not fit (``analysis.cache`` removes such an entry).

Texts: a claim's text or a citation's quote that is a slice of the document's text (a
``model.TextOf``) is stored as nothing, and reads the text it is decoded with (the entry's
key holds the text's digest); any other value is stored whole.
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from collections.abc import Sequence
from typing import Any, cast

from closeread.analysis import ANALYSIS_VERSION
from closeread.analysis.columns import CitationColumns, ClaimColumns, _Ids, _Table
from closeread.analysis.model import Analysis, Citation, Claim, Source, TextOf
from closeread.spans import SpanArray

MAGIC = b"closeread-analysis\n"
FORMAT = 2
"""This layout's number (1 was rows of JSON)."""
_LENGTH = struct.Struct("<I")
_SOURCE_FIELDS = ("id", "name", "aliases", "citations", "kind", "url")


def _claims_of(items: Sequence[Claim], text: str) -> ClaimColumns:
    """``items`` as columns whose slices (if any) are of ``text``."""
    columns = items if isinstance(items, ClaimColumns) else ClaimColumns(items)
    if columns.whole is None or _same(columns.whole.text, text):
        return columns
    return ClaimColumns(_with_own_text(k) for k in columns)


def _citations_of(items: Sequence[Citation], text: str) -> CitationColumns:
    columns = items if isinstance(items, CitationColumns) else CitationColumns(items)
    if columns.whole is None or _same(columns.whole.text, text):
        return columns
    return CitationColumns(_with_own_quote(c) for c in columns)


def _same(a: str, b: str) -> bool:
    return a is b or a == b


def _with_own_text(k: Claim) -> Claim:
    """``k`` with its text held as a string (it was a slice of another text)."""
    return Claim(k.id, k.start, k.end, k.text, list(k.citations), k.supported, k.corrected)


def _with_own_quote(c: Citation) -> Citation:
    return Citation(
        c.id,
        c.kind,
        c.start,
        c.end,
        c.quote,
        c.source,
        c.source_name,
        c.title,
        c.lead_in_start,
        c.lead_in_end,
        c.lead_in,
        c.url,
        c.manual,
    )


def _ids(ids: _Ids) -> list[Any]:
    return [ids.prefix, list(ids.others)]


def _sliced(columns: ClaimColumns | CitationColumns, field: str, text: str) -> list[list[Any]]:
    """The items whose text (quote) is not ``text[start:end]``: ``[index, value]``."""
    out = []
    starts, ends = columns.starts, columns.ends
    for i, raw in sorted(columns._sliced.items()):
        value = raw
        if isinstance(raw, TextOf):  # a slice of another text: stored as the string
            value = getattr(columns[i], field)
        if value != text[starts[i] : ends[i]]:
            out.append([i, value])
    return out


def encode(analysis: Analysis, text: str) -> bytes:
    """``analysis`` (of ``text``) as an entry's bytes (copies: later changes to the
    analysis do not reach them)."""
    claims = _claims_of(analysis.claims, text)
    cits = _citations_of(analysis.citations, text)
    arrays: list[Any] = [
        analysis.sentences.starts,
        analysis.sentences.ends,
        *_claim_arrays(claims),
        *_citation_arrays(cits),
    ]
    header = {
        "version": ANALYSIS_VERSION,
        "format": FORMAT,
        "byteorder": sys.byteorder,
        "arrays": [[_code(a), _itemsize(a), len(a) * _itemsize(a)] for a in arrays],
        "sources": [[getattr(s, f) for f in _SOURCE_FIELDS] for s in analysis.sources],
        "claims": {
            "ids": _ids(claims._ids),
            "cited": _ids(claims._cited),
            "sliced": _sliced(claims, "text", text),
        },
        "citations": {
            "ids": _ids(cits._ids),
            "strings": list(cits._strings.values),
            "lead_in": list(cits._lead_in.values),
            "sliced": _sliced(cits, "quote", text),
        },
        "progress": analysis.progress,
        "complete": analysis.complete,
    }
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    return b"".join([MAGIC, _LENGTH.pack(len(head)), head, *(bytes(a) for a in arrays)])


def _code(column: Any) -> str:
    return "B" if isinstance(column, bytearray) else str(column.typecode)


def _itemsize(column: Any) -> int:
    return 1 if isinstance(column, bytearray) else int(column.itemsize)


_CLAIM_ARRAYS = ("ids", "starts", "ends", "flat", "cit_start", "cit_count", "flags")
"""The ``ClaimColumns`` arrays an entry holds, in its order (``flat``: the claims' cited
ids, one run a claim; every other array has one item a claim)."""
_CITATION_ARRAYS = (
    "ids", "starts", "ends", "kind", "source", "source_name", "title", "url",
    "lead_in_start", "lead_in_end", "lead_in", "manual",
)  # fmt: skip
"""The ``CitationColumns`` arrays an entry holds, in its order (one item a citation)."""


def _claim_arrays(k: ClaimColumns) -> list[Any]:
    return [getattr(k, name) for name in _CLAIM_ARRAYS]


def _citation_arrays(c: CitationColumns) -> list[Any]:
    return [getattr(c, name) for name in _CITATION_ARRAYS]


def header(body: bytes | memoryview) -> dict[str, Any]:
    """The header of an entry's ``body`` (checked: magic, version, format, byte order);
    ``ValueError`` if it is not one this code can read."""
    view = memoryview(body)
    if bytes(view[: len(MAGIC)]) != MAGIC or len(view) < len(MAGIC) + _LENGTH.size:
        raise ValueError("not an analysis entry")
    (size,) = _LENGTH.unpack_from(view, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    if start + size > len(view):
        raise ValueError("truncated header")
    head = json.loads(bytes(view[start : start + size]))
    if not isinstance(head, dict):
        raise ValueError("bad header")
    if head.get("version") != ANALYSIS_VERSION or head.get("format") != FORMAT:
        raise ValueError("another analysis version")
    if head.get("byteorder") != sys.byteorder:
        raise ValueError("another byte order")
    head["_offset"] = start + size
    return head


def decode(body: bytes | memoryview, text: str) -> Analysis:
    """The analysis in ``body`` (``encode``'s output for this ``text``), its claims and
    citations in columns (``ClaimColumns``, ``CitationColumns``: typed as lists).
    ``ValueError`` (or ``TypeError``, ``KeyError``, ``IndexError``) on a damaged entry."""
    head = header(body)
    view = memoryview(body)
    at = head["_offset"]
    arrays: list[Any] = []
    for code, itemsize, nbytes in head["arrays"]:
        column: Any = bytearray() if code == "B" else array(code)
        if _itemsize(column) != itemsize or nbytes % itemsize or at + nbytes > len(view):
            raise ValueError("an array does not fit")
        if isinstance(column, bytearray):
            column[:] = view[at : at + nbytes]
        else:
            column.frombytes(view[at : at + nbytes])
        arrays.append(column)
        at += nbytes
    if at != len(view) or len(arrays) != 2 + len(_CLAIM_ARRAYS) + len(_CITATION_ARRAYS):
        raise ValueError("the arrays do not fill the entry")
    whole = TextOf(text)
    sentences = SpanArray()
    sentences.starts, sentences.ends = arrays[0], arrays[1]
    if len(sentences.starts) != len(sentences.ends):
        raise ValueError("sentence columns differ in length")
    split = 2 + len(_CLAIM_ARRAYS)
    claims = _claims(arrays[2:split], head["claims"], whole)
    citations = _citations(arrays[split:], head["citations"], whole)
    sources = [Source(*row) for row in head["sources"]]
    return Analysis(
        sentences=sentences,
        citations=cast("list[Citation]", citations),
        sources=sources,
        claims=cast("list[Claim]", claims),
        progress=float(head["progress"]),
        complete=bool(head["complete"]),
    )


def _set_ids(ids: _Ids, value: list[Any]) -> None:
    prefix, others = value
    if prefix is not None and not isinstance(prefix, str):
        raise ValueError("bad id prefix")
    ids.prefix = prefix
    ids.others = [str(o) for o in others]
    ids._other_codes = {o: -1 - k for k, o in enumerate(ids.others)}


def _set_table(table: _Table, values: list[Any]) -> None:
    table.values = list(values)
    table._codes = {v: i for i, v in enumerate(table.values)}


def _set_sliced(columns: ClaimColumns | CitationColumns, rows: list[Any], whole: TextOf) -> None:
    n = len(columns)
    columns.whole = whole
    for i, value in rows:
        if not (isinstance(i, int) and 0 <= i < n and isinstance(value, str)):
            raise ValueError("bad text")
        columns._sliced[i] = value


def _same_length(n: int, *columns: Any) -> None:
    if any(len(c) != n for c in columns):
        raise ValueError("columns differ in length")


def _codes_in(column: Any, size: int, low: int = 0) -> None:
    """Every code of ``column`` is in ``[low, size)`` (a table's codes)."""
    if len(column) and (min(column) < low or max(column) >= size):
        raise ValueError("a code is outside its table")


def _claims(arrays: list[Any], meta: dict[str, Any], whole: TextOf) -> ClaimColumns:
    k = ClaimColumns()
    for name, column in zip(_CLAIM_ARRAYS, arrays, strict=True):
        setattr(k, name, column)
    n = len(k.ids)
    _same_length(n, *(getattr(k, name) for name in _CLAIM_ARRAYS if name != "flat"))
    _set_ids(k._ids, meta["ids"])
    _set_ids(k._cited, meta["cited"])
    _set_sliced(k, meta["sliced"], whole)
    # (starts only: a claim's slice of ``flat`` running past its end reads short, it does
    # not fail; the entry's digest already rules out damage, this rules out misreading)
    if n and (min(k.cit_count) < 0 or min(k.cit_start) < 0 or max(k.cit_start) > len(k.flat)):
        raise ValueError("a claim's citations are outside their column")
    _codes_in(k.ids, sys.maxsize, -len(k._ids.others))
    _codes_in(k.flat, sys.maxsize, -len(k._cited.others))
    return k


def _citations(arrays: list[Any], meta: dict[str, Any], whole: TextOf) -> CitationColumns:
    c = CitationColumns()
    for name, column in zip(_CITATION_ARRAYS, arrays, strict=True):
        setattr(c, name, column)
    n = len(c.ids)
    _same_length(n, *arrays)
    _set_ids(c._ids, meta["ids"])
    _set_table(c._strings, meta["strings"])
    _set_table(c._lead_in, meta["lead_in"])
    _set_sliced(c, meta["sliced"], whole)
    size = len(c._strings.values)
    for column in (c.kind, c.source, c.source_name, c.title, c.url):
        _codes_in(column, size)
    _codes_in(c.lead_in, len(c._lead_in.values), -1)
    _codes_in(c.ids, sys.maxsize, -len(c._ids.others))
    return c


def as_lists(analysis: Analysis) -> Analysis:
    """``analysis`` with its claims and citations as lists of objects (which corrections
    may change in place), in place; returned."""
    if not isinstance(analysis.claims, list):
        analysis.claims = list(analysis.claims)
    if not isinstance(analysis.citations, list):
        analysis.citations = list(analysis.citations)
    return analysis


__all__ = ["FORMAT", "MAGIC", "as_lists", "decode", "encode", "header"]
