"""Blocks of plain text: paragraphs separated by blank lines, hard wraps re-joined.

Plain text has no markup, so structure is read from layout: a short line on its own without
closing punctuation is a heading; a line underlined with ``=====`` (reST, setext) is a
heading; lines indented by 4+ spaces are a block quote, or code when they look like code or
follow a paragraph ending in ``::``; ``- ``/``* ``/``1. `` lines are list items; ``.. [1]``
(reST) entries are references; a leading ``Key: value`` header (PEPs, mail) is metadata.

War and Peace has ~12,500 paragraphs, almost all single lines, so the single-line case is
the fast path.
"""

from __future__ import annotations

import re

from closeread.document.builder import Builder, join_lines

LIST_ITEM = re.compile(r"( *)([-*+•‣\u2043◦]|\d{1,9}[.)]|\(\d{1,3}\)) +(\S.*)")
ADORNMENT = re.compile(r" {0,3}([=\-~^*#_+`'\"])\1{2,} *")
SPACED_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *")
HEADER_FIELD = re.compile(r"[A-Z][\w-]{0,30}:(?: |$)")
BRACKET_LABEL = re.compile(r"\[[^\]]{1,20}\] ")
REST_REFERENCE = re.compile(r"\.\. (\[[^\]]+\]|_[^:]+:)")
SLOW_START = " -*+•‣\u2043◦(.=~^#_`:'\"[0123456789"
"""First characters that may begin something other than a plain paragraph."""
LONG_LINE = 110
"""Longer lines than this are not a hard wrap (editors and mail wrap at 72-100 columns)."""
_NOT_HEADING_END = frozenset(".!?,;:…\"”\u2019»'-\u2013—")
_CODE_CHARS = frozenset("{}[]();=<>_/\\|#$@%^&*~`")


def heading_like(line: str) -> bool:
    """A short stand-alone line that reads as a title rather than as a sentence."""
    return (
        0 < len(line) <= 100
        and line[-1] not in _NOT_HEADING_END
        and not line[0].islower()
        and line.count(" ") < 16
        and any(c.isalpha() for c in line)
    )


def looks_like_code(lines: list[str]) -> bool:
    """Dense in programming punctuation (prose has very little of it)."""
    body = "".join(lines).replace(" ", "")
    if not body:
        return False
    symbols = sum(1 for c in body if c in _CODE_CHARS)
    return symbols > 0.06 * len(body)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indented(out: Builder, lines: list[str]) -> None:
    """A chunk whose every line is indented by 4+ spaces: code or a block quote."""
    prev = out.last_content() if out.last_kind == "paragraph" else ""
    if prev.endswith("::") or out.last_kind == "code" or looks_like_code(lines):
        # Code keeps its lines and their indentation; the span covers all of it.
        out.add("code", "\n".join(lines))
        return
    first = lines[0]
    indent = " " * _indent(first)
    content = join_lines(lines)
    if len(lines) == 1 and heading_like(content):
        out.add("heading", content, indent, level=2)
    else:
        out.add("quote", content, indent, level=1)


def _list_items(out: Builder, lines: list[str]) -> None:
    """Lines starting with a list marker begin items; other lines continue the item."""
    items: list[tuple[str, list[str]]] = []
    for line in lines:
        m = LIST_ITEM.fullmatch(line)
        if m is not None and (not items or items[-1][1]):
            items.append((m.group(1) + m.group(2) + " ", [m.group(3)]))
        elif items:
            items[-1][1].append(line)
        else:  # pragma: no cover - callers start with a marker line
            items.append(("", [line]))
    for prefix, body in items:
        level = 1 + (len(prefix) - len(prefix.lstrip(" ")) + 2) // 4
        out.add("list_item", join_lines(body), prefix, level=level)


def _starts_another_block(title: str) -> bool:
    """Would a heading written as ``title`` over its underline read as another block
    ("- \nitem\n```" joins to "- item": a list item)? Then it is not taken for a heading,
    so that normalising the output again gives the same text (found by the property tests)."""
    return LIST_ITEM.fullmatch(title) is not None or title.startswith(".. ")


def plain_chunk(out: Builder, chunk: str, first: bool) -> None:
    """Classify one blank-line-separated chunk of plain text and add its block(s)."""
    if "\n" not in chunk:
        line = chunk
        if line[0] not in SLOW_START:
            out.add_prose(line, soft_heading=heading_like(line))
            return
        lines = [line]
    else:
        lines = chunk.split("\n")
    head = lines[0]
    if (
        first
        and len(lines) > 1
        and all(HEADER_FIELD.match(x) or (x.startswith(" ") and i) for i, x in enumerate(lines))
    ):
        out.add("metadata", chunk)
        return
    if len(lines) == 1 and SPACED_RULE.fullmatch(head):
        out.add("rule", head.strip())
        return
    if LIST_ITEM.fullmatch(head):
        _list_items(out, lines)
        return
    if all(_indent(x) >= 4 for x in lines):
        _indented(out, lines)
        return
    if head.startswith("[") and out.last_kind == "reference" and BRACKET_LABEL.match(head):
        out.add("reference", join_lines(lines))
        return
    if head.startswith(".. "):
        m = REST_REFERENCE.match(head)
        if m is not None:
            out.add("reference", join_lines(lines)[3:], ".. ")
        else:
            out.add("metadata", chunk)
        return
    # reST/setext headings: "Title" over "=====" (optionally with an overline too).
    for i, line in enumerate(lines):
        if i and ADORNMENT.fullmatch(line) and i <= 3:
            over = 1 if ADORNMENT.fullmatch(lines[0]) else 0
            title = join_lines(lines[over:i])
            if i > over and (over or not _starts_another_block(title)):
                prefix = lines[0] + "\n" if over else ""
                level = 1 if line.lstrip()[0] in "=#*" else 2
                out.add("heading", title, prefix, "\n" + line, level=level)
                if i + 1 < len(lines):
                    plain_chunk(out, "\n".join(lines[i + 1 :]), False)
                return
    # One paragraph per line (news copy, exported notes): the lines are too long to be a
    # hard wrap, so each is a paragraph of its own.
    if len(lines) > 1 and sum(len(x) > LONG_LINE for x in lines[:-1]) * 2 >= len(lines) - 1:
        for i, line in enumerate(lines):
            if line.strip():
                plain_chunk(out, line, first and i == 0)
        return
    # A paragraph, possibly hard-wrapped; a list may start after a line ending in ":".
    for i in range(1, len(lines)):
        if lines[i - 1].endswith(":") and LIST_ITEM.fullmatch(lines[i]):
            out.add_prose(join_lines(lines[:i]))
            _list_items(out, lines[i:])
            return
    text = join_lines(lines)
    out.add_prose(text, soft_heading=len(lines) == 1 and heading_like(text))
