"""The Claims panel: the argument outline, each claim supported (✓, with citations) or not (✗)."""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, overload

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from typing_extensions import Self

from closeread.tui.widgets.row_list import RowList

if TYPE_CHECKING:  # only for annotations: the widgets import no core package at startup
    from closeread.analysis.model import Analysis, Claim
    from closeread.notes.model import Note

CLAIM_CHARS = 80
"""How much of a claim's text a row shows (the row is also cut to the panel's width)."""
INDENT = 4


def claim_row(
    claim: Claim, source_names: Mapping[str, str], width: int = 1000, verdict: str = ""
) -> tuple[Text, Text, Text]:
    """Three lines: status mark and the first ~80 characters of the claim, wrapped over two
    lines of ``width`` cells; then the reader's ``verdict`` if any and why the claim is or
    is not supported ("← backed by c1 (The Guardian)", "discusses c1 — does not back it",
    "no citation nearby"; see :mod:`closeread.analysis.support`)."""
    head = Text(no_wrap=True)
    if claim.supported:
        head.append("✓ ", style="bold green")
    else:
        head.append("✗ ", style="bold red")
    head.append(f"{claim.id} ", style="dim")
    from closeread.document.links import prose  # the core, imported when a row is drawn

    snippet = " ".join(prose(claim.text).split())
    if len(snippet) > CLAIM_CHARS:
        snippet = snippet[: CLAIM_CHARS - 1].rstrip() + "…"
    first_width = max(width - head.cell_len, 10)
    lines = textwrap.wrap(snippet, first_width, max_lines=2, placeholder=" …") or [""]
    if len(lines) == 2 and first_width != width - INDENT:
        # Re-wrap the rest for the second line, which is indented less than the first.
        rest = snippet[len(lines[0]) :].strip()
        lines[1] = textwrap.shorten(rest, max(width - INDENT, 10), placeholder=" …")
    # Article text is data: appended as plain text, never parsed as markup.
    head.append(lines[0])
    more = Text(" " * INDENT + (lines[1] if len(lines) > 1 else ""), no_wrap=True)
    backing = Text(" " * INDENT, no_wrap=True)
    if verdict:
        # First on the line, so a narrow panel cuts the analysis' part, not the reader's.
        backing.append(f"reader: {verdict}", style="bold magenta")
        backing.append(" · ", style="dim")
    from closeread.analysis.support import CORRECTED, support_reason

    reason = support_reason(claim)
    words = reason.words(source_names)
    if backing.cell_len + len(words) + 2 > width:
        words = reason.words()  # a narrow panel: the ids say enough, names would be cut
    if claim.supported:
        backing.append("← ", style="dim")
        backing.append(words, style="green")
    elif reason.kind == "discusses":  # the row's ✗ says unsupported; the reason needs room
        backing.append(words, style="red")
    else:
        backing.append("unsupported: " + words, style="red")
    if claim.corrected:
        backing.append(f" · {CORRECTED}", style="italic dim")
    return head, more, backing


def verdicts_for_claims(claims: Sequence[Claim], notes: Iterable[Note]) -> dict[str, str]:
    """Claim id → the reader's verdict, from the notes with a verdict anchored on a claim.

    A note counts for every claim its span overlaps; when several notes judge one claim, a
    note on exactly the claim's span (what ``m`` on a claim creates) wins, then the most
    recently modified. ``claims`` are in document order (as the analysis gives them).
    """
    column = getattr(claims, "starts", None)  # the reader's columns: no object per claim
    starts: Sequence[int] = column if column is not None else [k.start for k in claims]
    best: dict[str, tuple[bool, datetime, str]] = {}
    for note in notes:
        start, end = note.target.start, note.target.end
        if not note.verdict or start is None or end is None or note.status == "orphan":
            continue
        # The last claim starting before the note ends; claims do not overlap, so their ends
        # grow too: walk back while they still reach into the note.
        i = bisect.bisect_left(starts, max(end, start + 1)) - 1
        while i >= 0 and (claim := claims[i]).end > start:
            rank = ((claim.start, claim.end) == (start, end), note.modified, note.verdict)
            if claim.id not in best or rank[:2] > best[claim.id][:2]:
                best[claim.id] = rank
            i -= 1
    return {claim_id: rank[2] for claim_id, rank in best.items()}


class SourceNames(Mapping[str, str]):
    """Citation id → its source's name, read from the analysis when a row is drawn (the
    panel keeps no copy: a 50 MB book has ~150,000 citations). Names that are empty are
    left out, as in ``support.source_names``."""

    __slots__ = ("analysis",)

    def __init__(self, analysis: Analysis | None = None) -> None:
        self.analysis = analysis

    def __getitem__(self, citation_id: str) -> str:
        c = self.analysis.citation(citation_id) if self.analysis is not None else None
        if c is None or not c.source_name:
            raise KeyError(citation_id)
        return c.source_name

    def __iter__(self) -> Iterator[str]:
        citations = self.analysis.citations if self.analysis is not None else []
        return (c.id for c in citations if c.source_name)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _ClaimIds(Sequence[str | None]):
    """The rows' keys as a live view of the claims' ids (no list of its own)."""

    __slots__ = ("claims",)

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims

    def __len__(self) -> int:
        return len(self.claims)

    @overload
    def __getitem__(self, index: int) -> str | None: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str | None]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str | None] | None:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return _id_at(self.claims, index)


class _ClaimRows(Mapping[str, int]):
    """Claim id → row, found in the claims' own id column (no dict of its own)."""

    __slots__ = ("claims",)

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims

    def __getitem__(self, claim_id: str) -> int:
        found: int | None = self.claims.find(claim_id)  # type: ignore[attr-defined]
        if found is None:
            raise KeyError(claim_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return (k.id for k in self.claims)

    def __len__(self) -> int:
        return len(self.claims)


def _id_at(claims: Sequence[Claim], index: int) -> str:
    id_at = getattr(claims, "id_at", None)
    return id_at(index) if id_at is not None else claims[index].id


def _columnar(claims: Sequence[Claim]) -> bool:
    """Whether ``claims`` are the reader's columns (``analysis.columns``: their ids are
    found without a dict, their objects made when read)."""
    return hasattr(claims, "find") and hasattr(claims, "id_at")


def _supported_count(claims: Sequence[Claim]) -> int:
    count = getattr(claims, "supported_count", None)
    if count is not None:
        return count()  # type: ignore[no-any-return]
    return sum(1 for k in claims if k.supported)


class ClaimList(RowList):
    """The rows of the outline, rendered lazily from the analysis's claims (the list
    holds no copy of them: ``claims`` is the analysis's own sequence)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(row_height=3, id=id)
        self.claims: Sequence[Claim] = []
        self.source_names: Mapping[str, str] = SourceNames()
        """Citation id → source name, for the "← c1 The Guardian" line."""
        self.verdicts: dict[str, str] = {}
        """Claim id → the reader's own verdict ("reader: misleading")."""

    def show_claims(self, claims: Sequence[Claim]) -> None:
        """List ``claims`` (all rows anew, the cursor kept on its claim)."""
        self.claims = claims
        if _columnar(claims):
            self.set_view(_ClaimIds(claims), _ClaimRows(claims))
        else:
            self.set_rows(k.id for k in claims)

    def claims_grown(self) -> None:
        """The claims listed have grown at the end: list the new ones."""
        if _columnar(self.claims):
            self.view_grown()
        else:
            self.append_rows(k.id for k in self.claims[self.row_count :])

    def render_row(self, index: int, key: str | None, width: int) -> Sequence[Text]:
        claim = self.claims[index]
        return claim_row(claim, self.source_names, width, self.verdicts.get(claim.id, ""))


class ClaimsPanel(Vertical):
    """The argument outline. Posts :class:`ClaimsPanel.ClaimSelected` on enter or click."""

    DEFAULT_CSS = """
    ClaimsPanel {
        height: 1fr;
        & > #claims-summary { height: auto; padding: 0 1; color: $text-muted; }
    }
    """

    class ClaimSelected(Message):
        """The user chose a claim in the outline."""

        def __init__(self, panel: ClaimsPanel, claim_id: str) -> None:
            super().__init__()
            self.panel = panel
            self.claim_id = claim_id

        @property
        def control(self) -> ClaimsPanel:
            return self.panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._supported = 0
        """How many of the listed claims are supported (for the summary)."""
        self._summary_of: Analysis | None = None
        """The analysis whose summary waits for the panel to show."""

    def compose(self) -> ComposeResult:
        yield Static(Text("No claims found yet."), id="claims-summary")
        yield ClaimList(id="claims-list")

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one(ClaimList)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the list (the panel itself takes no keys)."""
        self.claim_list.focus(scroll_visible)
        return self

    def show_analysis(self, analysis: Analysis) -> None:
        """Show ``analysis``: every row anew (rows are drawn lazily: only those on screen
        are drawn again), the cursor kept on its claim."""
        claim_list = self.claim_list
        claim_list.source_names = SourceNames(analysis)
        claim_list.show_claims(analysis.claims)
        claim_list.refresh_rows()
        self._supported = _supported_count(analysis.claims)
        self._update_summary(analysis)

    def update_analysis(
        self,
        analysis: Analysis,
        first_claim: int,
        first_citation: int,
        changed_claims: Iterable[int] = (),
        changed_citations: Iterable[int] = (),
    ) -> None:
        """``show_analysis`` for a grown analysis, in time proportional to the change:
        claims from ``first_claim`` on and citations from ``first_citation`` on are new,
        the ``changed`` ones were replaced (earlier citations: their source names show in
        the rows). Falls back to ``show_analysis`` if this panel has not shown the
        analysis up to there."""
        claim_list = self.claim_list
        if claim_list.claims is not analysis.claims or claim_list.row_count != first_claim:
            self.show_analysis(analysis)
            return
        changed = sorted(changed_claims)
        if any(i < first_citation for i in changed_citations):
            claim_list.refresh_rows()  # rows are rendered lazily: only those on screen
        elif changed:
            claim_list.refresh_rows(changed)
        claim_list.claims_grown()
        self._supported = _supported_count(analysis.claims)
        self._update_summary(analysis)

    def show_verdicts(self, verdicts: Mapping[str, str]) -> None:
        """Show the reader's verdicts (claim id → verdict) beside the analysis' ✓/✗.

        Only the rows whose verdict changed are repainted; ids of claims not (yet) listed
        are kept for when they arrive. :func:`verdicts_for_claims` builds the mapping.
        """
        claim_list = self.claim_list
        new = {k: v for k, v in verdicts.items() if v}
        old = claim_list.verdicts
        changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
        claim_list.verdicts = new
        indexes = [i for k in changed if (i := claim_list.index_of(k)) is not None]
        if indexes:
            claim_list.refresh_rows(indexes)

    def on_show(self) -> None:
        if self._summary_of is not None:
            self._update_summary(self._summary_of)

    def _update_summary(self, analysis: Analysis) -> None:
        if not all(node.display for node in self.ancestors_with_self):
            # Hidden (another tab): updated when shown, not with a layout of the whole
            # screen on every analysis update.
            self._summary_of = analysis
            return
        self._summary_of = None
        total = len(analysis.claims)
        supported = self._supported
        summary = Text()
        summary.append(f"{total} claim{'' if total == 1 else 's'}", style="bold")
        summary.append(" · ")
        summary.append(f"{supported} supported", style="green")
        summary.append(" · ")
        summary.append(f"{total - supported} unsupported", style="red")
        if not analysis.complete:
            summary.append(f" · analysing {analysis.progress:.0%}", style="italic")
        self.query_one("#claims-summary", Static).update(summary)

    def mark_current(self, claim_id: str | None) -> None:
        """Highlight the row of the claim under the article cursor (focus stays where it is)."""
        self.claim_list.move_to_key(claim_id)

    def on_row_list_row_selected(self, event: RowList.RowSelected) -> None:
        event.stop()
        self.post_message(self.ClaimSelected(self, event.key))
