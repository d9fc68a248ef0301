"""Plain aligned text tables for ``closeread analyze`` and ``closeread notes`` (pure core).

No colour and no markup: article text can never be mistaken for styling. On a terminal
the tables fit its width (long text cut with "…"); to a pipe or file they keep the full
text (the CLI passes ``width=None``) unless ``COLUMNS`` asks for a width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from closeread.analysis import Analysis, Claim
from closeread.document import Document
from closeread.document.normalise import visible_controls
from closeread.export.common import document_label, shorten
from closeread.export.report import location
from closeread.notes.model import Note

MIN_LAST = 20
"""The last (free text) column keeps at least this many characters when others shrink."""
MIN_COLUMN = 6
MIN_TEXT = 8
"""On a very narrow terminal the last column gives up room down to this."""


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, ending in "…" when cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def _fit(widths: list[int], width: int) -> None:
    """Shrink the columns before the last, widest first, until a row fits ``width``."""
    gaps = 2 * (len(widths) - 1)
    while len(widths) > 1 and sum(widths[:-1]) + gaps + MIN_LAST > width:
        i = max(range(len(widths) - 1), key=lambda k: widths[k])
        if widths[i] <= MIN_COLUMN:
            return  # as narrow as it gets: lines may exceed a very small width
        widths[i] -= 1


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int | None = 100
) -> str:
    """Columns padded to their widest cell.

    With a ``width``, every line fits it: the last column is cut at a word boundary, and
    when the other columns alone are too wide, the widest of them are cut too (with "…").
    ``width=None`` keeps every cell whole (output to a pipe or a file).
    """
    if not rows:
        return "  (none)"
    cells = [[" ".join(visible_controls(str(c)).split()) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    if width is not None:
        _fit(widths, width)
        fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
        widths[-1] = min(widths[-1], max(MIN_TEXT, width - fixed))

    def line(row: Sequence[str]) -> str:
        parts = [_cut(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        last = row[-1] if width is None else shorten(row[-1], widths[-1])
        parts.append(last)
        return "  ".join(parts).rstrip()

    rule = ["-" * w for w in widths[:-1]] + ["-" * min(widths[-1], 40)]
    out = [line(list(headers)), line(rule)]
    out += [line(row) for row in cells]
    return "\n".join(out)


def _heading(text: str, width: int | None) -> str:
    """A line above the tables, wrapped to ``width`` (never cut)."""
    text = visible_controls(text)
    return text if width is None else "\n".join(textwrap.wrap(text, width) or [""])


def claim_citations(claim: Claim) -> str:
    """The claim's citations as the table shows them: an unsupported claim's citations are
    ones it discusses, not ones that back it."""
    if not claim.citations:
        return "-"
    ids = ",".join(claim.citations)
    return f"backed by {ids}" if claim.supported else f"discusses {ids}"


def analysis_tables(doc: Document, analysis: Analysis, width: int | None = 100) -> str:
    """Summary, claims, citations and sources of an analysis as text tables."""
    supported = sum(1 for k in analysis.claims if k.supported)
    out = [
        _heading(document_label(doc), width),
        _heading(
            f"{len(analysis.sentences)} sentences · {len(analysis.claims)} claims "
            f"({supported} supported, {len(analysis.claims) - supported} unsupported) · "
            f"{len(analysis.citations)} citations · {len(analysis.sources)} sources",
            width,
        ),
        "",
        "Claims",
        format_table(
            ["id", "support", "citations", "text"],
            [
                [
                    k.id,
                    ("supported" if k.supported else "UNSUPPORTED") + ("*" if k.corrected else ""),
                    claim_citations(k),
                    k.text,
                ]
                for k in analysis.claims
            ],
            width,
        ),
        "",
        "Citations",
        format_table(
            ["id", "kind", "at", "source", "quote"],
            [
                [
                    c.id,
                    c.kind,
                    f"{c.start}-{c.end}",
                    c.source_name or "?",
                    (f"{c.title} — " if c.title else "") + c.quote,
                ]
                for c in analysis.citations
            ],
            width,
        ),
        "",
        "Sources",
        format_table(
            ["id", "citations", "name", "aliases"],
            [
                [s.id, str(len(s.citations)), s.name, ", ".join(s.aliases) or "-"]
                for s in analysis.sources
            ],
            width,
        ),
    ]
    if any(k.corrected for k in analysis.claims):
        out += ["", "* corrected by the reader's links"]
    return "\n".join(out) + "\n"


def notes_table(notes: Sequence[Note], notes_file: str, width: int | None = 100) -> str:
    """The notes as a text table, with the notes file named first."""
    rows = []
    for n in notes:
        where = location(n).replace("chars ", "") if n.target.start is not None else "-"
        text = f"“{shorten(n.target.quote, 50)}” {n.body}".strip()
        rows.append(
            [n.id, n.kind, n.status, where, n.verdict or "-", ",".join(n.tags) or "-", text]
        )
    header = _heading(f"{len(notes)} notes in {notes_file}", width)
    if not rows:
        return header + "\n"
    return (
        header
        + "\n\n"
        + format_table(
            ["id", "kind", "status", "at", "verdict", "tags", "quote / note"], rows, width
        )
        + "\n"
    )
