"""What the detectors hand to the pipeline before ids and sources are assigned."""

from __future__ import annotations

from dataclasses import dataclass

from closeread.analysis.model import CitationKind


@dataclass(slots=True)
class Found:
    """A citation found in the text, with its source as written there."""

    kind: CitationKind
    start: int
    end: int
    raw_source: str = ""
    """The source's name as the text gives it ("the Guardian", "[Catherine] Herridge")."""
    source_kind: str = "unknown"
    """A hint for the source's kind: person, publication, reference, website, unknown."""
    title: str = ""
    url: str = ""
    lead_in_start: int | None = None
    lead_in_end: int | None = None
    key: str = ""
    """For footnotes and author-year: the reference key (footnote number, "smith 2019")."""
    manual: bool = False
    """True when the reader marked this span as a quote by hand."""
    aliases: tuple[str, ...] = ()
    """Other names of the same source met in the text ("Daniel Reyes" for "Mayor Daniel
    Reyes", the name a pronoun was resolved to)."""
