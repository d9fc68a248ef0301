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
from typing import Any

from closeread.analysis.model import Analysis, Citation, Claim, Source

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
"""``(reset, starts, ends, citations, changed citations, claims, changed claims, sources,
source order, progress, complete)``: see ``Differ.diff``."""


def _row(obj: object, names: tuple[str, ...]) -> Row:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(obj, n) for n in names))


def _obj(cls: type[Any], row: Row, names: tuple[str, ...]) -> Any:
    return cls(*(list(v) if isinstance(v, tuple) else v for v in row))


def _cit_row(c: Citation, text: str) -> Row:
    row = _row(c, _CIT)
    if c.quote == text[c.start : c.end]:
        row = (*row[:_CIT_QUOTE], None, *row[_CIT_QUOTE + 1 :])
    return row


def _claim_row(k: Claim, text: str) -> Row:
    row = _row(k, _CLAIM)
    if k.text == text[k.start : k.end]:
        row = (*row[:_CLAIM_TEXT], None, *row[_CLAIM_TEXT + 1 :])
    return row


class Differ:
    """Turns the successive yields of one analysis run into wire deltas.

    Cost per call: the new items, plus (only when the sources were merged again) one pass
    over the earlier citations' two source fields, plus (only on the complete yield) one
    comparison of every earlier row: linear over the run, in the analysing process.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences = 0
        self._cits: list[Row] = []
        self._claims: list[Row] = []
        self._sources: dict[str, Row] = {}
        self._order: list[str] = []
        self._sources_list: object = None
        self._started = False

    def diff(self, analysis: Analysis) -> Wire:
        """What changed since the last call (everything on the first)."""
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
        old = self._cits
        if a.complete:
            for i in range(len(old)):
                row = _cit_row(a.citations[i], text)
                if row != old[i]:
                    old[i] = row
                    changed_cits.append((i, row))
        elif merged:
            for i in range(len(old)):
                c = a.citations[i]
                if c.source != old[i][_CIT_SOURCE] or c.source_name != old[i][_CIT_SOURCE_NAME]:
                    row = old[i] = _cit_row(c, text)
                    changed_cits.append((i, row))
        new_cits = [_cit_row(c, text) for c in a.citations[len(old) :]]
        old.extend(new_cits)
        changed_claims: list[tuple[int, Row]] = []
        # Until the end only the last claim before a batch can change (a lead-in opening
        # the next paragraph links it to its quote: ``ClaimFinder``); a few are re-read.
        recheck = 0 if a.complete else max(0, len(self._claims) - RECHECK_CLAIMS)
        for i in range(recheck, len(self._claims)):
            row = _claim_row(a.claims[i], text)
            if row != self._claims[i]:
                self._claims[i] = row
                changed_claims.append((i, row))
        new_claims = [_claim_row(k, text) for k in a.claims[len(self._claims) :]]
        self._claims.extend(new_claims)
        sources: list[Row] = []
        order: list[str] | None = None
        if merged or a.complete:
            self._sources_list = a.sources
            ids = []
            for s in a.sources:
                row = _row(s, _SRC)
                ids.append(s.id)
                if self._sources.get(s.id) != row:
                    self._sources[s.id] = row
                    sources.append(row)
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
            new_claims,
            changed_claims,
            sources,
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
    claims: list[Claim] = field(default_factory=list)
    changed_claims: list[tuple[int, Claim]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    order: list[str] | None = None
    progress: float = 0.0
    complete: bool = False


def _fill(row: Row, at: int, text: str, start: int, end: int) -> Row:
    if row[at] is None:
        return (*row[:at], text[row[start] : row[end]], *row[at + 1 :])
    return row


_CS, _CE = _CIT.index("start"), _CIT.index("end")
_KS, _KE = _CLAIM.index("start"), _CLAIM.index("end")


def _citation(row: Row, text: str) -> Citation:
    c: Citation = _obj(Citation, _fill(row, _CIT_QUOTE, text, _CS, _CE), _CIT)
    return c


def _claim(row: Row, text: str) -> Claim:
    k: Claim = _obj(Claim, _fill(row, _CLAIM_TEXT, text, _KS, _KE), _CLAIM)
    return k


def decode(wire: Wire, text: str) -> Delta:
    """The objects of a wire delta (``text`` is the analysed document's text)."""
    reset, starts, ends, cits, ccits, claims, cclaims, sources, order, progress, complete = wire
    d = Delta(reset=reset, order=order, progress=progress, complete=complete)
    d.starts.frombytes(starts)
    d.ends.frombytes(ends)
    d.citations = [_citation(r, text) for r in cits]
    d.changed_citations = [(i, _citation(r, text)) for i, r in ccits]
    d.claims = [_claim(r, text) for r in claims]
    d.changed_claims = [(i, _claim(r, text)) for i, r in cclaims]
    d.sources = [_obj(Source, r, _SRC) for r in sources]
    return d


@dataclass
class Change:
    """What one or more applied deltas changed in a ``LiveAnalysis``'s analysis."""

    reset: bool = False
    """Start over: the analysis was replaced (a new run, or the first delta)."""
    first_citation: int = 0
    """Citations from this index on are new."""
    first_claim: int = 0
    changed_citations: set[int] = field(default_factory=set)
    """Earlier citations that changed (below ``first_citation``)."""
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
            changed_claims=self.changed_claims
            | {i for i in later.changed_claims if i < self.first_claim},
            sources=self.sources | later.sources,
            sources_reordered=self.sources_reordered or later.sources_reordered,
        )
        return out


class LiveAnalysis:
    """The reader's copy of a growing analysis, fed with deltas."""

    def __init__(self) -> None:
        self.analysis = Analysis()

    def apply(self, delta: Delta) -> Change:
        """Apply ``delta`` (in place on ``self.analysis``, or a new one on a reset)."""
        if delta.reset:
            self.analysis = Analysis()
        a = self.analysis
        change = Change(
            reset=delta.reset, first_citation=len(a.citations), first_claim=len(a.claims)
        )
        a.sentences.starts.extend(delta.starts)
        a.sentences.ends.extend(delta.ends)
        for i, c in delta.changed_citations:
            a.citations[i] = c
            change.changed_citations.add(i)
        if delta.changed_citations:
            a._by_id = {}  # ``Analysis.citation`` would keep the replaced objects
        a.citations.extend(delta.citations)
        for i, k in delta.changed_claims:
            a.claims[i] = k
            change.changed_claims.add(i)
        a.claims.extend(delta.claims)
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


def full(analysis: Analysis) -> Delta:
    """One delta that carries all of ``analysis`` (a cached analysis, a test's); it shares
    ``analysis``'s objects, so hand over an analysis nobody changes any more."""
    return Delta(
        reset=True,
        starts=analysis.sentences.starts,
        ends=analysis.sentences.ends,
        citations=analysis.citations,
        claims=analysis.claims,
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
