"""The reading report as Markdown (Obsidian friendly: YAML front matter, ``#tags``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

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

# Characters that Markdown (CommonMark + Obsidian: #tags, ==highlight==, $math$, ~~) reads
# as markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~$])")
# Line starts that would turn a line into a heading, list, quote or rule.
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Escape document or note text so Markdown shows it literally."""
    lines = []
    for line in visible_controls(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line).replace("==", "\\=\\=")
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line)
    return "\n".join(lines)


def blockquote(text: str) -> str:
    """``text`` as a Markdown block quote (every line prefixed, blank lines kept inside)."""
    return "\n".join("> " + line if line else ">" for line in escape(text).split("\n"))


MARKDOWN = Markup(text=escape, strong=lambda s: f"**{s}**", tag=lambda t: f"#{escape(t)}")


def _citation_line(ref: CitationRef, *, source: bool = True, quote: bool = True) -> str:
    """One citation: id, kind, source (unless under its source's heading), title, and its
    quote (with ``quote=False``, only the first words of an untitled one)."""
    parts = [f"`{ref.id}` {ref.kind.replace('_', ' ')}"]
    if ref.source_name and source:
        parts.append(f"**{escape(ref.source_name)}**")
    if ref.title:
        parts.append(f"*{escape(ref.title)}*")
    line = " · ".join(parts)
    said = ref.quote if quote else ("" if ref.title else ref.brief)
    if said:
        line += f" — “{escape(said)}”"
    return line


def _outline_line(n: int, item: OutlineItem) -> str:
    mark = f"**{support_label(item)}**"
    return f"{n}. {outline_meta(item, MARKDOWN, mark)} — {escape(item.text)}"


def _note_block(note: Note) -> list[str]:
    view = note_view(note)
    out = [blockquote(prose(note.target.quote).strip() or "(empty passage)"), ""]
    if view.body:
        body = escape(view.body).replace("\n", "  \n")  # a hard line break per line
        if view.label_verdict:
            out.append(f"**{view.label}: {escape(view.label_verdict)}** — {body}")
        else:
            out.append(f"**{view.label}:** {body}")
    else:
        out.append(f"**{view.label}**")
    out += ["", note_meta(view, MARKDOWN), ""]
    return out


def render_markdown(report: Report) -> str:
    """The report as Markdown text."""
    front = {
        "title": report.title,
        "author": report.author or None,
        "source": report.source or None,
        "sha256": report.sha256,
        "tags": ["closeread"],
    }
    out = [
        "---",
        yaml.safe_dump(
            {k: v for k, v in front.items() if v is not None}, allow_unicode=True, sort_keys=False
        ).rstrip(),
        "---",
        "",
    ]
    out.append(f"# {escape(report.title)}")
    out.append("")
    byline = [
        p
        for p in (
            report.author and f"By {escape(report.author)}",
            report.publisher and escape(report.publisher),
            report.source and f"`{report.source}`",
        )
        if p
    ]
    if byline:
        out += [" · ".join(byline), ""]
    out += [summary(report), ""]

    out += ["## Argument outline", ""]
    if not report.outline:
        out += ["*No claims found.*" if report.analysed else "*Not analysed.*", ""]
    for n, item in enumerate(report.outline, 1):
        out.append(_outline_line(n, item))
        # The quotes themselves are under Sources: here, which citation, not its text again.
        before, after = citation_relation(item)
        tail = f", {after}" if after else ""
        out += [
            f"    - {before} {_citation_line(ref, quote=False)}{tail}" for ref in item.citations
        ]
    if report.outline:
        out.append("")

    out += ["## Sources", ""]
    if not report.sources:
        out += ["*No cited sources found.*" if report.analysed else "*Not analysed.*", ""]
    for source in report.sources:
        count = plural(len(source.citations), "citation")
        out += [f"### {escape(source.name)} ({count})", ""]
        if source.aliases:
            out += ["Also named: " + ", ".join(escape(a) for a in source.aliases), ""]
        if source.url:
            out += [f"<{source.url}>", ""]
        out += [f"- {_citation_line(ref, source=False)}" for ref in source.citations]
        out.append("")

    out += ["## Notes", ""]
    if not report.passages:
        out += ["*No notes on passages of the text.*", ""]
    for passage in report.passages:
        heading = f"### ¶ {passage.number}" if passage.number else "### Passage"
        if passage.opening:
            heading += f" — {escape(passage.opening)}"
        out += [heading, ""]
        for note in passage.notes:
            out += _note_block(note)
    if report.orphans:
        out += [
            "## Orphaned notes",
            "",
            "*Their passage is no longer found in the text; kept as they were.*",
            "",
        ]
        for note in report.orphans:
            out += _note_block(note)
    return "\n".join(out).rstrip() + "\n"


def export_markdown(doc: Document, analysis: Analysis | None, notes: Sequence[Note]) -> str:
    return render_markdown(build_report(doc, analysis, notes))
