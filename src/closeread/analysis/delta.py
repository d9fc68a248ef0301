"""A growing analysis as a stream of compact deltas, and their application (pure core).

The reader runs the analysis in another process (``analysis.child``) and shows it as it
grows. What crosses the pipe, and what the reader's screen must redo per update, is only
what changed since the last update:

- sentences, citations and claims are appended in document order (the pipeline finds
  them block batch by block batch);
- an earlier citation changes only when the sources are merged again (its source and
  source name); an earlier claim only right after it was found (the next paragraph's
  lead-in can link it to a quote); both when the analysis completes (the reader's
  corrections are applied then): those changes are sent as ``(index, row)`` pairs;
- a source is sent again only when its row changed, and the order of the sources only
  when it changed.

``Differ`` (in the analysing process) turns the pipeline's yields into wire deltas: plain
tuples of ints and strings, where a quote or claim text that is just ``text[start:end]``
is left out (the reader holds the same text). ``decode`` turns a wire delta back into
objects; ``LiveAnalysis.apply`` (the reader's thread) applies it to the reader's own
``Analysis`` (never shared with the analysing side) and says what changed, so the index
and the panels update in time proportional to the change.

The result of applying every delta of a run equals the run's last ``Analysis`` exactly
(``tests/unit/analysis/test_analysis_delta.py``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, cast

from closeread.analysis.columns import CitationColumns, ClaimColumns, IdColumn, Renames
from closeread.analysis.model import Analysis, Citation, Claim, Source, TextOf

_CIT = tuple(f.name for f in fields(Citation))
_CLAIM = tuple(f.name for f in fields(Claim))
_SRC = tuple(f.name for f in fields(Source))
_CIT_QUOTE = _CIT.index("quote")
_CLAIM_TEXT = _CLAIM.index("text")
_CIT_SOURCE = _CIT.index("source")
_CIT_SOURCE_NAME = _CIT.index("source_name")

#: Earlier claims compared again on every update (the complete one compares them all).
RECHECK_CLAIMS = 8

Row = tuple[Any, ...]
Wire = tuple[Any, ...]
"""``(reset, starts, ends, citations, changed citations, renamed citations, claims,
changed claims, sources, source order, progress, complete)``: see ``Differ.diff``."""


def _row(obj: object, names: tuple[str, ...]) -> Row:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(obj, n) for n in names))


def _obj(cls: type[Any], row: Row, names: tuple[str, ...]) -> Any:
    return cls(*(list(v) if isinstance(v, tuple) else v for v in row))


# The raw slot of a citation's quote and a claim's text (``model.TextOf`` when it is a
# slice of the document's text, kept by reference): read without slicing the text.
_CIT_GET = attrgetter(*("_quote_slot" if n == "quote" else n for n in _CIT))
_CLAIM_GET = attrgetter(*("_text_slot" if n == "text" else n for n in _CLAIM))
_CLAIM_CITATIONS = _CLAIM.index("citations")


def _in_text(value: object, text: str, start: int, end: int) -> bool:
    """Whether a quote or claim text (its raw slot) is ``text[start:end]``."""
    if value.__class__ is TextOf:
        return value.text is text or value.text[start:end] == text[start:end]
    return value == text[start:end]


def _cit_row(c: Citation, text: str) -> Row:
    row: Row = _CIT_GET(c)
    if _in_text(row[_CIT_QUOTE], text, c.start, c.end):
        return (*row[:_CIT_QUOTE], None, *row[_CIT_QUOTE + 1 :])
    return (*row[:_CIT_QUOTE], c.quote, *row[_CIT_QUOTE + 1 :])


def _claim_row(k: Claim, text: str) -> Row:
    row: Row = _CLAIM_GET(k)
    out = list(row)
    out[_CLAIM_CITATIONS] = tuple(row[_CLAIM_CITATIONS])
    out[_CLAIM_TEXT] = None if _in_text(row[_CLAIM_TEXT], text, k.start, k.end) else k.text
    return tuple(out)


_SOURCE_OF = attrgetter("source")
_SOURCE_NAME_OF = attrgetter("source_name")


def _without_source(row: Row) -> Row:
    return (*row[:_CIT_SOURCE], *row[_CIT_SOURCE_NAME + 1 :])


class Differ:
    """Turns the successive yields of one analysis run into wire deltas.

    Cost per call: the new items, plus (only when the sources were merged again) one pass
    over the earlier citations' two source fields, compared as whole lists first; plus,
    with ``exact``, on the complete yield, one comparison of every earlier row (the
    reader's link corrections change earlier claims and citations there: without any,
    the complete yield changes only what a merge of sources and the last claims do):
    linear over the run, in the analysing process.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences = 0
        self._cits: list[Row] = []
        """Each citation's row as last sent whole (its source fields may be older)."""
        self._source: list[str] = []
        """Each citation's source id as last sent (whole or renamed)."""
        self._source_name: list[str] = []
        self._claims: list[Row] = []
        self._sources: dict[str, Row] = {}
        self._order: list[str] = []
        self._sources_list: object = None
        self._started = False

    def diff(self, analysis: Analysis, exact: bool = True) -> Wire:
        """What changed since the last call (everything on the first). ``exact``: on the
        complete yield compare every earlier row (needed when link corrections were
        applied to it; without them the cheaper comparison finds the same changes)."""
        a, text = analysis, self.text
        n = min(len(a.sentences.starts), len(a.sentences.ends))
        reset = (
            not self._started
            or n < self._sentences
            or len(a.citations) < len(self._cits)
            or len(a.claims) < len(self._claims)
        )
        if reset:
            self.__init__(text)  # type: ignore[misc]
            self._started = True
        starts = a.sentences.starts[self._sentences : n].tobytes()
        ends = a.sentences.ends[self._sentences : n].tobytes()
        self._sentences = n
        merged = a.sources is not self._sources_list
        changed_cits: list[tuple[int, Row]] = []
        renamed: list[tuple[str, str, bytes]] = []
        old = self._cits
        earlier = a.citations[: len(old)]
        if a.complete and exact:
            for i, c in enumerate(earlier):
                row = _cit_row(c, text)
                if _without_source(row) != _without_source(old[i]):
                    old[i] = row
                    self._source[i], self._source_name[i] = c.source, c.source_name
                    changed_cits.append((i, row))
        if merged or a.complete:
            # A merge of sources renames earlier citations (their source and its name):
            # sent as (index, source, name), applied in place by the reader.
            sources = list(map(_SOURCE_OF, earlier))
            names = list(map(_SOURCE_NAME_OF, earlier))
            if sources != self._source or names != self._source_name:
                replaced = {i for i, _ in changed_cits}
                groups: dict[tuple[str, str], array[int]] = {}
                for i, (s0, s1, n0, n1) in enumerate(
                    zip(self._source, sources, self._source_name, names, strict=True)
                ):
                    if (s0 != s1 or n0 != n1) and i not in replaced:
                        if (s1, n1) not in groups:
                            groups[s1, n1] = array("q")
                        groups[s1, n1].append(i)
                # (on the wire: each source once, with its citations' indexes as bytes)
                renamed = [(sid, name, idx.tobytes()) for (sid, name), idx in groups.items()]
                self._source, self._source_name = sources, names
        new_cits = [_cit_row(c, text) for c in a.citations[len(old) :]]
        old.extend(new_cits)
        self._source.extend(r[_CIT_SOURCE] for r in new_cits)
        self._source_name.extend(r[_CIT_SOURCE_NAME] for r in new_cits)
        changed_claims: list[tuple[int, Row]] = []
        # Until the end only the last claim before a batch can change (a lead-in opening
        # the next paragraph links it to its quote: ``ClaimFinder``); a few are re-read.
        recheck = 0 if a.complete and exact else max(0, len(self._claims) - RECHECK_CLAIMS)
        for i in range(recheck, len(self._claims)):
            row = _claim_row(a.claims[i], text)
            if row != self._claims[i]:
                self._claims[i] = row
                changed_claims.append((i, row))
        new_claims = [_claim_row(k, text) for k in a.claims[len(self._claims) :]]
        self._claims.extend(new_claims)
        source_rows: list[Row] = []
        order: list[str] | None = None
        if merged or a.complete:
            self._sources_list = a.sources
            ids = []
            for src in a.sources:
                row = _row(src, _SRC)
                ids.append(src.id)
                if self._sources.get(src.id) != row:
                    self._sources[src.id] = row
                    source_rows.append(_source_wire(row))
            if ids != self._order:
                order = self._order = ids
                for gone in self._sources.keys() - set(ids):
                    del self._sources[gone]
        return (
            reset,
            starts,
            ends,
            new_cits,
            changed_cits,
            renamed,
            new_claims,
            changed_claims,
            source_rows,
            order,
            a.progress,
            a.complete,
        )


@dataclass
class Delta:
    """A wire delta decoded into objects (``decode``), ready for ``LiveAnalysis.apply``."""

    reset: bool = False
    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))
    citations: list[Citation] = field(default_factory=list)
    changed_citations: list[tuple[int, Citation]] = field(default_factory=list)
    renamed: list[tuple[int, str, str]] = field(default_factory=list)
    """Earlier citations whose source changed: ``(index, source id, source name)``."""
    claims: list[Claim] = field(default_factory=list)
    changed_claims: list[tuple[int, Claim]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    order: list[str] | None = None
    progress: float = 0.0
    complete: bool = False


def _citation(row: Row, text: str, whole: TextOf) -> Citation:
    """A citation from its row; a quote left out is the text's slice, kept by reference
    (``model.TextOf``: no copy of it in the reader)."""
    if row[_CIT_QUOTE] is None:
        row = (*row[:_CIT_QUOTE], whole, *row[_CIT_QUOTE + 1 :])
    return Citation(*row)


def _claim(row: Row, text: str, whole: TextOf) -> Claim:
    cid, start, end, words, cits, *rest = row
    args: Row = (cid, start, end, whole if words is None else words, list(cits), *rest)
    return Claim(*args)


def decode(wire: Wire, text: str) -> Delta:
    """The objects of a wire delta (``text`` is the analysed document's text)."""
    (
        reset,
        starts,
        ends,
        cits,
        ccits,
        renamed,
        claims,
        cclaims,
        sources,
        order,
        progress,
        complete,
    ) = wire
    whole = TextOf(text)
    d = Delta(reset=reset, order=order, progress=progress, complete=complete)
    d.starts.frombytes(starts)
    d.ends.frombytes(ends)
    # The new items in columns, made here (the reader's analysis thread): the screen's
    # thread appends them to its own whole columns at once (``LiveAnalysis.apply``).
    d.citations = cast("list[Citation]", CitationColumns.from_rows(cits, whole))
    d.changed_citations = [(i, _citation(r, text, whole)) for i, r in ccits]
    # (kept by source with their indexes in arrays: no tuple per renamed citation)
    d.renamed = cast(
        "list[tuple[int, str, str]]",
        Renames((sid, name, array("q", idx)) for sid, name, idx in renamed),
    )
    d.claims = cast("list[Claim]", ClaimColumns.from_rows(claims, whole))
    d.changed_claims = [(i, _claim(r, text, whole)) for i, r in cclaims]
    d.sources = [_source(r) for r in sources]
    return d


_SRC_CITATIONS = _SRC.index("citations")


def _source_wire(row: Row) -> Row:
    """A source's row as sent: its citation ids as ``(prefix, numbers)`` when they read
    so (``IdColumn.wire``). The complete delta of a 50 MB book re-sends every source: as
    strings, its ~150,000 citation ids were made in the reader (~9 MiB at its peak, the
    end of the analysis) only to be turned into numbers there."""
    at = _SRC_CITATIONS
    wire = IdColumn(row[at]).wire()
    return row if wire is None else (*row[:at], wire, *row[at + 1 :])


def _source(row: Row) -> Source:
    """A source from its row, its citation ids as numbers (``columns.IdColumn``: a
    book's ~150,000 ids are not kept as strings in the reader)."""
    at = _SRC_CITATIONS
    source: Source = _obj(Source, (*row[:at], (), *row[at + 1 :]), _SRC)
    ids = row[at]
    if len(ids) == 2 and isinstance(ids[1], bytes):  # (prefix, numbers): ``_source_wire``
        source.citations = cast("list[str]", IdColumn.from_wire(*ids))
    else:
        source.citations = cast("list[str]", IdColumn(ids))
    return source


@dataclass
class Change:
    """What one or more applied deltas changed in a ``LiveAnalysis``'s analysis."""

    reset: bool = False
    """Start over: the analysis was replaced (a new run, or the first delta)."""
    first_citation: int = 0
    """Citations from this index on are new."""
    first_claim: int = 0
    changed_citations: set[int] = field(default_factory=set)
    """Earlier citations that were replaced (below ``first_citation``)."""
    renamed_citations: set[int] = field(default_factory=set)
    """Earlier citations (below ``first_citation``) whose ``source`` and ``source_name``
    changed in place (the same object: its span, kind and quote are the same)."""
    changed_claims: set[int] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    """Ids of sources added or changed."""
    sources_reordered: bool = False

    def merge(self, later: Change) -> Change:
        """This change followed by ``later``, as one."""
        if later.reset:
            return later
        out = Change(
            reset=self.reset,
            first_citation=self.first_citation,
            first_claim=self.first_claim,
            changed_citations=self.changed_citations
            | {i for i in later.changed_citations if i < self.first_citation},
            renamed_citations=self.renamed_citations
            | {i for i in later.renamed_citations if i < self.first_citation},
            changed_claims=self.changed_claims
            | {i for i in later.changed_claims if i < self.first_claim},
            sources=self.sources | later.sources,
            sources_reordered=self.sources_reordered or later.sources_reordered,
        )
        return out


def _columnar() -> Analysis:
    """An empty analysis whose claims and citations are kept in columns
    (``analysis.columns``: a fraction of the objects' memory; each read makes a view), and
    its sentences' offsets in 4 bytes (``spans.OFFSETS``)."""
    from closeread.spans import OFFSETS, SpanArray

    sentences = SpanArray()
    sentences.starts, sentences.ends = array(OFFSETS), array(OFFSETS)
    return Analysis(
        sentences=sentences,
        citations=cast("list[Citation]", CitationColumns()),
        claims=cast("list[Claim]", ClaimColumns()),
    )


def _extend(mine: Any, new: Any) -> None:
    """Append ``new`` items to the reader's columns: whole columns when they are columns
    (``decode`` makes them), else item by item (a cached analysis, a test's lists)."""
    columns = (ClaimColumns, CitationColumns)
    if isinstance(new, columns) and isinstance(mine, columns) and type(new) is type(mine):
        mine.extend_columns(new)  # type: ignore[arg-type]
    else:
        mine.extend(new)


class LiveAnalysis:
    """The reader's copy of a growing analysis, fed with deltas. Its claims and
    citations are columns (``analysis.columns``), typed as the lists they stand for."""

    def __init__(self) -> None:
        self.analysis = _columnar()

    def apply(self, delta: Delta) -> Change:
        """Apply ``delta`` (in place on ``self.analysis``, or a new one on a reset)."""
        if delta.reset:
            self.analysis = _columnar()
        a = self.analysis
        change = Change(
            reset=delta.reset, first_citation=len(a.citations), first_claim=len(a.claims)
        )
        for mine, theirs in ((a.sentences.starts, delta.starts), (a.sentences.ends, delta.ends)):
            if mine.typecode == theirs.typecode:
                mine.extend(theirs)
            else:  # the reader's 4-byte offsets (``_columnar``)
                mine.fromlist(theirs.tolist())
        for i, c in delta.changed_citations:
            a.citations[i] = c
            change.changed_citations.add(i)
        if delta.changed_citations:
            a._by_id = {}  # ``Analysis.citation`` would keep the replaced objects
        rename = cast("CitationColumns", a.citations).rename
        for i, source, name in delta.renamed:
            rename(i, source, name)
        renamed = delta.renamed
        change.renamed_citations.update(
            renamed.indexes() if isinstance(renamed, Renames) else (i for i, _, _ in renamed)
        )
        _extend(a.citations, delta.citations)
        for i, k in delta.changed_claims:
            a.claims[i] = k
            change.changed_claims.add(i)
        _extend(a.claims, delta.claims)
        if delta.sources or delta.order is not None:
            by_id = {s.id: s for s in a.sources}
            for s in delta.sources:
                by_id[s.id] = s
                change.sources.add(s.id)
            if delta.order is not None:
                a.sources = [by_id[i] for i in delta.order]
                change.sources_reordered = True
            else:
                a.sources = [by_id[s.id] for s in a.sources]
        a.progress, a.complete = delta.progress, delta.complete
        return change


def deltas(analyses: Iterable[Analysis], text: str) -> Iterable[Delta]:
    """The deltas of a stream of growing analyses, decoded (in one process: for analyzers
    that run in a thread, such as the tests')."""
    differ = Differ(text)
    for analysis in analyses:
        yield decode(differ.diff(analysis), text)


def to_analysis(parts: Iterable[Delta]) -> Analysis:
    """The analysis the deltas build up (the last state)."""
    live = LiveAnalysis()
    for d in parts:
        live.apply(d)
    return live.analysis


def _columns(cls: type[Any], items: Any) -> Any:
    """``items`` in columns of ``cls`` (as they are when they are: a cached entry's)."""
    return items if isinstance(items, cls) else cls(items)


def full(analysis: Analysis) -> Delta:
    """One delta that carries all of ``analysis`` (a cached analysis, a test's); its claims
    and citations put in columns here (called in a worker thread: the screen's thread then
    appends them whole), the rest shared, so hand over an analysis nobody changes any more."""
    return Delta(
        reset=True,
        starts=analysis.sentences.starts,
        ends=analysis.sentences.ends,
        citations=cast("list[Citation]", _columns(CitationColumns, analysis.citations)),
        claims=cast("list[Claim]", _columns(ClaimColumns, analysis.claims)),
        sources=analysis.sources,
        order=[s.id for s in analysis.sources],
        progress=analysis.progress,
        complete=analysis.complete,
    )


__all__ = [
    "Change",
    "Delta",
    "Differ",
    "LiveAnalysis",
    "decode",
    "deltas",
    "full",
    "to_analysis",
]
