"""The reading report as Markdown (Obsidian friendly: YAML front matter, ``#tags``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.export.common import tag_token
from closeread.export.report import CitationRef, Report, build_report, location, summary
from closeread.notes.model import Note

# Characters that Markdown (CommonMark + Obsidian: #tags, ==highlight==, $math$, ~~) reads
# as markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~$])")
# Line starts that would turn a line into a heading, list, quote or rule.
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s|$)")

KIND_LABELS = {"comment": "Comment", "question": "Question", "highlight": "Highlight",
               "verdict": "Verdict"}


def escape(text: str) -> str:
    """Escape document or note text so Markdown shows it literally."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line).replace("==", "\\=\\=")
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line)
    return "\n".join(lines)


def blockquote(text: str) -> str:
    """``text`` as a Markdown block quote (every line prefixed, blank lines kept inside)."""
    return "\n".join("> " + line if line else ">" for line in escape(text).split("\n"))


def _citation_line(ref: CitationRef) -> str:
    parts = [f"`{ref.id}` {ref.kind.replace('_', ' ')}"]
    if ref.source_name:
        parts.append(f"**{escape(ref.source_name)}**")
    if ref.title:
        parts.append(f"*{escape(ref.title)}*")
    line = " · ".join(parts)
    if ref.quote:
        line += f" — “{escape(ref.quote)}”"
    return line


def _note_block(note: Note) -> list[str]:
    out = [blockquote(note.target.quote.strip() or "(empty passage)"), ""]
    label = KIND_LABELS.get(note.kind, note.kind)
    if note.body.strip():
        body = escape(note.body.strip()).replace("\n", "  \n")
        out.append(f"**{label}:** {body}")
    else:
        out.append(f"**{label}**")
    meta: list[str] = []
    if note.verdict:
        meta.append(f"Verdict: **{escape(note.verdict)}**")
    tags = " ".join(f"#{tag_token(t)}" for t in note.tags if tag_token(t))
    if tags:
        meta.append(f"Tags: {tags}")
    meta.append(f"Location: {location(note)}")
    if note.status not in ("anchored", "orphan"):
        meta.append(f"re-anchored ({note.status})")
    out.append("")
    out.append(" · ".join(meta))
    out.append("")
    return out


def render_markdown(report: Report) -> str:
    """The report as Markdown text."""
    front = {"title": report.title, "author": report.author or None,
             "source": report.source or None, "sha256": report.sha256,
             "tags": ["closeread"]}
    out = ["---", yaml.safe_dump({k: v for k, v in front.items() if v is not None},
                                 allow_unicode=True, sort_keys=False).rstrip(), "---", ""]
    out.append(f"# {escape(report.title)}")
    out.append("")
    byline = [p for p in (report.author and f"By {escape(report.author)}",
                          report.publisher and escape(report.publisher),
                          report.source and f"`{report.source}`") if p]
    if byline:
        out += [" · ".join(byline), ""]
    out += [summary(report), ""]

    out += ["## Argument outline", ""]
    if not report.outline:
        out += ["*No claims found.*" if report.analysed else "*Not analysed.*", ""]
    for n, item in enumerate(report.outline, 1):
        mark = "✓ supported" if item.supported else "✗ unsupported"
        extra = " (corrected by the reader)" if item.corrected else ""
        notes = f" · {item.notes} note{'s' if item.notes != 1 else ''}" if item.notes else ""
        out.append(f"{n}. **{mark}**{extra}{notes} — {escape(item.text)}")
        out += [f"    - {_citation_line(ref)}" for ref in item.citations]
    if report.outline:
        out.append("")

    out += ["## Sources", ""]
    if not report.sources:
        out += ["*No cited sources found.*" if report.analysed else "*Not analysed.*", ""]
    for source in report.sources:
        count = len(source.citations)
        head = f"### {escape(source.name)} ({count} citation{'s' if count != 1 else ''})"
        out += [head, ""]
        if source.aliases:
            out += ["Also named: " + ", ".join(escape(a) for a in source.aliases), ""]
        if source.url:
            out += [f"<{source.url}>", ""]
        out += [f"- {_citation_line(ref)}" for ref in source.citations]
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
        out += ["## Orphaned notes", "",
                "*Their passage is no longer found in the text; kept as they were.*", ""]
        for note in report.orphans:
            out += _note_block(note)
    return "\n".join(out).rstrip() + "\n"


def export_markdown(doc: Document, analysis: Analysis | None, notes: Sequence[Note]) -> str:
    return render_markdown(build_report(doc, analysis, notes))
