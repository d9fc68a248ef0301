"""The reading report as one standalone HTML page (inline CSS, no scripts, no external assets).

Everything taken from the document or the notes is passed through ``html.escape``: article
text is data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.export.common import tag_token
from closeread.export.report import CitationRef, Report, build_report, location, summary
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
    return escape(text, quote=True)


def _citation(ref: CitationRef) -> str:
    parts = [f"<code>{_e(ref.id)}</code> {_e(ref.kind.replace('_', ' '))}"]
    if ref.source_name:
        parts.append(f"<strong>{_e(ref.source_name)}</strong>")
    if ref.title:
        parts.append(f"<cite>{_e(ref.title)}</cite>")
    quote = f" — “{_e(ref.quote)}”" if ref.quote else ""
    return f'<span class="cite">{" · ".join(parts)}{quote}</span>'


def _paragraphs(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def _note(note: Note, css: str = "note") -> list[str]:
    out = [f'<div class="{css}" id="{_e(note.id)}">',
           f"<blockquote>{_paragraphs(note.target.quote.strip() or '(empty passage)')}"
           "</blockquote>"]
    label = note.kind.capitalize()
    if note.body.strip():
        out.append(f"<p><strong>{_e(label)}:</strong> {_paragraphs(note.body.strip())}</p>")
    else:
        out.append(f"<p><strong>{_e(label)}</strong></p>")
    meta: list[str] = []
    if note.verdict:
        meta.append(f"Verdict: <strong>{_e(note.verdict)}</strong>")
    tags = " ".join(f'<span class="tag">#{_e(tag_token(t))}</span>'
                    for t in note.tags if tag_token(t))
    if tags:
        meta.append(f"Tags: {tags}")
    meta.append(f"Location: {_e(location(note))}")
    if note.status not in ("anchored", "orphan"):
        meta.append(f"re-anchored ({_e(note.status)})")
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    out.append("</div>")
    return out


def render_html(report: Report) -> str:
    """The report as a complete HTML document."""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="closeread">',
           f"<title>{_e(report.title)} — reading report</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<header>",
           f"<h1>{_e(report.title)}</h1>"]
    byline = [p for p in (report.author and f"By {_e(report.author)}",
                          report.publisher and _e(report.publisher),
                          report.source and f"<code>{_e(report.source)}</code>") if p]
    if byline:
        out.append(f'<p class="byline">{" · ".join(byline)}</p>')
    out += [f'<p class="summary">{_e(summary(report))}</p>', "</header>"]

    out += ['<section id="outline">', "<h2>Argument outline</h2>"]
    if report.outline:
        out.append("<ol>")
        for item in report.outline:
            mark = ('<span class="ok">✓ supported</span>' if item.supported
                    else '<span class="no">✗ unsupported</span>')
            extra = " (corrected by the reader)" if item.corrected else ""
            notes = f" · {item.notes} note{'s' if item.notes != 1 else ''}" if item.notes else ""
            out.append(f"<li>{mark}{extra}{notes} — {_e(item.text)}")
            if item.citations:
                out.append("<ul>" + "".join(f"<li>{_citation(r)}</li>"
                                            for r in item.citations) + "</ul>")
            out.append("</li>")
        out.append("</ol>")
    else:
        out.append("<p><em>No claims found.</em></p>" if report.analysed
                   else "<p><em>Not analysed.</em></p>")
    out.append("</section>")

    out += ['<section id="sources">', "<h2>Sources</h2>"]
    if not report.sources:
        out.append("<p><em>No cited sources found.</em></p>")
    for source in report.sources:
        count = len(source.citations)
        out.append(f"<h3>{_e(source.name)} <small>({count} citation"
                   f"{'s' if count != 1 else ''})</small></h3>")
        if source.aliases:
            out.append(f"<p class=\"meta\">Also named: {_e(', '.join(source.aliases))}</p>")
        if source.url:
            out.append(f'<p class="meta">{_e(source.url)}</p>')
        out.append("<ul>" + "".join(f"<li>{_citation(r)}</li>" for r in source.citations)
                   + "</ul>")
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
        out += ['<section id="orphans">', "<h2>Orphaned notes</h2>",
                "<p><em>Their passage is no longer found in the text; kept as they were."
                "</em></p>"]
        for note in report.orphans:
            out += _note(note, "note orphan")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def export_html(doc: Document, analysis: Analysis | None, notes: Sequence[Note]) -> str:
    return render_html(build_report(doc, analysis, notes))
