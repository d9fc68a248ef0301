"""Blocks of Markdown (CommonMark's block structure, read leniently).

Handled: YAML/TOML front matter (metadata), fenced code (verbatim, may hold blank lines),
ATX and setext headings, ``>`` block quotes (nested; lazy continuation lines; paragraphs
split at empty ``>`` lines), ``- * + 1. 1)`` list items with continuation lines, indented
code, thematic breaks, tables (kept verbatim as code), link reference definitions
(``[1]: http://...`` -> reference; ``[#]: key: (value)`` comment lines -> metadata),
reST footnote definitions (``.. [1] text`` -> reference),
HTML comments (metadata). Inline markup (emphasis, links) is left in the text: the
analysis reads links from it.

Markers in the normalised text: a block quote keeps ONE leading marker per level (``> ``
or ``> > ``) outside its span and drops the continuation markers; a list item keeps its
indentation and marker; an ATX heading keeps ``#``s (closing ``#``s dropped); a setext
heading keeps its underline. This is what makes normalising twice give the same text.
"""

from __future__ import annotations

import itertools
import re

from closeread.document.builder import Builder, join_lines
from closeread.document.plain import LIST_ITEM, REST_REFERENCE, SPACED_RULE, looks_like_code

FRONT_MATTER = re.compile(r"(---|\+\+\+)\n(.*?)(?:\n|^)(?:\1|\.\.\.)(?:\n|\Z)", re.DOTALL | re.M)
FENCE = re.compile(
    r"^( *)(`{3,}|~{3,})([^\n]*)\n(.*?)(?:^ *\2[`~]* *$|\Z)", re.DOTALL | re.MULTILINE
)
ATX = re.compile(r" {0,3}(#{1,6})(?: +(.*?))??(?: +#+)? *")
_CLOSING_HASHES = re.compile(r"(?:^|\s+)#+(?:\s+#+)*$")
SETEXT = re.compile(r" {0,3}(=+|-+) *")
THEMATIC = SPACED_RULE
"""A thematic break (``***``, ``- - -``): the same rule as plain text's."""
QUOTE_MARKS = re.compile(r" *((?:> *)+)")  # "> > x" and ">  > x" nest alike
LINK_DEF = re.compile(r" {0,3}\[([^\]]+)\]: *(\S.*)")
_COMMENT_LABELS = frozenset({"#", "//", "comment", "_"})


def split_fences(text: str) -> list[tuple[bool, str, str, str]]:
    """Split text into (is_code, opening fence line, body, closing fence line) pieces."""
    pieces: list[tuple[bool, str, str, str]] = []
    pos = 0
    for m in FENCE.finditer(text):
        if m.start() > pos:
            pieces.append((False, "", text[pos : m.start()], ""))
        whole = m.group(0)
        opening = m.group(1) + m.group(2) + m.group(3)
        body = m.group(4)
        closing = whole[len(opening) + 1 + len(body) :]
        if body.endswith("\n"):
            body = body[:-1]
        pieces.append((True, opening, body, closing.strip("\n")))
        pos = m.end()
    if pos < len(text):
        pieces.append((False, "", text[pos:], ""))
    return pieces


def _block_start(line: str) -> bool:
    """Does ``line`` start a new block (so it cannot be a lazy paragraph continuation)?"""
    return bool(
        ATX.fullmatch(line)
        or THEMATIC.fullmatch(line)
        or line.lstrip().startswith(">")
        or LIST_ITEM.fullmatch(line)
    )


def _quote(out: Builder, lines: list[str]) -> None:
    """Lines of a ``>`` quote (with lazy continuations): one quote block per paragraph."""
    para: list[str] = []
    depth = 1

    def flush() -> None:
        if para:
            out.add("quote", join_lines(para), "> " * depth, level=depth)
            para.clear()

    for line in lines:
        m = QUOTE_MARKS.match(line)
        if m is None:  # lazy continuation
            para.append(line)
            continue
        marks = m.group(1).count(">")
        rest = line[m.end() :]
        if not rest.strip():
            flush()
            continue
        if para and marks != depth:
            flush()
        if not para:
            depth = marks
        para.append(rest)
    flush()


def markdown_chunk(out: Builder, chunk: str, first: bool) -> None:
    """Classify one blank-line-separated chunk of Markdown and add its block(s)."""
    lines = chunk.split("\n")
    n = len(lines)
    para: list[str] = []
    i = 0

    def flush() -> None:
        if para:
            out.add_prose(join_lines(para))
            para.clear()

    while i < n:
        line = lines[i]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        item = LIST_ITEM.fullmatch(line)
        if indent >= 4 and not para and item is None:
            rest = lines[i:]  # (the chunk ends here: copying the rest once is linear)
            if (
                out.last_kind in ("list_item", "paragraph")
                and out.blocks
                and (out.last_kind == "list_item" or out.blocks[-1].level)
                and not looks_like_code(rest)
            ):
                # An indented paragraph continuing a (loose) list item.
                out.add("paragraph", join_lines(rest), " " * indent, level=1)
            else:
                out.add("code", "\n".join(rest))
            return
        # ``lines[i:]`` only where the chunk ends: copied on every line it made 20,000 lines
        # without a blank line quadratic (14 s).
        if (
            not para
            and stripped.startswith("|")
            and all(x.lstrip().startswith("|") for x in itertools.islice(lines, i, None))
        ):
            out.add("code", "\n".join(lines[i:]))
            return
        m = ATX.fullmatch(line)
        if m is not None:
            flush()
            # Drop every trailing " ##" so that the written heading re-reads the same.
            title = _CLOSING_HASHES.sub("", (m.group(2) or "").strip())
            if title.strip("# "):  # "# # #" is an empty heading with a closing sequence
                out.add("heading", title, m.group(1) + " ", level=len(m.group(1)))
            i += 1
            continue
        if para and SETEXT.fullmatch(line):
            title = join_lines(para)
            para.clear()
            out.add("heading", title, "", "\n" + line, level=1 if "=" in line else 2)
            i += 1
            continue
        if THEMATIC.fullmatch(line):
            flush()
            out.add("rule", stripped.strip())
            i += 1
            continue
        if stripped.startswith(">"):
            flush()
            j = i + 1
            while j < n and (lines[j].lstrip().startswith(">") or not _block_start(lines[j])):
                j += 1
            _quote(out, lines[i:j])
            i = j
            continue
        if item is not None and (not para or item.group(2) in "-*+" or item.group(2)[0] == "1"):
            flush()
            body = [item.group(3)]
            j = i + 1
            while j < n and not LIST_ITEM.fullmatch(lines[j]) and not _block_start(lines[j]):
                body.append(lines[j])
                j += 1
            prefix = item.group(1) + item.group(2) + " "
            level = 1 + (len(item.group(1)) + 2) // 4
            out.add("list_item", join_lines(body), prefix, level=level)
            i = j
            continue
        d = LINK_DEF.fullmatch(line) if not para else None
        if d is not None:
            comment = d.group(1).strip().lower() in _COMMENT_LABELS
            out.add("metadata" if comment else "reference", stripped)
            i += 1
            continue
        if not para and stripped.startswith(".. ") and REST_REFERENCE.match(stripped):
            out.add("reference", join_lines([stripped[3:], *lines[i + 1 :]]), ".. ")
            return
        if not para and stripped.startswith("<!--"):
            out.add("metadata", "\n".join(x.strip() for x in lines[i:]))
            return
        para.append(line)
        i += 1
    flush()
