"""Exporting the reader's notes to other tools and as a reading report (pure core).

``export_notes(fmt, doc, analysis, notes, links)`` returns the text of one format:

- ``json``: a W3C Web Annotation ``AnnotationCollection`` (:mod:`closeread.export.w3c`);
- ``csv``: a Readwise bulk-import file (:mod:`closeread.export.readwise`);
- ``markdown`` / ``html``: a reading report with the argument outline, the sources and the
  notes under their passages (:mod:`closeread.export.report`);
- ``yaml``: the notes file itself (VISION §5).

Reading annotations back in is :func:`closeread.export.importer.import_annotations`.
"""

from __future__ import annotations

from collections.abc import Sequence

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.errors import InputError
from closeread.export.common import EXTENSIONS, default_filename, write_atomic
from closeread.notes.model import LinkCorrection, Note

FORMATS: tuple[str, ...] = ("markdown", "json", "yaml", "csv", "html")
#: Formats whose content uses the analysis (the others only need the notes).
NEEDS_ANALYSIS: frozenset[str] = frozenset({"markdown", "html"})


def export_notes(
    fmt: str,
    doc: Document,
    analysis: Analysis | None,
    notes: Sequence[Note],
    links: Sequence[LinkCorrection] = (),
) -> str:
    """The notes of ``doc`` in format ``fmt`` (one of :data:`FORMATS`).

    ``analysis`` should be the analysis with the reader's corrections applied; it may be
    None for the formats that do not use it. Raises ``InputError`` for an unknown format.
    """
    if fmt == "json":
        from closeread.export.w3c import export_json

        return export_json(doc, notes)
    if fmt == "csv":
        from closeread.export.readwise import export_csv

        return export_csv(doc, notes)
    if fmt == "markdown":
        from closeread.export.markdown import export_markdown

        return export_markdown(doc, analysis, notes)
    if fmt == "html":
        from closeread.export.html import export_html

        return export_html(doc, analysis, notes)
    if fmt == "yaml":
        from closeread.export.yaml_notes import export_yaml

        return export_yaml(doc, notes, links)
    raise InputError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "NEEDS_ANALYSIS",
    "default_filename",
    "export_notes",
    "write_atomic",
]
