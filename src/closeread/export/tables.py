"""Plain aligned text tables for ``closeread analyze`` and ``closeread notes`` (pure core).

No colour and no markup: the output is the same on a terminal and in a pipe, and article
text can never be mistaken for styling.
"""

from __future__ import annotations

from collections.abc import Sequence

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.document.normalise import visible_controls
from closeread.export.common import document_label, shorten
from closeread.export.report import location
from closeread.notes.model import Note


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int = 100) -> str:
    """Columns padded to their widest cell; the last column is cut to fit ``width``."""
    if not rows:
        return "  (none)"
    cells = [[" ".join(visible_controls(str(c)).split()) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], len(cell))
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    last = max(20, width - fixed)

    def line(row: Sequence[str]) -> str:
        parts = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        parts.append(shorten(row[-1], last) if row else "")
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths[:-1]] + ["-" * min(last, 40)])]
    out += [line(row) for row in cells]
    return "\n".join(out)


def analysis_tables(doc: Document, analysis: Analysis, width: int = 100) -> str:
    """Summary, claims, citations and sources of an analysis as text tables."""
    supported = sum(1 for k in analysis.claims if k.supported)
    out = [
        f"{document_label(doc)}",
        f"{len(analysis.sentences)} sentences · {len(analysis.claims)} claims "
        f"({supported} supported, {len(analysis.claims) - supported} unsupported) · "
        f"{len(analysis.citations)} citations · {len(analysis.sources)} sources",
        "",
        "Claims",
        format_table(
            ["id", "support", "citations", "text"],
            [[k.id, ("supported" if k.supported else "UNSUPPORTED")
              + ("*" if k.corrected else ""), ",".join(k.citations) or "-", k.text]
             for k in analysis.claims],
            width,
        ),
        "",
        "Citations",
        format_table(
            ["id", "kind", "at", "source", "quote"],
            [[c.id, c.kind, f"{c.start}-{c.end}", c.source_name or "?",
              (f"{c.title} — " if c.title else "") + c.quote]
             for c in analysis.citations],
            width,
        ),
        "",
        "Sources",
        format_table(
            ["id", "citations", "name", "aliases"],
            [[s.id, str(len(s.citations)), s.name, ", ".join(s.aliases) or "-"]
             for s in analysis.sources],
            width,
        ),
    ]
    if any(k.corrected for k in analysis.claims):
        out += ["", "* corrected by the reader's links"]
    return "\n".join(out) + "\n"


def notes_table(notes: Sequence[Note], notes_file: str, width: int = 100) -> str:
    """The notes as a text table, with the notes file named first."""
    rows = []
    for n in notes:
        where = location(n).replace("chars ", "") if n.target.start is not None else "-"
        text = f"“{shorten(n.target.quote, 50)}” {n.body}".strip()
        rows.append([n.id, n.kind, n.status, where, n.verdict or "-",
                     ",".join(n.tags) or "-", text])
    header = visible_controls(f"{len(notes)} notes in {notes_file}")
    if not rows:
        return header + "\n"
    return header + "\n\n" + format_table(
        ["id", "kind", "status", "at", "verdict", "tags", "quote / note"], rows, width) + "\n"
