"""What the reader is doing with one document, and every decision about it that needs no
terminal: the cursor and its unit, jumps and their history, following links, search,
selections, the note under the cursor and the status line's words.

``ReaderScreen`` owns one ``ReadingSession``: a key becomes a call here, and the screen
draws what changed (the cursor when ``moves`` grew) and shows the returned message, if
any. Nothing here imports Textual, so all of it is unit-tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from closeread.analysis import Analysis, Citation, Claim
from closeread.document import Document
from closeread.navigation import (
    AnalysisIndex,
    JumpHistory,
    find_all,
    step_offsets,
    word_after,
    word_before,
)
from closeread.spans import SpanArray

if TYPE_CHECKING:
    from closeread.analysis.delta import Change
    from closeread.notes.model import Note
    from closeread.notes.store import NotesStore

Span = tuple[int, int]
JumpKind = Literal["claim", "citation", "unsupported"]
JUMP_LABELS = {"claim": "claims", "citation": "citations", "unsupported": "unsupported claims"}


@dataclass(frozen=True)
class Follow:
    """Where ``enter`` is in its cycle through a claim's citations (or a citation's claims)."""

    origin: str
    """The claim or citation followed from."""
    targets: tuple[str, ...]
    index: int
    """The target last landed on."""
    landed: Span
    """Its span: the cycle goes on only while the cursor is still there."""


class ReadingSession:
    """The reader's state over one document, its notes and its analysis."""

    def __init__(self, doc: Document, store: NotesStore | None, *, loading: bool = False) -> None:
        self.doc = doc
        """The document; its head only while ``loading``."""
        self.loading = loading
        """The full text of a big document is still being collected."""
        self.store = store
        """The notes; None until a big document's notes are open (note keys wait)."""
        self.analysis = Analysis()
        """The latest analysis handed over (an immutable snapshot)."""
        self.index = AnalysisIndex()
        """Span indexes over ``analysis`` (claims and citations by position)."""
        self.cursor: Span = (0, 0)
        """The current unit: a sentence, or the claim/citation/match jumped to."""
        self.provisional = True
        """The cursor is on a whole block because the sentences there are not known yet."""
        self.moves = 0
        """Grows at every cursor move, so the screen knows when to redraw the cursor."""
        self.history = JumpHistory()
        self.follow_state: Follow | None = None
        self.search_query = ""
        self.matches = SpanArray()
        self.match_index: int | None = None
        """The search match last jumped to."""
        self.on_match = False
        """The cursor is on a search match (notes then go on its sentence, not the word)."""
        self.selection_anchor: Span | None = None
        self.word_anchor: Span | None = None
        """The word a word selection started on (while ``selection_anchor`` is that word)."""
        self.chosen_note_id: str | None = None
        """The note last chosen in the Notes panel: e/d/t/m prefer it while under the cursor."""

    # -- what arrives: the full text, the notes, the analysis ----------------------------

    @property
    def loading_notes(self) -> bool:
        """True until the notes of a big document are open (note actions wait for it)."""
        return self.store is None

    @property
    def notes(self) -> list[Note]:
        return self.store.notes if self.store is not None else []

    def set_document(self, doc: Document) -> None:
        """The full text of a big document: the head's offsets are its own, so the cursor
        stays where it is."""
        self.doc = doc
        self.loading = False
        self.cursor = self.unit_at(min(self.cursor[0], len(doc.text)))

    def set_analysis(self, analysis: Analysis, index: AnalysisIndex | None = None) -> None:
        """Use ``analysis`` (``index``: its ``AnalysisIndex``, when built already)."""
        self.index = index if index is not None else AnalysisIndex(analysis)
        self.analysis = analysis
        if self.provisional and self.known(self.cursor[0]):
            # The cursor sat on a whole block while sentences there were unknown.
            self.cursor = self.unit_at(self.cursor[0])
            self.provisional = False

    def update_analysis(self, analysis: Analysis, change: Change) -> None:
        """``set_analysis`` for the same analysis grown by ``change`` (``analysis.delta``):
        the index takes in only what changed."""
        self.index.update(
            analysis,
            change.first_claim,
            change.first_citation,
            change.changed_claims,
            change.changed_citations,
        )
        self.analysis = analysis
        if self.provisional and self.known(self.cursor[0]):
            self.cursor = self.unit_at(self.cursor[0])
            self.provisional = False

    def analysis_failed(self) -> None:
        """The analysis stopped: what it found stays, and nothing more is awaited."""
        a = self.analysis
        self.analysis = Analysis(a.sentences, a.citations, a.sources, a.claims, a.progress, True)

    # -- units and the cursor ------------------------------------------------------------

    def known(self, offset: int) -> bool:
        """Whether the sentences around ``offset`` are known yet."""
        sentences = self.analysis.sentences
        if not len(sentences):
            return False
        return self.analysis.complete or offset < sentences.ends[-1]

    def step_stays_in_head(self) -> bool:
        """While only a big document's head is there (``loading``): whether a step of the
        cursor (``cursor_step(±1)``) lands in it, before its last block (which the full
        text may go on from). Such a key need not wait for the rest."""
        return self.loading and self._block_at(self.cursor[0]) + 2 < len(self.doc.blocks)

    def _block_at(self, offset: int) -> int:
        """Index of the block containing ``offset``, or the last one starting before it."""
        return self.doc.block_before(offset)

    def unit_at(self, offset: int) -> Span:
        """The sentence at (or before) ``offset``; the block while sentences are unknown there."""
        sentences = self.analysis.sentences
        if self.known(offset):
            i = sentences.index_at_or_before(offset)
            return sentences[i if i is not None else 0]
        blocks = self.doc.blocks
        if not blocks:
            return (0, 0)
        block = blocks[self._block_at(offset)]
        return block.start, block.end

    def step(self, offset: int, n: int) -> Span:
        """The unit ``n`` units from the one at ``offset``."""
        sentences = self.analysis.sentences
        if self.known(offset):
            here = sentences.index_at_or_before(offset)
            i = 0 if here is None else min(max(here + n, 0), len(sentences) - 1)
            if not (n > 0 and here == len(sentences) - 1 and not self.analysis.complete):
                return sentences[i]
        blocks = self.doc.blocks
        if not blocks:
            return (0, 0)
        block = blocks[min(max(self._block_at(offset) + n, 0), len(blocks) - 1)]
        return block.start, block.end

    def move_to(self, span: Span, *, jump: bool = False) -> None:
        """Put the cursor on ``span``; a jump is recorded in the history."""
        if jump and span != self.cursor:
            self.history.push(self.cursor[0])
        self.on_match = False
        self.cursor = span
        self.provisional = not self.known(span[0])
        self.moves += 1

    def start(self) -> None:
        """The cursor on the first unit (when the document opens)."""
        self.cursor = self.unit_at(self.doc.blocks[0].start if self.doc.blocks else 0)

    def click(self, offset: int) -> None:
        """The reader put the cursor at ``offset`` (a mouse click)."""
        self.follow_state = None
        self.move_to(self.unit_at(offset))

    def cursor_step(self, n: int) -> None:
        self.follow_state = None
        self.move_to(self.step(self.cursor[0], n))

    def page_to(self, top: int) -> None:
        """After a page scroll: the first unit starting at or after ``top``."""
        unit = self.unit_at(top)
        self.move_to(unit if unit[0] >= top else self.step(top, 1))

    def edge(self, n: int) -> None:
        """The last unit (n > 0) or the first."""
        blocks = self.doc.blocks
        if blocks:
            self.move_to(self.unit_at(blocks[-1].end - 1 if n > 0 else blocks[0].start), jump=True)

    def restore_place(self, offset: int) -> None:
        """Go back to ``offset``, where the reader left this document."""
        if 0 < offset < len(self.doc.text):
            # While the sentences there are unknown the cursor covers the rest of the block
            # from the exact offset; the analysis then narrows it to the sentence that
            # starts there (``set_analysis`` re-takes the unit at ``cursor[0]``).
            start, end = self.unit_at(offset)
            self.move_to((offset, max(end, offset)) if start < offset else (start, end))

    # -- claims and citations ------------------------------------------------------------

    def claim_here(self) -> Claim | None:
        """The claim containing the cursor's start, if any."""
        found = self.index.claims.at(self.cursor[0])
        return self.analysis.claims[self.index.claims.keys[found[-1]]] if found else None

    def citation_here(self) -> Citation | None:
        """The innermost citation containing the cursor's start, if any."""
        found = self.index.citations.at(self.cursor[0])
        return self.analysis.citations[self.index.citations.keys[found[-1]]] if found else None

    def _next_target(self, kind: JumpKind, n: int) -> Span | None:
        """The span of the next (n > 0) or previous claim / citation / unsupported claim."""
        index = self.index.citations if kind == "citation" else self.index.claims
        i = index.step(self.cursor[0], n)
        while i is not None and kind == "unsupported":
            if not self.analysis.claims[index.keys[i]].supported:
                break
            i = index.step(index.starts[i], n)
        return None if i is None else (index.starts[i], index.ends[i])

    def jump(self, n: int, kind: JumpKind) -> str | None:
        """Jump to the next (n > 0) or previous claim, citation or unsupported claim."""
        span = self._next_target(kind, n)
        if span is None:
            where = "after" if n > 0 else "before"
            wait = "" if self.analysis.complete else " yet (analysis is running)"
            return f"no {JUMP_LABELS[kind]} {where} this point{wait}"
        self.follow_state = None
        self.move_to(span, jump=True)
        return None

    def _span_of(self, item_id: str) -> Span | None:
        a = self.analysis
        found = a.citation(item_id) or next((k for k in a.claims if k.id == item_id), None)
        return None if found is None else (found.start, found.end)

    def follow(self) -> str | None:
        """``enter``: from a claim to its citations, from a citation to the claims it backs,
        one after the other; on the only target, back to where it came from."""
        a, state = self.analysis, self.follow_state
        if state is not None and state.landed == self.cursor:
            origin, targets, index = state.origin, state.targets, state.index
        else:
            claim, citation = self.claim_here(), self.citation_here()
            if citation is not None and (
                claim is None or self.cursor == (citation.start, citation.end)
            ):
                origin, targets = citation.id, tuple(k.id for k in a.claims_citing(citation.id))
                if not targets:
                    return f"citation {citation.id} backs no claim"
            elif claim is not None:
                origin, targets = claim.id, tuple(claim.citations)
                if not targets:
                    return f"claim {claim.id} has no citation"
            else:
                return "nothing to follow here: move to a claim (]) or a citation (})"
            index = -1
        index = (index + 1) % len(targets)
        span = self._span_of(targets[index])
        if span is None:
            return None
        if len(targets) == 1 and span == self.cursor:
            # Enter again on the only target: there is nothing to cycle to, so follow the
            # link back to where it came from (claim -> quote -> claim), and say so.
            back = self._span_of(origin)
            if back is None:
                return None
            self.move_to(back, jump=True)
            self.follow_state = None
            return f"back to {origin} (its only link)"
        self.move_to(span, jump=True)
        self.follow_state = Follow(origin, targets, index, span)
        return f"{index + 1}/{len(targets)}: enter again for the next" if len(targets) > 1 else None

    def go_history(self, n: int) -> str | None:
        """Back (n < 0) or forward along the jump history."""
        at = self.cursor[0]
        target = self.history.back(at) if n < 0 else self.history.forward(at)
        if target is None:
            return "no further jump history" if n < 0 else "nothing to go forward to"
        self.follow_state = None
        self.move_to(self._span_from(target))
        return None

    def _span_from(self, offset: int) -> Span:
        """The citation or claim starting at ``offset`` (what a jump landed on), else its unit."""
        for index in (self.index.citations, self.index.claims):
            found = [i for i in index.at(offset) if index.starts[i] == offset]
            if found:
                return index.starts[found[-1]], index.ends[found[-1]]
        return self.unit_at(offset)

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str) -> None:
        """Find every match of ``query`` (the cursor does not move: ``search_step`` does)."""
        self.search_query = query
        self.matches = find_all(self.doc.text, query)
        self.match_index = None

    def search_step(self, n: int, *, jump: bool = True) -> str | None:
        """To the next (n > 0) or previous match, wrapping around the text."""
        if not len(self.matches):
            return "no search matches: press / to search"
        i = step_offsets(self.matches.starts, self.cursor[0], n, wrap=True)
        if i is None:
            return None
        start = self.matches.starts[i]
        wrapped = start <= self.cursor[0] if n > 0 else start >= self.cursor[0]
        self.match_index = i
        self.move_to(self.matches[i], jump=jump)
        # The match shows where the word is; notes still go on its sentence (target_span).
        self.on_match = True
        if wrapped and len(self.matches) > 1:
            return f"search wrapped to the {'top' if n > 0 else 'bottom'}"
        return None

    def search_status(self) -> str:
        """ "match i/N for “query”" on a match, "N matches for “query”" elsewhere."""
        count = len(self.matches)
        if not self.search_query or not count:
            return ""
        i = self.match_index
        if self.on_match and i is not None:
            return f"match {i + 1}/{count} for “{self.search_query}”"
        return f"{count} match{'es' if count != 1 else ''} for “{self.search_query}”"

    def clear(self) -> None:
        """``escape``: no selection, no search matches."""
        self.selection_anchor = None
        self.matches = SpanArray()
        self.match_index = None

    # -- selections ------------------------------------------------------------------------

    def selection(self) -> Span | None:
        """The selected span, from the anchor to the cursor."""
        a, c = self.selection_anchor, self.cursor
        return None if a is None else (min(a[0], c[0]), max(a[1], c[1]))

    def unit_here(self) -> Span:
        """The cursor's unit; the sentence around it while the cursor is on a search match."""
        return self.unit_at(self.cursor[0]) if self.on_match else self.cursor

    def target_span(self) -> Span:
        """What a note goes on: the selection if there is one, else the current unit (a
        search match is no selection: its sentence)."""
        return self.selection() or self.unit_here()

    def toggle_selection(self) -> bool:
        """``v``: start selecting at the current unit, or stop; True when started."""
        self.selection_anchor = None if self.selection_anchor is not None else self.unit_here()
        return self.selection_anchor is not None

    @property
    def selecting_words(self) -> bool:
        """True while the selection was started (or narrowed) word by word."""
        return self.selection_anchor is not None and self.selection_anchor == self.word_anchor

    def _start_words(self, word: Span) -> None:
        self.move_to(word)
        self.selection_anchor = self.word_anchor = word

    def select_word(self, n: int) -> str | None:
        """Start a word selection, or move its moving end ``n`` words (±1)."""
        text = self.doc.text
        if not self.selecting_words:
            start = self.selection_anchor[0] if self.selection_anchor else self.cursor[0]
            word = word_after(text, start)
            if word is None:
                return "no word here to select"
            self._start_words(word)
            return (
                "selecting words: w/shift+→ and W/shift+← move the end; "
                "a (note) or h (highlight); escape clears"
            )
        s, e = self.cursor
        word = word_after(text, e) if n > 0 else word_before(text, s)
        if word is not None:
            anchor = self.selection_anchor
            self.move_to(word)
            self.selection_anchor = anchor
        return None

    def select_match(self) -> str:
        """Make the search match under the cursor the selection (one key, then a or h)."""
        if not self.on_match:
            return "no search match here: / searches, n/N go to the matches"
        self._start_words(self.cursor)
        return "the match is selected: a (note) or h (highlight); w/W extend by word"

    # -- notes -----------------------------------------------------------------------------

    def notes_here(self) -> list[Note]:
        if self.store is None:
            return []
        s, e = self.cursor
        return self.store.notes_overlapping(s, max(e, s + 1))

    def note_under_cursor(self, row: str | None = None) -> Note | None:
        """The note e/d/t/m act on.

        ``row``, the Notes panel's highlighted note while it has the focus; else the note
        last chosen in the panel (or jumped to) while it overlaps the cursor; else the
        innermost (shortest) note overlapping the cursor, so a word noted inside a noted
        sentence stays reachable.
        """
        if row is not None and (found := next((n for n in self.notes if n.id == row), None)):
            return found
        notes = self.notes_here()
        if not notes:
            return None
        chosen = next((n for n in notes if n.id == self.chosen_note_id), None)
        if chosen is not None:
            return chosen
        return min(notes, key=lambda n: (n.target.end or 0) - (n.target.start or 0))

    def go_to_note(self, note_id: str) -> str | None:
        """Jump to the note chosen in the Notes panel."""
        note = next((n for n in self.notes if n.id == note_id), None)
        if note is None or note.target.start is None or note.target.end is None:
            if note is None or note.guess is None:
                return "this note is an orphan: its text was not found in the document"
            # Offered, never applied: the cursor goes to the likeliest place, the note stays.
            self.move_to(note.guess, jump=True)
            return (
                "this note is an orphan: its text was not found for sure; the cursor is "
                "on its likeliest place (the note is not attached there)"
            )
        self.chosen_note_id = note.id
        self.move_to((note.target.start, note.target.end), jump=True)
        return None

    # -- the status line -------------------------------------------------------------------

    def position(self) -> str:
        """ "citation 2/9 · The Guardian", "claim 7/31 · unsupported: …", "sentence 12/140",
        or "paragraph 3/1204" before the analysis has reached the cursor."""
        a, at = self.analysis, self.cursor[0]
        citation = self.citation_here()
        if citation is not None:
            number = self.index.citations.keys[self.index.citations.at(at)[-1]] + 1
            return (
                f"citation {number}/{len(a.citations)} · {citation.source_name or 'unattributed'}"
            )
        claim = self.claim_here()
        if claim is not None:
            from closeread.analysis.support import support_reason

            support = "supported" if claim.supported else "unsupported"
            number = self.index.claims.keys[self.index.claims.at(at)[-1]] + 1
            return f"claim {number}/{len(a.claims)} · {support}: {support_reason(claim).text()}"
        if len(a.sentences) and (i := a.sentences.index_at(at)) is not None:
            return f"sentence {i + 1}/{len(a.sentences)}{'' if a.complete else '+'}"
        if not self.known(at) and self.doc.blocks:
            # Until the analysis reaches here the cursor steps by paragraph (block); "+"
            # while only a big document's head is there.
            count = f"{len(self.doc.blocks)}{'+' if self.loading else ''}"
            return f"paragraph {self._block_at(at) + 1}/{count}"
        return "reading"

    def save_state(self) -> str:
        store = self.store
        if store is None:
            return "saved"
        return "read-only" if store.read_only else ("save failed" if store.save_error else "saved")
