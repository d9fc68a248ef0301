"""Assembling the normalised text block by block, and the paragraph-repair rule.

The normalised text is *built*, not edited: each block contributes ``prefix + content +
suffix`` and blocks are joined by exactly one blank line. The block span covers ``content``
only, so markers (``#``, ``> ``, ``- ``, indentation, setext underlines, code fences) stay in
the text, where they make re-normalising give the same text, but outside the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from closeread.document.md_inline import Segment, rewrite_mapped
from closeread.document.model import Block, BlockKind

Rewrite = tuple[int, int, str, list[Segment]]
"""Where the inline rewrite changed the text: ``(at, length, written, segments)``: the
normalised ``text[at:at+length]`` was ``written`` before; ``segments`` ``(out, in, n)``
are the characters it kept, relative to ``at`` and to ``written``. Blocks the rewrite
emptied (dropped with their markers, ``<div>``) are ``length`` 0 at the start of the next
block, ``written`` their whole text and a blank line each (at the end: before each)."""

_PROSE = frozenset({"paragraph", "heading", "list_item", "quote"})

# A paragraph ends "properly" with one of these (closing quotes/brackets after them count).
_TERMINAL = frozenset(".!?:;…\"”\u2019»'")
_SOFT_JOIN = re.compile(r"[A-Za-z]-$")
_LOWER_START = re.compile(r"[a-z]")


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines into one line: strip each, one space between.

    A line ending in ``letter-`` before a line starting with a lower-case letter is joined
    without a space ("well-" + "known" -> "well-known"): the hyphen stays, the text is never
    altered beyond whitespace. Linear: only the previous line's end is looked at (a regex
    over the growing paragraph made 20,000 short lines take 20 s).
    """
    parts: list[str] = []
    prev = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if parts:
            soft = _SOFT_JOIN.search(prev[-2:]) and _LOWER_START.match(line)
            parts.append(line if soft else " " + line)
        else:
            parts.append(line)
        prev = line
    return "".join(parts)


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


def _quote_counts(text: str) -> tuple[int, int, int]:
    return text.count("“"), text.count("”"), text.count('"')


class Builder:
    """Accumulates blocks and the normalised text they live in."""

    __slots__ = (
        "_dropped", "_ext", "_last", "_prev_last", "_prev_soft", "_q", "_soft", "blocks", "inline",
        "parts", "pos", "repairs", "rewrites",
    )  # fmt: skip

    def __init__(self, inline: Callable[[str], str] | None = None) -> None:
        self.inline = inline
        """Rewrites the content of prose blocks (Markdown's inline links, images, HTML)."""
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.pos = 0
        self.repairs = 0
        """How many broken paragraphs were re-joined."""
        self.rewrites: list[Rewrite] | None = None
        """Set to a list to have the inline rewrite's changes recorded (the source map)."""
        self._dropped: list[str] = []  # blocks the rewrite emptied, not yet recorded
        self._soft = False  # last block is a heading guessed from plain text (may be repaired)
        self._last = ""  # content of the last block
        self._prev_soft = False  # the same two for the block before it
        self._prev_last = ""
        # Repairs append to the last block; the pieces are joined when the text is needed,
        # and its quote marks counted as they come, so that 20,000 re-joined lines cost
        # linear time (``str +=`` on a list item copies the growing paragraph each time).
        self._ext: list[str] = []
        self._q = (0, 0, 0)  # “ ” " in the last block, with its pending pieces

    def _materialise(self) -> None:
        if self._ext:
            joined = "".join(self._ext)
            self._ext = []
            self.parts[-1] += joined
            self._last += joined

    @property
    def last_kind(self) -> str:
        return self.blocks[-1].kind if self.blocks else ""

    def last_content(self) -> str:
        """The content (span text) of the last block, or ""."""
        self._materialise()
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
        # ``pos`` is the length of the text so far; parts are joined by "\n\n" at the end.
        begin = self.pos + 2 if self.parts else 0
        start = begin + len(prefix)
        if self.rewrites is not None:
            content = self._recorded(kind, content, (prefix, suffix), begin, start)
        elif self.inline is not None and kind in _PROSE:
            content = self.inline(content)
        if not content or content.isspace():
            return
        self._materialise()
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
        self._q = _quote_counts(content)

    def _continues_last(self, nxt: str) -> bool:
        """``continues(last block, nxt)`` from the last character and the quote counts."""
        last = self._ext[-1] if self._ext else self._last
        if not last or not nxt or last[-1] in _TERMINAL:
            return False
        if nxt[0].islower():
            return True
        opens, closes, straight = self._q
        return last[-1].isalnum() and (opens > closes or straight % 2 == 1) and _closes_quote(nxt)

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
            and self._continues_last(content)
        ):
            if self.inline is not None:
                if self._dropped and self.rewrites is not None:  # before this part
                    written = "".join(w + "\n\n" for w in self._dropped)
                    self.rewrites.append((self.pos + 1, 0, written, []))
                    self._dropped.clear()
                content = self._inline(content, self.pos + 1)
            block = blocks[-1]
            extra = " " + content
            self._ext.append(extra)
            q = _quote_counts(extra)
            self._q = (self._q[0] + q[0], self._q[1] + q[1], self._q[2] + q[2])
            self.pos += len(extra)
            blocks[-1] = Block("paragraph", block.start, block.end + len(extra), 0)
            self.repairs += 1
            self._soft = False
            self._join_soft_heading_before()
            return
        if soft_heading:
            self.add("heading", content, prefix, level=2)
            self._soft = True
        else:
            self.add("paragraph", content, prefix)

    def _recorded(
        self, kind: BlockKind, content: str, markers: tuple[str, str], begin: int, at: int
    ) -> str:
        """``add``'s rewrite of ``content`` at ``at`` when ``rewrites`` are recorded: a block
        it empties (with its ``markers``, prefix and suffix) is kept for the next block,
        which it then stood before (at ``begin``)."""
        assert self.rewrites is not None
        n = len(self.rewrites)
        written = content
        if self.inline is not None and kind in _PROSE:
            content = self._inline(content, at)
        if not content or content.isspace():
            if written.strip():
                del self.rewrites[n:]  # the content's own rewrite: the whole block stands
                self._dropped.append(markers[0] + written + markers[1])
        elif self._dropped:
            blocks = "".join(w + "\n\n" for w in self._dropped)
            self.rewrites.insert(n, (begin, 0, blocks, []))
            self._dropped.clear()
        return content

    def _inline(self, content: str, at: int) -> str:
        """``inline(content)`` for a block's content at ``at``, recorded if asked."""
        assert self.inline is not None
        if self.rewrites is None:
            return self.inline(content)
        out, segments = rewrite_mapped(content)
        if out != content:
            self.rewrites.append((at, len(out), content, segments))
        return out

    def _join_soft_heading_before(self) -> None:
        """After a repair, re-check a guessed heading just before the repaired paragraph.

        The heading was kept apart when the next part did not finish a sentence; now that
        the paragraph does, the same rule must join them, or normalising the output again
        would (normalisation is idempotent: found by the property tests).
        """
        blocks = self.blocks
        if not (self._prev_soft and len(blocks) >= 2 and blocks[-2].kind == "heading"):
            return
        self._materialise()
        head, para = blocks[-2], blocks[-1]
        if self._last[-1] not in _TERMINAL or not continues(self._prev_last, self._last):
            return
        joined = self.parts[-2] + " " + self.parts[-1]
        del self.parts[-1]
        self.parts[-1] = joined
        self.pos -= 1  # "\n\n" between them became " "
        if self.rewrites:  # (the paragraph's own rewrites moved with it)
            self.rewrites[:] = [
                (at - 1 if at > head.end else at, n, written, segments)
                for at, n, written, segments in self.rewrites
            ]
        blocks[-2:] = [Block("paragraph", head.start, para.end - 1, 0)]
        self._last = joined
        self._q = _quote_counts(joined)
        self._prev_soft, self._prev_last = False, ""
        self.repairs += 1

    def text(self) -> str:
        self._materialise()
        if self._dropped and self.rewrites is not None:  # they stood at the end
            written = "".join("\n\n" + w for w in self._dropped)
            self.rewrites.append((self.pos, 0, written if self.parts else written[2:], []))
            self._dropped.clear()
        return "\n\n".join(self.parts)
