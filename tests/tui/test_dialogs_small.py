"""Every dialog on a small terminal (80x24, 60x20, 50x20) with long content: its buttons, hints,
inputs and choices stay on the screen; long parts (a quote, a claim, a list) shrink and scroll
instead of pushing them off (``closeread.tui.screens.fit``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from closeread.analysis import Analysis, Citation, Claim, Source
from closeread.document import load_text, segment
from closeread.tui.screens.confirm import ConfirmDialog
from closeread.tui.screens.detail import CitationDetail, ClaimDetail
from closeread.tui.screens.dialogs import (
    ExportDialog,
    LinkDialog,
    SourceDialog,
    TagDialog,
    VerdictDialog,
)
from closeread.tui.screens.fit import share_rows
from closeread.tui.screens.help import HelpScreen
from closeread.tui.screens.note_editor import NoteEditor

SIZES = [(80, 24), (60, 20), (50, 20)]
LONG = " ".join(f"Sentence {i} of a long passage that goes on and on." for i in range(40))


def long_analysis() -> Analysis:
    """One long claim backed by twelve citations with long quotes and URLs."""
    doc = load_text("Title\n\n" + LONG + "\n")
    start = doc.text.index("Sentence 0")
    citations = [
        Citation(
            f"c{i}",
            "block_quote",
            start,
            start + 40,
            LONG[:900],
            source=f"s{i}",
            source_name=f"Source {i}",
            title="A title " * 8,
            lead_in="As the report said " * 6,
            url=f"https://example.org/{i}",
        )
        for i in range(1, 13)
    ]
    sources = [Source(f"s{i}", f"Source {i}", [], [f"c{i}"], "publication") for i in range(1, 13)]
    claim = Claim(
        "k1", start, len(doc.text), LONG, citations=[c.id for c in citations], supported=True
    )
    return Analysis(segment(doc), citations, sources, [claim], 1.0, True)


def dialogs() -> dict[str, Callable[[], ModalScreen[Any]]]:
    analysis = long_analysis()
    candidates = [(f"c{i}", f"Source {i} · “{LONG[:80]}”", i == 1) for i in range(1, 13)]
    return {
        "note-editor": lambda: NoteEditor("New note", "\n\n".join([LONG] * 4)),
        "confirm": lambda: ConfirmDialog(LONG[:1500], yes="Discard", no="Keep editing"),
        "claim-detail": lambda: ClaimDetail(analysis.claims[0], analysis, "1/1"),
        "citation-detail": lambda: CitationDetail(analysis.citations[0], analysis, "1/12"),
        "link": lambda: LinkDialog(LONG, candidates),
        "export": lambda: ExportDialog(Path("/home/reader/" + "long-folder-name/" * 5)),
        "verdict": lambda: VerdictDialog("supported"),
        "tags": lambda: TagDialog(["a", "b"], LONG),
        "source": lambda: SourceDialog(LONG),
        "help": HelpScreen,
    }


#: What must stay on the screen in each dialog: keys, hints, buttons, inputs, choices.
MUST_SHOW = {
    "note-editor": ["#note-body", "#note-kind", "#note-keys", "#note-quote"],
    "confirm": ["#yes", "#no", "#confirm-scroll"],
    "claim-detail": ["#detail-reason", "#detail-citations", ".dialog-hint", "#detail-scroll"],
    "citation-detail": ["#detail-scroll", ".dialog-hint"],
    "link": ["#link-list", ".dialog-hint"],
    "export": ["#export-format", "#export-path", ".dialog-hint"],
    "verdict": ["#verdict-list", ".dialog-hint"],
    "tags": ["#tags-subject", "#tags-input", ".dialog-hint"],
    "source": ["#source-quote", "#source-input", ".dialog-hint"],
    "help": ["#help-body", "#help-hint"],
}


class Harness(App[None]):
    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog

    def on_mount(self) -> None:
        self.push_screen(self.dialog)


def assert_shown(screen: Screen[Any], selector: str) -> None:
    """``selector``'s widget is wholly inside the dialog's box and the screen."""
    box = screen.query_one(Vertical)
    widgets = list(screen.query(selector).results(Widget))
    assert widgets, f"{selector}: no such widget in the dialog"
    for widget in widgets:
        region = widget.region
        assert region.height > 0, f"{selector} has no rows"
        assert screen.region.contains_region(region), f"{selector} {region} off the screen"
        assert box.region.contains_region(region), f"{selector} {region} outside {box.region}"


def test_rows_go_to_the_parts_in_order_after_each_has_its_least() -> None:
    assert share_rows(30, [(4, 10), (3, 8)]) == [10, 8]
    assert share_rows(10, [(4, 10), (3, 8)]) == [7, 3]
    assert share_rows(5, [(4, 10), (3, 8)]) == [4, 3]  # too small: the least still


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(MUST_SHOW))
async def test_dialog_keeps_its_keys_on_a_small_terminal(name: str, size: tuple[int, int]) -> None:
    app = Harness(dialogs()[name]())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        for selector in MUST_SHOW[name]:
            assert_shown(app.screen, selector)


async def test_dialog_refits_when_the_terminal_shrinks() -> None:
    app = Harness(dialogs()["claim-detail"]())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        for selector in MUST_SHOW["claim-detail"]:
            assert_shown(app.screen, selector)
