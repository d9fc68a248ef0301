"""Why a claim is (not) supported, everywhere: status bar, Claims panel, detail views; a
citation's URL copied and opened (the browser is replaced by a recorder)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from closeread.analysis import Analysis
from closeread.document import Document
from closeread.notes import LinkCorrection
from closeread.notes.model import QuoteCorrection
from closeread.tui.app import CloseReadApp
from closeread.tui.screens.detail import CitationDetail, ClaimDetail, openable
from closeread.tui.screens.reader import ReaderScreen
from closeread.tui.widgets.claims_panel import ClaimList
from closeread.tui.widgets.status_bar import StatusBar, render_status

from .conftest import hand_analysis

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
SIZE = (120, 36)
LEAD_IN = "The Daily Planet reported in its article “Green skies explained” that:"
URL = "https://planet.example/green-skies"


def why_analyzer(
    doc: Document,
    corrections: Sequence[LinkCorrection],
    is_cancelled: Callable[[], bool],
    quotes: Sequence[QuoteCorrection] = (),
) -> Iterator[Analysis]:
    """The hand analysis, with k2 discussing c2 without being backed by it, and c1 giving a
    lead-in and a URL, c2 an address that must not be opened."""
    analysis = hand_analysis(doc)
    c1, c2 = analysis.citations[0], analysis.citations[1]
    c1.lead_in, c1.url = LEAD_IN, URL
    c2.url = "javascript:alert(1)"
    k2 = analysis.claims[1]
    k2.citations, k2.supported = ["c2"], False
    yield analysis


def status(app: CloseReadApp) -> str:
    bar = app.screen.query_one(StatusBar)
    assert bar.status is not None
    return render_status(bar.status).plain


def text_of(screen: object, selector: str) -> str:
    assert isinstance(screen, (ClaimDetail, CitationDetail))
    return str(screen.query_one(selector, Static).render())


async def test_status_bar_says_why(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader(analyzer=why_analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        assert "claim 1/4 · supported: backed by c1" in status(app)
        await pilot.press("right_square_bracket")
        assert "claim 2/4 · unsupported: discusses c2 — does not back it" in status(app)
        await pilot.press("right_square_bracket")
        assert "claim 3/4 · unsupported: no citation nearby" in status(app)


async def test_claims_panel_says_why(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader(analyzer=why_analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        claim_list = app.screen.query_one(ClaimList)
        rows = [claim_list.render_line(y).text.strip() for y in range(12)]
        assert "← backed by c1 (The Daily Planet)" in rows
        assert "discusses c2 — does not back it" in rows  # names dropped: the panel is narrow
        assert "unsupported: no citation nearby" in rows


async def test_claim_detail_then_citation_detail(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader(analyzer=why_analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClaimDetail) and screen.claim.id == "k2"
        assert text_of(screen, "#detail-reason") == (
            "✗ unsupported: discusses c2 (The mayor) — does not back it"
        )
        options = screen.query_one(OptionList)
        assert options.highlighted == 0 and options.has_focus
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, CitationDetail) and detail.citation.id == "c2"
        assert "discussed by k2 — backs no claim" in text_of(detail, "#detail-role")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_citation_detail_copies_and_opens_the_url(
    make_reader: MakeReader, settle: Settle
) -> None:
    app = make_reader(analyzer=why_analyzer)
    opened: list[str] = []
    app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_curly_bracket", "i")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, CitationDetail) and detail.citation.id == "c1"
        assert text_of(detail, "#detail-lead-in") == f"lead-in: {LEAD_IN}"
        assert text_of(detail, "#detail-url") == f"URL: {URL}"
        assert text_of(detail, "#detail-quote").startswith("quote: “The green colour")
        assert "backs k1" in text_of(detail, "#detail-role")
        await pilot.press("y")
        assert app.clipboard == URL
        await pilot.press("o")
        assert opened == [URL]
        await pilot.press("escape", "right_curly_bracket", "i")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, CitationDetail) and detail.citation.id == "c2"
        await pilot.press("o")  # javascript: is data, never handed to the browser
        await pilot.pause()
        assert opened == [URL]
        assert any("Only http and https" in n.message for n in app._notifications)


async def test_details_where_there_is_nothing(make_reader: MakeReader, settle: Settle) -> None:
    app = make_reader(analyzer=why_analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert any("No claim or citation here" in n.message for n in app._notifications)


def test_only_web_addresses_are_opened() -> None:
    assert openable("https://example.org/a?b=c")
    assert openable("HTTP://example.org")
    assert not openable("javascript:alert(1)")
    assert not openable("file:///etc/passwd")
    assert not openable("https://")
    assert not openable("http://[::1")


async def test_sources_panel_lists_kinds_and_enter_jumps_to_each(
    make_reader: MakeReader, settle: Settle
) -> None:
    from closeread.tui.widgets.sources_panel import SourceTree

    app = make_reader(analyzer=why_analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        tree = app.screen.query_one(SourceTree)
        tree.focus()
        await pilot.pause()
        assert tree.cursor_node is not None
        assert str(tree.cursor_node.label).startswith("The Daily Planet")
        await pilot.press("enter")  # a source: its first citation, and it unfolds
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        text = app.doc.text
        assert text[slice(*screen.session.cursor)].startswith("The green colour")
        planet = tree.root.children[0]
        assert planet.is_expanded
        labels = [str(child.label) for child in planet.children]
        assert tree.cursor_node is planet.children[0]  # the tree follows the article cursor
        assert labels[0].startswith("block quote “Green skies explained” — The green colour")
        assert labels[1].startswith("paraphrase — The Daily Planet should retract")
        await pilot.press("down", "enter")  # the second citation of the source
        await pilot.pause()
        assert text[screen.session.cursor[0] : screen.session.cursor[1]] == (
            "The Daily Planet should retract its story."
        )
        assert "citation 3/3 · The Daily Planet" in status(app)


async def test_sources_tree_is_filled_when_its_tab_opens(
    make_reader: MakeReader, settle: Settle
) -> None:
    """The Sources panel is composed when its tab first opens, and filled then (a book's
    hundreds of sources do not delay a reopened document's panels)."""
    from closeread.tui.widgets.sources_panel import SourceTree

    app = make_reader(analyzer=why_analyzer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query(SourceTree)  # the Notes tab is open
        await pilot.press("2")
        await pilot.pause()
        tree = app.screen.query_one(SourceTree)
        names = [str(node.label) for node in tree.root.children]
        assert names and names[0].startswith("The Daily Planet")
