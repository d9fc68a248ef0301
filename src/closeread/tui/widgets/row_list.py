"""A virtualised list of fixed-height rows, rendered lazily (the base of the side panels).

``OptionList`` measures and renders every option when options are added, which takes
about 0.6 s for the 10,000 claims of War and Peace; this list only keeps row keys and
renders the rows that are on screen (Line API, like Textual's ``Log``), so appending a
chunk of rows while the analysis streams in is O(chunk).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from closeread.tui.visible import visible_text

#: Rendered rows kept: this many screens' worth, at least ROWS_KEPT_MIN (each row's
#: strips carry the pieces Textual cuts from them: a panel walked through keeps no more
#: than a few screens, as the article does).
ROWS_KEPT_SCREENS = 4
ROWS_KEPT_MIN = 64


class RowList(ScrollView, can_focus=True):
    """Rows identified by string keys; a key of ``None`` is a heading that cannot be selected.

    Subclasses implement :meth:`render_row`. Every row is ``row_height`` lines high.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "cursor_page(-1)", "Page up", show=False),
        Binding("pagedown", "cursor_page(1)", "Page down", show=False),
        Binding("home", "cursor_edge(-1)", "First", show=False),
        Binding("end", "cursor_edge(1)", "Last", show=False),
        Binding("enter", "select_cursor", "Select", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--heading"}

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface;
        & > .row-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .row-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .row-list--heading { color: $text-accent; text-style: bold; }
    }
    """

    cursor: reactive[int | None] = reactive[int | None](None, always_update=True)
    """Index of the highlighted row (None: no row)."""

    class RowSelected(Message):
        """The user chose a row (enter or click)."""

        def __init__(self, row_list: RowList, key: str, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(
        self,
        row_height: int = 1,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.row_height = row_height
        self._keys: Sequence[str | None] = []
        self._index: Mapping[str, int] = {}
        """Key → row: a dict (``set_rows``), or a view of the caller's (``set_view``)."""
        self._cache: LRUCache[tuple[int, bool], list[Strip]] = LRUCache(ROWS_KEPT_MIN)
        """Rendered rows by (index, is cursor); cleared when the width or the styles change."""
        self._cache_width = 0
        self._size_stale = False
        """Rows came or went while the list was hidden (``_update_size``)."""

    # -- content -----------------------------------------------------------------------------

    def render_row(self, index: int, key: str | None, width: int) -> Sequence[Text]:
        """The lines of row ``index`` (at most ``row_height``); override in subclasses."""
        return [Text(key or "")]

    @property
    def keys(self) -> Sequence[str | None]:
        return self._keys

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_key(self) -> str | None:
        """Key of the highlighted row."""
        return self._keys[self.cursor] if self.cursor is not None else None

    def index_of(self, key: str) -> int | None:
        return self._index.get(key)

    def set_rows(self, keys: Iterable[str | None]) -> None:
        """Replace every row, keeping the cursor on the same key when it is still there."""
        old_key = self.cursor_key
        self._keys = list(keys)
        self._index = {k: i for i, k in enumerate(self._keys) if k is not None}
        self._cache.clear()
        self._update_size()
        new_cursor = self._index.get(old_key) if old_key is not None else None
        self.set_reactive(RowList.cursor, new_cursor)
        self.refresh()

    def set_view(self, keys: Sequence[str | None], index: Mapping[str, int]) -> None:
        """Every row from a live view: ``keys`` (which grows at the end as the caller's
        items do: ``view_grown``) and ``index``, key → row, the caller's own look-up. The
        list keeps no copy of either (a 50 MB book's outline has 300,000 rows)."""
        old_key = self.cursor_key
        self._keys, self._index = keys, index
        self._cache.clear()
        self._update_size()
        new_cursor = index.get(old_key) if old_key is not None else None
        self.set_reactive(RowList.cursor, new_cursor)
        self.refresh()

    def view_grown(self) -> None:
        """The view given to ``set_view`` has grown: show its new rows."""
        if self.virtual_size.height != len(self._keys) * self.row_height:
            self._update_size()
            self.refresh()

    def append_rows(self, keys: Iterable[str | None]) -> None:
        """Add rows at the end (cheap: nothing is rendered until it is on screen)."""
        if not isinstance(self._keys, list) or not isinstance(self._index, dict):
            raise TypeError("RowList.append_rows: the rows are a view (set_view)")
        start = len(self._keys)
        for offset, key in enumerate(keys):
            self._keys.append(key)
            if key is not None:
                self._index[key] = start + offset
        if len(self._keys) != start:
            self._update_size()
            self.refresh()

    def refresh_rows(self, indexes: Iterable[int] | None = None) -> None:
        """Forget the rendering of some rows (all when ``indexes`` is None) and repaint."""
        if indexes is None:
            self._cache.clear()
            self.refresh()
            return
        for index in indexes:
            self._cache.discard((index, True))
            self._cache.discard((index, False))
            self._refresh_row(index)

    def _update_size(self) -> None:
        if not all(node.display for node in self.ancestors):
            # In a hidden tab: a new scroll range would lay the whole screen out again
            # (on every analysis update) for nothing; it is set when the list shows.
            # (A list its panel hides itself, as the Notes list when empty, keeps it.)
            self._size_stale = True
            return
        self._size_stale = False
        height = len(self._keys) * self.row_height
        self.virtual_size = Size(self.scrollable_content_region.width, height)

    def _refresh_row(self, index: int) -> None:
        y = index * self.row_height - self.scroll_offset.y
        self.refresh(Region(0, y, self.size.width, self.row_height))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        rows = -(-self.size.height // self.row_height)
        self._cache.maxsize = max(ROWS_KEPT_SCREENS * rows, ROWS_KEPT_MIN)
        self._update_size()

    def on_focus(self) -> None:
        # Without a current item (set by mark_current), start on the first row so enter
        # works at once after tab, without an arrow key first.
        if self.cursor is None:
            self.cursor = self._step(0, 1)

    def on_show(self) -> None:
        if self._size_stale:
            self._update_size()
            if self.cursor is not None:
                self.scroll_to_row(self.cursor)  # the range reaches it now
        # mark_current may have moved the cursor while the list was in a hidden tab.
        if self.cursor is not None:
            self.call_after_refresh(self.scroll_to_row, self.cursor)

    # -- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, offset = divmod(line, self.row_height)
        if index >= len(self._keys) or width <= 0:
            return Strip.blank(width, self.rich_style)
        strips = self._row_strips(index, width)
        return strips[offset] if offset < len(strips) else Strip.blank(width, self.rich_style)

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        if width != self._cache_width:
            # The width changes without a Resize when the scrollbar comes or goes.
            self._cache.clear()
            self._cache_width = width
        is_cursor = index == self.cursor
        cache_key = (index, is_cursor)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        key = self._keys[index]
        base = self.rich_style
        overlay: Style | None = None
        if key is None:
            overlay = self.get_component_rich_style("row-list--heading")
        elif is_cursor:
            overlay = self.get_component_rich_style("row-list--cursor")
        console = self.app.console
        strips: list[Strip] = []
        for text in list(self.render_row(index, key, width))[: self.row_height]:
            line = visible_text(text.copy())  # document text: nothing hides in it
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis", pad=True)
            if overlay is not None:
                line.stylize(overlay)
            strip = Strip(line.render(console), line.cell_len)
            strips.append(strip.apply_style(base).apply_meta({"row": index}))
        while len(strips) < self.row_height:
            blank = Strip.blank(width, (base + overlay) if overlay else base)
            strips.append(blank.apply_meta({"row": index}))
        self._cache[cache_key] = strips
        return strips

    # -- cursor and selection -----------------------------------------------------------------

    def watch_cursor(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None and index < len(self._keys):
                self._refresh_row(index)
        if new is not None:
            self.scroll_to_row(new)

    def scroll_to_row(self, index: int) -> None:
        """Scroll just enough to show row ``index``."""
        if not self.is_mounted:
            return
        region = Region(0, index * self.row_height, 1, self.row_height)
        self.scroll_to_region(region, animate=False, force=True, immediate=True, x_axis=False)

    def move_to_key(self, key: str | None) -> None:
        """Highlight the row of ``key`` (or nothing) without posting a selection."""
        index = self._index.get(key) if key is not None else None
        if index != self.cursor:
            self.cursor = index

    def _step(self, start: int, direction: int) -> int | None:
        """The first selectable row from ``start`` in ``direction`` (``start`` included)."""
        index = start
        while 0 <= index < len(self._keys):
            if self._keys[index] is not None:
                return index
            index += direction
        return None

    def action_cursor(self, delta: int) -> None:
        if not self._keys:
            return
        if self.cursor is None:
            found = self._step(0 if delta > 0 else len(self._keys) - 1, 1 if delta > 0 else -1)
        else:
            found = self._step(self.cursor + delta, 1 if delta > 0 else -1)
        if found is not None:
            self.cursor = found

    def action_cursor_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.row_height - 1)
        if not self._keys:
            return
        target = min(max((self.cursor or 0) + direction * rows, 0), len(self._keys) - 1)
        found = self._step(target, direction) or self._step(target, -direction)
        if found is not None:
            self.cursor = found

    def action_cursor_edge(self, direction: int) -> None:
        if self._keys:
            start = 0 if direction < 0 else len(self._keys) - 1
            found = self._step(start, -direction)
            if found is not None:
                self.cursor = found

    def action_select_cursor(self) -> None:
        if self.cursor is None:
            return
        key = self._keys[self.cursor]
        if key is not None:
            self.post_message(self.RowSelected(self, key, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("row")
        if isinstance(index, int) and index < len(self._keys) and self._keys[index] is not None:
            self.cursor = index
            self.action_select_cursor()
