"""How the reader runs and takes in the analysis: deltas from a child process, applied in
time proportional to what changed (``analysis.delta``, ``analysis.child``).

The reader's screen calls three things: ``analysis_deltas`` in its analysis worker (a
thread that mostly waits on the child's pipe and decodes), ``apply_deltas`` to fold the
deltas that arrived since the last update into its ``LiveAnalysis``, and
``update_panels`` to show the change in the Claims and Sources panels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from closeread.analysis import Analysis
    from closeread.analysis.delta import Change, Delta, LiveAnalysis
    from closeread.document import Document

Analyzer = Callable[[Any, Sequence[Any], Callable[[], bool], Sequence[Any]], Iterator["Analysis"]]
"""``(doc, link corrections, is_cancelled, quote corrections) -> growing analyses``."""


def analysis_deltas(
    analyzer: Analyzer | None,
    doc: Document,
    links: Sequence[Any],
    is_cancelled: Callable[[], bool],
    quotes: Sequence[Any],
) -> Iterator[Delta]:
    """The analysis of ``doc`` as deltas: with ``analyzer`` None the real one (cached, or in
    a child process: ``analysis.child.reader_stream``), else ``analyzer``'s growing
    analyses (the tests' hand-made ones) turned into deltas here."""
    # Imported here, in the worker thread: the first screen does not need them.
    if analyzer is None:
        from closeread.analysis.child import reader_stream

        return reader_stream(doc, links, is_cancelled, quotes)
    from closeread.analysis.delta import deltas

    return iter(deltas(analyzer(doc, links, is_cancelled, quotes), doc.text))


PROGRESS_EVERY = 0.3
"""Seconds between two applications of the deltas that arrived (each costs what changed:
the analysis runs in another process, ``analysis.child``)."""
PROGRESS_EVERY_MAX = 1.0
PROGRESS_MAX_CHARS = 15_000_000
"""A big text's deltas are applied less often: every ``PROGRESS_EVERY_MAX`` seconds from
this many characters on, in proportion below. Each application also costs the reader's
process ~10-15 ms of CPU whatever it brings (the status bar and panels drawn again): CPU
the analysis' two processes need on a two-core machine (War and Peace x15: the reader's
CPU while it analyses 8.6 -> 5.7 s)."""


def progress_every(chars: int) -> float:
    """Seconds between two applications of the analysis' deltas for a text of ``chars``."""
    return min(PROGRESS_EVERY_MAX, max(PROGRESS_EVERY, chars / PROGRESS_MAX_CHARS))


HOLD_WRAPPING_CHARS = 1_000_000
"""From this many characters on, the article's background wrapping waits while the
analysis runs (``Article.hold_wrapping``): the analysis then runs on both cores
(``analysis.prefetch.MIN_CHARS``), and every millisecond of the reader's CPU is one it
waits for (a 50 MB book's wrapping is ~1 s of it)."""


RENAMES_PER_SLICE = 8000
"""Renamed citations applied at once (~15 ms on the screen's thread): a merge of a 50 MB
book's sources renames up to ~40,000, applied in slices with the keys in between."""


def next_slice(pending: Sequence[Delta]) -> tuple[list[Delta], list[Delta]]:
    """``pending`` cut in two: the deltas to apply now, and those left for later (after
    the keys that came meanwhile). A delta that renames more than ``RENAMES_PER_SLICE``
    citations is split: its renames come first, in slices of their own, and its new
    items and everything else with the last one."""
    from dataclasses import replace

    from closeread.analysis.delta import Delta

    for k, delta in enumerate(pending):
        if delta.reset or len(delta.renamed) <= RENAMES_PER_SLICE:
            continue
        if k:  # the big one starts the next slice
            return list(pending[:k]), list(pending[k:])
        first = Delta(renamed=delta.renamed[:RENAMES_PER_SLICE], progress=delta.progress)
        rest = replace(delta, renamed=delta.renamed[RENAMES_PER_SLICE:])
        return [first], [rest, *pending[1:]]
    return list(pending), []


def apply_deltas(live: LiveAnalysis, pending: Sequence[Delta]) -> Change:
    """Apply ``pending`` to ``live`` in order; what they changed, as one ``Change``."""
    change = live.apply(pending[0])
    for delta in pending[1:]:
        change = change.merge(live.apply(delta))
    return change


def update_panels(screen: Any, analysis: Analysis, change: Change) -> None:
    """Show ``change`` in the Claims and Sources panels (if mounted; they are filled whole
    when they mount)."""
    if not screen.side_mounted:
        return
    from closeread.tui.widgets.claims_panel import ClaimsPanel
    from closeread.tui.widgets.sources_panel import SourcesPanel

    if (sources := screen.panel(SourcesPanel)) is not None:
        sources.update_analysis(
            analysis,
            change.first_citation,
            change.changed_citations,  # (a renamed one is the same object)
            change.sources,
            change.sources_reordered,
        )
    if (claims := screen.panel(ClaimsPanel)) is not None:
        claims.update_analysis(
            analysis,
            change.first_claim,
            change.first_citation,
            change.changed_claims,
            # (a renamed citation's source name shows in the claims' rows)
            change.changed_citations | change.renamed_citations,
        )
        if analysis.complete:
            screen.show_verdicts()
