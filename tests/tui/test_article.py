"""The article pane alone: wrapping, marks, safety against markup, laziness on big texts."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.geometry import Region, Size

from closeread.analysis import Analysis, Citation, Claim
from closeread.document import Document, load_text
from closeread.notes import Note, Target
from closeread.tui.widgets import article_layout
from closeread.tui.widgets.article import Article
from closeread.tui.widgets.article_layout import ArticleLayout, wrap

HOSTILE = (
    "A title\n\n"
    "This line has [bold red]x[/] and [link=https://evil]y[/link] in it.\n\n"
    "And this one an escape \x1b[31mred\x1b[0m sequence and a tab\there."
)


class ArticleApp(App[None]):
    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def compose(self) -> ComposeResult:
        yield Article(self.doc, id="article")


def screen_rows(article: Article) -> list[str]:
    top = round(article.scroll_y)
    return [article.row_text(y) for y in range(top, top + article.view_height)]


async def test_markup_and_escape_sequences_show_literally() -> None:
    app = ArticleApp(load_text(HOSTILE))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        shown = "\n".join(screen_rows(article))
        assert "[bold red]x[/]" in shown
        assert "[link=https://evil]y[/link]" in shown
        assert "\x1b" not in shown
        assert "␛[31mred␛[0m" in shown
        # Nothing raw reaches the terminal either: every segment of every row is checked.
        for y in range(article.view_height):
            for segment in article.render_line(y):
                assert "\x1b" not in segment.text
                assert segment.style is None or segment.style.link is None


def test_wrap_keeps_offsets_and_width() -> None:
    text = "word " * 40 + "averyveryverylongwordthatcannotfitononeline " + "end."
    rows = wrap(text, 0, len(text), 20)
    assert all(cell_len(text[s:e]) <= 20 for s, e in rows)
    # Only spaces fall between rows: no character is lost or repeated.
    assert all(text[a[1] : b[0]].strip() == "" and a[1] <= b[0] for a, b in pairwise(rows))
    assert rows[0][0] == 0 and rows[-1][1] == len(text)
    assert any(text[s:e] == "averyveryverylongwor" for s, e in rows)  # cut, not overflowing


def test_wrap_counts_wide_characters_as_two_cells() -> None:
    text = "日本語のテキスト " * 10
    rows = wrap(text, 0, len(text), 12)
    assert all(cell_len(text[s:e]) <= 12 for s, e in rows)
    assert "".join(text[s:e] for s, e in rows).replace(" ", "") == text.replace(" ", "")


def test_layout_wraps_only_what_is_asked_for() -> None:
    paragraph = "All happy families are alike; each unhappy family is unhappy in its own way. "
    doc = load_text("\n\n".join(paragraph * 8 for _ in range(5000)))
    layout = ArticleLayout(doc.text, doc.blocks, 70)
    estimated = layout.height
    assert layout.row(0) is not None
    assert not layout.complete
    assert layout.wrapped_blocks() <= 2
    # The end can be reached without wrapping everything in between.
    last = layout.row(layout.height - 1)
    assert last is not None and last.end == doc.blocks[-1].end
    assert layout.wrapped_blocks() <= 4
    assert layout.wrap_some(10**6)
    assert abs(layout.height - estimated) < estimated * 0.2


def test_layout_rows_are_the_same_after_blocks_are_wrapped_again_many_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every block's rows live in one flat array; blocks wrapped again (new decorations)
    leave their old rows behind until it is compacted: the rows read stay exact."""
    paragraph = "All happy families are alike; each unhappy family is unhappy in its own way. "
    doc = load_text("\n\n".join(paragraph * (1 + i % 9) for i in range(3000)))
    monkeypatch.setattr(article_layout, "_COMPACT_AFTER", 1000)
    layout = ArticleLayout(doc.text, doc.blocks, 50)
    assert layout.wrap_some(10**6)
    fresh = [list(layout.ensure(i)) for i in range(len(doc.blocks))]
    assert layout.wrapped_blocks() == len(doc.blocks)
    for round_ in range(8):
        layout.invalidate(range(round_ % 2, len(doc.blocks), 1 + round_ % 3))
        assert layout.wrapped_blocks() < len(doc.blocks)
        assert layout.wrap_some(10**6)
        assert [list(layout.ensure(i)) for i in range(len(doc.blocks))] == fresh
        assert layout.row_count(7) == len(fresh[7]) // 2
        # compacted along the way: what is left behind never outgrows what is used
        assert len(layout._flat) <= 2 * sum(map(len, fresh)) + 100


def test_layout_offset_and_row_lookups_agree() -> None:
    doc = load_text("Title\n\n" + "\n\n".join(f"Paragraph {i} " + "text " * 30 for i in range(50)))
    layout = ArticleLayout(doc.text, doc.blocks, 40)
    for block in doc.blocks[::7]:
        y = layout.y_of(block.start)
        row = layout.row(y)
        assert row is not None and row.start == block.start
        assert layout.offset_of(y) == block.start


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=60),
    st.lists(
        st.tuples(st.sampled_from(["wrap", "invalidate", "locate", "top"]), st.integers(0, 10**4)),
        max_size=40,
    ),
)
def test_layout_lookups_match_a_full_recount_as_blocks_wrap(
    lengths: list[int], steps: list[tuple[str, int]]
) -> None:
    """Heights change as blocks are wrapped (in the background or for a lookup) or
    re-estimated: the total, each block's top and which block a row falls in always
    agree with the heights summed from scratch (the layout sums them lazily)."""
    doc = load_text("\n\n".join("word " * (n // 5) + "w" * (n % 5) for n in lengths))
    layout = ArticleLayout(doc.text, doc.blocks, 20)
    n = len(layout.blocks)

    def check() -> None:
        heights = list(layout._heights)
        assert layout.height == sum(heights)
        tops = [sum(heights[:i]) for i in range(n)]
        for i in range(n):
            assert layout.top_of(i) == tops[i]

    for op, k in steps:
        if op == "wrap":
            layout.wrap_some(k % 5 + 1)
        elif op == "invalidate":
            layout.invalidate({k % n})
        elif op == "locate" and layout.height:
            y = k % layout.height
            found = layout.locate(y)
            if found is None:  # wrapping the block there showed the text is shorter
                assert y >= layout.height
                continue
            index, row = found
            assert layout.top_of(index) + row == y
            assert 0 <= row < layout._heights[index]
        else:
            layout.top_of(k % n)
        check()


def test_the_background_pass_keeps_heights_not_rows() -> None:
    """Making every height exact keeps no rows (a 50 MB book's would cost 6 MiB): the
    rows of a block are made again when it is looked at, and the same."""
    paragraph = "All happy families are alike; each unhappy family is unhappy in its own way. "
    doc = load_text("\n\n".join(paragraph * (1 + i % 7) for i in range(2000)))
    layout = ArticleLayout(doc.text, doc.blocks, 60)
    assert layout.wrap_some(10**6)
    assert layout.kept_rows() == 0 and layout.wrapped_blocks() == len(doc.blocks)
    exact = layout.height
    reference = ArticleLayout(doc.text, doc.blocks, 60)
    rows = [list(reference.ensure(i)) for i in range(len(doc.blocks))]  # kept, as looked at
    assert reference.height == exact
    assert [layout.row_count(i) for i in range(len(doc.blocks))] == [len(r) // 2 for r in rows]
    assert layout.kept_rows() == 0  # counts are known without the rows
    assert [list(layout.ensure(i)) for i in range(len(doc.blocks))] == rows


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=40),
    st.lists(st.integers(0, 10**4), min_size=1, max_size=60),
    st.integers(2, 40),
)
def test_rows_read_are_the_same_however_few_are_kept(
    lengths: list[int], looks: list[int], keep: int
) -> None:
    """With room for only ``keep`` numbers the layout forgets rows often: every row read,
    every height and offset lookup is what a layout that keeps all of them gives."""
    doc = load_text("\n\n".join("word " * (n // 5) + "w" * (n % 5) for n in lengths))
    small = ArticleLayout(doc.text, doc.blocks, 20)
    big = ArticleLayout(doc.text, doc.blocks, 20)
    with pytest.MonkeyPatch.context() as mp:
        for k in looks:
            if k % 3 == 0:
                small.wrap_some(k % 4 + 1)
                big.wrap_some(k % 4 + 1)
            y = k % max(big.height, 1)
            mp.setattr(article_layout, "_KEEP", keep)
            got = (small.row(y), small.y_of(k % len(doc.text)), small.height)
            assert small.kept_rows() <= max(keep // 2, 400)
            mp.setattr(article_layout, "_KEEP", 10**9)
            assert got == (big.row(y), big.y_of(k % len(doc.text)), big.height)


def sample_analysis(doc: Document) -> Analysis:
    quote = "Quoted words from the paper, all of them."
    qs = doc.text.index(quote)
    claim = "The claim sits here."
    cs = doc.text.index(claim)
    return Analysis(
        citations=[
            Citation(
                "c1",
                "block_quote",
                qs,
                qs + len(quote),
                quote,
                source="s1",
                source_name="The Paper",
                title="A title",
            )
        ],
        claims=[Claim("k1", cs, cs + len(claim), claim, [], False)],
        progress=1.0,
        complete=True,
    )


async def test_block_quote_has_bar_and_caption_and_marks_are_styled() -> None:
    doc = load_text(
        "Heading\n\nThe claim sits here. The paper wrote:\n\n"
        "Quoted words from the paper, all of them.\n\nAfter the quote."
    )
    app = ArticleApp(doc)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        article.set_analysis(sample_analysis(doc))
        await pilot.pause()
        rows = screen_rows(article)
        quote_row = next(r for r in rows if "Quoted words" in r)
        assert quote_row.lstrip().startswith("▌ Quoted words")
        assert any(r.strip() == "▌ — The Paper, “A title”" for r in rows)
        assert not any("▌" in r for r in rows if "After the quote" in r)
        # The unsupported claim: ✗ in the margin, coloured apart from a backed claim's ✓.
        row = next(r for r in rows if "The claim sits here" in r)
        assert row[1] == "✗"
        cursor_cell, mark, *_ = article.render_line(rows.index(row))
        assert mark.text == "✗" and mark.style is not None and cursor_cell.style is not None
        assert mark.style.color != cursor_cell.style.color


async def test_cursor_and_note_glyphs_mark_only_their_rows() -> None:
    doc = load_text("One.\n\nTwo is here.\n\nThree.")
    app = ArticleApp(doc)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        two = doc.text.index("Two is here.")
        three = doc.text.index("Three.")
        article.set_cursor((two, two + len("Two is here.")))
        article.set_notes([Note("n-1", "comment", Target("Three.", start=three, end=three + 6))])
        await pilot.pause()
        rows = [r for r in screen_rows(article) if r.strip()]
        assert rows[0].startswith("   One.")
        assert rows[1].startswith("▸  Two is here.")
        assert rows[2].startswith("  ✎Three.")


async def test_the_same_notes_given_again_keep_the_drawn_rows() -> None:
    """A big book's notes open (none, often) and saves give the article its notes again:
    rows are drawn anew only when the notes mark the text otherwise."""
    doc = load_text("One.\n\nTwo is here.\n\nThree.")
    app = ArticleApp(doc)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        three = doc.text.index("Three.")
        note = Note("n-1", "comment", Target("Three.", start=three, end=three + 6))
        article.set_notes([])
        await pilot.pause()
        drawn = {k: article._cache.get(k) for k in article._cache.keys()}  # noqa: SIM118
        assert drawn
        article.set_notes([])  # the same (no) notes
        article.set_notes([])
        assert {k: article._cache.get(k) for k in article._cache.keys()} == drawn  # noqa: SIM118
        article.set_notes([note])
        assert not article._cache.keys()  # marked otherwise: drawn anew
        await pilot.pause()
        assert any(r.startswith("  ✎Three.") for r in screen_rows(article))
        article.set_notes([Note("n-1", "highlight", note.target)])  # another kind
        await pilot.pause()
        assert any(r.startswith("  ▮Three.") for r in screen_rows(article))


async def test_a_moving_cursor_redraws_its_rows_and_leaves_the_others_cached() -> None:
    """Moving the cursor or the selection repaints only the rows of the blocks they
    leave and enter: what Textual shows (its line cache, ``render_lines``) is what a fresh
    drawing shows after every move, and the other rows' drawing is kept."""
    doc = load_text("\n\n".join(f"Paragraph {i} has a few words in it." for i in range(60)))
    app = ArticleApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        width = article.scrollable_content_region.width

        def shown() -> list[str]:
            lines = article.render_lines(Region(0, 0, width, article.view_height))
            return [line.text for line in lines]

        def fresh() -> list[str]:
            return [r.ljust(width)[:width] for r in screen_rows(article)]

        blocks = doc.blocks
        for i in [1, 2, 3, 2, 9, 30, 29, 0]:
            article.set_cursor((blocks[i].start, blocks[i].end))
            await pilot.pause()
            assert shown() == fresh()
            assert sum(r.startswith("▸") for r in shown()) == 1
        kept = len(article._cache)
        article.set_cursor((blocks[1].start, blocks[1].end))
        # Only the rows of the blocks left and entered (a text row and a blank row each).
        assert len(article._cache) == kept - 4
        article.set_selection((blocks[2].start, blocks[3].end))
        await pilot.pause()
        assert shown() == fresh() and sum(r.startswith("┃") for r in shown()) == 2
        article.set_selection(None)
        await pilot.pause()
        assert shown() == fresh() and not any(r.startswith("┃") for r in shown())


async def test_resize_rewraps_to_the_new_width() -> None:
    doc = load_text("T\n\n" + "lorem ipsum dolor sit amet " * 20)
    app = ArticleApp(doc)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        wide = max(len(r.rstrip()) for r in screen_rows(article))
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        narrow_rows = [r.rstrip() for r in screen_rows(article)]
        assert max(len(r) for r in narrow_rows) <= 50 < wide
        words = " ".join(narrow_rows).split()
        assert words == ["T", *("lorem ipsum dolor sit amet " * 20).split()][: len(words)]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab cé日\u0301-")), max_size=300),
    st.integers(min_value=1, max_value=40),
)
def test_wrap_rows_are_ordered_fit_and_lose_nothing(text: str, width: int) -> None:
    rows = wrap(text, 0, len(text), width)
    assert rows[0][0] == 0 and rows[-1][1] == len(text)
    for s, e in rows:
        assert 0 <= s <= e <= len(text)
        # A row never exceeds the width, except one character wider than the row itself.
        assert cell_len(text[s:e]) <= width or e - s == 1
    for (_, e), (s, _) in pairwise(rows):
        assert e <= s and text[e:s].strip(" ") == ""


class ClickApp(ArticleApp):
    def __init__(self, doc: Document) -> None:
        super().__init__(doc)
        self.clicked: list[int] = []

    def on_article_cursor_moved(self, message: Article.CursorMoved) -> None:
        self.clicked.append(message.offset)


async def test_markdown_links_show_their_text_and_keep_offsets() -> None:
    text = "A title\n\nSource: [New Eastern Outlook](#) and [more](https://x.example/a) here."
    doc = load_text(text)
    app = ClickApp(doc)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        rows = [r.strip() for r in screen_rows(article) if r.strip()]
        assert rows[1] == "Source: New Eastern Outlook and more here."
        y = next(y for y in range(article.view_height) if "Source" in article.row_text(y))
        link = [s for s in article.render_line(y) if s.text == "New Eastern Outlook"]
        assert link and link[0].style is not None and link[0].style.underline
        # The text and its offsets keep every character: only the drawing hides them.
        assert "[New Eastern Outlook](#)" in doc.text
        # A click on the "m" of "more" lands on that "m", past the hidden characters.
        column = 3 + len("Source: New Eastern Outlook and ")  # the gutter, then drawn text
        await pilot.click(Article, offset=(column, y))
        await pilot.pause()
        assert [doc.text[o : o + 4] for o in app.clicked] == ["more"]


def test_hidden_link_markup_takes_no_room_when_wrapping() -> None:
    url = "https://example.org/" + "a" * 60
    text = "Some words before " + f"[the link]({url})" + " and the words after it go on."
    hidden = [(text.index("["), text.index("the link")), (text.index("]("), text.index(")") + 1)]

    def drawn(s: int, e: int) -> str:
        shown = (c for i, c in enumerate(text[s:e], s) if not any(a <= i < b for a, b in hidden))
        return "".join(shown)

    rows = wrap(text, 0, len(text), 40, hidden)
    shown = [drawn(s, e) for s, e in rows]
    assert all(len(r) <= 40 for r in shown)
    assert " ".join(shown) == "Some words before the link and the words after it go on."
    assert len(rows) == 2  # the 80 hidden characters of the URL take no room


def test_pieces_cut_at_every_mark_and_skip_hidden_spans() -> None:
    from closeread.tui.widgets.article_marks import pieces

    marks = [(2, 6, "article--claim"), (4, 8, "article--note")]
    assert pieces(0, 10, marks, hidden=[(8, 9)]) == [
        (0, 2, []),
        (2, 4, ["article--claim"]),
        (4, 6, ["article--claim", "article--note"]),
        (6, 8, ["article--note"]),
        (9, 10, []),
    ]


async def test_a_grown_analysis_redraws_the_rows_it_marks_on_screen_or_not() -> None:
    """``update_analysis`` with the spans of what changed: rows in view are drawn again
    with their new marks, rows out of view are forgotten (drawn anew when scrolled to),
    the rest of the screen is kept as drawn."""
    from closeread.navigation import AnalysisIndex

    paragraphs = [f"Paragraph {i} says something arguable here." for i in range(200)]
    doc = load_text("\n\n".join(paragraphs))
    app = ArticleApp(doc)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        analysis = Analysis()
        index = AnalysisIndex(analysis)
        article.set_analysis(analysis, index)
        far = doc.text.index("Paragraph 150 ")
        article.show_span(far, far + 5)
        await pilot.pause()
        article.show_span(0, 1)
        await pilot.pause()

        def mark_of(start: int) -> str:
            y = article.wrapped.y_of(start) - round(article.scroll_y)
            return article.render_line(y).text[1]

        def grow(start: int) -> None:
            end = doc.text.index(".", start) + 1
            n = len(analysis.claims)
            analysis.claims.append(Claim(f"k{n + 1}", start, end, doc.text[start:end]))
            index.update(analysis, n, 0)
            article.update_analysis(analysis, index, 0, (), [(start, end)])

        near = doc.text.index("Paragraph 2 ")
        assert mark_of(near) == " "
        kept = article._cache.get(article.wrapped.locate(0))  # type: ignore[arg-type]
        grow(far)  # out of view
        assert article._cache.get(article.wrapped.locate(0)) is kept  # type: ignore[arg-type]
        grow(near)  # in view
        await pilot.pause()
        assert mark_of(near) == "✗"
        article.show_span(far, far + 5)
        await pilot.pause()
        assert mark_of(far) == "✗"


async def test_block_quote_bars_and_captions_follow_a_growing_analysis() -> None:
    """``update_analysis`` reads only the new, changed and renamed citations (a big
    book's ~2,000 block quotes are not read again on every update): after each step the
    bars and captions are those a fresh ``set_analysis`` of the same analysis draws."""
    from dataclasses import replace

    from closeread.navigation import AnalysisIndex

    paragraphs = [f"Paragraph {i} has a quoted passage in it." for i in range(12)]
    doc = load_text("\n\n".join(paragraphs))

    def quote(i: int, name: str, kind: str = "block_quote") -> Citation:
        start = doc.text.index(f"Paragraph {i} ")
        end = doc.text.index(".", start) + 1
        return Citation(f"c{i}", kind, start, end, doc.text[start:end], source_name=name)

    app = ArticleApp(doc)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        analysis = Analysis()
        index = AnalysisIndex(analysis)
        article.set_analysis(analysis, index)

        def drawn() -> tuple[set[int], dict[int, str]]:
            layout = article.wrapped
            return set(layout.indented), dict(layout.captions)

        def fresh() -> tuple[set[int], dict[int, str]]:
            other = Article(doc)
            other.wrapped = ArticleLayout(doc.text, doc.blocks, article.wrapped.width)
            other.marks.set_analysis(analysis, AnalysisIndex(analysis))
            return other.wrapped.decorations(analysis.citations)

        def grow(
            new: list[Citation], changed: dict[int, Citation], renamed: dict[int, str]
        ) -> None:
            first = len(analysis.citations)
            for i, c in changed.items():
                analysis.citations[i] = c
            for i, name in renamed.items():
                analysis.citations[i].source_name = name
            analysis.citations += new
            index.update(analysis, 0, first)
            article.update_analysis(analysis, index, first, changed, None, renamed)
            assert drawn() == fresh()

        def block(i: int) -> int:
            return article.wrapped.block_at(doc.text.index(f"Paragraph {i} "))

        grow([quote(1, "A"), quote(3, ""), quote(4, "B", "inline_quote")], {}, {})
        assert drawn()[1] == {block(1): "— A"} and {block(1), block(3)} <= drawn()[0]
        grow([quote(6, "C")], {}, {0: "A renamed"})
        grow([], {1: replace(quote(3, ""), kind="paraphrase")}, {})
        assert block(3) not in drawn()[0]
        grow([quote(9, "D")], {2: quote(4, "B")}, {1: "ignored: not a quote"})
        assert drawn()[1] == {
            block(1): "— A renamed",
            block(4): "— B",
            block(6): "— C",
            block(9): "— D",
        }
        await pilot.pause()


async def test_the_scroll_range_follows_the_wrapping_without_laying_the_screen_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the background wrapping changes heights below the view, the pane's scroll
    range (its virtual size, the scrollbar) follows them without a layout of the whole
    screen (the pane's size does not depend on its content); End then reaches the last
    row, and a text that stops needing the scrollbar is laid out as before."""
    from closeread.tui.widgets import article as article_module

    monkeypatch.setattr(article_module, "SIZE_SYNC_EVERY", 0.0)
    monkeypatch.setattr(article_module, "WRAP_SLICE", 0.002)
    # (long words waste room at each row's end: more rows than the estimate's)
    words = "incomprehensibilities " * 12 + "elit"
    doc = load_text("\n\n".join(f"Paragraph {i}: {words}" for i in range(1500)))
    app = ArticleApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        layouts = 0
        screen = app.screen
        relayout = screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            nonlocal layouts
            layouts += 1
            relayout(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(screen, "_refresh_layout", counted)
        heights = {article.virtual_size.height}
        for _ in range(400):
            if article.wrapped.complete:
                break
            await pilot.pause(0.02)
            heights.add(article.virtual_size.height)
        assert article.wrapped.complete
        await pilot.pause(0.05)
        assert len(heights) > 2  # the range changed as the wrapping went
        assert article.virtual_size.height == article.wrapped.height
        assert article.vertical_scrollbar.window_virtual_size == article.wrapped.height
        assert layouts == 0
        await pilot.press("end")
        await pilot.pause()
        article.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert article.scroll_y == article.max_scroll_y > 0
        assert any("elit" in row for row in screen_rows(article)[-3:])

        # A height that would hide the scrollbar, or another width, takes a layout.
        assert not article._scroll_range_only(Size(article.virtual_size.width, 3))
        assert not article._scroll_range_only(Size(article.virtual_size.width + 1, 10**5))
