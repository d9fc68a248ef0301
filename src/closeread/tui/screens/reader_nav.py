"""The reader's navigation: sentences, pages, claims, citations, follow, history, search.

A mixin of ``ReaderScreen``: it moves the cursor with pure core lookups (``navigation``)
and leaves drawing to the screen (``move_to``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import Input

from closeread.analysis import Analysis, Citation, Claim
from closeread.document import Document
from closeread.navigation import AnalysisIndex, JumpHistory, find_all, step_offsets
from closeread.spans import SpanArray

if TYPE_CHECKING:
    from closeread.tui.widgets.article import Article


class NavigationActions(Screen[None]):
    """Navigation and search actions of the reader screen (mixed into ``ReaderScreen``)."""

    if TYPE_CHECKING:
        doc: Document
        analysis: Analysis
        index: AnalysisIndex
        cursor: tuple[int, int]
        history: JumpHistory
        _follow: tuple[str, list[str], int, tuple[int, int]] | None
        matches: SpanArray
        search_query: str
        match_index: int | None
        on_match: bool
        selection_anchor: tuple[int, int] | None

        @property
        def article(self) -> Article: ...
        def move_to(self, span: tuple[int, int], *, jump: bool = False) -> None: ...
        def _step(self, offset: int, n: int) -> tuple[int, int]: ...
        def _unit_at(self, offset: int) -> tuple[int, int]: ...
        def claim_here(self) -> Claim | None: ...
        def citation_here(self) -> Citation | None: ...
        def update_status(self) -> None: ...
        def mount_search(self) -> None: ...

    # -- navigation actions -------------------------------------------------------------

    def action_details(self) -> None:
        """Open the detail view of the citation (else the claim) under the cursor."""
        from closeread.tui.screens.detail import CitationDetail, ClaimDetail

        citation, claim = self.citation_here(), self.claim_here()
        if citation is not None:
            number = f"{self.analysis.citations.index(citation) + 1}/{len(self.analysis.citations)}"
            self.app.push_screen(CitationDetail(citation, self.analysis, number))
        elif claim is not None:
            number = f"{self.analysis.claims.index(claim) + 1}/{len(self.analysis.claims)}"
            self.app.push_screen(ClaimDetail(claim, self.analysis, number))
        else:
            self.notify("No claim or citation here: ] and } move to one.")

    def action_cursor(self, n: int) -> None:
        self._follow = None
        self.move_to(self._step(self.cursor[0], n))

    def action_page(self, n: int) -> None:
        article = self.article
        before = round(article.scroll_y)
        top = article.scroll_rows(n * max(article.view_height - 2, 1))
        if round(article.scroll_y) == before:
            self.action_edge(n)
            return
        if round(article.scroll_y) > 0:
            # Land below the top margin, so putting the cursor in view does not scroll back.
            top = article.wrapped.offset_of(round(article.scroll_y) + article.context_rows)
        unit = self._unit_at(top)
        self.move_to(unit if unit[0] >= top else self._step(top, 1))

    def action_edge(self, n: int) -> None:
        blocks = self.doc.blocks
        if not blocks:
            return
        self.move_to(self._unit_at(blocks[-1].end - 1 if n > 0 else blocks[0].start), jump=True)

    def _next_target(self, kind: str, n: int) -> tuple[int, int] | None:
        """The span of the next (n > 0) or previous claim / citation / unsupported claim."""
        index = self.index.citations if kind == "citation" else self.index.claims
        i = index.step(self.cursor[0], n)
        while i is not None and kind == "unsupported":
            if not self.analysis.claims[index.keys[i]].supported:
                break
            i = index.step(index.starts[i], n)
        return None if i is None else (index.starts[i], index.ends[i])

    def action_jump(self, n: int, kind: str) -> None:
        label = {"claim": "claims", "citation": "citations", "unsupported": "unsupported claims"}[
            kind
        ]
        span = self._next_target(kind, n)
        if span is None:
            where = "after" if n > 0 else "before"
            wait = "" if self.analysis.complete else " yet (analysis is running)"
            self.notify(f"no {label} {where} this point{wait}", markup=False)
            return
        self._follow = None
        self.move_to(span, jump=True)

    def action_follow(self) -> None:
        a = self.analysis
        if self._follow is not None and self._follow[3] == self.cursor:
            origin, targets, index, _ = self._follow
        else:
            claim, citation = self.claim_here(), self.citation_here()
            if citation is not None and (
                claim is None or self.cursor == (citation.start, citation.end)
            ):
                origin, targets = citation.id, [k.id for k in a.claims_citing(citation.id)]
                if not targets:
                    self.notify(f"citation {citation.id} backs no claim", markup=False)
                    return
            elif claim is not None:
                origin, targets = claim.id, list(claim.citations)
                if not targets:
                    self.notify(f"claim {claim.id} has no citation", markup=False)
                    return
            else:
                self.notify("nothing to follow here: move to a claim (]) or a citation (})")
                return
            index = -1
        index = (index + 1) % len(targets)
        target_id = targets[index]
        found = a.citation(target_id) or next((k for k in a.claims if k.id == target_id), None)
        if found is None:
            return
        span = (found.start, found.end)
        if len(targets) == 1 and span == self.cursor:
            # Enter again on the only target: there is nothing to cycle to, so follow the
            # link back to where it came from (claim -> quote -> claim), and say so.
            back = a.citation(origin) or next((k for k in a.claims if k.id == origin), None)
            if back is not None:
                self.notify(f"back to {origin} (its only link)", markup=False)
                self.move_to((back.start, back.end), jump=True)
                self._follow = None
            return
        self.move_to(span, jump=True)
        self._follow = (origin, targets, index, span)
        if len(targets) > 1:
            self.notify(f"{index + 1}/{len(targets)}: enter again for the next", markup=False)

    def action_history(self, n: int) -> None:
        target = (
            self.history.back(self.cursor[0]) if n < 0 else self.history.forward(self.cursor[0])
        )
        if target is None:
            self.notify("no further jump history" if n < 0 else "nothing to go forward to")
            return
        self._follow = None
        self.move_to(self._span_from(target))

    def _span_from(self, offset: int) -> tuple[int, int]:
        """The citation or claim starting at ``offset`` (what a jump landed on), else its unit."""
        for index in (self.index.citations, self.index.claims):
            found = [i for i in index.at(offset) if index.starts[i] == offset]
            if found:
                return index.starts[found[-1]], index.ends[found[-1]]
        return self._unit_at(offset)

    # -- search -------------------------------------------------------------------------

    def _search_input(self) -> Input | None:
        """The search field; None before it is mounted (a moment after the first frame)."""
        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        search = self._search_input()
        if search is None:
            self.mount_search()
            self.call_after_refresh(self.action_search)
            return
        search.display = True
        search.value = self.search_query
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.display = False
        self.article.focus()
        self.search_query = event.value
        self.matches = find_all(self.doc.text, self.search_query)
        self.article.set_matches(self.matches)
        self.match_index = None
        if len(self.matches):
            self.action_search_step(1, jump=True)
        else:
            if self.search_query:
                self.notify(f"no matches for “{self.search_query}”", markup=False)
            self.update_status()

    def search_status(self) -> str:
        """"match i/N for “query”" on a match, "N matches for “query”" elsewhere."""
        count = len(self.matches)
        if not self.search_query or not count:
            return ""
        i = self.match_index
        if self.on_match and i is not None:
            return f"match {i + 1}/{count} for “{self.search_query}”"
        return f"{count} match{'es' if count != 1 else ''} for “{self.search_query}”"

    def action_search_step(self, n: int, jump: bool = True) -> None:
        if not len(self.matches):
            self.notify("no search matches: press / to search")
            return
        i = step_offsets(self.matches.starts, self.cursor[0], n, wrap=True)
        if i is None:
            return
        start = self.matches.starts[i]
        wrapped = start <= self.cursor[0] if n > 0 else start >= self.cursor[0]
        self.match_index = i
        self.move_to(self.matches[i], jump=jump)
        # The match shows where the word is; notes still go on its sentence (target_span).
        self.on_match = True
        self.update_status()
        if wrapped and len(self.matches) > 1:
            where = "top" if n > 0 else "bottom"
            self.notify(f"search wrapped to the {where}", markup=False)

    def key_escape(self) -> None:
        search = self._search_input()
        if search is not None and search.display:
            search.display = False
            self.article.focus()
            return
        self.selection_anchor = None
        self.article.set_selection(None)
        self.matches = SpanArray()
        self.match_index = None
        self.article.set_matches(self.matches)
        self.update_status()
