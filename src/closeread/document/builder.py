"""Assembling the normalised text block by block, and the paragraph-repair rule.

The normalised text is *built*, not edited: each block contributes ``prefix + content +
suffix`` and blocks are joined by exactly one blank line. The block span covers ``content``
only, so markers (``#``, ``> ``, ``- ``, indentation, setext underlines, code fences) stay in
the text, where they make re-normalising give the same text, but outside the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from closeread.document.model import Block, BlockKind

_PROSE = frozenset({"paragraph", "heading", "list_item", "quote"})

# A paragraph ends "properly" with one of these (closing quotes/brackets after them count).
_TERMINAL = frozenset(".!?:;…\"”\u2019»'")
_SOFT_JOIN = re.compile(r"[A-Za-z]-$")
_LOWER_START = re.compile(r"[a-z]")


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines into one line: strip each, one space between.

    A line ending in ``letter-`` before a line starting with a lower-case letter is joined
    without a space ("well-" + "known" -> "well-known"): the hyphen stays, the text is never
    altered beyond whitespace.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _SOFT_JOIN.search(out) and _LOWER_START.match(line):
            out += line
        else:
            out += " " + line
    return out


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _closes_quote(text: str) -> bool:
    if text.count('"') % 2 == 1:
        return True
    close, open_ = text.find("”"), text.find("“")
    return close >= 0 and (open_ < 0 or close < open_)


def continues(prev: str, nxt: str) -> bool:
    """Does paragraph ``nxt`` continue ``prev``, broken mid-sentence by a stray blank line?

    Yes when ``prev`` ends without terminal punctuation and either ``nxt`` starts with a
    lower-case letter ("... tragic and" / "regrettable the aftermath is.") or ``prev`` left a
    quotation open that ``nxt`` closes ('... “REPORT: ... To Syrian' / 'Rebels," that:').
    """
    if not prev or not nxt or prev[-1] in _TERMINAL:
        return False
    if nxt[0].islower():
        return True
    return prev[-1].isalnum() and _open_quote(prev) and _closes_quote(nxt)


class Builder:
    """Accumulates blocks and the normalised text they live in."""

    __slots__ = (
        "_last", "_prev_last", "_prev_soft", "_soft", "blocks", "inline", "parts", "pos",
        "repairs",
    )  # fmt: skip

    def __init__(self, inline: Callable[[str], str] | None = None) -> None:
        self.inline = inline
        """Rewrites the content of prose blocks (Markdown's inline links, images, HTML)."""
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.pos = 0
        self.repairs = 0
        """How many broken paragraphs were re-joined."""
        self._soft = False  # last block is a heading guessed from plain text (may be repaired)
        self._last = ""  # content of the last block
        self._prev_soft = False  # the same two for the block before it
        self._prev_last = ""

    @property
    def last_kind(self) -> str:
        return self.blocks[-1].kind if self.blocks else ""

    def last_content(self) -> str:
        """The content (span text) of the last block, or ""."""
        return self._last

    def add(
        self,
        kind: BlockKind,
        content: str,
        prefix: str = "",
        suffix: str = "",
        level: int = 0,
    ) -> None:
        """Append a block; a block whose content is blank is dropped with its markers."""
        if self.inline is not None and kind in _PROSE:
            content = self.inline(content)
        if not content or content.isspace():
            return
        # ``pos`` is the length of the text so far; parts are joined by "\n\n" at the end.
        begin = self.pos + 2 if self.parts else 0
        start = begin + len(prefix)
        end = start + len(content)
        if prefix or suffix:
            content_piece = prefix + content + suffix
            self.parts.append(content_piece)
            self.pos = begin + len(content_piece)
        else:
            self.parts.append(content)
            self.pos = end
        self.blocks.append(Block(kind, start, end, level))
        self._prev_soft, self._prev_last = self._soft, self._last
        self._soft = False
        self._last = content

    def add_prose(self, content: str, prefix: str = "", soft_heading: bool = False) -> None:
        """Append a paragraph (or a heading guessed from a short line), repairing breaks.

        When the previous block is a paragraph (or a guessed heading) that ``continues``
        into this one, both become one paragraph joined by a space.
        """
        blocks = self.blocks
        if (
            blocks
            and not prefix
            and (
                blocks[-1].kind == "paragraph"
                # A guessed heading is only a broken sentence if the next part finishes one.
                or (self._soft and blocks[-1].kind == "heading" and content[-1] in _TERMINAL)
            )
            and continues(self._last, content)
        ):
            if self.inline is not None:
                content = self.inline(content)
            block = blocks[-1]
            extra = " " + content
            self.parts[-1] += extra
            self.pos += len(extra)
            blocks[-1] = Block("paragraph", block.start, block.end + len(extra), 0)
            self._last += extra
            self.repairs += 1
            self._soft = False
            self._join_soft_heading_before()
            return
        if soft_heading:
            self.add("heading", content, prefix, level=2)
            self._soft = True
        else:
            self.add("paragraph", content, prefix)

    def _join_soft_heading_before(self) -> None:
        """After a repair, re-check a guessed heading just before the repaired paragraph.

        The heading was kept apart when the next part did not finish a sentence; now that
        the paragraph does, the same rule must join them, or normalising the output again
        would (normalisation is idempotent: found by the property tests).
        """
        blocks = self.blocks
        if not (self._prev_soft and len(blocks) >= 2 and blocks[-2].kind == "heading"):
            return
        head, para = blocks[-2], blocks[-1]
        if self._last[-1] not in _TERMINAL or not continues(self._prev_last, self._last):
            return
        joined = self.parts[-2] + " " + self.parts[-1]
        del self.parts[-1]
        self.parts[-1] = joined
        self.pos -= 1  # "\n\n" between them became " "
        blocks[-2:] = [Block("paragraph", head.start, para.end - 1, 0)]
        self._last = joined
        self._prev_soft, self._prev_last = False, ""
        self.repairs += 1

    def text(self) -> str:
        return "\n\n".join(self.parts)
