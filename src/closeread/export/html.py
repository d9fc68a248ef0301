"""The reading report as one standalone HTML page (inline CSS, no scripts, no external assets).

Everything taken from the document or the notes is passed through ``html.escape``: article
text is data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.document.links import prose
from closeread.document.normalise import visible_controls
from closeread.export.common import plural
from closeread.export.report import (
    CitationRef,
    Markup,
    OutlineItem,
    Report,
    build_report,
    citation_relation,
    note_meta,
    note_view,
    outline_meta,
    summary,
    support_label,
)
from closeread.notes.model import Note

CSS = """
body{font:17px/1.55 Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;
padding:0 1em;color:#222;background:#fdfdfb}
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ccc}
.byline,.meta,.summary{color:#555;font-size:.92em}
blockquote{margin:.6em 0;padding:.2em .9em;border-left:4px solid #b9a46a;background:#f6f3ea}
.ok{color:#1a6d2a;font-weight:bold}.no{color:#a3261b;font-weight:bold}
.cite{font-size:.92em;color:#333}.cite code{color:#666}
.note{margin:1em 0 1.4em}.tag{background:#eef;border-radius:3px;padding:0 .3em;
font-size:.88em}
.orphan blockquote{border-left-style:dashed}
"""


def _e(text: str) -> str:
    return escape(visible_controls(text), quote=True)


def _citation(ref: CitationRef, *, source: bool = True, quote: bool = True) -> str:
    """One citation; in the outline its id links to the citation under Sources."""
    cid = _e(ref.id)
    ident = f'<a href="#{cid}"><code>{cid}</code></a>' if not quote else f"<code>{cid}</code>"
    parts = [f"{ident} {_e(ref.kind.replace('_', ' '))}"]
    if ref.source_name and source:
        parts.append(f"<strong>{_e(ref.source_name)}</strong>")
    if ref.title:
        parts.append(f"<cite>{_e(ref.title)}</cite>")
    said = ref.quote if quote else ("" if ref.title else ref.brief)
    said = f" — “{_e(said)}”" if said else ""
    return f'<span class="cite">{" · ".join(parts)}{said}</span>'


def _paragraphs(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def _notes_link(item: OutlineItem, label: str) -> str:
    return f'<a href="#{_e(item.note_ids[0])}">{label}</a>'


HTML = Markup(
    text=_e,
    strong=lambda s: f"<strong>{s}</strong>",
    tag=lambda t: f'<span class="tag">#{_e(t)}</span>',
    notes_link=_notes_link,
)


def _outline_item(item: OutlineItem) -> str:
    css = "ok" if item.supported else "no"
    mark = f'<span class="{css}">{_e(support_label(item))}</span>'
    return f"{outline_meta(item, HTML, mark)} — {_e(item.text)}"


def _note(note: Note, css: str = "note") -> list[str]:
    view = note_view(note)
    out = [
        f'<div class="{css}" id="{_e(note.id)}">',
        f"<blockquote>{_paragraphs(prose(note.target.quote).strip() or '(empty passage)')}"
        "</blockquote>",
    ]
    if view.body and view.label_verdict:
        out.append(
            f"<p><strong>{_e(view.label)}: {_e(view.label_verdict)}</strong> — "
            f"{_paragraphs(view.body)}</p>"
        )
    elif view.body:
        out.append(f"<p><strong>{_e(view.label)}:</strong> {_paragraphs(view.body)}</p>")
    else:
        out.append(f"<p><strong>{_e(view.label)}</strong></p>")
    out += [f'<p class="meta">{note_meta(view, HTML)}</p>', "</div>"]
    return out


def render_html(report: Report) -> str:
    """The report as a complete HTML document."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="closeread">',
        f"<title>{_e(report.title)} — reading report</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
    ]
    byline = [
        p
        for p in (
            report.author and f"By {_e(report.author)}",
            report.publisher and _e(report.publisher),
            report.source and f"<code>{_e(report.source)}</code>",
        )
        if p
    ]
    if byline:
        out.append(f'<p class="byline">{" · ".join(byline)}</p>')
    out += [f'<p class="summary">{_e(summary(report))}</p>', "</header>"]

    out += ['<section id="outline">', "<h2>Argument outline</h2>"]
    if report.outline:
        out.append("<ol>")
        for item in report.outline:
            out.append(f"<li>{_outline_item(item)}")
            if item.citations:  # which citations; their quotes are under Sources
                before, after = citation_relation(item)
                tail = f", {_e(after)}" if after else ""
                out.append(
                    "<ul>"
                    + "".join(
                        f"<li>{_e(before)} {_citation(r, quote=False)}{tail}</li>"
                        for r in item.citations
                    )
                    + "</ul>"
                )
            out.append("</li>")
        out.append("</ol>")
    else:
        out.append(
            "<p><em>No claims found.</em></p>"
            if report.analysed
            else "<p><em>Not analysed.</em></p>"
        )
    out.append("</section>")

    out += ['<section id="sources">', "<h2>Sources</h2>"]
    if not report.sources:
        out.append("<p><em>No cited sources found.</em></p>")
    for source in report.sources:
        count = plural(len(source.citations), "citation")
        out.append(f"<h3>{_e(source.name)} <small>({count})</small></h3>")
        if source.aliases:
            out.append(f'<p class="meta">Also named: {_e(", ".join(source.aliases))}</p>')
        if source.url:
            out.append(f'<p class="meta">{_e(source.url)}</p>')
        out.append(
            "<ul>"
            + "".join(
                f'<li id="{_e(r.id)}">{_citation(r, source=False)}</li>' for r in source.citations
            )
            + "</ul>"
        )
    out.append("</section>")

    out += ['<section id="notes">', "<h2>Notes</h2>"]
    if not report.passages:
        out.append("<p><em>No notes on passages of the text.</em></p>")
    for passage in report.passages:
        head = f"¶ {passage.number}" if passage.number else "Passage"
        if passage.opening:
            head += f" — {_e(passage.opening)}"
        out.append(f"<h3>{head}</h3>")
        for note in passage.notes:
            out += _note(note)
    out.append("</section>")
    if report.orphans:
        out += [
            '<section id="orphans">',
            "<h2>Orphaned notes</h2>",
            "<p><em>Their passage is no longer found in the text; kept as they were.</em></p>",
        ]
        for note in report.orphans:
            out += _note(note, "note orphan")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def export_html(doc: Document, analysis: Analysis | None, notes: Sequence[Note]) -> str:
    return render_html(build_report(doc, analysis, notes))
