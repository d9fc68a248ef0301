"""The bars and captions block-quote citations put on the article's blocks, kept per
citation so that an analysis update costs its new and changed citations only.

A block-quote citation indents every block it covers and, when it names a source or a
title, captions its last block ("— The Guardian, “Title”"); of several captions for one
block, the latest citation's shows. Quotes and list items of the text itself are always
indented (``ArticleLayout``'s own marks). Rebuilding that from every block quote on each
update (what ``ArticleLayout.decorations`` does) made each update cost the whole
document's block quotes on the screen's thread: seconds over a 50 MB book's analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set

from closeread.analysis.model import Citation
from closeread.tui.widgets.article_layout import ArticleLayout

Span = tuple[int, int, str]
"""A block quote's first and last block and its caption ("" for none)."""


class QuoteDecorations:
    """What block-quote citations add to one layout's ``indented`` and ``captions``
    (which it changes in place)."""

    __slots__ = ("_captioned", "_covered", "_of", "layout")

    def __init__(self, layout: ArticleLayout) -> None:
        self.layout = layout
        self._of: dict[int, Span] = {}
        """Each block-quote citation's span, by citation number."""
        self._covered: dict[int, int] = {}
        """How many block-quote citations cover each block (blocks with none: absent)."""
        self._captioned: dict[int, dict[int, str]] = {}
        """The captions each block is given, by citation number."""

    def reset(self, citations: Sequence[Citation], quotes: Set[int]) -> set[int]:
        """Decorate for every block quote in ``quotes`` (citation numbers) from scratch;
        the blocks whose decoration changed."""
        layout = self.layout
        was = (layout.indented - layout.own_marks) | layout.captions.keys()
        self._of.clear()
        self._covered.clear()
        self._captioned.clear()
        return self._settle(was | self._take(citations, sorted(quotes), quotes))

    def update(
        self, citations: Sequence[Citation], numbers: Iterable[int], quotes: Set[int]
    ) -> set[int]:
        """Take in the citations ``numbers`` (new, replaced or renamed), of which those in
        ``quotes`` are block quotes now; the blocks whose decoration changed."""
        return self._settle(self._take(citations, numbers, quotes))

    def _take(
        self, citations: Sequence[Citation], numbers: Iterable[int], quotes: Set[int]
    ) -> set[int]:
        touched: set[int] = set()
        for i in numbers:
            old = self._of.pop(i, None)
            if old is not None:
                self._count(i, old, -1, touched)
            if i in quotes and i < len(citations):
                span = self._span(citations[i])
                if span is not None:
                    self._of[i] = span
                    self._count(i, span, 1, touched)
        return touched

    def _span(self, c: Citation) -> Span | None:
        layout = self.layout
        if not layout.blocks:
            return None
        first, last = layout.block_at(c.start), layout.block_at(max(c.end - 1, c.start))
        parts = [p for p in (c.source_name, f"“{c.title}”" if c.title else "") if p]
        return first, last, "— " + ", ".join(parts) if parts else ""

    def _count(self, i: int, span: Span, step: int, touched: set[int]) -> None:
        first, last, caption = span
        covered = self._covered
        for b in range(first, last + 1):
            n = covered.get(b, 0) + step
            if n:
                covered[b] = n
            else:
                covered.pop(b, None)
        touched.update(range(first, last + 1))
        if caption:
            given = self._captioned.setdefault(last, {})
            if step > 0:
                given[i] = caption
            else:
                given.pop(i, None)
                if not given:
                    del self._captioned[last]

    def _settle(self, blocks: Iterable[int]) -> set[int]:
        """Bring the layout's marks of ``blocks`` in line; those that changed."""
        layout = self.layout
        indented, captions, own = layout.indented, layout.captions, layout.own_marks
        changed: set[int] = set()
        for b in blocks:
            indent = b in own or b in self._covered
            if indent != (b in indented):
                if indent:
                    indented.add(b)
                else:
                    indented.discard(b)
                changed.add(b)
            given = self._captioned.get(b)
            caption = given[max(given)] if given else None
            if caption != captions.get(b):
                if caption is None:
                    del captions[b]
                else:
                    captions[b] = caption
                changed.add(b)
        return changed


__all__ = ["QuoteDecorations"]
