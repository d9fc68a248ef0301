"""The side panels in small harness apps: content, keys, posted messages, streamed updates."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from closeread.analysis.model import Analysis, Citation, Claim, Source
from closeread.notes.model import Note, Target
from closeread.tui.widgets.claims_panel import ClaimList, ClaimsPanel, verdicts_for_claims
from closeread.tui.widgets.notes_panel import (
    KIND_GLYPHS,
    ORPHAN_HEADING,
    ROW_HEIGHT,
    VERDICT_GLYPHS,
    NoteList,
    NotesPanel,
    describe_note,
)
from closeread.tui.widgets.sources_panel import SourcesPanel, SourceTree

TEXT = (
    "The Guardian would even report: the war must end now. "
    'Lavrov said "[bold]we[/] will not stop". This is a lie. It is [bold]x[/] planned.'
)


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def build_analysis() -> Analysis:
    def citation(
        cid: str, kind: str, part: str, source: str, name: str, title: str = ""
    ) -> Citation:
        start, end = span(part)
        return Citation(
            cid,
            kind,
            start,
            end,
            part,
            source=source,
            source_name=name,  # type: ignore[arg-type]
            title=title,
        )

    def claim(kid: str, part: str, cites: list[str]) -> Claim:
        start, end = span(part)
        return Claim(kid, start, end, part, citations=cites, supported=bool(cites))

    return Analysis(
        citations=[
            citation(
                "c1",
                "block_quote",
                "the war must end now.",
                "s1",
                "The Guardian",
                "Paris attacks galvanise efforts",
            ),
            citation("c2", "inline_quote", "[bold]we[/] will not stop", "s2", "Sergei Lavrov"),
        ],
        sources=[
            Source("s1", "The Guardian", ["the Guardian"], ["c1"], "publication"),
            Source("s2", "Sergei Lavrov", ["Lavrov"], ["c2"], "person"),
        ],
        claims=[
            claim("k1", "This is a lie.", ["c2"]),
            claim("k2", "It is [bold]x[/] planned.", []),
        ],
        progress=1.0,
        complete=True,
    )


def build_notes() -> list[Note]:
    def note(nid: str, kind: str, part: str, **kw: object) -> Note:
        start, end = span(part)
        return Note(nid, kind, Target(part, start=start, end=end), **kw)  # type: ignore[arg-type]

    return [
        note(
            "n-late",
            "comment",
            "This is a lie.",
            body="Strong word.\nSecond line",
            tags=["tone"],
            verdict="misleading",
        ),
        Note(
            "n-orphan",
            "question",
            Target("a sentence that was deleted"),
            body="Where?",
            status="orphan",
        ),
        note("n-early", "highlight", "The Guardian"),
    ]


class Harness(App[None]):
    """The three panels side by side and an Input that holds the focus."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Input(id="elsewhere")
        with Horizontal():
            yield NotesPanel()
            yield SourcesPanel()
            yield ClaimsPanel()

    def on_notes_panel_note_selected(self, message: NotesPanel.NoteSelected) -> None:
        self.messages.append(message)

    def on_sources_panel_citation_selected(self, message: SourcesPanel.CitationSelected) -> None:
        self.messages.append(message)

    def on_claims_panel_claim_selected(self, message: ClaimsPanel.ClaimSelected) -> None:
        self.messages.append(message)


def line_text(row_list: ClaimList | NoteList, y: int) -> str:
    return row_list.render_line(y).text


async def test_claims_panel_lists_claims_and_posts_selection() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        panel.show_analysis(build_analysis())
        await pilot.pause()
        summary = str(panel.query_one("#claims-summary", Static).render())
        assert "2 claims" in summary and "1 supported" in summary and "1 unsupported" in summary
        claim_list = panel.claim_list
        assert line_text(claim_list, 0).startswith("✓ k1 This is a lie.")
        assert "← backed by c2 (Sergei Lavrov)" in line_text(claim_list, 2)
        assert line_text(claim_list, 3).startswith("✗ k2")
        assert line_text(claim_list, 5).strip() == "unsupported: no citation nearby"

        panel.focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert [type(m) for m in app.messages] == [ClaimsPanel.ClaimSelected]
        message = app.messages[0]
        assert isinstance(message, ClaimsPanel.ClaimSelected)
        assert message.claim_id == "k2" and message.control is panel


async def test_claim_text_is_never_markup() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        panel.show_analysis(build_analysis())
        await pilot.pause()
        assert "It is [bold]x[/] planned." in line_text(panel.claim_list, 3)


async def test_claims_update_incrementally_while_streaming() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        analysis = build_analysis()
        full = list(analysis.claims)
        analysis.claims = full[:1]
        analysis.complete, analysis.progress = False, 0.5
        panel.show_analysis(analysis)
        await pilot.pause()
        claim_list = panel.claim_list
        assert claim_list.row_count == 1
        assert "analysing 50%" in str(panel.query_one("#claims-summary", Static).render())
        panel.mark_current("k1")

        analysis.claims = full
        full[0].supported, full[0].citations = False, []  # a correction unlinked k1
        analysis.complete, analysis.progress = True, 1.0
        panel.show_analysis(analysis)
        await pilot.pause()
        assert panel.claim_list is claim_list  # same widget, rows appended
        assert claim_list.row_count == 2
        assert claim_list.cursor_key == "k1"
        assert line_text(claim_list, 0).startswith("✗ k1")
        assert "analysing" not in str(panel.query_one("#claims-summary", Static).render())


async def test_claims_panel_handles_ten_thousand_claims_in_chunks() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        analysis = Analysis()
        for chunk in range(10):
            analysis.claims.extend(
                Claim(f"k{i}", i * 10, i * 10 + 9, f"Claim number {i}.")
                for i in range(chunk * 1000, (chunk + 1) * 1000)
            )
            panel.show_analysis(analysis)
        await pilot.pause()
        assert panel.claim_list.row_count == 10_000
        panel.mark_current("k9876")
        await pilot.pause()
        assert panel.claim_list.cursor == 9876
        visible = [line_text(panel.claim_list, y) for y in range(panel.claim_list.size.height)]
        assert any("Claim number 9876." in line for line in visible)


async def test_mark_current_does_not_steal_focus() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        app.query_one(ClaimsPanel).show_analysis(build_analysis())
        app.query_one(SourcesPanel).show_analysis(build_analysis())
        app.query_one(NotesPanel).show_notes(build_notes(), TEXT)
        app.query_one("#elsewhere", Input).focus()
        await pilot.pause()
        app.query_one(ClaimsPanel).mark_current("k2")
        app.query_one(NotesPanel).mark_current("n-late")
        app.query_one(SourcesPanel).mark_current("c2")
        await pilot.pause()
        assert app.focused is app.query_one("#elsewhere", Input)
        assert app.query_one(ClaimsPanel).claim_list.cursor_key == "k2"
        assert app.query_one(NotesPanel).note_list.cursor_key == "n-late"
        cursor = app.query_one(SourceTree).cursor_node
        assert cursor is not None and cursor.data is not None
        assert getattr(cursor.data, "source_id", None) == "s2"  # collapsed: the source row


async def test_notes_panel_document_order_and_orphans() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes(build_notes(), TEXT)
        await pilot.pause()
        note_list = panel.note_list
        assert list(note_list.keys) == ["n-early", "n-late", None, "n-orphan"]
        h = ROW_HEIGHT
        assert line_text(note_list, 0).startswith("▮ “The Guardian”")
        assert line_text(note_list, h).startswith("✎ “This is a lie.”")
        body = line_text(note_list, h + 1)
        assert body.startswith("  Strong word. Second line")  # paragraphs joined
        meta = line_text(note_list, h + 2)
        assert meta.strip() == "[misleading] #tone"
        assert ORPHAN_HEADING in line_text(note_list, 2 * h + 2)
        assert "“a sentence that was deleted”" in line_text(note_list, 3 * h)

        panel.focus()
        await pilot.press("down", "down", "down", "enter")  # the heading is skipped
        await pilot.pause()
        assert [getattr(m, "note_id", None) for m in app.messages] == ["n-orphan"]
        assert app.messages[0].control is panel


async def test_notes_panel_wraps_body_and_shows_tags_for_every_kind() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.styles.width = 40
        start, end = span("This is a lie.")
        body = (
            "The author gives no source for this and the two quotes above say the "
            "opposite of what the sentence claims they say, so it reads as spin."
        )
        panel.show_notes(
            [
                Note(
                    "n-q",
                    "question",
                    Target("This is a lie.", start=start, end=end),
                    body=body,
                    tags=["spin", "needs-check"],
                ),
                Note(
                    "n-v",
                    "verdict",
                    Target("This is a lie.", start=start, end=end),
                    verdict="unsupported",
                    status="fuzzy",
                ),
            ],
            TEXT,
        )
        await pilot.pause()
        note_list = panel.note_list
        lines = [line_text(note_list, y) for y in range(2 * ROW_HEIGHT)]
        assert lines[0].startswith("? “This is a lie.”")
        assert lines[1].startswith("  The author") and lines[2].startswith("  ")
        assert lines[2].rstrip().endswith("…")
        shown = " ".join((lines[1] + " " + lines[2]).split()).rstrip("… ")
        assert body.startswith(shown) and len(shown) > 40
        assert lines[3].strip() == "#spin #needs-check"
        assert all(len(line) <= 40 for line in lines)
        assert lines[4].startswith("✗ “This is a lie.”")  # verdict glyph follows the verdict
        assert lines[5].strip() == "[unsupported] (text changed)"


def test_note_glyphs_are_one_cell_wide() -> None:
    for glyph in (*KIND_GLYPHS.values(), *VERDICT_GLYPHS.values()):
        assert cell_len(glyph) == 1, glyph


def test_describe_note_is_one_short_line() -> None:
    note = build_notes()[0]
    subject = describe_note(note, limit=40)
    assert subject.startswith("✎ “This is a lie.”") and "\n" not in subject
    assert "Strong word." in subject and len(subject) <= 40


async def test_notes_panel_empty_state_explains_how_to_add() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes([], TEXT)
        await pilot.pause()
        empty = panel.query_one("#notes-empty", Static)
        assert empty.display and "Press a to add a note" in str(empty.render())
        assert not panel.note_list.display
        panel.show_notes(build_notes(), TEXT)
        await pilot.pause()
        assert not empty.display and panel.note_list.display


async def test_sources_panel_selects_first_citation_of_a_source() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(SourcesPanel)
        panel.show_analysis(build_analysis())
        await pilot.pause()
        tree = panel.source_tree
        labels = [str(node.label) for node in tree.root.children]
        assert labels[0].startswith("The Guardian") and "1 citation" in labels[0]
        assert labels[1].startswith("Sergei Lavrov") and "person" in labels[1]

        panel.focus()
        await pilot.press("down", "enter")  # Lavrov: selects c2 and unfolds it
        await pilot.pause()
        assert [getattr(m, "citation_id", None) for m in app.messages] == ["c2"]
        lavrov = tree.root.children[1]
        assert lavrov.is_expanded
        child = str(lavrov.children[0].label)
        assert child.startswith("quote") and "[bold]we[/] will not stop" in child

        await pilot.press("down", "enter")
        await pilot.pause()
        assert [getattr(m, "citation_id", None) for m in app.messages] == ["c2", "c2"]


async def test_sources_panel_updates_in_place() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(SourcesPanel)
        analysis = build_analysis()
        panel.show_analysis(analysis)
        await pilot.pause()
        guardian = panel.source_tree.root.children[0]
        guardian.expand()
        await pilot.pause()
        assert [c.data for c in guardian.children] == ["c1"]

        start, end = span("This is a lie.")
        analysis.citations.append(
            Citation(
                "c3",
                "paraphrase",
                start,
                end,
                "This is a lie.",
                source="s1",
                source_name="The Guardian",
            )
        )
        analysis.sources[0].citations.append("c3")
        analysis.citations.append(
            Citation("c4", "link", 0, 3, "The", source="s3", source_name="Fox News")
        )
        analysis.sources.append(Source("s3", "Fox News", [], ["c4"], "publication"))
        panel.show_analysis(analysis)
        await pilot.pause()
        nodes = panel.source_tree.root.children
        assert nodes[0] is guardian
        assert [c.data for c in guardian.children] == ["c1", "c3"]
        assert "2 citations" in str(guardian.label)
        assert str(nodes[2].label).startswith("Fox News")
        panel.mark_current("c3")
        await pilot.pause()
        cursor = panel.source_tree.cursor_node
        assert cursor is not None and cursor.data == "c3"


async def test_long_claims_wrap_over_two_lines_in_a_narrow_panel() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        panel.styles.width = 40
        text = (
            "The West and its regional allies have armed the fighters for years, and the "
            "evidence has been in plain view all along."
        )
        panel.show_analysis(Analysis(claims=[Claim("k1", 0, len(text), text)]))
        await pilot.pause()
        first, second = line_text(panel.claim_list, 0), line_text(panel.claim_list, 1)
        assert first.startswith("✗ k1 The West") and len(first) <= 40
        assert second.startswith("    ") and "fighters" in second
        shown = " ".join((first[5:] + " " + second).split())
        assert text.startswith(shown.rstrip("… ").rstrip())


async def test_click_home_end_and_rebuild_when_claims_shrink() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        analysis = build_analysis()
        panel.show_analysis(analysis)
        await pilot.pause()
        await pilot.click(ClaimList, offset=(8, 4))  # the second line of row k2
        await pilot.pause()
        assert [getattr(m, "claim_id", None) for m in app.messages] == ["k2"]

        await pilot.press("home")
        assert panel.claim_list.cursor_key == "k1"
        await pilot.press("end")
        assert panel.claim_list.cursor_key == "k2"

        analysis.claims = analysis.claims[1:]  # re-analysed: k1 is gone
        panel.show_analysis(analysis)
        await pilot.pause()
        assert list(panel.claim_list.keys) == ["k2"]
        assert panel.claim_list.cursor_key == "k2"
        assert "1 claim ·" in str(panel.query_one("#claims-summary", Static).render())


async def test_sources_panel_relists_citations_that_moved_away() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(SourcesPanel)
        analysis = build_analysis()
        analysis.sources[0].citations = ["c1", "c2"]
        panel.show_analysis(analysis)
        guardian = panel.source_tree.root.children[0]
        guardian.expand()
        await pilot.pause()
        assert [c.data for c in guardian.children] == ["c1", "c2"]
        analysis.sources[0].citations = ["c2"]  # c1 went to another source
        panel.show_analysis(analysis)
        await pilot.pause()
        assert [c.data for c in guardian.children] == ["c2"]


async def test_enter_right_after_focus_selects_the_first_row() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        panel.show_analysis(build_analysis())
        await pilot.pause()
        panel.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [getattr(m, "claim_id", None) for m in app.messages] == ["k1"]


async def test_claims_panel_shows_the_readers_verdicts() -> None:
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        panel.show_verdicts({"k2": "misleading", "k-later": "ok"})  # before the analysis
        panel.show_analysis(build_analysis())
        await pilot.pause()
        claim_list = panel.claim_list
        assert line_text(claim_list, 2).strip() == "← backed by c2 (Sergei Lavrov)"
        assert line_text(claim_list, 5).strip().startswith("reader: misleading · unsupported: n")
        panel.show_verdicts({"k1": "supported"})
        await pilot.pause()
        assert line_text(claim_list, 2).strip().startswith("reader: supported · ← backed by c2")
        assert line_text(claim_list, 5).strip() == "unsupported: no citation nearby"


def test_verdicts_for_claims_prefers_a_note_on_the_claim_itself() -> None:
    analysis = build_analysis()
    k1, k2 = analysis.claims
    old, new = datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 6, 1, tzinfo=timezone.utc)

    def note(nid: str, start: int | None, end: int | None, **kw: object) -> Note:
        quote = TEXT[start:end] if start is not None else "gone"
        return Note(nid, "verdict", Target(quote, start=start, end=end), **kw)  # type: ignore[arg-type]

    notes = [
        note("a", k1.start, k1.end, verdict="misleading", modified=old),
        note("b", k1.start + 2, k1.end + 5, verdict="ok", modified=new),  # overlaps k1 and k2
        note("c", k2.start, k2.end),  # no verdict
        note("d", None, None, verdict="unsupported", status="orphan"),
        note("e", 0, 5, verdict="supported"),  # on no claim
    ]
    assert verdicts_for_claims(analysis.claims, notes) == {"k1": "misleading", "k2": "ok"}
    assert verdicts_for_claims(analysis.claims, []) == {}


async def _panel_state(app: Harness, pilot: Pilot[None]) -> tuple[object, ...]:
    claims, sources = app.query_one(ClaimsPanel), app.query_one(SourcesPanel)
    claim_list = claims.claim_list
    tree = sources.source_tree
    for node in tree.root.children:
        node.expand()
    await pilot.pause()
    return (
        [line_text(claim_list, y) for y in range(claim_list.row_count * 3)],
        str(claims.query_one("#claims-summary", Static).render()),
        # Sources are listed in the order they were first found (as before deltas).
        sorted(
            (str(node.label), [str(child.label) for child in node.children])
            for node in tree.root.children
        ),
        str(sources.query_one("#sources-summary", Static).render()),
    )


async def test_panels_fed_delta_by_delta_show_what_a_fresh_panel_shows(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``update_analysis`` (the reader's path, per delta) ends where ``show_analysis`` of
    the whole analysis starts, with corrections that change earlier claims at the end."""
    import functools

    from closeread.analysis import analyze, pipeline
    from closeread.analysis.delta import Differ, LiveAnalysis, decode
    from closeread.document import iter_sentence_chunks, load
    from closeread.notes.model import LinkCorrection, SpanRef
    from closeread.tui.live_analysis import update_panels

    doc = load(sample_path)
    plain = analyze(doc)
    claim = next(k for k in plain.claims if not k.citations)
    cit = plain.citations[-1]
    link = LinkCorrection(
        SpanRef(claim.text, claim.start, claim.end), SpanRef(cit.quote, cit.start, cit.end)
    )
    chunker = functools.partial(iter_sentence_chunks, chunk_chars=300)
    monkeypatch.setattr(pipeline, "iter_sentence_chunks", chunker)
    fed, fresh = Harness(), Harness()
    async with fed.run_test(size=(200, 300)) as pilot, fresh.run_test(size=(200, 300)) as other:
        claims, sources = fed.query_one(ClaimsPanel), fed.query_one(SourcesPanel)
        differ, live = Differ(doc.text), LiveAnalysis()
        updates = renamed = 0

        class Screen:  # the two things ``update_panels`` asks of the reader's screen
            side_mounted = True

            def panel(self, cls: type[Widget]) -> Widget:
                return fed.query_one(cls)

            def show_verdicts(self) -> None:
                pass

        screen = Screen()
        for an in pipeline.analyze_stream(doc, [link]):
            change = live.apply(decode(differ.diff(an), doc.text))
            a = live.analysis
            if change.reset:
                claims.show_analysis(a)
                sources.show_analysis(a)
                continue
            updates += 1
            renamed += len(change.renamed_citations)
            update_panels(screen, a, change)  # what the reader calls
        await pilot.pause()
        fresh.query_one(ClaimsPanel).show_analysis(live.analysis)
        fresh.query_one(SourcesPanel).show_analysis(live.analysis)
        await other.pause()
        assert updates > 3 and renamed > 0
        mine = await _panel_state(fed, pilot)
        assert mine == await _panel_state(fresh, other)
        assert any(children for _, children in mine[2])  # type: ignore[attr-defined]


async def test_a_claim_shows_its_links_as_their_anchor_text() -> None:
    # Loaders of web pages, EPUB and PDF write links as [anchor](url): the panel shows
    # what the reader reads, the claim keeps its exact text for notes and exports.
    text = "Officials told [Reuters](https://news.example/pier) the pier will close in March."
    claim = Claim("k1", 0, len(text), text)
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        panel.show_analysis(Analysis(claims=[claim], complete=True))
        await pilot.pause()
        rows = line_text(panel.claim_list, 0) + line_text(panel.claim_list, 1)
        assert rows.startswith("✗ k1 Officials told Reuters the pier")
        assert "news.example" not in rows and "](" not in rows
    assert claim.text == text


async def test_a_whole_analysis_listed_at_once_still_updates_what_changed() -> None:
    """A complete analysis shown in the list (a cached one), then the next analysis (a
    run with the notes' corrections, new claim objects): the list holds the new
    analysis's own claims, no copy of them, and its rows show what changed."""
    app = Harness()
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(ClaimsPanel)
        first = build_analysis()
        panel.show_analysis(first)
        await pilot.pause()
        claim_list = panel.claim_list
        assert line_text(claim_list, 0).startswith("✓ k1")
        again = build_analysis()
        again.claims[0].supported, again.claims[0].citations = False, []
        panel.show_analysis(again)
        await pilot.pause()
        assert claim_list.claims is again.claims
        assert line_text(claim_list, 0).startswith("✗ k1")
        assert "0 supported" in str(panel.query_one("#claims-summary", Static).render())


class TabsHarness(App[None]):
    """The Claims panel in a tab behind another, as in the reader."""

    def compose(self) -> ComposeResult:
        from textual.widgets import TabbedContent, TabPane

        with TabbedContent(initial="tab-notes"):
            with TabPane("Notes", id="tab-notes"):
                yield NotesPanel()
            with TabPane("Claims", id="tab-claims"):
                yield ClaimsPanel()


async def test_a_hidden_claims_panel_takes_updates_and_shows_them_when_shown() -> None:
    """Claims streaming into the panel behind another tab are listed without a new
    scroll range or summary each time (each would lay the whole screen out again); the
    tab shows them all, its summary and a scroll range reaching the last one."""
    from textual.widgets import TabbedContent

    app = TabsHarness()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(ClaimsPanel)
        claim_list = panel.claim_list
        summary = panel.query_one("#claims-summary", Static)
        analysis = Analysis(progress=0.0, complete=False)
        for chunk in range(5):
            first = len(analysis.claims)
            analysis.claims.extend(
                Claim(f"k{i}", i * 10, i * 10 + 9, f"Claim number {i}.", supported=i % 2 == 0)
                for i in range(chunk * 100, (chunk + 1) * 100)
            )
            analysis.progress = (chunk + 1) / 10
            panel.update_analysis(analysis, first, 0)
            await pilot.pause()
        assert claim_list.row_count == 500
        assert claim_list.virtual_size.height == 0  # not laid out while hidden
        assert "No claims found yet." in str(summary.render())

        app.query_one(TabbedContent).active = "tab-claims"
        await pilot.pause()
        await pilot.pause()
        assert claim_list.virtual_size.height == 500 * claim_list.row_height
        assert "500 claims · 250 supported · 250 unsupported · analysing 50%" in str(
            summary.render()
        )
        panel.mark_current("k499")
        await pilot.pause()
        shown = [line_text(claim_list, y) for y in range(claim_list.size.height)]
        assert any("Claim number 499." in line for line in shown)
