"""SVG snapshots of the reader's main screen.

Update with ``pytest tests/tui/test_snapshots_reader.py --snapshot-update`` and LOOK at the
SVGs before accepting them. The sample snapshots load a stored analysis of the sample
(``stored_analysis``), so improving the analysis does not rewrite them; the hand-built
article uses ``conftest.hand_analysis``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import Any

import pytest
from textual.pilot import Pilot

from closeread.notes import Note, NoteKind, Target
from closeread.tui.app import CloseReadApp, make_app
from closeread.tui.screens.reader import ReaderScreen

from .stored_analysis import stored_analyzer

SIZE = (120, 36)
#: Seconds to wait for the analysis and the side panel (a fraction of one, unless loaded).
SETTLE_TIMEOUT = 60.0
SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the analysis and the side panel, which start a moment after the text;
    fail the test when they are not there within ``SETTLE_TIMEOUT``."""
    from closeread.tui.widgets.notes_panel import NotesPanel

    deadline = monotonic() + SETTLE_TIMEOUT
    while True:
        screen = pilot.app.screen
        if not isinstance(screen, ReaderScreen):
            break
        if screen.session.analysis.complete and screen.panel(NotesPanel) is not None:
            break
        if monotonic() > deadline:
            pytest.fail(f"settle: no complete analysis and side panel after {SETTLE_TIMEOUT} s")
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def sample_app(sample_path: Path, notes_dir: Path) -> CloseReadApp:
    return make_app(sample_path, notes_dir, analyzer=stored_analyzer())


def test_snapshot_sample_opened(
    snap_compare: SnapCompare, sample_path: Path, notes_dir: Path
) -> None:
    assert snap_compare(sample_app(sample_path, notes_dir), terminal_size=SIZE, run_before=settle)


def test_snapshot_sample_on_a_quote_with_sources(
    snap_compare: SnapCompare, sample_path: Path, notes_dir: Path
) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("right_curly_bracket", "2")
        await pilot.pause()

    assert snap_compare(sample_app(sample_path, notes_dir), terminal_size=SIZE, run_before=before)


def test_snapshot_sample_claims_panel_and_unsupported(
    snap_compare: SnapCompare, sample_path: Path, notes_dir: Path
) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("u", "u", "u", "3")
        await pilot.pause()

    assert snap_compare(sample_app(sample_path, notes_dir), terminal_size=SIZE, run_before=before)


def test_snapshot_hand_article_with_notes_and_search(
    snap_compare: SnapCompare, make_reader: Callable[..., CloseReadApp]
) -> None:
    app = make_reader()

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        text = app.doc.text
        notes: list[tuple[str, NoteKind, str]] = [
            ("Officials blamed the weather.", "question", "Which officials?"),
            ("Residents deserve a real answer.", "highlight", ""),
        ]
        for part, kind, body in notes:
            s = text.index(part)
            app.store.add(
                Note(f"n-{kind}", kind, Target.from_span(text, s, s + len(part)), body=body)
            )
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.refresh_notes()
        await pilot.press("slash", *"pollen", "enter")
        await pilot.press("right_square_bracket", "right_square_bracket", "1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_snapshot_sample_at_80x24(
    snap_compare: SnapCompare, sample_path: Path, notes_dir: Path
) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()

    assert snap_compare(
        sample_app(sample_path, notes_dir), terminal_size=(80, 24), run_before=before
    )
