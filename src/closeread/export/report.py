"""The content of a reading report, independent of its markup (Markdown or HTML).

Both report formats render the same :class:`Report`: summary counts, the argument outline
(claims in order with their support), the sources with their citations, and the notes
grouped under the paragraphs they annotate, orphans apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from closeread.analysis import Analysis, Citation
from closeread.document import Document
from closeread.export.common import author_of, document_label, ordered, plural, shorten
from closeread.notes.model import Note

QUOTE_LIMIT = 160


@dataclass(slots=True)
class CitationRef:
    """A citation as the report shows it."""

    id: str
    kind: str
    source_name: str
    title: str
    quote: str
    """Shortened to one line of about ``QUOTE_LIMIT`` characters."""


@dataclass(slots=True)
class OutlineItem:
    """One claim of the argument outline."""

    id: str
    text: str
    supported: bool
    corrected: bool
    citations: list[CitationRef]
    notes: int
    """How many of the reader's notes touch this claim."""


@dataclass(slots=True)
class SourceEntry:
    name: str
    aliases: list[str]
    kind: str
    url: str
    citations: list[CitationRef]


@dataclass(slots=True)
class Passage:
    """A paragraph (or other block) and the notes anchored in it."""

    number: int
    """1-based number of the block in the document."""
    kind: str
    opening: str
    """The first words of the block, to recognise it."""
    notes: list[Note]


@dataclass(slots=True)
class Report:
    title: str
    author: str
    publisher: str
    source: str
    """Where the document was read from (its path), or "" for text built in memory."""
    sha256: str
    analysed: bool
    """False when no analysis was given (outline and sources are then empty)."""
    progress: float = 1.0
    """Share of the text the analysis covered (below 1.0 while it is still running)."""
    outline: list[OutlineItem] = field(default_factory=list)
    sources: list[SourceEntry] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    orphans: list[Note] = field(default_factory=list)
    notes_total: int = 0
    citations_total: int = 0
    sources_total: int = 0
    """Cited sources found (not counting the bucket of unattributed citations)."""

    @property
    def supported(self) -> int:
        return sum(1 for item in self.outline if item.supported)


def _ref(c: Citation) -> CitationRef:
    return CitationRef(c.id, c.kind, c.source_name, c.title, shorten(c.quote, QUOTE_LIMIT))


def _passages(doc: Document, notes: list[Note]) -> tuple[list[Passage], list[Note]]:
    passages: list[Passage] = []
    by_block: dict[int, Passage] = {}
    orphans: list[Note] = []
    for note in notes:
        start = note.target.start
        if start is None:
            orphans.append(note)
            continue
        # A selection may begin in the blank line before its paragraph: place it by its
        # first visible character.
        quote = note.target.quote
        index = doc.block_index_at(start + len(quote) - len(quote.lstrip()))
        key = -1 if index is None else index
        passage = by_block.get(key)
        if passage is None:
            if index is None:
                passage = Passage(0, "text", "", [])
            else:
                block = doc.blocks[index]
                opening = shorten(doc.text[block.start:block.end], 60)
                passage = Passage(index + 1, block.kind, opening, [])
            by_block[key] = passage
            passages.append(passage)
        passage.notes.append(note)
    return passages, orphans


def build_report(doc: Document, analysis: Analysis | None, notes: Sequence[Note]) -> Report:
    """Gather what the report shows."""
    in_order = ordered(notes)
    report = Report(
        title=document_label(doc),
        author=author_of(doc),
        publisher=doc.publisher,
        source=str(doc.path) if doc.path is not None else "",
        sha256=doc.sha256,
        analysed=analysis is not None,
        progress=1.0 if analysis is None or analysis.complete else analysis.progress,
        notes_total=len(in_order),
    )
    report.passages, report.orphans = _passages(doc, in_order)
    if analysis is None:
        return report
    by_id = {c.id: c for c in analysis.citations}
    report.citations_total = len(analysis.citations)
    report.sources_total = len(analysis.sources)
    for claim in analysis.claims:
        touching = sum(
            1 for n in in_order
            if n.target.start is not None and n.target.end is not None
            and n.target.start < claim.end and claim.start < n.target.end
        )
        refs = [_ref(by_id[cid]) for cid in claim.citations if cid in by_id]
        report.outline.append(OutlineItem(claim.id, claim.text, claim.supported,
                                          claim.corrected, refs, touching))
    for source in analysis.sources:
        refs = [_ref(by_id[cid]) for cid in source.citations if cid in by_id]
        report.sources.append(SourceEntry(source.name, list(source.aliases), source.kind,
                                          source.url, refs))
    unattributed = [_ref(c) for c in analysis.citations if not c.source]
    if unattributed:
        report.sources.append(SourceEntry("(source not identified)", [], "unknown", "",
                                          unattributed))
    return report


def summary(report: Report) -> str:
    """One line of counts (plain text; both renderers use it)."""
    notes = f"{plural(report.notes_total, 'note')} ({len(report.orphans)} orphaned)"
    if not report.analysed:
        return f"{notes} · analysis not available"
    unsupported = len(report.outline) - report.supported
    line = (f"{plural(len(report.outline), 'claim')} ({report.supported} supported, "
            f"{unsupported} unsupported) · {plural(report.citations_total, 'citation')} from "
            f"{plural(report.sources_total, 'source')} · {notes}")
    if report.progress < 1.0:
        line += f" · analysis {int(report.progress * 100)}% done"
    return line


def location(note: Note) -> str:
    """``chars 120-180`` (code points), or ``not found in the current text`` for an orphan."""
    if note.target.start is None or note.target.end is None:
        return "not found in the current text"
    return f"chars {note.target.start}-{note.target.end}"
