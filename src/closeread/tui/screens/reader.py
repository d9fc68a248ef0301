"""The reader: article, side panel, status bar. Runs the workers and routes keys and
messages to the ``ReadingSession``, then draws what changed.

Widgets post messages up; keys and messages become calls on the session (the reader's
state and decisions, no Textual), and this screen pushes the results down to the widgets.
The dialogs a key opens, and what their answers change, are in ``reader_dialogs``; the
reading state kept between runs in ``reader_memory``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from closeread.analysis import Analysis
from closeread.analysis.delta import Change, Delta, LiveAnalysis
from closeread.document import Document
from closeread.document.opening import PendingLoad
from closeread.errors import InputError
from closeread.navigation import AnalysisIndex
from closeread.notes.model import LinkCorrection, Note, QuoteCorrection
from closeread.reading import ReadingSession
from closeread.reading.session import JumpKind
from closeread.tui.actions import bindings
from closeread.tui.allocator import trim_heap
from closeread.tui.live_analysis import (
    HOLD_WRAPPING_CHARS,
    analysis_deltas,
    apply_deltas,
    next_slice,
    progress_every,
    update_panels,
)
from closeread.tui.messages import (
    AnalysisFailed,
    AnalysisUpdate,
    DocumentLoaded,
    NotesMerged,
    NotesOpened,
    NotesSaved,
)
from closeread.tui.screens import reader_dialogs as dialogs
from closeread.tui.screens import reader_memory as memory
from closeread.tui.widgets.article import Article
from closeread.tui.widgets.doc_header import DocHeader, header_line
from closeread.tui.widgets.status_bar import Status, StatusBar

if TYPE_CHECKING:
    from textual.widgets import Footer

    from closeread.notes.store import NotesStore
    from closeread.state import ReadingState
    from closeread.tui.widgets.article_layout import ArticleLayout
    from closeread.tui.widgets.claims_panel import ClaimsPanel
    from closeread.tui.widgets.notes_panel import NotesPanel
    from closeread.tui.widgets.sources_panel import SourcesPanel

Analyzer = Callable[
    [Document, Sequence[LinkCorrection], Callable[[], bool], Sequence[QuoteCorrection]],
    Iterator[Analysis],
]
"""``(doc, link corrections, is_cancelled, quote corrections) -> growing analyses``."""
P = TypeVar("P", bound=Widget)
#: Below this many columns the side panel gets narrower so the article stays readable,
#: and the footer compact so "? help" and "q quit" stay in it.
NARROW = 100
#: Below this many columns the side panel is hidden until asked for (``p``, ``1``-``3``):
#: beside a 28-column panel the article would keep barely 50.
HIDE_PANEL_BELOW = 90
#: Seconds after the first frame before the side panel and the analysis start.
BACKGROUND_DELAY = 0.25
#: Seconds the notes, the search field and the footer wait for the cache look-up when a
#: hit is expected (``cache_hint``): the complete panels come first, but a big book's
#: look-up waits for its layout, and the footer should not wait that long.
LOOKUP_GRACE = 0.5
#: Seconds between checks for notes saved by another instance (a cheap stat).
DISK_CHECK_EVERY = 2.0
#: Seconds between two slices of a big delta (``live_analysis.next_slice``).
SLICE_GAP = 0.02
#: Seconds between an application of the analysis' deltas and the collection that keeps
#: their objects out of the collector's passes (``_collect``): two steps, not one.
COLLECT_AFTER = 0.05
#: Seconds between two steps of the start after the first frame (the search field, the
#: footer, the side panel's tabs, its panel in front): a key pressed meanwhile waits for
#: one of them, not for all.
STEP_GAP = 0.08
#: Seconds a step of the start waits at most for the last one to be drawn.
FRAME_WAIT = 0.5
#: Seconds the notes of a big document wait for its layout before they are shown (they
#: come after ``DocumentLoaded``; the wait ends long before this unless something failed).
LAYOUT_WAIT = 30.0
#: Actions that change or read notes: disabled until the notes of a big document are open
#: (export would write no notes).
NOTE_ACTIONS = frozenset(
    {
        "export",
        "add_note",
        "highlight",
        "edit_note",
        "delete_note",
        "undo",
        "tag_note",
        "verdict",
        "link",
        "mark_quote",
        "unmark_quote",
    }
)


def _marked_spans(a: Analysis, change: Change) -> list[tuple[int, int]] | None:
    """The text where ``change`` adds or changes marks (the article draws only that
    again): the new claims and citations (in document order: one span each) and the
    changed claims; None (all of it) when earlier citations were replaced or the analysis
    completed (link corrections may move marks)."""
    if change.changed_citations or a.complete:
        return None
    spans = [(k.start, k.end) for i in change.changed_claims for k in (a.claims[i],)]
    for items, first in ((a.citations, change.first_citation), (a.claims, change.first_claim)):
        if first < len(items):
            columns: Any = items  # the reader's columns: their spans without an object each
            if isinstance(getattr(columns, "ends", None), array):
                spans.append((columns.starts[first], max(columns.ends[first:])))
            else:
                spans.append((items[first].start, max(x.end for x in items[first:])))
    return spans


class ReaderScreen(Screen[None]):
    """The main screen of closeread."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings())

    def __init__(
        self,
        session: ReadingSession,
        *,
        analyzer: Analyzer | None = None,
        export_dir: Path | None = None,
        pending: PendingLoad | None = None,
        notes_dir: Path | None = None,
    ) -> None:
        """With ``pending``, the session's document is the head of a big document: the
        full text and the notes arrive from workers after the first frame."""
        super().__init__()
        self.session = session
        self._pending = pending
        self._notes_dir = notes_dir
        self._search_mounted = False
        self.side_mounted = False
        """True once the side panel (mounted after the first screen) is there."""
        self.analyzer: Analyzer | None = analyzer
        """None: the real analysis, in a child process (``analysis.child``)."""
        self._export_dir = export_dir
        """Where ctrl+e proposes to write (None: the current directory)."""
        self._drawn = -1
        """``session.moves`` when the cursor was last drawn."""
        self._initial_panel = "notes"
        self._panels: dict[type[Widget], Widget] = {}
        self._live = LiveAnalysis()
        """The analysis as its deltas arrive (``session.analysis`` once applied)."""
        self._pending_deltas: list[Delta] = []
        self._ready: Prepared | None = None
        """A cached analysis' delta, applied and indexed off this thread."""
        self._pending_timer: Timer | None = None
        self._collect_timer: Timer | None = None
        self._background_timer: Timer | None = None
        """Until the side panel and the rest start (``_start_background``)."""
        self._applied_at = 0.0
        self._run_started = False
        """Whether ``run_analysis`` started (its deltas replace a cached analysis shown
        before the notes were open)."""
        self._plain_cached = False
        """Whether the analysis shown is the cached one without corrections."""
        self._cache_lookup = False
        """Whether ``_load_rest`` is looking the cache up (for a big document)."""
        self._rows: tuple[Document, ArticleLayout] | None = None
        """The full document and its layout, once ``_load_rest`` made it."""
        self._loading_rest = threading.Event()
        """Set when ``_load_rest`` started (it runs right after the first frame)."""
        self._laid_out = threading.Event()
        """Set when ``_load_rest`` has posted ``DocumentLoaded`` (or found the file bad)."""
        self._notes_wait_cache = False
        """Whether the notes, open without corrections, wait for that look-up."""
        self._load_scheduled = False
        """Set on mount when ``_load_rest`` is to run after the first frame."""
        self._hit_expected = False
        """Whether the look-up will probably find the analysis (``cache_hint``): the
        side panel is mounted right after the first frame then."""
        self._looked_up = asyncio.Event()
        """Set once the cache was looked up (``_cached_arrived``)."""
        self.panel_wanted: bool | None = None
        """The reader's own choice to show (True) or hide (False) the side panel; None
        until ``p`` is pressed: then the width decides (``HIDE_PANEL_BELOW``)."""
        self.reading_state: ReadingState | None = None
        """Where documents were left and the theme (read after the first frame)."""
        self.place_restored = False

    def compose(self) -> ComposeResult:
        yield DocHeader(id="doc-header")
        with Horizontal(id="main"):
            yield Article(self.session.doc, id="article")
            yield Vertical(id="side-slot")
        yield StatusBar(id="status")
        # The Footer (a widget per key, ~25 ms) is mounted into this slot with the side
        # panel, after the first screen; the slot keeps the layout from shifting then.
        yield Vertical(id="footer-slot")

    @property
    def export_dir(self) -> Path:
        """Where ctrl+e proposes to write: the current directory (as a shell user expects),
        unless the app was given a folder."""
        return self._export_dir if self._export_dir is not None else Path.cwd()

    @property
    def article(self) -> Article:
        return self.query_one("#article", Article)

    def on_mount(self) -> None:
        self.sub_title = header_line(self.session.doc)
        self.query_one(DocHeader).show(self.session.doc)
        self.session.start()
        if self.session.store is not None:
            self.use_store(self.session.store)
        self.announce_store()
        self.refresh_notes()
        self._cursor_changed(scroll=False)
        self.article.focus()
        # The text comes first. The side panel (~60 ms to mount) and the analysis (a thread
        # that competes for the GIL) start a moment later, so the first keys are answered
        # at once; the analysis still completes well within its budget.
        self._background_timer = self.set_timer(BACKGROUND_DELAY, self._start_background)
        self.set_interval(DISK_CHECK_EVERY, self.check_disk)
        if self._pending is not None:
            # Set here, not on the worker's thread: the notes may open (``on_notes_opened``)
            # before that thread runs its first line, and must wait for the lookup then.
            self._cache_lookup = self.analyzer is None
            self._load_scheduled = True
            self.call_after_refresh(self._load_rest, self._pending)
            if self._cache_lookup:
                self.call_after_refresh(self._mount_early_if_cached)
        # Where the reader stopped (and the theme): right after the first frame, which
        # need not pay for reading the state file (json, platformdirs).
        self.call_after_refresh(memory.restore_session, self)

    def _mount_early_if_cached(self) -> None:
        """After the first frame: when the document's analysis was cached before
        (``preload.likely_hit``), mount the side panel now, while the child still lays
        the text out, so that the cached analysis finds it there (it came after the
        look-up: ~0.1 s more before the complete panels)."""
        from closeread.analysis import preload

        if self._cache_lookup and preload.likely_hit(self.session.doc):
            self._hit_expected = True
            self._start_background_now()

    def _start_background_now(self) -> None:
        """Start what ``on_mount`` put off by BACKGROUND_DELAY now (once)."""
        timer = self._background_timer
        if timer is not None:
            timer.stop()
            self.call_later(self._start_background)

    def _start_background(self) -> None:
        if self._background_timer is None:
            return  # started already
        self._background_timer = None
        if not self.is_attached:
            return  # the reader is closing (a bad file found after the first frame)
        # A task of its own, not this screen's message queue: the mounts below wait for
        # their widgets to be composed (~0.1 s of CPU, much longer on a busy machine), and
        # every key passes through this queue (bindings are the screen's).
        self.run_worker(self._background(), group="background", description="side panel")

    async def _background(self) -> None:
        cached = bool(self._pending_deltas) or (self._hit_expected and self._cache_lookup)
        if cached:
            # A cached analysis waits for the panels: they come first, and the notes'
            # thread (YAML, rapidfuzz, re-anchoring) does not compete with them; nor
            # does the rest (the search field's and the footer's mounts, ~0.1 s on a
            # busy machine), which waits until the complete panels are on screen.
            await self._mount_side()
            if not self.is_attached:
                return
            # Mounted before the look-up ended (a hit was expected): its answer fills
            # the panels (``_cached_arrived``) or, on a miss, starts the run. A big
            # book's look-up waits for its layout (seconds at 50 MB): the rest does not
            # wait that long for it.
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._looked_up.wait(), LOOKUP_GRACE)
            if not self.is_attached:
                return
            if self._looked_up.is_set():
                drawn = asyncio.Event()
                self.call_after_refresh(drawn.set)
                await drawn.wait()
                if not self.is_attached:
                    return
        if self.session.loading_notes:
            self._open_notes()
        else:
            self.run_analysis()
            dialogs.offer_similar_notes(self)
        # The search field, the footer and the side panel: one after the other with a
        # pause between, for the keys pressed meanwhile (each mount is 10-60 ms of this
        # thread's CPU, and a key waited for all of them when they came together).
        self.mount_search()
        from closeread.tui.widgets.footer import ReaderFooter

        footer = ReaderFooter()  # keeps "? help" and "q quit" at any width
        self._fit_footer(footer, self.size.width)
        if not (await self._step_gap() if not cached else self.is_attached):
            return
        slot = self.query("#footer-slot")
        if not slot:
            return  # the reader is closing (its widgets go first)
        await slot.first().mount(footer)
        self.refresh_bindings()  # a Footer mounted late waits for this to show its keys
        if not cached and await self._step_gap():
            await self._mount_side(in_steps=True)

    async def _step_gap(self) -> bool:
        """Between two steps of the start: wait until the last one is drawn, then
        ``STEP_GAP`` (on a busy machine its frame can take longer than the gap). False
        when the reader closed meanwhile."""
        drawn = asyncio.Event()
        self.call_after_refresh(drawn.set)
        # At most FRAME_WAIT: the callback goes to the screen in front, and a dialog
        # there (similar notes to adopt) may be gone before it refreshes.
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(drawn.wait(), FRAME_WAIT)
        await asyncio.sleep(STEP_GAP)
        return self.is_attached

    def mount_search(self) -> None:
        """Mount the (hidden) search field, once; not in the first frame (Input's CSS is
        big and the first screen does not need it)."""
        if self._search_mounted or not self.is_attached:
            return
        self._search_mounted = True
        search = Input(placeholder="search (enter: find, escape: close)", id="search")
        search.display = False
        self.mount(search, after="#main")

    async def _mount_side(self, in_steps: bool = False) -> None:
        """Mount the side panel; ``in_steps``: its tabs first, then (after a pause for
        the keys) the panel in front, instead of both at once (for a cached analysis,
        whose complete panels come in one frame)."""
        # The side panel's modules (tabs, tree, lists) are imported now, not before the
        # first screen.
        from closeread.tui.widgets.side_panel import SidePanel

        side = SidePanel(self._initial_panel, on_panel=self._panel_mounted, with_panel=not in_steps)
        slot = self.query("#side-slot")
        if not slot:
            return  # the reader is closing (its widgets go first)
        await slot.first().mount(side)
        if not self.is_attached:
            return
        if in_steps:
            if not await self._step_gap():
                return
            await side.mount_initial()
            if not self.is_attached:
                return
        self._panels.update((type(panel), panel) for panel in side.panels())
        self.side_mounted = True
        if self._initial_panel != side.initial:  # 1-3 pressed while it was mounting
            side.show(self._initial_panel)
        # Not ``refresh_notes``: the article has the notes, and giving them again would
        # draw all its rows anew (~10 ms of the frame after the mount).
        self._show_notes_in_panels()
        a = self.session.analysis
        if self._pending_deltas:  # a cached analysis waited for the panels (fills them)
            self._apply_pending()
        elif a.claims or a.citations or a.complete:
            self._show_analysis_in_panels()
        self._cursor_changed(scroll=False)

    def panel(self, cls: type[P]) -> P | None:
        """The side panel widget ``cls``; None until it is mounted (the tab in front comes
        with the side panel, the others when first shown: ``SidePanel.ensure``)."""
        found = self._panels.get(cls)
        assert found is None or isinstance(found, cls)
        return found

    def _panel_mounted(self, panel: Widget) -> None:
        """A tab shown for the first time got its panel: fill it as ``_mount_side`` fills
        the first one."""
        self._panels[type(panel)] = panel
        from closeread.tui.widgets.claims_panel import ClaimsPanel
        from closeread.tui.widgets.notes_panel import NotesPanel
        from closeread.tui.widgets.sources_panel import SourcesPanel

        a = self.session.analysis
        if isinstance(panel, NotesPanel):
            panel.show_notes(self.session.notes, self.session.doc.text)
        elif isinstance(panel, (SourcesPanel, ClaimsPanel)) and (
            a.claims or a.citations or a.complete
        ):
            panel.show_analysis(a)
            if isinstance(panel, ClaimsPanel):
                self.show_verdicts()
        self._mark_in_panels()

    # -- layout: the side panel and the footer ------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self._apply_panel_rule()
        if self.side_mounted:
            from textual.widgets import Footer

            for footer in self.query("#footer-slot > Footer").results(Footer):
                self._fit_footer(footer, event.size.width)

    @staticmethod
    def _fit_footer(footer: Footer, width: int) -> None:
        """Narrow: compact keys and no "^p palette" (the help lists it), so that "? help"
        and "q quit" still fit at 80 columns."""
        footer.compact = width < NARROW
        footer.show_command_palette = width >= NARROW

    @property
    def panel_shown(self) -> bool:
        """Whether the side panel is shown: the reader's choice, else the width's rule."""
        if self.panel_wanted is not None:
            return self.panel_wanted
        return self.size.width >= HIDE_PANEL_BELOW

    def _apply_panel_rule(self) -> None:
        shown = self.panel_shown
        self.set_class(not shown, "-no-panel")
        focused = self.focused
        if not shown and focused is not None and self.query_one("#side-slot") in focused.ancestors:
            self.article.focus()

    def action_toggle_panel(self) -> None:
        """Hide or show the side panel (the choice holds until the next ``p``)."""
        self.panel_wanted = not self.panel_shown
        self._apply_panel_rule()

    def action_show_panel(self, name: str) -> None:
        self._initial_panel = name
        if not self.panel_shown:
            self.panel_wanted = True
            self._apply_panel_rule()
        if self.side_mounted:
            from closeread.tui.widgets.side_panel import SidePanel

            self.query_one(SidePanel).show(name)

    def current_panel(self) -> str:
        """The side panel's tab in front ("notes", "sources", "claims")."""
        if self.side_mounted:
            from textual.widgets import TabbedContent

            found = self.query(TabbedContent)
            if found:
                return found.first().active.removeprefix("tab-") or self._initial_panel
        return self._initial_panel

    # -- the rest of a big document, and its notes ---------------------------------------

    def on_unmount(self) -> None:
        if self._pending is not None:
            self._pending.cancel()

    # A description: Textual's default one is the repr of the arguments, and a pending
    # load's repr holds the file's bytes (~0.1 s on this thread for 3 MB, seconds for 50).
    @work(thread=True, exclusive=True, group="load", description="the rest of the text")
    def _load_rest(self, pending: PendingLoad) -> None:
        """Collect the full text (the child laid it out) and swap it in (if a key did not
        first), and look its analysis up in what the child read."""
        self._loading_rest.set()
        try:
            doc = pending.wait()
        except InputError as exc:  # a file extracted after the first frame was bad
            self._laid_out.set()
            self.app.call_from_thread(self.load_failed, exc)
            return
        looked_up: list[Prepared | None] = []
        lookup = None
        if self.analyzer is None:
            # A cached analysis (the child read it with the layout) is shown at once, not
            # after the notes: it is the one without corrections, so when the notes hold
            # some, ``on_notes_opened`` runs the analysis again (from the cache) with
            # them. Its entry is taken while the layout is made (reading the child's pipe
            # and inflating the entry leave the interpreter lock free: x15 0.4 + 0.65 s
            # one after the other on a busy machine).
            lookup = threading.Thread(
                target=lambda: looked_up.append(_cached_delta(doc)),
                name="cache-entry",
                daemon=True,
            )
            lookup.start()
        # The article's layout of a book is made here, not on the screen's thread (a
        # 50 MB book's takes ~0.4 s): for ``DocumentLoaded``, and for a key that swaps
        # the full text in before that message is read (``ensure_loaded``).
        rows = self.article.layout_for(doc)
        self._rows = (doc, rows)
        self.post_message(DocumentLoaded(doc, rows))
        self._laid_out.set()
        if lookup is not None:
            lookup.join()
            ready = looked_up[0] if looked_up else None  # (failed: a miss)
            self.app.call_from_thread(self._cached_arrived, ready)

    def _cached_arrived(self, ready: Prepared | None) -> None:
        """The cache was looked up (``ready``: what it held, or None on a miss)."""
        self._cache_lookup = False
        self._looked_up.set()
        waiting, self._notes_wait_cache = self._notes_wait_cache, False
        if self._run_started:  # the notes came first, with corrections: that run's
            return
        if ready is None:
            if waiting:  # the notes came first, without corrections: the run starts now
                self.run_analysis()
            return
        if waiting:
            self._fingerprint()
        self._plain_cached = True
        self._pending_deltas.append(ready.delta)
        self._ready = ready
        if self.side_mounted:
            self._apply_pending()
        else:
            # Shown with the side panel, in one frame (``_mount_side`` applies it): the
            # panels and the status bar say "complete" together. The panel is mounted now
            # rather than BACKGROUND_DELAY after the first frame: nothing else is coming.
            self._start_background_now()

    @work(thread=True, exclusive=True, group="notes")
    def _open_notes(self) -> None:
        """Open the notes of a big document (after the first keys: YAML and rapidfuzz
        take ~20 ms to import, which would compete with them for the GIL)."""
        pending = self._pending
        try:
            doc = pending.wait() if pending is not None else self.session.doc
        except InputError:
            return  # ``_load_rest`` says so and quits
        from closeread.notes.store import NotesStore

        store = NotesStore.open(doc, self._notes_dir, on_error="read_only")
        if pending is not None and (self._load_scheduled or self._loading_rest.is_set()):
            # After ``DocumentLoaded``: notes that come first swap the full text in
            # themselves, laying it out on the screen's thread. (Waited for also when the
            # loading worker has not started yet: on a busy machine the first frame, which
            # it follows, may come after BACKGROUND_DELAY, which these notes follow.)
            self._laid_out.wait(LAYOUT_WAIT)
        self.post_message(NotesOpened(store))

    def ensure_loaded(self) -> bool:
        """Swap the full document in now if it is not yet (a key needs all of it); False
        when it turned out unreadable (the reader is quitting)."""
        if self._pending is not None:
            try:
                doc = self._pending.wait()
                ready = self._rows
                self._swap(doc, ready[1] if ready is not None and ready[0] is doc else None)
            except InputError as exc:
                self.load_failed(exc)
                return False
        return True

    def load_failed(self, error: InputError) -> None:
        """A file extracted after the first frame is bad: quit, and let the command line
        say why in one line (exit status 2), as for a file found bad before the start."""
        app: Any = self.app
        app.load_error = error
        app.exit(return_code=2)

    def before_action(self, action: str) -> None:
        """Every reader action works on the full document: one run while a big document's
        tail is still being collected (a fraction of a second after the first frame)
        waits for it (``CloseReadApp.run_action`` calls this); except a step of the
        cursor that stays in the head (``j`` right after the first frame: the rest of a
        50 MB book takes seconds to lay out)."""
        if self.session.loading and action not in ("quit", "help"):
            if action == "cursor" and self.session.step_stays_in_head():
                return
            self.ensure_loaded()

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        self._swap(message.doc, message.rows)

    def _swap(self, doc: Document, rows: ArticleLayout | None = None) -> None:
        if self._pending is None:
            return
        self._pending = None
        if doc.title != self.session.doc.title:  # a file extracted after the first frame
            self.app.title = doc.title or (doc.path.name if doc.path else "closeread")
            self.sub_title = header_line(doc)
        self.query_one(DocHeader).show(doc)
        # The head's blocks and offsets are the full document's (opening.head_is_prefix),
        # or the head said "Extracting ...": the view and the cursor stay where they are.
        self.session.set_document(doc)
        self.article.set_document(doc, rows)
        self._cursor_changed(scroll=False)
        memory.restore_place(self)
        if not self.app.is_headless:
            # The full text's blocks (a 50 MB book's ~180,000 objects) live as long as the
            # reader: out of the collector's passes, as the start-up's objects are
            # (``CloseReadApp``), or the next full pass walks them all (~80 ms of keys).
            gc.freeze()

    def on_notes_opened(self, message: NotesOpened) -> None:
        # The store was anchored against the full text (``_open_notes`` waited for it), but
        # its message can overtake ``DocumentLoaded``: swap the full text in first, or the
        # notes would point past the head and the analysis would only see the head.
        self.ensure_loaded()
        self.use_store(message.store)
        self.refresh_notes()
        self.announce_store()
        self.refresh_bindings()
        store = message.store
        plain = not (store.links or store.quotes)
        if self._plain_cached and not self._run_started and plain:
            # The cached analysis on screen is the one the notes ask for: no run.
            self._fingerprint()
        elif plain and self._cache_lookup and not self._run_started:
            # The cache is being looked up (a book's entry takes a moment to decode): its
            # answer shows the analysis or starts the run (``_cached_arrived``), instead
            # of a run that would decode the same entry again.
            self._notes_wait_cache = True
        else:
            self.run_analysis()
        dialogs.offer_similar_notes(self)

    def use_store(self, store: NotesStore) -> None:
        """Read and write the notes through ``store``; its saves run on a worker thread,
        so a key never waits for the disk (``on_notes_saved`` reports a failed one)."""
        self.session.store = store

        def saved(ok: bool) -> None:  # on the worker thread: post_message is thread-safe
            self.post_message(NotesSaved(store, ok))

        store.save_in_background(saved)

    def on_notes_saved(self, message: NotesSaved) -> None:
        store = self.session.store
        if message.store is not store or store is None:
            return  # an earlier store (adopted notes replaced it)
        if not message.ok and store.save_error and not store.saving:
            # save_error already names the file; a save still to come would say it again.
            self.notify(store.save_error, severity="error", markup=False)
        self.update_status()

    def announce_store(self) -> None:
        """Say so when the notes file could only be opened read-only."""
        store = self.session.store
        if store is not None and store.read_only:
            self.notify(
                f"{store.read_only_reason}\nThe notes file is left untouched: "
                "notes made now are kept in memory only.",
                title="Notes opened read-only",
                severity="error",
                timeout=15,
                markup=False,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None: the footer shows the key dimmed until the notes are open (then the footer
        # enables it in place; hidden, it was composed again, a widget per key).
        return None if action in NOTE_ACTIONS and self.session.loading_notes else True

    # -- analysis -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self) -> None:
        """Analyse (in a child process, ``analysis_deltas``); post what it finds as deltas
        (navigation works meanwhile)."""
        worker = get_current_worker()
        self._run_started = True
        try:
            store = self.session.store
            links, quotes = (store.links, store.quotes) if store is not None else ([], [])
            for delta in analysis_deltas(
                self.analyzer,
                self.session.doc,
                list(links),
                lambda: worker.is_cancelled,
                list(quotes),
            ):
                if worker.is_cancelled:
                    return
                self.post_message(AnalysisUpdate(delta, worker))
            # The notes file's fingerprint of the text (~0.3-0.5 s of a book) is not
            # computed here: right after the analysis it would slow the first keys down
            # (End took 60-90 ms instead of ~50). The first save computes it, on the
            # saving thread (``NotesStore.ensure_fingerprint``).
        except Exception as exc:  # the analysis is a suggestion: the text stays readable
            self.post_message(AnalysisFailed(f"analysis failed: {exc}"))

    @work(thread=True, group="fingerprint")
    def _fingerprint(self) -> None:
        """The notes file's fingerprint of the text, when the cached analysis is shown:
        the child that read the cache computes it meanwhile (``analysis.preload.
        hit_extra``), this thread waits for it on a pipe. (Otherwise the first save
        computes it.)"""
        store = self.session.store
        if store is not None:
            from closeread.analysis import preload

            given = preload.hit_extra()
            if given:
                store.offer_fingerprint(given)

    @on(AnalysisUpdate)
    def _analysis_arrived(self, message: AnalysisUpdate) -> None:
        # Applied at most every ``progress_every`` seconds, several deltas at once.
        if message.worker.is_cancelled:
            return  # a run replaced by a newer one (corrections)
        self._pending_deltas.append(message.delta)
        if not message.delta.complete and len(self.session.doc.text) >= HOLD_WRAPPING_CHARS:
            self.article.hold_wrapping(True)  # (until it completes or fails)
        now = monotonic()
        every = progress_every(len(self.session.doc.text))
        if message.delta.complete or now - self._applied_at >= every:
            self._apply_pending()
        elif self._pending_timer is None:
            delay = every - (now - self._applied_at)
            self._pending_timer = self.set_timer(delay, self._apply_pending)

    def _apply_pending(self) -> None:
        self._pending_timer = None
        pending, self._pending_deltas = next_slice(self._pending_deltas)
        if self._pending_deltas:  # the rest of a big delta: after the keys pressed meanwhile
            self._pending_timer = self.set_timer(SLICE_GAP, self._apply_pending)
        if pending:
            self._applied_at = monotonic()
            ready, self._ready = self._ready, None
            if ready is not None and pending == [ready.delta]:
                # The cached analysis, applied and indexed by the loading thread.
                self._live = ready.live
                self.apply_change(ready.change, ready.index)
                # Once it is drawn, the layout child computes the notes' fingerprint
                # of the text (``preload.shown``), not while the panels are made.
                self.call_after_refresh(_child_may_go_on)
            else:
                self.apply_change(apply_deltas(self._live, pending))
            if self._live.analysis.complete:
                self.article.hold_wrapping(False)
            if not self.app.is_headless:
                if self._live.analysis.complete:
                    gc.enable()
                else:
                    # Until it completes the collections are ``_collect``'s: the
                    # automatic ones would walk the deltas decoded since (in the worker
                    # too, in the middle of unpickling a frame, holding the keys up 10-50
                    # ms at x15; after a freeze the oldest generation's threshold is
                    # reached often), only to find them alive.
                    gc.disable()
                if self._collect_timer is None:
                    # Not in this step: a key pressed during it waits for the
                    # application or for the collection, not for both (x15: 2-5 ms of
                    # a 5-17 ms step).
                    self._collect_timer = self.set_timer(COLLECT_AFTER, self._collect)

    def _collect(self) -> None:
        """Keep the analysis' objects out of the collector's full passes as they arrive.

        The analysis lives as long as the reader: its objects (a 13 MB book's ~1,000,000
        with the panels') are frozen as they arrive, not only at the end: each full pass
        walks them all (18 passes of 120-200 ms while a 13 MB book was analysed, each
        stalling the keys). The young generations are collected first, so no garbage cycle
        is kept for good (as the start-up's: CloseReadApp.on_mount); the oldest too: a
        frozen object is never collected, and what the keys pressed meanwhile left in
        cycles (events, rendered lines) had often reached the oldest generation (x15:
        +10-50 MiB with j held). The frozen objects are not walked, so this costs what
        arrived since the last one."""
        self._collect_timer = None
        gc.collect()
        gc.freeze()
        if self._live.analysis.complete:
            self.call_after_refresh(gc.freeze)  # and the panels' last rows
            # What the deltas held in transit, freed in the C heaps (the analysis
            # thread's too), goes back to the system: x15 ~3 MiB.
            self.call_after_refresh(trim_heap)

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.article.hold_wrapping(False)
        if not self.app.is_headless:
            gc.enable()  # (off while deltas arrive: ``_apply_pending``)
        self.session.analysis_failed()
        self.notify(message.error, severity="error", markup=False)
        self.update_status()

    def set_analysis(self, analysis: Analysis, index: AnalysisIndex | None = None) -> None:
        """Show ``analysis`` everywhere (also the test hook for hand-built analyses);
        ``index``: its index, if built already."""
        self.session.set_analysis(analysis, index)
        self.article.set_analysis(analysis, self.session.index)
        self._show_analysis_in_panels()
        self._cursor_changed(scroll=False)

    def apply_change(self, change: Change, index: AnalysisIndex | None = None) -> None:
        """Show what the deltas just applied to ``self._live`` changed, touching only that
        (``set_analysis`` on a new run, with ``index`` if it was built already)."""
        a = self._live.analysis
        if change.reset or a is not self.session.analysis:
            self.set_analysis(a, index)
            return
        self.session.update_analysis(a, change)
        self.article.update_analysis(
            a,
            self.session.index,
            change.first_citation,
            change.changed_citations,
            _marked_spans(a, change),
            renamed=change.renamed_citations,
        )
        update_panels(self, a, change)
        self._cursor_changed(scroll=False)

    def _show_analysis_in_panels(self) -> None:
        if not self.side_mounted:
            return
        from closeread.tui.widgets.claims_panel import ClaimsPanel
        from closeread.tui.widgets.sources_panel import SourcesPanel

        analysis = self.session.analysis
        if (sources := self.panel(SourcesPanel)) is not None:
            sources.show_analysis(analysis)
        if (claims := self.panel(ClaimsPanel)) is not None:
            claims.show_analysis(analysis)
            if analysis.complete:
                self.show_verdicts()

    # -- drawing what the session decided -----------------------------------------------

    def show(self, message: str | None = None) -> None:
        """Draw the cursor if it moved (else the selection and the status), then say
        ``message``, if any."""
        if self.session.moves != self._drawn:
            self._cursor_changed()
        else:
            self._selection_changed()
        if message:
            self.notify(message, markup=False)

    def _selection_changed(self) -> None:
        selection = self.session.selection()
        if self.article.selection != selection:
            self.article.set_selection(selection)
        self.update_status()

    def _cursor_changed(self, scroll: bool = True) -> None:
        self._drawn = self.session.moves
        self.article.set_cursor(self.session.cursor, scroll=scroll)
        if self.side_mounted:
            self._mark_in_panels()
        self._selection_changed()

    def _mark_in_panels(self) -> None:
        from closeread.tui.widgets.claims_panel import ClaimsPanel
        from closeread.tui.widgets.notes_panel import NotesPanel
        from closeread.tui.widgets.sources_panel import SourcesPanel

        claim, citation = self.session.claim_here(), self.session.citation_here()
        if (claims := self.panel(ClaimsPanel)) is not None:
            claims.mark_current(claim.id if claim else None)
        if (sources := self.panel(SourcesPanel)) is not None:
            sources.mark_current(citation.id if citation else None)
        note = self.note_under_cursor()
        if (notes_panel := self.panel(NotesPanel)) is not None:
            notes_panel.mark_current(note.id if note else None)

    def update_status(self) -> None:
        bars = self.query(StatusBar)
        if not bars:
            return  # the reader is closing (its widgets go first; a start step may follow)
        s = self.session
        bars.first().show(
            Status(
                s.position(),
                len(s.notes_here()),
                len(s.notes),
                s.save_state(),
                None if s.analysis.complete else s.analysis.progress,
                s.search_status(),
                loader_line(s.doc),
            )
        )

    def refresh_notes(self) -> None:
        """Push the store's notes down to the article and the Notes panel."""
        self.article.set_notes(self.session.notes)
        self._show_notes_in_panels()

    def _show_notes_in_panels(self) -> None:
        """The store's notes in the Notes panel and the verdicts in the Claims panel (the
        article has them: ``refresh_notes``)."""
        if self.side_mounted:
            from closeread.tui.widgets.notes_panel import NotesPanel

            if (panel := self.panel(NotesPanel)) is not None:
                panel.show_notes(self.session.notes, self.session.doc.text)
            self.show_verdicts()
        self.update_status()

    def show_verdicts(self) -> None:
        """Show the reader's verdicts on claims in the Claims panel (after each notes change
        and when the analysis completes; not on every progress tick)."""
        if not self.side_mounted:
            return
        from closeread.tui.widgets.claims_panel import ClaimsPanel, verdicts_for_claims

        if (claims := self.panel(ClaimsPanel)) is not None:
            claims.show_verdicts(
                verdicts_for_claims(self.session.analysis.claims, self.session.notes)
            )

    def note_under_cursor(self) -> Note | None:
        """The note e/d/t/m act on: with the Notes panel focused, its highlighted row."""
        row = None
        if self.side_mounted:
            from closeread.tui.widgets.notes_panel import NoteList

            if isinstance(focused := self.app.focused, NoteList):
                row = focused.cursor_key
        return self.session.note_under_cursor(row)

    def check_disk(self) -> None:
        """Merge notes another closeread instance saved to the same file: a cheap stat
        here, the reading and merging in a worker (2,000 notes take ~0.1 s to parse)."""
        store = self.session.store
        if store is not None and not store.read_only and store.disk_changed():
            self._merge_from_disk(store)

    @work(thread=True, exclusive=True, group="notes-disk", description="notes from disk")
    def _merge_from_disk(self, store: NotesStore) -> None:
        if store.reload(wait=False):
            self.post_message(NotesMerged(store))

    def on_notes_merged(self, message: NotesMerged) -> None:
        if message.store is self.session.store:
            self.refresh_notes()
            self.notify("notes updated from another closeread window")

    # -- messages from the widgets ---------------------------------------------------------

    def on_notes_panel_note_selected(self, event: NotesPanel.NoteSelected) -> None:
        self.show(self.session.go_to_note(event.note_id))

    def on_sources_panel_citation_selected(self, event: SourcesPanel.CitationSelected) -> None:
        citation = self.session.analysis.citation(event.citation_id)
        if citation is not None:
            self.session.move_to((citation.start, citation.end), jump=True)
            self.show()

    def on_claims_panel_claim_selected(self, event: ClaimsPanel.ClaimSelected) -> None:
        claims = self.session.analysis.claims
        find = getattr(claims, "find", None)  # the reader's columns find an id at once
        if find is not None:
            i = find(event.claim_id)
            claim = None if i is None else claims[i]
        else:
            claim = next((k for k in claims if k.id == event.claim_id), None)
        if claim is not None:
            self.session.move_to((claim.start, claim.end), jump=True)
            self.show()

    def on_article_cursor_moved(self, event: Article.CursorMoved) -> None:
        self.session.click(event.offset)
        self.show()

    # -- navigation keys -------------------------------------------------------------------

    def action_cursor(self, n: int) -> None:
        self.session.cursor_step(n)
        self.show()

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
        self.session.page_to(top)
        self.show()

    def action_edge(self, n: int) -> None:
        self.session.edge(n)
        self.show()

    def action_jump(self, n: int, kind: JumpKind) -> None:
        self.show(self.session.jump(n, kind))

    def action_follow(self) -> None:
        self.show(self.session.follow())

    def action_history(self, n: int) -> None:
        self.show(self.session.go_history(n))

    def action_details(self) -> None:
        dialogs.details(self)

    # -- search ----------------------------------------------------------------------------

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
        search.value = self.session.search_query
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.display = False
        self.article.focus()
        self.session.search(event.value)
        self.article.set_matches(self.session.matches)
        if len(self.session.matches):
            self.action_search_step(1, jump=True)
        elif event.value:
            self.show(f"no matches for “{event.value}”")
        else:
            self.show()

    def action_search_step(self, n: int, jump: bool = True) -> None:
        self.show(self.session.search_step(n, jump=jump))

    def key_escape(self) -> None:
        search = self._search_input()
        if search is not None and search.display:
            search.display = False
            self.article.focus()
            return
        self.session.clear()
        self.article.set_matches(self.session.matches)
        self.show()

    # -- selections ------------------------------------------------------------------------

    def action_select(self) -> None:
        if self.session.toggle_selection():
            self.show("selecting: move to extend, then a (note) or h (highlight); escape clears")
        else:
            self.show()

    def action_select_word(self, n: int) -> None:
        """Start a word selection, or move its moving end ``n`` words (±1)."""
        self.show(self.session.select_word(n))

    def action_select_match(self) -> None:
        self.show(self.session.select_match())

    # -- keys that open a dialog or change notes (``reader_dialogs``) ----------------------

    def action_add_note(self) -> None:
        dialogs.add_note(self)

    def action_highlight(self) -> None:
        dialogs.highlight(self)

    def action_edit_note(self) -> None:
        dialogs.edit_note(self)

    def action_delete_note(self) -> None:
        dialogs.delete_note(self)

    def action_undo(self) -> None:
        dialogs.undo(self)

    def action_tag_note(self) -> None:
        dialogs.tag_note(self)

    def action_verdict(self) -> None:
        dialogs.verdict(self)

    def action_link(self) -> None:
        dialogs.link(self)

    def action_mark_quote(self) -> None:
        dialogs.mark_quote(self)

    def action_unmark_quote(self) -> None:
        dialogs.unmark_quote(self)

    def action_export(self) -> None:
        dialogs.export(self)

    def action_help(self) -> None:
        from closeread.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        dialogs.quit(self)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A cached analysis made ready off the screen's thread: its ``delta``, applied to a
    ``live`` analysis of its own (``change``), and the ``index`` of its claims and
    citations (x4: ~0.1 s to apply, 0.15 s to index)."""

    delta: Delta
    live: LiveAnalysis
    change: Change
    index: AnalysisIndex


def _child_may_go_on() -> None:
    from closeread.analysis import preload

    preload.shown()


def _cached_delta(doc: Document) -> Prepared | None:
    """The analysis the child read from the cache for ``doc``, prepared (None on a
    miss; the child analyses nothing then)."""
    from closeread.analysis import preload
    from closeread.analysis.delta import full

    hit = preload.take(doc, columns=True)
    if hit is None:
        return None
    delta = full(hit)
    live = LiveAnalysis()
    change = live.apply(delta)
    return Prepared(delta, live, change, AnalysisIndex(live.analysis))


def loader_line(doc: Document) -> str:
    """Which format and extractor the text came from ("html via readability-lxml"); "" for
    text and Markdown files, which are read as they are."""
    if doc.source_format in ("txt", "md"):
        return ""
    return f"{doc.source_format} via {doc.loader}" if doc.loader else doc.source_format
