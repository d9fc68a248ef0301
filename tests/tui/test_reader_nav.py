"""The reader with the real keys: sentences, claims, citations, follow, history, search, panels."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from closeread.tui.app import CloseReadApp
from closeread.tui.screens.help import HelpScreen
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets.article import Article
from closeread.tui.widgets.status_bar import StatusBar, render_status

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)


def reader(app: CloseReadApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def at_cursor(app: CloseReadApp) -> str:
    s, e = reader(app).session.cursor
    return app.doc.text[s:e]


def status(app: CloseReadApp) -> str:
    bar = app.screen.query_one(StatusBar)
    assert bar.status is not None
    return render_status(bar.status).plain


def visible(app: CloseReadApp) -> list[str]:
    article = app.screen.query_one(Article)
    top = round(article.scroll_y)
    return [article.row_text(y) for y in range(top, top + article.view_height)]


def notifications(app: CloseReadApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_j_and_k_move_by_sentence_and_mark_it(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sentences = reader(app).session.analysis.sentences
        assert reader(app).session.cursor == sentences[0]
        await pilot.press("j", "j", "j")
        assert reader(app).session.cursor == sentences[3]
        await pilot.press("k")
        assert reader(app).session.cursor == sentences[2]
        await pilot.press("down")
        assert reader(app).session.cursor == sentences[3]
        first_words = app.doc.text[sentences[3][0] : sentences[3][1]][:20]
        assert any(row.startswith("▸") and first_words in row for row in visible(app))
        assert f"sentence 4/{len(sentences)}" in status(app)


async def test_claims_citations_and_unsupported(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        assert at_cursor(app) == "The sky over the city turned green last week."
        assert "claim 1/4 · supported: backed by c1" in status(app)
        await pilot.press("right_square_bracket")
        assert at_cursor(app) == "The pollen story is plainly false."
        await pilot.press("left_square_bracket")
        assert at_cursor(app).startswith("The sky over the city")
        await pilot.press("right_curly_bracket")
        assert at_cursor(app).startswith("The green colour comes from pollen")
        assert "citation 1/3 · The Daily Planet" in status(app)
        await pilot.press("right_curly_bracket")
        assert at_cursor(app) == "we are looking into it"
        assert "citation 2/3 · The mayor" in status(app)
        await pilot.press("left_curly_bracket", "u")
        assert at_cursor(app).startswith("Pollen has never coloured a sky")
        assert "claim 3/4 · unsupported: no citation nearby" in status(app)
        await pilot.press("u", "u")
        assert at_cursor(app) == "Residents deserve a real answer."
        assert any("no unsupported claims after" in m for m in notifications(app))


async def test_enter_follows_claim_to_citations_and_back(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")  # k2: backed by c1 and c2
        await pilot.press("enter")
        assert at_cursor(app).startswith("The green colour comes from pollen")
        await pilot.press("enter")  # repeat cycles through the claim's citations
        assert at_cursor(app) == "we are looking into it"
        await pilot.press("enter")
        assert at_cursor(app).startswith("The green colour comes from pollen")
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o")  # back to the claim we followed from
        assert at_cursor(app) == "The pollen story is plainly false."
        # From a citation back to the claims it supports (c1 backs k1 and k2).
        await pilot.press("g", "right_curly_bracket", "enter")
        assert at_cursor(app) == "The sky over the city turned green last week."
        await pilot.press("enter")
        assert at_cursor(app) == "The pollen story is plainly false."
        # A claim with no citation says so and stays put.
        await pilot.press("right_square_bracket", "enter")
        assert at_cursor(app).startswith("Pollen has never coloured")
        assert "claim k3 has no citation" in notifications(app)


async def test_history_back_and_forward(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_curly_bracket")
        here = at_cursor(app)
        await pilot.press("ctrl+o")
        assert at_cursor(app) == "The pollen story is plainly false."
        await pilot.press("backspace")
        assert at_cursor(app) == "The sky over the city turned green last week."
        await pilot.press("alt+right")
        assert at_cursor(app) == "The pollen story is plainly false."
        await pilot.press("alt+right")
        assert app.doc.text[reader(app).session.cursor[0] :].startswith(here[:10])
        await pilot.press("alt+right")
        assert "nothing to go forward to" in notifications(app)


async def test_search_ignores_accents_in_a_repaired_file(
    make_reader: MakeReader, settle: Settle, tmp_path: Path
) -> None:
    # Mojibake in the file ("NatÃ¡sha"): the reader shows it repaired, and "/natasha" finds
    # every spelling of the name.
    path = tmp_path / "ball.txt"
    path.write_text(
        "The Ball\n\nNat\u00c3\u00a1sha came in. Everyone looked at NATÁSHA.\n\n"
        "Later Natasha danced, and Nata\u0301sha laughed. Not Natalia.\n",
        encoding="utf-8",
    )
    app = make_reader(path, analyzer=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Ã" not in app.doc.text
        await pilot.press("slash", *"natasha", "enter")
        screen = reader(app)
        assert [app.doc.text[s:e] for s, e in screen.session.matches] == [
            "Natásha",
            "NATÁSHA",
            "Natasha",
            "Nata\u0301sha",
        ]
        assert at_cursor(app) == "Natásha"
        assert "match 1/4 for “natasha”" in status(app)
        await pilot.press("n")
        assert at_cursor(app) == "NATÁSHA"


async def test_search_finds_steps_and_clears(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = app.screen.query_one("#search", Input)
        assert search.display and search.has_focus
        await pilot.press(*"POLLEN", "enter")
        screen = reader(app)
        assert not search.display
        assert len(screen.session.matches) == 3
        assert at_cursor(app) == "pollen"
        assert "match 1/3 for “POLLEN”" in status(app)
        await pilot.press("n")
        assert "match 2/3 for “POLLEN”" in status(app)
        assert at_cursor(app) == "pollen" and screen.session.cursor == screen.session.matches[1]
        await pilot.press("n")
        assert at_cursor(app) == "Pollen"
        await pilot.press("n")  # wraps round to the first match
        assert screen.session.cursor == screen.session.matches[0]
        assert any("search wrapped" in n.message for n in app._notifications)
        await pilot.press("j")
        assert "3 matches for “POLLEN”" in status(app)
        await pilot.press("k")
        await pilot.press("N")
        assert screen.session.cursor == screen.session.matches[2]
        await pilot.press("escape")
        assert len(screen.session.matches) == 0
        assert "matches" not in status(app)


async def test_number_keys_switch_panels_and_help_opens(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "tab-notes"
        await pilot.press("2")
        assert tabs.active == "tab-sources"
        await pilot.press("3")
        assert tabs.active == "tab-claims"
        await pilot.press("1")
        assert tabs.active == "tab-notes"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_q_quits(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keys_work_while_the_analysis_has_not_arrived(make_reader: MakeReader) -> None:
    def never(*_: object):  # type: ignore[no-untyped-def]
        return iter(())

    app = make_reader(analyzer=never)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        blocks = app.doc.blocks
        await pilot.press("j", "j")  # no sentences known: the cursor steps by block
        assert reader(app).session.cursor == (blocks[2].start, blocks[2].end)
        await pilot.press("right_square_bracket")
        assert any("no claims after this point yet" in m for m in notifications(app))


def war_and_peace() -> Path:
    shared = Path(
        os.environ.get("CLOSEREAD_SHARED", Path(__file__).resolve().parents[3] / "shared")
    )
    path = shared / "corpus" / "war-and-peace.txt"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


async def test_war_and_peace_opens_and_end_reaches_the_last_line(make_reader: MakeReader) -> None:
    app = make_reader(war_and_peace(), analyzer=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("War and Peace" in row for row in visible(app))
        await pilot.press("end")
        last_words = app.doc.text.rstrip().rsplit("\n", 1)[-1].split()[-3:]
        rows = [r for r in visible(app) if r.strip()]
        assert rows[-1].split()[-3:] == last_words
        await pilot.press("home")
        assert any("War and Peace" in row for row in visible(app))
        await pilot.press("G")
        assert [r for r in visible(app) if r.strip()][-1].split()[-3:] == last_words


async def test_choosing_in_the_panels_jumps_there(make_reader: MakeReader, settle: Settle) -> None:
    from closeread.tui.widgets.claims_panel import ClaimList

    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        claim_list = app.screen.query_one(ClaimList)
        claim_list.focus()
        await pilot.pause()
        for _ in range(3):
            if claim_list.cursor_key == "k2":
                break
            await pilot.press("down")
        assert claim_list.cursor_key == "k2"
        await pilot.press("enter")
        await pilot.pause()
        assert at_cursor(app) == "The pollen story is plainly false."
        await pilot.press("ctrl+o")  # a panel jump is in the history too
        assert reader(app).session.cursor == reader(app).session.analysis.sentences[0]


def wrapped_blocks(layout: object) -> int:
    return sum(1 for at in layout._at if at >= 0)  # type: ignore[attr-defined]


async def test_a_big_texts_background_wrapping_waits_while_the_analysis_runs(
    make_reader: MakeReader, settle: Settle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a big text is analysed (here any text: the size is lowered), the article's
    background wrapping waits: the keys still move through rows wrapped as they are
    read; once the analysis is complete the wrapping goes on to the end."""
    import threading

    from closeread.analysis import Analysis
    from closeread.document import segment
    from closeread.tui.screens import reader as reader_module
    from closeread.tui.widgets import article as article_module

    monkeypatch.setattr(reader_module, "HOLD_WRAPPING_CHARS", 0)
    # (the background pass slowed down, so that it cannot finish before the analysis
    # starts; sped up once it may go on)
    monkeypatch.setattr(article_module, "WRAP_SLICE", 0.0002)
    words = "incomprehensibilities " * 12
    path = tmp_path / "long.txt"
    path.write_text(
        "\n\n".join(f"Paragraph {i} says {words}. It ends here." for i in range(1200)), "utf-8"
    )
    gate = threading.Event()

    def gated(doc, corrections, is_cancelled, quotes=()):  # type: ignore[no-untyped-def]
        yield Analysis(segment(doc), [], [], [], 0.5, False)
        gate.wait(30)
        yield Analysis(segment(doc), [], [], [], 1.0, True)

    app = make_reader(path, analyzer=gated)
    async with app.run_test(size=SIZE) as pilot:
        try:
            screen = reader(app)
            article = app.query_one(Article)
            for _ in range(200):
                if screen.session.analysis.progress == 0.5:
                    break
                await pilot.pause(0.02)
            assert screen.session.analysis.progress == 0.5
            wrapped = article.wrapped
            await pilot.pause(0.3)
            held_at = wrapped_blocks(wrapped)
            await pilot.press(*"j" * 5)
            await pilot.pause(0.3)
            assert not wrapped.complete
            # (the keys' rows are wrapped as read: a few blocks, not the background's pass)
            assert wrapped_blocks(wrapped) < held_at + 40
            assert at_cursor(app).startswith("It ends here.")  # (the third paragraph's)
            monkeypatch.setattr(article_module, "WRAP_SLICE", 0.05)
            gate.set()
            await settle(pilot)
            for _ in range(400):
                if wrapped.complete:
                    break
                await pilot.pause(0.02)
            assert wrapped.complete
        finally:
            gate.set()
