"""Big documents open head first: the head's offsets are the full document's, the full
document arrives from a forked child (or is laid out in-process), notes wait for it."""

from __future__ import annotations

import threading
from pathlib import Path
from time import monotonic
from typing import Any

import pytest
from textual.pilot import Pilot

from closeread import navigation
from closeread.analysis import analyze
from closeread.analysis import cache as acache
from closeread.analysis.model import Analysis
from closeread.document import load
from closeread.document import opening as loading
from closeread.document.opening import head_cut, head_is_prefix, open_document
from closeread.notes import Note, NotesStore, Target
from closeread.notes.model import LinkCorrection, SpanRef
from closeread.tui.app import make_app
from closeread.tui.screens import reader as reader_module
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets.article import Article
from tests.conftest import corpus_file

SIZE = (120, 36)


@pytest.mark.parametrize("name", ["war-and-peace.txt", "long-doc.md"])
@pytest.mark.parametrize("fork", [True, False])
def test_head_offsets_are_the_full_documents(name: str, fork: bool) -> None:
    path = corpus_file(name)
    head, pending = open_document(path, fork=fork)
    assert pending is not None, "the corpus file should be big enough to open head first"
    full = pending.wait()
    assert full == load(path)  # the child's document is the ordinary one
    assert len(head.blocks) > 10 and len(head.text) < len(full.text)
    assert head_is_prefix(head, full)
    assert (head.title, head.byline, head.publisher) == (full.title, full.byline, full.publisher)
    assert pending.wait() is full  # collected once


@pytest.mark.parametrize("fork", [True, False])
def test_the_full_document_exports_into_its_source_text(tmp_path: Path, fork: bool) -> None:
    # A big file with mojibake: the document the reader gets from the child maps
    # its offsets into the file's text exactly as ``load`` does (the source is decoded
    # again only when asked).
    path = tmp_path / "big.txt"
    para = "Nat\u00c3\u00a1sha said \u00e2\u20ac\u0153yes\u00e2\u20ac\x9d, line {}.\n"
    path.write_bytes(("Title\n\n" + "\n".join(para.format(i) for i in range(3000))).encode("utf-8"))
    _head, pending = open_document(path, fork=fork)
    assert pending is not None
    full, ref = pending.wait(), load(path)
    assert full.text == ref.text and "Ã" not in full.text
    start = full.text.index("Natásha", 50_000)
    span = full.to_source(start, start + 7)
    assert span == ref.to_source(start, start + 7)
    assert full.source[span[0] : span[1]] == "Nat\u00c3\u00a1sha"
    assert full.source == path.read_bytes().decode("utf-8")


def test_small_documents_load_whole(sample_path: Path) -> None:
    doc, pending = open_document(sample_path)
    assert pending is None
    assert doc == load(sample_path)


def test_head_cut_is_at_a_blank_line() -> None:
    text = "\n\n".join(f"Paragraph {i} " + "word " * 30 for i in range(2000))
    cut = head_cut(text, 10_000)
    assert 5_000 <= cut <= 10_000 and text[cut : cut + 2] == "\n\n"
    assert head_cut("short text", 10_000) == 0
    assert head_cut("x" * 20_000, 10_000) == 0  # no blank line: no head


def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.txt"
    paragraphs = [f"Paragraph {i} says something plain. " * 6 for i in range(1500)]
    paragraphs.append("The very last sentence of the book.")
    path.write_text("A Long Book\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > 3 * loading.HEAD_CHARS
    return path


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the full text, the notes and the analysis; fail after a minute without."""
    deadline = monotonic() + 60
    while True:
        screen = pilot.app.screen
        ready = isinstance(screen, ReaderScreen) and not screen.session.loading_notes
        if ready and screen.session.analysis.complete:
            break
        if monotonic() > deadline:
            pytest.fail("settle: the notes or the analysis did not arrive within 60 s")
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_notes_beyond_the_head_are_anchored_after_the_full_load(
    tmp_path: Path, notes_dir: Path
) -> None:
    path = book(tmp_path)
    full = load(path)
    last = "The very last sentence of the book."
    start = full.text.index(last)
    store = NotesStore.open(full, notes_dir)
    target = Target.from_span(full.text, start, start + len(last))
    store.add(Note(store.new_id(), "comment", target))

    app = make_app(path, notes_dir)
    assert app.pending is not None  # opened head first
    assert len(app.doc.text) < len(full.text)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.doc.text == full.text and app.screen.session.doc is app.doc
        assert [n.target.start for n in app.store.notes] == [start]
        await pilot.press("end")
        article = app.screen.query_one(Article)
        top = round(article.scroll_y)
        rows = [article.row_text(y) for y in range(top, top + article.view_height)]
        assert any(last in r for r in rows)


async def test_keys_right_after_the_first_frame_see_the_whole_book(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = book(tmp_path)
    # The notes stay unopened, so that ``a`` below surely comes while they are loading.
    monkeypatch.setattr(ReaderScreen, "_open_notes", lambda self: None)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")  # before the reader swapped the full text in by itself
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.session.cursor[1] == len(screen.session.doc.text.rstrip("\n"))
        article = screen.query_one(Article)
        top = round(article.scroll_y)
        rows = [article.row_text(y) for y in range(top, top + article.view_height)]
        assert any("The very last sentence of the book." in r for r in rows)
        await pilot.press("a")  # note actions wait for the notes: no editor, no crash
        await pilot.pause()
        assert app.screen is screen and screen.session.loading_notes


def test_make_app_takes_what_the_cli_preopened(tmp_path: Path, notes_dir: Path) -> None:
    path = book(tmp_path)
    loading.preopen(path)
    app = make_app(path, notes_dir)
    assert app.pending is not None and app.pending.wait().text == load(path).text
    assert loading.take_preopened(path) is None  # taken once


@pytest.mark.parametrize("fork", [True, False])
@pytest.mark.parametrize(
    "newline, tail", [("\r\n", b""), ("\n", b"caf\xe9 \xff latin-1 at the end\n")]
)
def test_crlf_and_late_bad_utf8_give_the_ordinary_document(
    tmp_path: Path, newline: str, tail: bytes, fork: bool
) -> None:
    path = tmp_path / "odd.txt"
    body = newline.join(f"Line {i} of a paragraph “quoted”." for i in range(3)) + newline
    path.write_bytes((newline.join([body] * 1500)).encode("utf-8") + tail)
    assert path.stat().st_size > 2 * loading.HEAD_CHARS
    doc, pending = open_document(path, fork=fork)
    full = pending.wait() if pending is not None else doc
    assert full == load(path)


LATE = 0.5
"""How long ``load_rest_late`` holds the loading worker back."""


def load_rest_late(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start the loading worker (the full text's swap, the cache lookup) LATE seconds
    after the first frame: the notes' worker, started BACKGROUND_DELAY after it, comes
    first (as it may on a loaded machine: two threads)."""
    real = ReaderScreen._load_rest

    def late(self: ReaderScreen, pending: object) -> None:
        self.set_timer(LATE, lambda: real(self, pending))

    monkeypatch.setattr(ReaderScreen, "_load_rest", late)


async def test_notes_opening_before_the_full_text_is_swapped_in_swap_it_first(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NotesOpened may overtake DocumentLoaded (two workers): without its own swap, the
    # analysis it starts would run on the head only and the notes would point past it.
    swapped_by_notes: list[bool] = []
    real_opened = ReaderScreen.on_notes_opened

    def on_notes_opened(self: ReaderScreen, message: object) -> None:
        swapped_by_notes.append(self.session.loading)
        real_opened(self, message)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderScreen, "on_notes_opened", on_notes_opened)
    load_rest_late(monkeypatch)
    # The notes wait for the layout, but not forever (a layout that takes longer than
    # LAYOUT_WAIT): then they come first.
    monkeypatch.setattr(reader_module, "LAYOUT_WAIT", 0.05)
    path = book(tmp_path)
    full = load(path)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(LATE + 0.3)
        await settle(pilot)
        assert swapped_by_notes == [True]  # the notes came first
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.session.doc.text == full.text and app.doc is screen.session.doc
        assert screen.session.analysis.complete
        last = full.text.index("The very last sentence")
        assert screen.session.analysis.sentences.ends[-1] > last


async def test_export_waits_for_the_notes_of_a_big_document(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from closeread.tui.screens.dialogs import ExportDialog

    monkeypatch.setattr(ReaderScreen, "_open_notes", lambda self: None)  # never open
    app = make_app(book(tmp_path), notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.session.loading_notes
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)  # not an export of no notes


def quoting_book(tmp_path: Path) -> Path:
    path = tmp_path / "quoting.txt"
    paragraphs = [
        f"Paragraph {i}: the minister said that “the plan will work,” critics disagree."
        for i in range(1500)
    ]
    path.write_text("A Long Book\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > 3 * loading.HEAD_CHARS
    return path


def _same(a: Analysis, b: Analysis, text: str) -> bool:
    return acache.to_data(a, text) == acache.to_data(b, text) and a.complete == b.complete


async def test_a_cached_analysis_shows_before_the_notes_open(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = quoting_book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)  # fills the cache
    monkeypatch.setattr(ReaderScreen, "_open_notes", lambda self: None)  # never open
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        deadline = monotonic() + 60
        screen = app.screen
        while not (isinstance(screen, ReaderScreen) and screen.session.analysis.complete):
            assert monotonic() < deadline, "the cached analysis did not arrive"
            await pilot.pause(0.05)
            screen = app.screen
        assert screen.session.loading_notes
        assert _same(screen.session.analysis, expected, full.text)


@pytest.mark.parametrize("cached", [False, True])
async def test_the_notes_link_corrections_reach_the_analysis(
    tmp_path: Path, notes_dir: Path, cached: bool
) -> None:
    """Cold (the child that laid the book out analyses it and gets the corrections when
    the notes open) or cached (shown at once, then run again with them): the reader ends
    with the analysis ``analyze`` gives with the notes' corrections."""
    path = quoting_book(tmp_path)
    full = load(path)
    plain = analyze(full)
    claim, cit = plain.claims[0], plain.citations[-1]
    link = LinkCorrection(
        SpanRef(claim.text, claim.start, claim.end), SpanRef(cit.quote, cit.start, cit.end)
    )
    store = NotesStore.open(full, notes_dir)
    store.set_link(link)
    assert store.save()
    expected = analyze(full, [link])
    assert not _same(expected, plain, full.text)
    if cached:
        acache.analyze_cached(full)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _same(app.screen.session.analysis, expected, full.text)


async def test_a_cached_analysis_comes_with_its_panels_at_once(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached analysis does not wait for the side panel's delay: it mounts the panel and
    is shown in it in the same step, so the status bar never says complete over empty
    panels; the notes file's fingerprint comes from the child that read the cache."""
    from textual.widgets import Static

    from closeread.notes import identity
    from closeread.tui.screens import reader
    from closeread.tui.widgets.claims_panel import ClaimsPanel
    from closeread.tui.widgets.notes_panel import NotesPanel
    from closeread.tui.widgets.sources_panel import SourcesPanel
    from closeread.tui.widgets.status_bar import StatusBar

    path = quoting_book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)  # fills the cache
    fingerprint = identity.fingerprint(full.text)
    monkeypatch.setattr(reader, "BACKGROUND_DELAY", 3600.0)  # never by the timer
    built_on: list[str] = []
    build = navigation.AnalysisIndex.__init__

    def recording(self: navigation.AnalysisIndex, analysis: Any = None) -> None:
        if analysis is not None and analysis.claims:
            built_on.append(threading.current_thread().name)
        build(self, analysis)

    monkeypatch.setattr(navigation.AnalysisIndex, "__init__", recording)
    app = make_app(path, notes_dir)  # its layout child computes the fingerprint
    computed_here: list[str] = []
    monkeypatch.setattr(identity, "fingerprint", computed_here.append)
    async with app.run_test(size=SIZE) as pilot:
        deadline = monotonic() + 60
        screen = app.screen
        while not (isinstance(screen, ReaderScreen) and screen.session.analysis.complete):
            assert monotonic() < deadline, "the cached analysis did not arrive"
            if isinstance(screen, ReaderScreen):
                status = screen.query_one(StatusBar).status
                assert status is None or status.progress is not None
            await pilot.pause(0.01)
            screen = app.screen
        assert screen.side_mounted
        # The index of its claims and citations was built by the loading thread, not
        # on the screen's (an empty one is the session's start), and is the same.
        assert built_on and "MainThread" not in built_on, built_on
        fresh = navigation.AnalysisIndex(screen.session.analysis)
        index = screen.session.index
        for mine, theirs in ((index.claims, fresh.claims), (index.citations, fresh.citations)):
            assert (mine.starts, mine.ends, list(mine.keys)) == (
                theirs.starts,
                theirs.ends,
                list(theirs.keys),
            )
        assert list(index.unsupported) == list(fresh.unsupported)
        assert screen.panel(NotesPanel) is not None  # the tab in front
        # The other tabs' panels are composed when first shown, and filled then.
        assert screen.panel(ClaimsPanel) is None and screen.panel(SourcesPanel) is None
        await pilot.press("3")
        await pilot.pause()
        claims = screen.panel(ClaimsPanel)
        assert claims is not None and claims.claim_list.row_count == len(expected.claims)
        assert [k.id for k in claims.claim_list.claims] == [k.id for k in expected.claims]
        await pilot.press("2")
        await pilot.pause()
        sources = screen.panel(SourcesPanel)
        assert sources is not None
        summary = str(sources.query_one("#sources-summary", Static).render())
        assert f"{len(expected.citations)} citation" in summary
        await settle(pilot)
        status = screen.query_one(StatusBar).status
        assert status is not None and status.progress is None
        assert _same(screen.session.analysis, expected, full.text)
        store = screen.session.store
        assert store is not None and store.ensure_fingerprint() == fingerprint
        assert computed_here == []


@pytest.mark.parametrize("lookup_late", [False, True], ids=["lookup_first", "lookup_late"])
async def test_notes_opening_during_the_cache_look_up_wait_for_it(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch, lookup_late: bool
) -> None:
    """Notes without corrections that open while the cached entry is being decoded (a
    big book's takes a moment) wait for it: the entry is decoded once and shown, no run
    starts (which would decode and apply it a second time). Also when the notes open
    before the lookup's thread has even started (a loaded machine: CI once did so)."""
    import threading

    from closeread.tui.screens import reader

    path = quoting_book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)
    decoded: list[int] = []
    opened = threading.Event()
    real = acache.decode

    def slow_decode(body: bytes, text: str, *, columns: bool = False) -> Analysis:
        decoded.append(1)
        assert opened.wait(30), "the notes did not open"  # while this entry decodes
        return real(body, text, columns=columns)

    monkeypatch.setattr(acache, "decode", slow_decode)
    monkeypatch.setattr(reader, "BACKGROUND_DELAY", 0.01)
    opened_first: list[bool] = []
    real_opened = ReaderScreen.on_notes_opened

    def on_notes_opened(self: ReaderScreen, message: object) -> None:
        opened_first.append(not self.session.analysis.complete)
        real_opened(self, message)  # type: ignore[arg-type]
        opened.set()

    monkeypatch.setattr(ReaderScreen, "on_notes_opened", on_notes_opened)
    if lookup_late:
        load_rest_late(monkeypatch)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if lookup_late:
            await pilot.pause(LATE + 0.3)
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert opened_first == [True]
        assert decoded == [1]
        assert not screen._run_started
        assert _same(screen.session.analysis, expected, full.text)


async def test_a_key_before_the_cache_look_up_does_not_skip_it(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key pressed at once swaps the full text in before the loading worker runs (as
    ``j`` right after the first frame does): the worker still takes the cached analysis
    the child read, shown without a run of the analysis."""
    path = quoting_book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)
    real_mount = ReaderScreen.on_mount

    def on_mount(self: ReaderScreen) -> None:
        real_mount(self)
        self.ensure_loaded()  # what a key's ``before_action`` does

    monkeypatch.setattr(ReaderScreen, "on_mount", on_mount)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert not screen._run_started
        assert _same(screen.session.analysis, expected, full.text)


async def test_j_right_after_the_first_frame_is_answered_from_the_head(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``j`` and ``k`` inside the head do not wait for the rest of a big document (seconds
    for a 50 MB book): the cursor moves by paragraph and the status says where it is;
    the full text comes in later without moving it."""
    import threading

    path = book(tmp_path)
    released = threading.Event()
    waited_on_screen: list[bool] = []
    real_wait = loading.PendingLoad.wait

    def wait(self: loading.PendingLoad) -> object:
        if threading.current_thread() is threading.main_thread():
            waited_on_screen.append(released.is_set())
        else:
            released.wait(30)  # the loading worker: the child is "still laying it out"
        return real_wait(self)

    monkeypatch.setattr(loading.PendingLoad, "wait", wait)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("j", "j", "j", "k")
        await pilot.pause()
        head = screen.session.doc
        assert screen.session.loading and waited_on_screen == []
        assert screen.session.cursor == (head.blocks[2].start, head.blocks[2].end)
        status = str(screen.query_one("#status").render())
        assert f"paragraph 3/{len(head.blocks)}+" in status
        released.set()
        await settle(pilot)
        assert not screen.session.loading and len(screen.session.doc.text) > len(head.text)
        assert screen.session.cursor[0] == head.blocks[2].start


async def test_the_full_texts_layout_is_made_off_the_screens_thread(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article's layout of the full text (~25 ms for 13 MB, ~100 ms for 50 MB) is
    made on the loading thread; the screen's thread only swaps it in."""
    import threading

    from closeread.tui.widgets.article_layout import ArticleLayout

    path = book(tmp_path)
    full = load(path)
    made_on: list[bool] = []
    real_init = ArticleLayout.__init__

    def init(self: ArticleLayout, text: str, *args: object, **kwargs: object) -> None:
        if len(text) == len(full.text):
            made_on.append(threading.current_thread() is threading.main_thread())
        real_init(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleLayout, "__init__", init)
    monkeypatch.setattr(ReaderScreen, "_open_notes", lambda self: None)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        deadline = monotonic() + 30
        while screen.session.loading and monotonic() < deadline:
            await pilot.pause(0.02)
        article = screen.query_one(Article)
        assert article.doc.text == full.text and article.wrapped.text is article.doc.text
        assert made_on == [False]
        await pilot.press("end")
        top = round(article.scroll_y)
        rows = [article.row_text(y) for y in range(top, top + article.view_height)]
        assert any("The very last sentence of the book." in r for r in rows)


async def test_the_loading_worker_never_prints_the_files_bytes(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual describes a worker by the repr of its arguments unless told otherwise: the
    pending load's repr holds the whole file (seconds of the screen's thread for 50 MB)."""
    path = book(tmp_path)
    printed: list[int] = []

    def no_repr(self: object) -> str:
        printed.append(1)
        return "PendingLoad(...)"

    monkeypatch.setattr(loading.PendingLoad, "__repr__", no_repr)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not pilot.app.screen.session.loading
    assert printed == []


async def test_notes_done_before_the_layout_wait_for_it_off_the_screens_thread(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loading worker lays the full text out (a 50 MB book's takes ~0.4 s): notes
    that open sooner wait for it, instead of swapping the text in themselves and laying
    it out again on the screen's thread, where every key waits."""
    import threading
    import time

    from closeread.tui.widgets import article_layout

    path = book(tmp_path)
    full = load(path)
    made_on: list[str] = []
    real_init = article_layout.ArticleLayout.__init__

    def init(self: Any, text: str, *args: Any) -> None:
        if text == full.text:
            made_on.append(threading.current_thread().name)
        real_init(self, text, *args)

    real_layout_for = Article.layout_for

    def slow_layout_for(self: Article, doc: Any) -> Any:
        time.sleep(0.5)  # the notes open meanwhile
        return real_layout_for(self, doc)

    monkeypatch.setattr(article_layout.ArticleLayout, "__init__", init)
    monkeypatch.setattr(Article, "layout_for", slow_layout_for)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.session.doc.text == full.text and screen.session.store is not None
        assert made_on and threading.main_thread().name not in made_on, made_on


def hold_cache_look_up(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the cached entry's look-up (``reader._cached_delta``) until the event is set."""
    from closeread.tui.screens import reader

    release = threading.Event()
    real = reader._cached_delta

    def held(doc: Any) -> Any:
        release.wait(60)
        return real(doc)

    monkeypatch.setattr(reader, "_cached_delta", held)
    return release


@pytest.mark.parametrize("hinted", [True, False], ids=["hinted", "no_hint"])
async def test_a_likely_hit_mounts_the_side_panel_before_the_look_up_ends(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch, hinted: bool
) -> None:
    """When the file's analysis was cached before (``cache_hint``), the side panel is
    mounted right after the first frame, while the look-up still runs, and the cached
    analysis fills it when it comes; without a hint the panel waits for the look-up (or
    the background delay), as before. Either way the reader ends with the cached
    analysis and no run."""
    from closeread.analysis import cache_hint
    from closeread.tui.screens import reader

    path = quoting_book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)  # fills the cache, and leaves the hint
    assert cache_hint.hinted(path)
    if not hinted:
        monkeypatch.setattr(cache_hint, "hinted", lambda *a, **k: False)
    monkeypatch.setattr(reader, "BACKGROUND_DELAY", 3600.0)  # never by the timer
    monkeypatch.setattr(reader, "LOOKUP_GRACE", 3600.0)  # the rest waits for it
    release = hold_cache_look_up(monkeypatch)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        deadline = monotonic() + 30
        while hinted and not screen.side_mounted:
            assert monotonic() < deadline, "the side panel was not mounted early"
            await pilot.pause(0.02)
        await pilot.pause(0.3)
        assert screen._cache_lookup  # still held
        assert screen.side_mounted is hinted
        assert not screen.session.analysis.complete
        assert screen.session.loading_notes  # the notes come after the panels
        await pilot.press("j")  # keys go on meanwhile
        release.set()
        await settle(pilot)
        assert screen.side_mounted
        assert not screen._run_started
        assert _same(screen.session.analysis, expected, full.text)


async def test_a_stale_hint_still_analyses(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hint whose entry is gone (trimmed, another version's) mounts the panel early
    for nothing: the look-up misses and the analysis runs as on a first open."""
    from closeread.analysis import cache_hint

    path = quoting_book(tmp_path)
    full = load(path)
    cache_hint.leave(path)
    assert not list(acache.cache_dir().glob(f"*{acache.SUFFIX}"))
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.side_mounted
        assert _same(screen.session.analysis, analyze(full), full.text)


async def test_a_slow_look_up_does_not_hold_the_notes_and_footer_for_long(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hit expected but slow to come (a 50 MB book's look-up waits for its layout): the
    notes, the search field and the footer come after ``LOOKUP_GRACE``, not after it;
    the cached analysis is still the one shown when it comes, without a run."""
    from textual.widgets import Footer

    from closeread.tui.screens import reader

    path = quoting_book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)
    monkeypatch.setattr(reader, "BACKGROUND_DELAY", 3600.0)
    monkeypatch.setattr(reader, "LOOKUP_GRACE", 0.05)
    release = hold_cache_look_up(monkeypatch)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        deadline = monotonic() + 30
        while screen.session.loading_notes or not screen.query(Footer):
            assert monotonic() < deadline, "the notes and the footer waited for the look-up"
            await pilot.pause(0.02)
        assert screen._cache_lookup and screen.side_mounted
        assert not screen.session.analysis.complete
        release.set()
        await settle(pilot)
        assert not screen._run_started
        assert _same(screen.session.analysis, expected, full.text)


async def test_the_child_is_told_once_the_cached_analysis_is_drawn(
    tmp_path: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached analysis on screen releases the layout child (``preload.shown``: it then
    computes the notes' fingerprint), after the frame that draws it, not before."""
    from closeread.analysis import preload

    path = quoting_book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)
    told: list[bool] = []
    real = preload.shown

    def shown() -> None:
        screen = app.screen
        told.append(isinstance(screen, ReaderScreen) and screen.session.analysis.complete)
        real()

    monkeypatch.setattr(preload, "shown", shown)
    app = make_app(path, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert told == [True]
        assert not screen._run_started
        assert _same(screen.session.analysis, expected, full.text)
