"""Fixes from the user test in tmux: overlapping notes, search vs. notes, scroll margin,
focus stops, status of search, export folder, quote corrections."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.notes.model import LinkCorrection, Note, QuoteCorrection, Target
from closeread.notes.saver import wait_all
from closeread.tui.app import CloseReadApp
from closeread.tui.screens.dialogs import SourceDialog
from closeread.tui.screens.note_editor import NoteEditor
from closeread.tui.screens.reader import Analyzer, ReaderScreen
from closeread.tui.widgets.notes_panel import NoteList, NotesPanel
from tests.tui.conftest import hand_analysis

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)
OUTER = "The sky over the city turned green last week."


def reader(app: CloseReadApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def add_nested_notes(screen: ReaderScreen) -> tuple[Note, Note]:
    """A comment on a sentence and a comment on one word inside it."""
    text = screen.session.doc.text
    s = text.index(OUTER)
    w = text.index("green", s)
    new_id = screen.session.store.new_id
    outer = Note(new_id(), "comment", Target.from_span(text, s, s + len(OUTER)), "outer")
    screen.session.store.add(outer)
    inner = Note(new_id(), "comment", Target.from_span(text, w, w + 5), "inner")
    screen.session.store.add(inner)
    screen.refresh_notes()
    return outer, inner


async def choose_in_panel(pilot: Pilot[None], screen: ReaderScreen, note: Note) -> None:
    panel = screen.query_one(NotesPanel)
    panel.focus()
    await pilot.pause()
    panel.note_list.move_to_key(note.id)
    await pilot.press("enter")
    await pilot.pause()


async def test_edit_acts_on_the_inner_note_chosen_in_the_panel(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        outer, inner = add_nested_notes(screen)
        await choose_in_panel(pilot, screen, inner)
        assert screen.session.cursor == (inner.target.start, inner.target.end)
        screen.article.focus()
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.quote == "green"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        assert [n.id for n in app.store.notes] == [outer.id]


async def test_innermost_note_without_a_choice_and_panel_row_when_focused(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        outer, inner = add_nested_notes(screen)
        # On the word's span, nothing chosen: the shortest note wins.
        screen.session.move_to((inner.target.start or 0, inner.target.end or 0))
        assert screen.note_under_cursor() == inner
        # The panel focused on the outer row: d deletes that row's note.
        panel = screen.query_one(NotesPanel)
        panel.focus()
        await pilot.pause()
        panel.note_list.move_to_key(outer.id)
        assert isinstance(app.focused, NoteList)
        await pilot.press("d")
        assert [n.id for n in app.store.notes] == [inner.id]


async def test_a_note_after_a_search_goes_on_the_sentence_not_the_match(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"city", "enter")
        screen = reader(app)
        assert app.doc.text[slice(*screen.session.cursor)] == "city"
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.quote == OUTER
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # closes the search: still no selection
        await pilot.press("h")
        assert [n.target.quote for n in app.store.notes] == [OUTER]


async def test_enter_again_on_the_only_citation_goes_back_to_the_claim(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        screen = reader(app)
        claim = screen.session.claim_here()
        assert claim is not None
        await pilot.press("enter")  # k1 → c1, its only citation
        assert screen.session.citation_here() is not None
        assert screen.session.cursor != (claim.start, claim.end)
        await pilot.press("enter")  # nothing to cycle to: back to the claim
        assert screen.session.cursor == (claim.start, claim.end)
        messages = [n.message for n in app._notifications]
        assert f"back to {claim.id} (its only link)" in messages


async def test_scrolling_keeps_rows_of_context_below_and_above_the_cursor(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        await pilot.press("p")  # the side panel (hidden below 90 columns) narrows the text
        await pilot.pause()
        screen = reader(app)
        article = screen.article
        h = article.view_height
        margin = min(3, h // 4)
        assert article.wrapped.height > h + 2 * margin  # the test needs a scrolling article
        scrolled = False
        for key in ["j"] * 12 + ["k"] * 12:
            await pilot.press(key)
            await pilot.pause()
            top = round(article.scroll_y)
            scrolled |= top > 0
            y0 = article.wrapped.y_of(screen.session.cursor[0])
            y1 = article.wrapped.y_of(screen.session.cursor[1] - 1)
            below = min(margin, article.wrapped.height - 1 - y1)
            above = min(margin, y0)
            assert y1 <= top + h - 1 - below, (key, y1, top)
            assert y0 >= top + above, (key, y0, top)
        assert scrolled


async def test_tab_toggles_between_article_and_panel_list(
    make_reader: MakeReader, settle: Settle
) -> None:
    from textual.widgets import TabbedContent

    from closeread.tui.widgets.article import Article
    from closeread.tui.widgets.row_list import RowList

    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        assert app.screen.query_one(TabbedContent).active == "tab-claims"
        assert isinstance(app.focused, Article)
        await pilot.press("tab")
        assert isinstance(app.focused, RowList)
        await pilot.press("tab")
        assert isinstance(app.focused, Article)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, RowList)


async def test_export_proposes_the_current_directory(
    make_reader: MakeReader,
    settle: Settle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import Input

    from closeread.tui.screens.dialogs import ExportDialog

    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_reader()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportDialog)
        assert Path(app.screen.query_one(Input).value) == here / "green-sky-notes.md"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
    assert (here / "green-sky-notes.md").is_file()


async def test_export_error_names_the_users_path_only(
    make_reader: MakeReader,
    settle: Settle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import closeread.export.common as common

    def fail(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied", str(path.parent / ".tmp-x1y2z3"))

    monkeypatch.setattr(common, "write_atomic", fail)
    monkeypatch.chdir(tmp_path)
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e", "enter")
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
    assert errors == [f"export failed: {tmp_path / 'green-sky-notes.md'}: Permission denied"]


def recording_analyzer(seen: list[list[QuoteCorrection]]) -> Analyzer:
    """The hand analysis, applying "not a quote" corrections; records the quote corrections
    each run was given."""

    def analyze(
        doc: Document,
        links: Sequence[LinkCorrection],
        is_cancelled: Callable[[], bool],
        quotes: Sequence[QuoteCorrection],
    ) -> Iterator[Analysis]:
        seen.append(list(quotes))
        analysis = hand_analysis(doc)
        removed = {(q.span.start, q.span.end) for q in quotes if q.action == "remove"}
        analysis.citations = [c for c in analysis.citations if (c.start, c.end) not in removed]
        yield analysis

    return analyze


async def test_mark_a_sentence_as_a_quote_with_its_source(
    make_reader: MakeReader, settle: Settle, notes_dir: Path
) -> None:
    seen: list[list[QuoteCorrection]] = []
    app = make_reader(analyzer=recording_analyzer(seen))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "Q")
        assert isinstance(app.screen, SourceDialog)
        await pilot.press(*"The Sky Gazette", "enter")
        await settle(pilot)
        (correction,) = app.store.quotes
        assert correction.action == "add" and correction.source == "The Sky Gazette"
        assert correction.span.quote == OUTER
        assert seen[-1] == [correction]  # the analysis ran again with the correction
        wait_all(10)  # the reader saves on a worker thread
        saved = yaml.safe_load(next(notes_dir.glob("*.yaml")).read_text(encoding="utf-8"))
        assert "The Sky Gazette" in str(saved)


async def test_unmark_a_citation_drops_it_from_the_analysis(
    make_reader: MakeReader, settle: Settle
) -> None:
    seen: list[list[QuoteCorrection]] = []
    app = make_reader(analyzer=recording_analyzer(seen))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("X")  # not on a citation: says so, changes nothing
        assert app.store.quotes == []
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        citation = screen.session.citation_here()
        assert citation is not None and citation.id == "c2"
        await pilot.press("X", "n")  # asks first: "no" changes nothing
        await settle(pilot)
        assert app.store.quotes == []
        await pilot.press("X", "y")
        await settle(pilot)
        (correction,) = app.store.quotes
        assert correction.action == "remove"
        assert (correction.span.start, correction.span.end) == (citation.start, citation.end)
        assert seen[-1] == [correction]
        assert "c2" not in [c.id for c in screen.session.analysis.citations]


async def test_page_down_lands_below_the_margin_without_scrolling_back(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        await pilot.press("p")  # the side panel (hidden below 90 columns) narrows the text
        await pilot.pause()
        screen = reader(app)
        article = screen.article
        h = article.view_height
        assert article.wrapped.height > 2 * h  # room for a whole page
        before = round(article.scroll_y)
        await pilot.press("space")
        await pilot.pause()
        top = round(article.scroll_y)
        assert top >= before + h - 2  # the cursor landing did not scroll back up
        assert article.wrapped.y_of(screen.session.cursor[0]) - top >= min(3, h // 4)
