"""Selections inside a sentence: word by word, or the search match. A mixin of ``ReaderScreen``.

``w`` / ``shift+→`` starts a selection on the word at the cursor (after ``v``: the first
word of the selected sentence) and then moves its moving end one word on; ``W`` /
``shift+←`` one word back (shrinking, then growing backwards past where it started).
``s`` turns the search match under the cursor into the selection. ``a`` and ``h`` then
note exactly those words; ``escape`` clears, as for sentence selections.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from closeread.document import Document
from closeread.navigation import word_after, word_before

if TYPE_CHECKING:
    from closeread.tui.widgets.article import Article


class SelectionActions(Screen[None]):
    """Word and search-match selections (mixed into ``ReaderScreen``)."""

    if TYPE_CHECKING:
        doc: Document
        cursor: tuple[int, int]
        selection_anchor: tuple[int, int] | None
        on_match: bool

        @property
        def article(self) -> Article: ...
        def move_to(self, span: tuple[int, int], *, jump: bool = False) -> None: ...
        def update_status(self) -> None: ...

    _word_anchor: tuple[int, int] | None = None
    """The word a word selection started on (while ``selection_anchor`` is that word)."""

    @property
    def selecting_words(self) -> bool:
        """True while the selection was started (or narrowed) word by word."""
        return self.selection_anchor is not None and self.selection_anchor == self._word_anchor

    def _start_words(self, word: tuple[int, int]) -> None:
        self.move_to(word)
        self.selection_anchor = self._word_anchor = word
        self.article.set_selection(word)
        self.update_status()

    def action_select_word(self, n: int) -> None:
        """Start a word selection, or move its moving end ``n`` words (±1)."""
        text = self.doc.text
        if not self.selecting_words:
            start = self.selection_anchor[0] if self.selection_anchor else self.cursor[0]
            word = word_after(text, start)
            if word is None:
                self.notify("no word here to select")
                return
            self._start_words(word)
            self.notify(
                "selecting words: w/shift+→ and W/shift+← move the end; "
                "a (note) or h (highlight); escape clears",
                markup=False,
            )
            return
        s, e = self.cursor
        word = word_after(text, e) if n > 0 else word_before(text, s)
        if word is None:
            return
        anchor = self.selection_anchor
        self.move_to(word)
        self.selection_anchor = anchor
        self._cursor_changed_selection()

    def _cursor_changed_selection(self) -> None:
        a, c = self.selection_anchor, self.cursor
        if a is not None:
            self.article.set_selection((min(a[0], c[0]), max(a[1], c[1])))
        self.update_status()

    def action_select_match(self) -> None:
        """Make the search match under the cursor the selection (one key, then a or h)."""
        if not self.on_match:
            self.notify("no search match here: / searches, n/N go to the matches", markup=False)
            return
        self._start_words(self.cursor)
        self.notify(
            "the match is selected: a (note) or h (highlight); w/W extend by word", markup=False
        )
