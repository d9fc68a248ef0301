"""Wide characters, emoji and invisible characters in the article: every row keeps its width
as terminals draw it, and nothing in the text passes invisibly (``closeread.tui.visible``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult

from closeread.document import Document, load_text
from closeread.tui.visible import DIRECTION, HIDDEN, char_cells, visible, visible_text
from closeread.tui.widgets.article import GUTTER, Article
from closeread.tui.widgets.article_layout import wrap

ODD = (
    "Odd characters\n\n"
    "Thumbs 👍🏽 up, a wave 👋🏿, a family 👨\u200d👩\u200d👧, a flag 🇫🇷 and a pencil ✏\ufe0f "
    "end one sentence. Chinese 中文字符 and カタカナ sit beside é and Z\u0351a\u0353 here.\n\n"
    "Hidden: zero\u200bwidth, joiner\u200dhere, and RLO \u202eevil\u202c and LRI \u2066x\u2069 "
    "and a tag\U000e0041\U000e0042 at the end of this sentence.\n"
)
#: Characters terminals measure differently from Rich (or that hide or reorder text): none may
#: reach the screen.
UNSTABLE = set("\u200b\u200d\u202e\u202c\u2066\u2069\ufe0f\U0001f3fd\U0001f3ff\U000e0041")


class ArticleApp(App[None]):
    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc
        self.clicked: list[int] = []

    def compose(self) -> ComposeResult:
        yield Article(self.doc, id="article")

    def on_article_cursor_moved(self, message: Article.CursorMoved) -> None:
        self.clicked.append(message.offset)


def test_invisible_and_direction_characters_get_placeholders() -> None:
    assert visible("zero\u200bwidth") == f"zero{HIDDEN}width"
    assert visible("\u202eevil\u202c") == f"{DIRECTION}evil{DIRECTION}"
    assert visible("\u2066x\u2069\u200e\u200f") == f"{DIRECTION}x{DIRECTION * 3}"
    assert visible("a\ufeffb\u2060c\U000e0041") == f"a{HIDDEN}b{HIDDEN}c{HIDDEN}"
    assert visible("x\x1by\tz") == "x␛y z"
    assert visible("plain text, é, 中文") == "plain text, é, 中文"


def test_presentation_selectors_and_skin_tones_are_not_drawn() -> None:
    assert visible("👍🏽") == "👍"
    assert visible("✏\ufe0f") == "✏"
    # A ZWJ sequence shows its parts: two cells each, joined by visible placeholders.
    assert visible("👨\u200d👩\u200d👧") == f"👨{HIDDEN}👩{HIDDEN}👧"
    assert cell_len(visible("👨\u200d👩\u200d👧")) == 8


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab é中\u0301\u200b\u200c\u200d\u202e\u2066\ufe0f\ufeff\x1b\t✏👍🏽👨🇫")
        ),
        max_size=60,
    )
)
def test_drawn_width_is_the_sum_of_the_characters(text: str) -> None:
    """What the layout counts per character is what Rich measures of the drawn row."""
    drawn = visible(text)
    assert len(drawn) <= len(text)
    assert cell_len(drawn) == sum(char_cells(c) for c in text)
    assert not UNSTABLE & set(drawn)


def test_visible_text_keeps_styles_and_dims_placeholders() -> None:
    text = Text("ab\u200bcd 👍🏽!")
    text.stylize("bold", 0, 4)
    shown = visible_text(text)
    assert shown.plain == f"ab{HIDDEN}cd 👍!"
    segments = list(shown.render(Console()))
    styled = {seg.text: seg.style for seg in segments if seg.text.strip()}
    assert styled["ab"] is not None and styled["ab"].bold and not styled["ab"].dim
    assert styled[HIDDEN] is not None and styled[HIDDEN].bold and styled[HIDDEN].dim
    plain = Text("nothing odd")
    assert visible_text(plain) is plain


def test_wrap_measures_rows_as_drawn() -> None:
    text = "👍🏽 " * 30 + "✏\ufe0f " * 30
    for s, e in wrap(text, 0, len(text), 17):
        assert cell_len(visible(text[s:e])) <= 17


async def test_every_row_keeps_its_width_and_shows_no_unstable_character() -> None:
    app = ArticleApp(load_text(ODD))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        width = article.scrollable_content_region.width
        drawn = ""
        for y in range(article.view_height):
            strip = article.render_line(y)
            assert strip.cell_length == width
            text = "".join(segment.text for segment in strip)
            assert cell_len(text) == width
            drawn += text
        assert not UNSTABLE & set(drawn), UNSTABLE & set(drawn)
        for part in ("👍", "👋", f"👨{HIDDEN}👩{HIDDEN}👧", "中文字符", f"zero{HIDDEN}width"):
            assert part in drawn
        assert f"{DIRECTION}evil{DIRECTION}" in drawn
        # The placeholders are dim, the text around them is not.
        dims = {
            segment.text
            for y in range(article.view_height)
            for segment in article.render_line(y)
            if segment.style is not None and segment.style.dim
        }
        assert dims and all(set(t) <= {HIDDEN, DIRECTION} for t in dims)


async def test_a_click_after_wide_characters_lands_on_the_character_drawn_there() -> None:
    doc = load_text("中文字符 abc and 👍🏽 xyz here.\n")
    app = ArticleApp(doc)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        # "中文字符 " takes 9 cells: the 10th column shows "a".
        await pilot.click(Article, offset=(GUTTER + 9, 0))
        await pilot.pause()
        assert doc.text[app.clicked[-1]] == "a"
        # "👍🏽" is drawn two cells wide (the modifier takes none): then " xyz".
        thumb = doc.text.index("👍")
        column = GUTTER + cell_len(visible(doc.text[:thumb])) + 3
        await pilot.click(Article, offset=(column, 0))
        await pilot.pause()
        assert doc.text[app.clicked[-1]] == "x"


class PanelApp(App[None]):
    def compose(self) -> ComposeResult:
        from closeread.tui.widgets.claims_panel import ClaimsPanel

        yield ClaimsPanel()


async def test_panel_rows_show_placeholders_and_keep_their_width() -> None:
    from closeread.analysis import Analysis, Claim
    from closeread.tui.widgets.claims_panel import ClaimsPanel

    text = "Thumbs 👍🏽 and \u202eevil\u202c, zero\u200bwidth."
    claim = Claim("k1", 0, len(text), text, citations=[], supported=False)
    app = PanelApp()
    async with app.run_test(size=(60, 12)) as pilot:
        panel = app.query_one(ClaimsPanel)
        panel.show_analysis(
            Analysis(citations=[], sources=[], claims=[claim], progress=1.0, complete=True)
        )
        await pilot.pause()
        strip = panel.claim_list.render_line(0)
        assert f"{DIRECTION}evil{DIRECTION}" in strip.text and f"zero{HIDDEN}width" in strip.text
        assert not UNSTABLE & set(strip.text)
        assert strip.cell_length == panel.claim_list.scrollable_content_region.width


def test_status_bar_shows_placeholders_in_source_names() -> None:
    from closeread.tui.widgets.status_bar import Status, render_status

    shown = render_status(Status(position="citation 1/2 · The \u202eenilno\u202c Times")).plain
    assert f"The {DIRECTION}enilno{DIRECTION} Times" in shown and "\u202e" not in shown
