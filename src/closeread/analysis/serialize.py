"""The analysis as plain data: the ``analyze --format json`` object (VISION §4) and table rows."""

from __future__ import annotations

from collections import Counter
from typing import Any

from closeread.analysis.model import Analysis, Citation, Claim, Source
from closeread.document import Document


def summary(analysis: Analysis) -> dict[str, Any]:
    """Counts per document: claims, supported, unsupported, citations per kind and source."""
    supported = sum(1 for k in analysis.claims if k.supported)
    return {
        "sentences": len(analysis.sentences),
        "citations": len(analysis.citations),
        "citations_by_kind": dict(Counter(c.kind for c in analysis.citations)),
        "sources": len(analysis.sources),
        "citations_per_source": {s.name: len(s.citations) for s in analysis.sources},
        "claims": len(analysis.claims),
        "supported": supported,
        "unsupported": len(analysis.claims) - supported,
        "complete": analysis.complete,
    }


def document_dict(doc: Document) -> dict[str, Any]:
    """The ``document`` object of ``analyze --format json``."""
    return {
        "path": str(doc.path) if doc.path is not None else "",
        "title": doc.title,
        "sha256": doc.sha256,
        "text": doc.text,
        "format": doc.source_format,
        "url": doc.url,
        "canonical_url": doc.canonical_url,
        "author": doc.author,
        "date": doc.date,
        "site": doc.publisher,
        "language": doc.language,
        "loader": doc.loader,
    }


def citation_dict(c: Citation) -> dict[str, Any]:
    """One item of ``citations``."""
    return {
        "id": c.id,
        "kind": c.kind,
        "source": c.source,
        "source_name": c.source_name,
        "title": c.title,
        "start": c.start,
        "end": c.end,
        "quote": c.quote,
        "lead_in": c.lead_in,
        "lead_in_start": c.lead_in_start,
        "lead_in_end": c.lead_in_end,
        "url": c.url,
        "manual": c.manual,
    }


def source_dict(s: Source) -> dict[str, Any]:
    """One item of ``sources``."""
    return {
        "id": s.id,
        "name": s.name,
        "aliases": list(s.aliases),
        "citations": list(s.citations),
        "kind": s.kind,
        "url": s.url,
    }


def claim_dict(k: Claim) -> dict[str, Any]:
    """One item of ``claims``."""
    return {
        "id": k.id,
        "start": k.start,
        "end": k.end,
        "text": k.text,
        "citations": list(k.citations),
        "supported": k.supported,
        "corrected": k.corrected,
    }


def to_json_dict(doc: Document, analysis: Analysis) -> dict[str, Any]:
    """The object ``closeread analyze --format json`` prints (VISION §4, plus extra keys).

    ``json_stream.write_json`` writes the same object piece by piece; keep the two in step.
    """
    return {
        "closeread": 1,
        "document": document_dict(doc),
        "sentences": [{"start": s, "end": e} for s, e in analysis.sentences],
        "citations": [citation_dict(c) for c in analysis.citations],
        "sources": [source_dict(s) for s in analysis.sources],
        "claims": [claim_dict(k) for k in analysis.claims],
        "summary": summary(analysis),
    }


def to_table_rows(analysis: Analysis, width: int = 70) -> dict[str, list[list[str]]]:
    """Plain rows for a table view: ``{"citations": [...], "sources": [...], "claims": [...]}``.

    Each value is a list of rows (lists of strings), the first row being the header.
    Texts are shortened to ``width`` characters; nothing here knows about Rich.
    """

    def short(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    citations = [["id", "kind", "source", "title", "quote"]] + [
        [c.id, c.kind, c.source_name, short(c.title), short(c.quote)] for c in analysis.citations
    ]
    sources = [["id", "name", "kind", "citations", "aliases"]] + [
        [s.id, s.name, s.kind, str(len(s.citations)), short(", ".join(s.aliases))]
        for s in analysis.sources
    ]
    claims = [["id", "supported", "citations", "text"]] + [
        [k.id, "yes" if k.supported else "no", " ".join(k.citations), short(k.text)]
        for k in analysis.claims
    ]
    return {"citations": citations, "sources": sources, "claims": claims}
