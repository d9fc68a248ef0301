"""The article pane: a virtualised view of the document with claims, citations and notes marked.

Only the rows on screen are rendered (``render_line``), from rows wrapped lazily by
``ArticleLayout``; each row is styled from span indexes (bisect), never by scanning the
document. Document text always goes into ``Segment``s as plain text, never through markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from time import perf_counter
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.navigation import AnalysisIndex
from closeread.notes.model import Note
from closeread.spans import SpanArray
from closeread.tui.visible import PLACEHOLDER, char_cells, visible
from closeread.tui.widgets.article_layout import INDENT, ArticleLayout, Row
from closeread.tui.widgets.article_marks import ArticleMarks, Mark, pieces
from closeread.tui.widgets.article_quotes import QuoteDecorations

#: Cells on the left for the cursor / selection glyph, the claim glyph and the note glyph.
GUTTER = 3
#: Longest row, in cells: long lines are hard to read.
MAX_TEXT_WIDTH = 96
#: Background wrapping: this many seconds of work every WRAP_INTERVAL seconds, so keys and
#: the analysis worker keep most of the CPU.
WRAP_SLICE = 0.004
WRAP_INTERVAL = 1 / 20
#: While the background wrapping only changes heights below the view, the scroll range
#: (a new layout of the screen, ~5-10 ms) is updated at most this often, not every step.
SIZE_SYNC_EVERY = 1.0
#: An analysis update that changes the decoration of at most this many blocks re-wraps
#: them at once (a book's updates touch ~10-30); more are left to the background wrapping.
REWRAP_AT_ONCE = 64
#: Drawn rows kept (``render_line``'s cache): this many screens' worth, at least
#: ROWS_KEPT_MIN. Each row drawn carries the pieces Textual cuts and styles from it (a
#: ``Strip`` with seven caches each): ~1 kB a row kept, and ``j`` through a book draws new
#: rows all the time (x15: ~10 MiB when 1,024 were kept whatever the height).
ROWS_KEPT_SCREENS = 4
ROWS_KEPT_MIN = 128
#: Rows kept visible above and below the cursor when scrolling to it: at least this many,
#: or CONTEXT_SHARE of the view's height, whichever is more (but at most a quarter).
CONTEXT_ROWS = 3
CONTEXT_SHARE = 0.2

_BLOCK_CLASS = {
    "title": "article--title",
    "byline": "article--byline",
    "publisher": "article--byline",
    "metadata": "article--byline",
    "heading": "article--heading",
    "quote": "article--quote",
    "code": "article--code",
    "reference": "article--byline",
}


class Article(ScrollView, can_focus=True, inherit_bindings=False):
    """The document, wrapped to the width, with the cursor sentence and every mark styled."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--cursor",
        "article--claim",
        "article--unsupported",
        "article--citation",
        "article--quote",
        "article--note",
        "article--highlight",
        "article--selection",
        "article--match",
        "article--heading",
        "article--title",
        "article--byline",
        "article--bar",
        "article--caption",
        "article--code",
        "article--gutter",
        "article--unsupported-mark",
        "article--claim-mark",
        "article--link",
        "article--hidden-char",
    }

    # Most sentences of an op-ed are claims: underlining or tinting them all makes the page
    # tiring to read, so claims are marked in the margin (✓ backed, ✗ unsupported), like a
    # teacher's pencil; .article--claim / .article--unsupported style their text if wanted.
    # Every mark keeps a non-colour cue (glyph, italic, bold, reverse).
    DEFAULT_CSS = """
    Article { background: $surface; color: $foreground; }
    Article > .article--cursor { background: $foreground 15%; }
    Article > .article--unsupported-mark { color: $text-error; }
    Article > .article--claim-mark { color: $text-success; }
    Article > .article--citation { text-style: italic; color: $text-secondary; }
    Article > .article--quote { text-style: italic; }
    Article > .article--note { background: $secondary 25%; }
    Article > .article--highlight { background: $warning 30%; }
    Article > .article--selection { text-style: reverse; }
    Article > .article--match { background: $success 40%; text-style: bold underline; }
    Article > .article--heading { text-style: bold underline; }
    Article > .article--title { text-style: bold; color: $text-accent; }
    Article > .article--byline { color: $text-muted; }
    Article > .article--bar { color: $secondary; }
    Article > .article--caption { text-style: italic; color: $text-muted; }
    Article > .article--code { color: $text-muted; }
    Article > .article--gutter { color: $accent; text-style: bold; }
    Article > .article--link { text-style: underline; color: $text-secondary; }
    Article > .article--hidden-char { text-style: dim; }
    """

    class CursorMoved(Message):
        """The reader clicked a place in the text."""

        def __init__(self, article: Article, offset: int) -> None:
            super().__init__()
            self.article = article
            self.offset = offset

        @property
        def control(self) -> Article:
            return self.article

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Article.CursorMoved)

    def __init__(self, doc: Document, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.doc = doc
        self.wrapped = ArticleLayout(doc.text, doc.blocks, 80)
        self._decorations: QuoteDecorations | None = None
        """What the block quotes add to ``wrapped`` (made again for a new layout)."""
        self._laid_out = False
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(ROWS_KEPT_MIN)
        self._size_pending = False
        self._size_synced = 0.0
        """When the scroll range last followed the layout's height (``_sync_size``)."""
        self._styles: dict[str, Style] = {}
        self._wrap_timer: Timer | None = None
        self._wrap_held = False
        """The background wrapping waits (``hold_wrapping``)."""
        self.marks = ArticleMarks()
        """Claims, citations, notes and matches by position."""
        self.cursor: tuple[int, int] | None = None
        """The current sentence (or block, before sentences are known)."""
        self.selection: tuple[int, int] | None = None

    # -- data pushed down by the screen ---------------------------------------------------

    def layout_for(self, doc: Document) -> ArticleLayout:
        """A layout of ``doc`` for ``set_document`` (any thread: it reads only the width)."""
        return ArticleLayout(doc.text, doc.blocks, self.wrapped.width)

    def set_document(self, doc: Document, rows: ArticleLayout | None = None) -> None:
        """Show ``doc``, which starts like the current one (the full text after its head),
        keeping the row at the top of the view where it is. ``rows``: its layout from
        ``layout_for`` (made now if None)."""
        old = self.wrapped
        found = old.locate(round(self.scroll_y)) if self._laid_out else None
        self.doc = doc
        if rows is None or rows.text is not doc.text:
            rows = ArticleLayout(doc.text, doc.blocks, old.width)
        elif rows.width != old.width:  # resized meanwhile
            rows.reset(old.width)
        self.wrapped = rows
        if not self._laid_out:
            return
        anchor = old.blocks[found[0]].start if found else 0
        self._wrap_near(anchor, self.view_height)
        self._sync_size()
        if found is not None:
            self._scroll_rows(self.wrapped.top_of(self.wrapped.block_at(anchor)) + found[1])
        self._changed()
        if self._wrap_timer is not None:
            self._wrap_timer.resume()

    def set_analysis(self, analysis: Analysis, index: AnalysisIndex | None = None) -> None:
        """Mark the claims and citations found so far (``index`` saves building it twice)."""
        self.marks.set_analysis(analysis, index or AnalysisIndex(analysis))
        self._decorate(analysis)
        self._changed()

    def update_analysis(
        self,
        analysis: Analysis,
        index: AnalysisIndex,
        first: int,
        changed: Iterable[int],
        spans: Iterable[tuple[int, int]] | None = None,
        renamed: Iterable[int] = (),
    ) -> None:
        """``set_analysis`` for a grown analysis: citations from ``first`` on are new,
        ``changed`` ones were replaced (``index`` is already updated), ``renamed`` ones
        have another source (a block quote's caption names it). ``spans``: the text the
        change can mark (new and changed claims and citations); only rows there are drawn
        again, and nothing when none is on screen (None: all of them)."""
        changed = set(changed)
        self.marks.update_analysis(analysis, index, first, changed)
        self._decorate(analysis, [*changed, *renamed, *range(first, len(analysis.citations))])
        if spans is None:
            self._changed()
        else:
            self._changed_spans(spans)

    def _changed_spans(self, spans: Iterable[tuple[int, int] | None]) -> None:
        """Forget the drawn rows of the blocks ``spans`` meet and repaint those of them in
        view (nothing when none is): a key that moves the cursor one sentence redraws two
        sentences' rows, not the screen."""
        layout = self.wrapped
        if not layout.blocks or not self._laid_out:
            self._changed()
            return
        blocks: set[int] = set()
        for span in spans:
            if span is not None:
                start, end = span
                end_block = layout.block_at(max(end - 1, start))
                blocks.update(range(layout.block_at(start), end_block + 1))
        if not blocks:
            return
        for key in [k for k in self._cache.keys() if k[0] in blocks]:  # noqa: SIM118 (no __iter__)
            self._cache.discard(key)
        top, height = round(self.scroll_y), self.view_height
        first, last = layout.locate(top), layout.locate(top + height - 1)
        lo = first[0] if first is not None else 0
        hi = last[0] if last is not None else len(layout.blocks) - 1
        shown = sorted(b for b in blocks if lo <= b <= hi)
        if not shown:
            return
        # The rows of the blocks met, from the first one's top to the last one's end.
        y0 = max(layout.top_of(shown[0]) - top, 0)
        y1 = min(layout.top_of(shown[-1]) + layout.block_height(shown[-1]) - top, height)
        if y1 > y0:
            self.refresh(Region(0, y0, self.scrollable_content_region.width, y1 - y0))

    def _decorate(self, analysis: Analysis, numbers: Iterable[int] | None = None) -> None:
        """Bars beside block quotes and a caption with their source under the last block:
        for the citations ``numbers`` (new, replaced, renamed), or all of them (None, or
        a new layout)."""
        layout = self.wrapped
        quotes = self.marks.block_quotes
        decorations = self._decorations
        if numbers is None or decorations is None or decorations.layout is not layout:
            decorations = self._decorations = QuoteDecorations(layout)
            touched = decorations.reset(analysis.citations, quotes)
        else:
            touched = decorations.update(analysis.citations, numbers, quotes)
        if touched:

            def rewrap() -> None:
                layout.invalidate(touched)
                if len(touched) <= REWRAP_AT_ONCE:
                    # Exact heights now (~0.1 ms a block), not estimates that the next
                    # frame's rows correct one by one, each moving every row below.
                    for i in touched:
                        layout.row_count(i)

            self._relayout(rewrap, lazy_size=True)

    def set_notes(self, notes: Sequence[Note]) -> None:
        # Drawn anew only when the notes mark the text otherwise: the same notes given
        # again (a big book's notes opening with none, a save) keep the drawn rows.
        if self.marks.set_notes(notes):
            self._changed()

    def set_matches(self, matches: SpanArray) -> None:
        self.marks.matches = matches
        self._changed()

    def set_selection(self, span: tuple[int, int] | None) -> None:
        old, self.selection = self.selection, span
        self._changed_spans([old, span])

    def set_cursor(self, span: tuple[int, int] | None, scroll: bool = True) -> None:
        """Move the cursor to ``span`` and (by default) scroll so it is in view."""
        old = self.cursor
        self.cursor = span
        if span is not None and scroll:
            self.show_span(*span)
        if span != old:
            self._changed_spans([old, span])

    # -- scrolling ----------------------------------------------------------------------

    @property
    def view_height(self) -> int:
        return max(self.scrollable_content_region.height, 1)

    @property
    def context_rows(self) -> int:
        """Rows kept in view above and below the cursor."""
        h = self.view_height
        return min(max(CONTEXT_ROWS, int(h * CONTEXT_SHARE)), h // 4)

    def show_span(self, start: int, end: int) -> None:
        """Scroll the least needed to show ``[start, end)`` with a few rows of context."""
        layout, h = self.wrapped, self.view_height
        self._wrap_near(start, h)
        y0, y1 = layout.y_of(start), layout.y_of(max(end - 1, start))
        context = self.context_rows
        top = round(self.scroll_y)
        if y0 < top + context:
            top = y0 - context
        elif y1 > top + h - 1 - context:
            top = min(y1 + context - h + 1, y0 - context)
        self._scroll_rows(top)

    def scroll_rows(self, delta: int) -> int:
        """Scroll by ``delta`` rows; return the text offset now at the top."""
        top = round(self.scroll_y) + delta
        self._wrap_near(self.wrapped.offset_of(top), self.view_height)
        self._scroll_rows(top)
        return self.wrapped.offset_of(round(self.scroll_y))

    def visible_offsets(self) -> tuple[int, int]:
        """Text offsets at the top and the bottom of the view."""
        top = round(self.scroll_y)
        return self.wrapped.offset_of(top), self.wrapped.offset_of(top + self.view_height - 1)

    def _scroll_rows(self, top: int) -> None:
        top = min(max(top, 0), max(self.wrapped.height - self.view_height, 0))
        if top <= self.virtual_size.height - self.view_height:
            self._request_sync()  # the scroll range already reaches there
        else:
            self._sync_size()
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False, immediate=True, force=True)

    def _wrap_near(self, offset: int, rows: int) -> None:
        """Wrap the blocks ``rows`` rows around ``offset`` so positions there are exact."""
        layout = self.wrapped
        if not layout.blocks:
            return
        here = layout.block_at(offset)
        total, i = 0, here
        while i >= 0 and total < rows:
            total += layout.row_count(i) + 1
            i -= 1
        total, i = 0, here
        while i < len(layout.blocks) and total < 2 * rows:
            total += layout.row_count(i) + 1
            i += 1

    # -- layout upkeep ------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._cache.maxsize = max(ROWS_KEPT_SCREENS * self.view_height, ROWS_KEPT_MIN)
        self._layout_to_width()

    def _layout_to_width(self) -> None:
        """Wrap (again) for the current width, keeping the cursor or top line in view."""
        # Count the scrollbar as always there: it appears after the first layout and must
        # not make the rows wrapped for the wider region overflow.
        scrollbar = self.styles.scrollbar_size_vertical
        width = min(max(self.size.width - scrollbar - GUTTER, 8), MAX_TEXT_WIDTH)
        if self._laid_out and width == self.wrapped.width:
            self._sync_size()
            return
        anchor = self.cursor[0] if self.cursor else self.wrapped.offset_of(round(self.scroll_y))
        self._laid_out = True
        self.wrapped.reset(width)
        self._wrap_near(anchor, self.view_height)
        self._sync_size()
        if self.cursor:
            self.show_span(*self.cursor)
        else:
            self._scroll_rows(self.wrapped.y_of(anchor))
        self._changed()
        if self._wrap_timer is None:
            self._wrap_timer = self.set_interval(WRAP_INTERVAL, self._wrap_step)
        else:
            self._wrap_timer.resume()

    def hold_wrapping(self, held: bool) -> None:
        """Hold the background wrapping (``held``) or let it go on. The reader holds it
        while a big text's analysis runs on both cores: it would take the analysis ~1 s
        of CPU at 50 MB (rows in view, and those a key goes to, are wrapped when read,
        so nothing shown changes; only the scrollbar's range stays estimated)."""
        self._wrap_held = held
        if not held and self._wrap_timer is not None:
            self._wrap_timer.resume()

    def _wrap_step(self) -> None:
        """Wrap more of the document in the background, a few milliseconds at a time."""
        if self._wrap_held:
            if self._wrap_timer is not None:
                self._wrap_timer.pause()
            return
        layout = self.wrapped
        found = layout.locate(round(self.scroll_y))
        deadline = perf_counter() + WRAP_SLICE
        done = layout.complete
        while not done and perf_counter() < deadline:
            done = layout.wrap_some(20)
        if found is not None:
            # Keep the row at the top of the view where it is while heights above it change.
            self._relayout(lambda: None, anchor=found, lazy_size=not done)
        if done and self._wrap_timer is not None:
            self._wrap_timer.pause()

    def _relayout(
        self,
        change: Callable[[], None],
        anchor: tuple[int, int] | None = None,
        lazy_size: bool = False,
    ) -> None:
        """Run ``change`` (which changes heights), keeping ``anchor`` (the block and row at
        the top of the view) in place. ``lazy_size``: when the view stays where it is, the
        scroll range may lag (``_request_sync``)."""
        layout = self.wrapped
        if anchor is None:
            anchor = layout.locate(round(self.scroll_y))
        change()
        if self._wrap_timer is not None:
            self._wrap_timer.resume()
        if anchor is not None and layout.top_of(anchor[0]) + anchor[1] == round(self.scroll_y):
            # The view stays: only the scroll range changes (a new layout of the screen).
            if lazy_size:
                self._request_sync()
            elif layout.height != self.virtual_size.height:
                self._sync_size()
            return
        if anchor is None:
            self._sync_size()
        else:  # (the scroll range follows at once only if the view needs it)
            self._scroll_rows(layout.top_of(anchor[0]) + anchor[1])

    def _request_sync(self) -> None:
        """Let the scroll range follow the layout's height soon: at most every
        SIZE_SYNC_EVERY seconds, as each change of it lays the whole screen out again
        (the background wrapping and the analysis' decorations change heights often)."""
        if self._size_pending or self.wrapped.height == self.virtual_size.height:
            return
        self._size_pending = True
        wait = SIZE_SYNC_EVERY - (perf_counter() - self._size_synced)
        if wait > 0:
            self.set_timer(wait, self._sync_size)
        else:
            self.call_after_refresh(self._sync_size)

    def _sync_size(self) -> None:
        self._size_pending = False
        self._size_synced = perf_counter()
        height = self.wrapped.height
        width = self.scrollable_content_region.width
        size = Size(width, height)
        if self.virtual_size == size:
            return
        if self._scroll_range_only(size):
            self._set_scroll_range(size)
        else:
            self.virtual_size = size

    def _scroll_range_only(self, size: Size) -> bool:
        """Whether ``size`` changes only the scroll range: the same width, and a height
        that keeps the vertical scrollbar as it is (shown before and after). The pane's
        own size never depends on its content (CSS ``1fr``), so nothing else on the
        screen moves."""
        if not self.show_vertical_scrollbar or size.width != self.virtual_size.width:
            return False
        view = self.container_size.height - self.scrollbar_size_horizontal
        return self.virtual_size.height > view and size.height > view

    def _set_scroll_range(self, size: Size) -> None:
        """Give the pane ``size`` as its virtual size without a layout of the screen:
        the scrollbar is told and redrawn, the scroll position kept in range. Textual
        lays the whole screen out on every change of a widget's virtual size (~5-10 ms
        of CPU for this screen; a 50 MB book's wrapping and analysis change it some 200
        times while it analyses, each right before a key)."""
        self.set_reactive(ScrollView.virtual_size, size)
        bar = self.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.refresh()
        if self.scroll_y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def _changed(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    # -- rendering ----------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            # The partial style drops alpha ("$accent 30%" would paint solid accent); take
            # the colours from the full style, where Textual blends them over the background.
            partial = self.get_component_rich_style(name, partial=True)
            full = self.get_component_rich_style(name)
            style = partial + Style(
                color=full.color if partial.color else None,
                bgcolor=full.bgcolor if partial.bgcolor else None,
            )
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        if not self._laid_out and self.size.width > 0:
            # The first frame is drawn before the Resize event arrives: lay out now, so the
            # text is in the first frame instead of one refresh (~16 ms) later.
            self._layout_to_width()
        line_y = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        found = self.wrapped.locate(line_y) if self._laid_out else None
        if found is None:
            return Strip.blank(width, self.rich_style)
        # Keyed by (block, row in block): stays right while heights above change.
        strip = self._cache.get(found)
        if strip is None:
            row = self.wrapped.row(line_y)
            strip = self._render_row(row, width) if row else Strip.blank(width, self.rich_style)
            self._cache[found] = strip
        if self.wrapped.height != self.virtual_size.height:
            self._request_sync()
        return strip

    def row_text(self, y: int) -> str:
        """The plain text of content row ``y`` as drawn (for tests and debugging)."""
        row = self.wrapped.row(y)
        return self._render_row(row, self.scrollable_content_region.width).text if row else ""

    def _render_row(self, row: Row, width: int) -> Strip:
        base = self.rich_style
        block = self.wrapped.blocks[row.block]
        segments = self._gutter(row, base)
        indented = self.wrapped.indented
        if row.block in indented:
            if block.kind == "list_item":
                pad = " " * (self.wrapped.indent(row.block) - INDENT)
                segments.append(Segment(pad + ("• " if row.first else "  "), base))
            elif row.kind == "blank" and row.block + 1 not in indented:
                pass  # the bar stops with the quote
            else:
                segments.append(Segment("▌ ", base + self._style("article--bar")))
        if row.kind == "caption":
            caption = visible(self.wrapped.captions.get(row.block, ""))
            room = self.wrapped.text_width(row.block)
            if cell_len(caption) > room:
                caption = set_cell_size(caption, room - 1) + "…"
            segments.append(Segment(caption, base + self._style("article--caption")))
        elif row.kind == "rule":
            segments.append(
                Segment("─" * min(40, self.wrapped.width), base + self._style("article--byline"))
            )
        elif row.kind == "text":
            block_class = _BLOCK_CLASS.get(block.kind)
            line_style = base + self._style(block_class) if block_class else base
            hidden, shown = self.wrapped.links(row.block)
            segments.extend(self._text_segments(row.start, row.end, line_style, hidden, shown))
        return Strip(segments).extend_cell_length(width, base)

    def _gutter(self, row: Row, base: Style) -> list[Segment]:
        """Three margin cells: cursor/selection, claim (✓ backed, ✗ unsupported), note."""
        if row.kind != "text":
            return [Segment(" " * GUTTER, base)]
        s, e = row.start, max(row.end, row.start + 1)
        mark = " "
        if self.cursor and self.cursor[0] < e and s < self.cursor[1]:
            mark = "▸"
        elif self.selection and self.selection[0] < e and s < self.selection[1]:
            mark = "┃"
        gutter = base + self._style("article--gutter")
        claim, claim_class, note = self.marks.gutter(s, e)
        claim_style = gutter + self._style(claim_class) if claim_class else gutter
        return [Segment(mark, gutter), Segment(claim, claim_style), Segment(note, gutter)]

    def _text_segments(
        self,
        start: int,
        end: int,
        line_style: Style,
        hidden: Sequence[tuple[int, int]] = (),
        links: Sequence[tuple[int, int]] = (),
    ) -> list[Segment]:
        """The row ``[start, end)`` styled; ``hidden`` spans are not drawn (link markup)."""
        marks: list[Mark] = [(s, e, "article--link") for s, e in links]
        marks.extend(self.marks.spans(start, end))
        if self.selection:
            marks.append((*self.selection, "article--selection"))
        if self.cursor:
            marks.append((*self.cursor, "article--cursor"))
        # A match stays visible inside the cursor sentence.
        marks.extend(self.marks.match_spans(start, end))
        text = self.doc.text
        segments = []
        for a, b, names in pieces(start, end, marks, hidden):
            style = line_style
            for name in names:
                style = style + self._style(name)
            part = text[a:b]
            if PLACEHOLDER.search(part):
                segments.extend(self._placeholder_segments(part, style))
            else:
                segments.append(Segment(visible(part), style))
        return segments

    def _placeholder_segments(self, part: str, style: Style) -> list[Segment]:
        """``part`` with its invisible and direction characters drawn as dim placeholders
        (see ``closeread.tui.visible``)."""
        dim = style + self._style("article--hidden-char")
        segments, last = [], 0
        for m in PLACEHOLDER.finditer(part):
            if m.start() > last:
                segments.append(Segment(visible(part[last : m.start()]), style))
            segments.append(Segment(visible(m.group()), dim))
            last = m.end()
        if last < len(part):
            segments.append(Segment(visible(part[last:]), style))
        return segments

    # -- mouse --------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.wrapped.row(round(self.scroll_y) + offset.y)
        if row is not None and row.kind == "text":
            column = max(offset.x - GUTTER - self.wrapped.indent(row.block), 0)
            hidden = self.wrapped.links(row.block)[0]
            text = self.doc.text
            position = row.start
            while position < row.end:  # walk the drawn cells (links hide some characters)
                if not any(s <= position < e for s, e in hidden):
                    cells = char_cells(text[position])
                    if column < cells:
                        break
                    column -= cells
                position += 1
            self.post_message(self.CursorMoved(self, min(position, max(row.end - 1, row.start))))
