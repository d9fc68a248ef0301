"""The content of a reading report, independent of its markup (Markdown or HTML).

Both report formats render the same :class:`Report`: summary counts, the argument outline
(claims in order with their support), the sources with their citations, and the notes
grouped under the paragraphs they annotate, orphans apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from closeread.analysis import Analysis, Citation
from closeread.document import Document
from closeread.document.links import prose
from closeread.export.common import (
    author_of,
    document_label,
    ordered,
    plural,
    shorten,
    tag_token,
)
from closeread.notes.model import Note

QUOTE_LIMIT = 160
BRIEF_LIMIT = 60


@dataclass(slots=True)
class CitationRef:
    """A citation as the report shows it."""

    id: str
    kind: str
    source_name: str
    title: str
    quote: str
    """Shortened to one line of about ``QUOTE_LIMIT`` characters."""
    brief: str = ""
    """The quote's first words (about ``BRIEF_LIMIT`` characters), to recognise an untitled
    citation in the outline."""


@dataclass(slots=True)
class OutlineItem:
    """One claim of the argument outline."""

    id: str
    text: str
    supported: bool
    corrected: bool
    citations: list[CitationRef]
    note_ids: list[str] = field(default_factory=list)
    """The reader's notes that touch this claim, in document order."""
    verdicts: list[str] = field(default_factory=list)
    """The reader's verdicts among those notes (each once, in order)."""

    @property
    def notes(self) -> int:
        """How many of the reader's notes touch this claim."""
        return len(self.note_ids)


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
    return CitationRef(
        c.id,
        c.kind,
        c.source_name,
        c.title,
        shorten(c.quote, QUOTE_LIMIT),
        shorten(c.quote, BRIEF_LIMIT),
    )


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
                opening = shorten(prose(doc.text[block.start : block.end]), 60)
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
        touching = [
            n
            for n in in_order
            if n.target.start is not None
            and n.target.end is not None
            and n.target.start < claim.end
            and claim.start < n.target.end
        ]
        refs = [_ref(by_id[cid]) for cid in claim.citations if cid in by_id]
        verdicts = list(dict.fromkeys(n.verdict for n in touching if n.verdict))
        report.outline.append(
            OutlineItem(
                claim.id,
                prose(claim.text),
                claim.supported,
                claim.corrected,
                refs,
                [n.id for n in touching],
                verdicts,
            )
        )
    for source in analysis.sources:
        refs = [_ref(by_id[cid]) for cid in source.citations if cid in by_id]
        report.sources.append(
            SourceEntry(source.name, list(source.aliases), source.kind, source.url, refs)
        )
    unattributed = [_ref(c) for c in analysis.citations if not c.source]
    if unattributed:
        report.sources.append(
            SourceEntry("(source not identified)", [], "unknown", "", unattributed)
        )
    return report


def summary(report: Report) -> str:
    """One line of counts (plain text; both renderers use it)."""
    notes = f"{plural(report.notes_total, 'note')} ({len(report.orphans)} orphaned)"
    if not report.analysed:
        return f"{notes} · analysis not available"
    unsupported = len(report.outline) - report.supported
    line = (
        f"{plural(len(report.outline), 'claim')} ({report.supported} supported, "
        f"{unsupported} unsupported) · {plural(report.citations_total, 'citation')} from "
        f"{plural(report.sources_total, 'source')} · {notes}"
    )
    if report.progress < 1.0:
        line += f" · analysis {int(report.progress * 100)}% done"
    return line


KIND_LABELS = {
    "comment": "Comment",
    "question": "Question",
    "highlight": "Highlight",
    "verdict": "Verdict",
}


@dataclass(slots=True)
class NoteView:
    """What the report says of one note (plain text; each renderer escapes and marks up)."""

    label: str
    """``Comment``, ``Question``, ...; for a verdict note without text, ``Verdict``."""
    body: str
    """The note's text, or for a verdict note without text its verdict."""
    verdict: str
    """The verdict to show beside the note ("" when none or already the body)."""
    tags: list[str]
    """Tags as single tokens (``key-claim``)."""
    location: str
    moved: str
    """``fuzzy``/``moved`` when the note was re-anchored on load, else ""."""
    label_verdict: str = ""
    """For a verdict note with text: its verdict, shown once beside the label
    ("Verdict: unsupported — <text>"); ``verdict`` is then ""."""


def note_view(note: Note) -> NoteView:
    """How a note reads in the report (a verdict note states its verdict once)."""
    body, verdict = note.body.strip(), note.verdict or ""
    label_verdict = ""
    if note.kind == "verdict" and verdict:
        if body:
            label_verdict, verdict = verdict, ""  # "Verdict: unsupported — <text>"
        else:
            body, verdict = verdict, ""  # "Verdict: misleading", said once
    tags = [tag_token(t) for t in note.tags if tag_token(t)]
    moved = note.status if note.status not in ("anchored", "orphan") else ""
    return NoteView(
        KIND_LABELS.get(note.kind, note.kind.capitalize()),
        body,
        verdict,
        tags,
        location(note),
        moved,
        label_verdict,
    )


@dataclass(frozen=True, slots=True)
class Markup:
    """How a renderer escapes text and marks it up (Markdown and HTML each give one)."""

    text: Callable[[str], str]
    """Escape document or note text."""
    strong: Callable[[str], str]
    """Emphasise already escaped text."""
    tag: Callable[[str], str]
    """Show one tag token (unescaped) as ``#tag``."""
    notes_link: Callable[[OutlineItem, str], str] = lambda item, label: label
    """Link the "2 notes" label of a claim to its first note, where the format can."""


def note_meta(view: NoteView, m: Markup) -> str:
    """``Verdict: x · Tags: #a #b · Location: chars 1-9 · re-anchored (fuzzy)``."""
    meta: list[str] = []
    if view.verdict:
        meta.append(f"Verdict: {m.strong(m.text(view.verdict))}")
    if view.tags:
        meta.append("Tags: " + " ".join(m.tag(t) for t in view.tags))
    meta.append(f"Location: {m.text(view.location)}")
    if view.moved:
        meta.append(f"re-anchored ({m.text(view.moved)})")
    return " · ".join(meta)


def outline_meta(item: OutlineItem, m: Markup, mark: str) -> str:
    """``<mark> · corrected by the reader · 2 notes · reader's verdict: x``; ``mark`` is the
    renderer's support label."""
    parts = [mark]
    if item.corrected:
        parts.append("corrected by the reader")
    if item.notes:
        parts.append(m.notes_link(item, m.text(plural(item.notes, "note"))))
    if item.verdicts:
        parts.append("reader's verdict: " + ", ".join(m.strong(m.text(v)) for v in item.verdicts))
    return " · ".join(parts)


def support_label(item: OutlineItem) -> str:
    """``✓ supported`` or ``✗ unsupported`` (a glyph as well as a word: readable without
    colour)."""
    return "✓ supported" if item.supported else "✗ unsupported"


def citation_relation(item: OutlineItem) -> tuple[str, str]:
    """Words around a claim's citation in the outline: (before, after).

    A supported claim is backed by its citations; an unsupported claim may still be linked
    to one (a rebuttal of the quote it discusses, a comment that goes beyond it), and must
    not read as if that citation backed it.
    """
    if item.supported:
        return "✓ backed by", ""
    return "✗ discusses", "which does not back it"


def location(note: Note) -> str:
    """``chars 120-180`` (code points), or ``not found in the current text`` for an orphan."""
    if note.target.start is None or note.target.end is None:
        return "not found in the current text"
    return f"chars {note.target.start}-{note.target.end}"
