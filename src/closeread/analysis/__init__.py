"""Finding citations, sources and claims in a document (pure core: no Textual, no Rich).

The names below are imported on first use (module ``__getattr__``): the reader imports the
models at start-up but the pipeline (hundreds of compiled patterns, ~25 ms) only in its
analysis thread, after the first screen is painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeread.lazy import lazy_exports

if TYPE_CHECKING:
    from closeread.analysis.model import (
        CITATION_KINDS,
        Analysis,
        Citation,
        CitationKind,
        Claim,
        Source,
    )
    from closeread.analysis.pipeline import analyze, analyze_stream

ANALYSIS_VERSION = 1
"""Bump on any change to what the analysis finds: cached analyses of another version are
ignored (``closeread.analysis.cache``)."""

_WHERE = {
    "CITATION_KINDS": "closeread.analysis.model",
    "Analysis": "closeread.analysis.model",
    "Citation": "closeread.analysis.model",
    "CitationKind": "closeread.analysis.model",
    "Claim": "closeread.analysis.model",
    "Source": "closeread.analysis.model",
    "analyze": "closeread.analysis.pipeline",
    "analyze_stream": "closeread.analysis.pipeline",
}

__all__ = [
    "ANALYSIS_VERSION",
    "CITATION_KINDS",
    "Analysis",
    "Citation",
    "CitationKind",
    "Claim",
    "Source",
    "analyze",
    "analyze_stream",
]

__getattr__, __dir__ = lazy_exports(__name__, globals(), _WHERE)
