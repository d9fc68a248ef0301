"""Finding citations, sources and claims in a document (pure core: no Textual, no Rich)."""

from __future__ import annotations

from closeread.analysis.model import CITATION_KINDS, Analysis, Citation, CitationKind, Claim, Source
from closeread.analysis.pipeline import analyze, analyze_stream

__all__ = [
    "CITATION_KINDS",
    "Analysis",
    "Citation",
    "CitationKind",
    "Claim",
    "Source",
    "analyze",
    "analyze_stream",
]
