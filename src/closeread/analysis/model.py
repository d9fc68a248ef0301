"""The analysis model: citations, sources and claims laid over a document (pure core)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from closeread.spans import SpanArray

CitationKind = Literal[
    "block_quote", "inline_quote", "paraphrase", "link", "footnote", "author_year"
]
CITATION_KINDS: tuple[CitationKind, ...] = (
    "block_quote",
    "inline_quote",
    "paraphrase",
    "link",
    "footnote",
    "author_year",
)


@dataclass(slots=True)
class Citation:
    """A place where the text reports a source."""

    id: str
    """Stable within one analysis: "c1", "c2", ... in document order."""
    kind: CitationKind
    start: int
    """Start of the quoted / cited span (the quote itself, the link text, the marker)."""
    end: int
    quote: str
    """``text[start:end]``."""
    source: str = ""
    """Id of the ``Source`` ("s1"...); empty when no source could be attributed."""
    source_name: str = ""
    """Display name of the source."""
    title: str = ""
    """Title of the cited work, if the text gives one."""
    lead_in_start: int | None = None
    """Span of the lead-in ("The Guardian stated in its article ... that:"), if any."""
    lead_in_end: int | None = None
    lead_in: str = ""
    url: str = ""
    """Target URL for links and references, if any."""
    manual: bool = False
    """True when the reader marked this span as a quote by hand."""

    @classmethod
    def in_text(
        cls, whole: TextOf, id: str, kind: CitationKind, start: int, end: int, **rest: Any
    ) -> Citation:
        """A citation whose ``quote`` is ``whole.text[start:end]``, kept by reference."""
        c = cls(id, kind, start, end, "", **rest)
        cls._quote_slot.__set__(c, whole)  # type: ignore[attr-defined]
        return c


@dataclass(slots=True)
class Source:
    """A cited source, normalised across its name variants."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    """Other spellings met in the text ("The London Guardian", "the Guardian")."""
    citations: list[str] = field(default_factory=list)
    """Ids of its citations in document order."""
    kind: str = "unknown"
    """"publication", "person", "organisation", "reference", "website" or "unknown"."""
    url: str = ""


@dataclass(slots=True)
class Claim:
    """A sentence (or clause) in the author's own voice that asserts something arguable."""

    id: str
    start: int
    end: int
    text: str
    citations: list[str] = field(default_factory=list)
    """Ids of the citations that back it."""
    supported: bool = False
    """Whether any citation backs it (after the reader's corrections)."""
    corrected: bool = False
    """True when the reader's corrections changed its links."""

    @classmethod
    def in_text(
        cls, whole: TextOf, id: str, start: int, end: int, citations: list[str], supported: bool
    ) -> Claim:
        """A claim whose ``text`` is ``whole.text[start:end]``, kept by reference."""
        k = cls(id, start, end, "", citations, supported)
        cls._text_slot.__set__(k, whole)  # type: ignore[attr-defined]
        return k


class TextOf:
    """The whole text a claim or citation lies in, kept by reference (issue 13).

    A claim's ``text`` and a citation's ``quote`` are slices of the document's text; a
    50 MB book's 300,000 claims holding their own copies cost ~70 MB. The analysis stores
    one ``TextOf`` of the document's text in those fields instead (``Claim.in_text``,
    ``Citation.in_text``), and reading the field slices the text (``text[start:end]``).
    Anything else stored there (a test's text, a cached row) is kept as it is.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _sliced_field(cls: type, name: str) -> None:
    """Make ``cls.name`` (a slot field) read ``text[start:end]`` when it holds a ``TextOf``.

    The dataclass keeps its field (constructor, ``fields``, equality, ``repr`` all read
    the attribute, so they see the slice); only the slot's descriptor is wrapped.
    """
    slot: Any = getattr(cls, name)

    def get(self: Any) -> str:
        value = slot.__get__(self, cls)
        if value.__class__ is TextOf:
            text: str = value.text[self.start : self.end]
            return text
        return value  # type: ignore[no-any-return]

    def put(self: Any, value: object) -> None:
        slot.__set__(self, value)

    setattr(cls, "_" + name + "_slot", slot)
    setattr(cls, name, property(get, put, doc=slot.__doc__))


_sliced_field(Claim, "text")
_sliced_field(Citation, "quote")


@dataclass(slots=True)
class Analysis:
    """Everything the analysis found. Built incrementally: ``complete`` is False until done."""

    sentences: SpanArray = field(default_factory=SpanArray)
    citations: list[Citation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    progress: float = 0.0
    """0.0 .. 1.0, the share of the text analysed so far."""
    complete: bool = False

    _by_id: dict[str, Citation] = field(default_factory=dict, repr=False, compare=False)
    _sources_by_id: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)
    _sources_list: list[Source] | None = field(default=None, repr=False, compare=False)

    def citation(self, citation_id: str) -> Citation | None:
        """The citation with this id (a dict lookup, rebuilt when the list changed; in
        the reader's columns, ``analysis.columns``, their own look-up)."""
        find = getattr(self.citations, "find", None)
        if find is not None:
            i = find(citation_id)
            return None if i is None else self.citations[i]
        c = self._by_id.get(citation_id)
        if c is None or c.id != citation_id or len(self._by_id) != len(self.citations):
            self._by_id = {x.id: x for x in self.citations}
            c = self._by_id.get(citation_id)
        return c

    def source(self, source_id: str) -> Source | None:
        """The source with this id (a dict lookup, rebuilt when the list was replaced)."""
        if self._sources_list is not self.sources or len(self._sources_by_id) != len(self.sources):
            self._sources_by_id = {x.id: x for x in self.sources}
            self._sources_list = self.sources
        s = self._sources_by_id.get(source_id)
        return s if s is not None and s.id == source_id else None

    def claims_citing(self, citation_id: str) -> list[Claim]:
        """Claims backed by ``citation_id``."""
        citing = getattr(self.claims, "citing", None)  # the reader's columns: no object each
        if citing is not None:
            return [self.claims[i] for i in citing(citation_id)]
        return [k for k in self.claims if citation_id in k.citations]
