"""The reader's quote corrections: "mark as a quote" (Q) and "not a quote" (X).

A mixin of ``ReaderScreen``. The analysis is a suggestion (VISION §3): the reader's fixes
are saved with the notes and the analysis re-runs with them, as after a link (L).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from closeread.document import Document
from closeread.notes.model import QuoteCorrection, SpanRef

if TYPE_CHECKING:
    from closeread.analysis import Citation
    from closeread.notes.store import NotesStore


class QuoteActions(Screen[None]):
    """Quote corrections of the reader screen (mixed into ``ReaderScreen``)."""

    if TYPE_CHECKING:
        doc: Document
        store: NotesStore

        def target_span(self) -> tuple[int, int]: ...
        def citation_here(self) -> Citation | None: ...
        def _clear_selection(self) -> None: ...
        def _changed(self, message: str | None = None) -> None: ...
        def run_analysis(self) -> Any: ...

    def action_mark_quote(self) -> None:
        from closeread.tui.screens.dialogs import SourceDialog

        start, end = self.target_span()
        if end <= start:
            self.notify("nothing to mark here")
            return
        quote = self.doc.text[start:end]

        def marked(source: str | None) -> None:
            if source is None:
                return
            self.store.set_quote(QuoteCorrection(SpanRef(quote, start, end), "add", source))
            self._clear_selection()
            self._changed(f"marked as a quote{f' from {source}' if source else ''}")
            self.run_analysis()

        self.app.push_screen(SourceDialog(quote), marked)

    def action_unmark_quote(self) -> None:
        citation = self.citation_here()
        if citation is None:
            self.notify("X works on a citation: move to one first (})")
            return
        from closeread.tui.screens.confirm import ConfirmDialog

        span = SpanRef(citation.quote, citation.start, citation.end)
        who = f" ({citation.source_name})" if citation.source_name else ""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.store.set_quote(QuoteCorrection(span, "remove"))
            self._changed(f"{citation.id} is not a quote: the analysis runs again")
            self.run_analysis()

        # Its claim links go with it, and z does not undo corrections: ask first.
        question = (
            f"Treat {citation.id}{who} as not a quote? Claims lose their links to it; "
            "Q on the same text marks it again."
        )
        self.app.push_screen(ConfirmDialog(question), answered)
