"""SVG snapshots in a light and a dark theme, at 80x24 and 120x40, and the dialogs at 80x24.

They use the hand-built analysis (``conftest.hand_analysis``), so improving the analysis does
not rewrite them. Update with ``--snapshot-update`` and LOOK at the SVGs before accepting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from closeread.tui.app import CloseReadApp
from closeread.tui.screens.reader import ReaderScreen

from .test_reader_why import why_analyzer
from .test_snapshots_reader import settle

SnapCompare = Callable[..., bool]
THEMES = ["textual-light", "textual-dark"]
SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@pytest.mark.parametrize("theme", THEMES)
def test_snapshot_reader_theme_and_size(
    snap_compare: SnapCompare,
    make_reader: Callable[..., CloseReadApp],
    theme: str,
    size: tuple[int, int],
) -> None:
    """On an unsupported claim that discusses a citation, the Claims panel in front (shown
    at 120 columns, hidden by the width rule at 80)."""
    app = make_reader(analyzer=why_analyzer)

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app.theme = theme
        await pilot.press("right_square_bracket", "right_square_bracket")
        if size[0] >= 90:
            await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize(
    "keys",
    [
        ("right_square_bracket", "right_square_bracket", "i"),
        ("right_curly_bracket", "i"),
        ("ctrl+e",),
        ("right_square_bracket", "a"),
    ],
    ids=["claim-detail", "citation-detail", "export", "note-editor"],
)
def test_snapshot_dialog_at_80x24_light(
    snap_compare: SnapCompare, make_reader: Callable[..., CloseReadApp], keys: tuple[str, ...]
) -> None:
    """Every dialog shows its content, buttons and hints in an 80x24 light terminal."""
    app = make_reader(analyzer=why_analyzer)

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app.theme = "textual-light"
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen._export_dir = Path("/home/reader")  # not the machine's current directory
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize(
    ("keys", "theme"),
    [
        ((), "textual-light"),
        (("right_square_bracket", "right_square_bracket", "i"), "textual-dark"),
        (("right_curly_bracket", "i"), "textual-light"),
        (("v", "j", "j", "j", "a"), "textual-dark"),
        (("ctrl+e",), "textual-light"),
    ],
    ids=[
        "reader-light",
        "claim-detail-dark",
        "citation-detail-light",
        "note-editor-dark",
        "export",
    ],
)
def test_snapshot_at_60x20(
    snap_compare: SnapCompare,
    make_reader: Callable[..., CloseReadApp],
    keys: tuple[str, ...],
    theme: str,
) -> None:
    """At 60x20: no side panel (the width rule), the footer keeps "? help" and "q quit", and
    each dialog keeps its keys and hints (long parts shrink and scroll)."""
    app = make_reader(analyzer=why_analyzer)

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app.theme = theme
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen._export_dir = Path("/home/reader")  # not the machine's current directory
        await pilot.press(*keys[:-1])
        app.clear_notifications()  # a hint toast ("selecting: …") would come and go
        await pilot.press(*keys[-1:])
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(60, 20), run_before=before)
