"""Fixtures for the reader's Pilot tests (TUI-CORE): a small article and a hand-built analysis.

The analysis is built by hand so the tests check the reader, not the analysis rules.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from time import monotonic

import pytest
from textual.pilot import Pilot

from closeread.analysis import Analysis, Citation, Claim, Source
from closeread.document import Document, segment
from closeread.notes import LinkCorrection
from closeread.notes.model import QuoteCorrection
from closeread.notes.saver import wait_all
from closeread.tui.app import CloseReadApp, make_app
from closeread.tui.screens.reader import Analyzer

ARTICLE = (
    "\n\n".join(
        [
            "The Case of the Green Sky",
            "By Jane Doe",
            "The sky over the city turned green last week. Officials blamed the weather. "
            "The Daily Planet reported in its article “Green skies explained” that:",
            "The green colour comes from pollen carried by an unusual wind.",
            "The pollen story is plainly false. Pollen has never coloured a sky, and nobody has "
            "shown otherwise. The mayor said “we are looking into it” on Monday.",
            "Residents deserve a real answer. The Daily Planet should retract its story.",
        ]
    )
    + "\n"
)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def hand_analysis(doc: Document) -> Analysis:
    """Two sources, three citations, four claims (two supported) over ``ARTICLE``."""
    text = doc.text

    def cite(cid: str, kind: str, part: str, sid: str, name: str, title: str = "") -> Citation:
        s, e = span_of(text, part)
        return Citation(cid, kind, s, e, part, source=sid, source_name=name, title=title)  # type: ignore[arg-type]

    def claim(kid: str, part: str, cites: list[str]) -> Claim:
        s, e = span_of(text, part)
        return Claim(kid, s, e, part, citations=cites, supported=bool(cites))

    citations = [
        cite(
            "c1",
            "block_quote",
            "The green colour comes from pollen carried by an unusual wind.",
            "s1",
            "The Daily Planet",
            "Green skies explained",
        ),
        cite("c2", "inline_quote", "we are looking into it", "s2", "The mayor"),
        cite(
            "c3",
            "paraphrase",
            "The Daily Planet should retract its story.",
            "s1",
            "The Daily Planet",
        ),
    ]
    claims = [
        claim("k1", "The sky over the city turned green last week.", ["c1"]),
        claim("k2", "The pollen story is plainly false.", ["c1", "c2"]),
        claim("k3", "Pollen has never coloured a sky, and nobody has shown otherwise.", []),
        claim("k4", "Residents deserve a real answer.", []),
    ]
    sources = [
        Source("s1", "The Daily Planet", ["the Daily Planet"], ["c1", "c3"], "publication"),
        Source("s2", "The mayor", [], ["c2"], "person"),
    ]
    return Analysis(segment(doc), citations, sources, claims, 1.0, True)


def hand_analyzer(
    doc: Document,
    corrections: Sequence[LinkCorrection],
    is_cancelled: Callable[[], bool],
    quotes: Sequence[QuoteCorrection] = (),
) -> Iterator[Analysis]:
    """Streams like ``analyze_stream``: a partial result first, then the complete one."""
    full = hand_analysis(doc)
    yield Analysis(full.sentences, [], [], [], 0.5, False)
    yield full


@pytest.fixture(autouse=True)
def _notifications_stay(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot tests check what the reader said (``app._notifications``), not for how long:
    toasts stay for the test, so a slow, loaded machine does not reap one (2.5 s) before
    the check. Snapshots keep the real timeouts: they show what a reader sees."""
    if "snap_compare" in request.fixturenames:
        return
    from closeread.tui import app

    monkeypatch.setattr(app.CloseReadApp, "NOTIFICATION_TIMEOUT", 600.0)
    monkeypatch.setattr(app, "ERROR_TIMEOUT", 600.0)


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    path = tmp_path / "green-sky.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def make_reader(article_path: Path, notes_dir: Path) -> Callable[..., CloseReadApp]:
    """``make_reader(path=None, analyzer=hand_analyzer)``: the real app; notes in ``notes_dir``."""

    def make(path: Path | None = None, analyzer: Analyzer | None = hand_analyzer) -> CloseReadApp:
        return make_app(path or article_path, notes_dir, analyzer=analyzer)

    return make


#: Seconds ``settle`` waits for the analysis and the side panel before failing the test
#: (they take a fraction of a second; the margin is for a loaded machine).
SETTLE_TIMEOUT = 60.0


async def _settle(pilot: Pilot[None]) -> None:
    """Wait until the analysis is shown and the side panel is mounted (a moment after
    start); fail the test, saying what was missing, when that takes SETTLE_TIMEOUT."""
    from closeread.tui.screens.reader import ReaderScreen

    deadline = monotonic() + SETTLE_TIMEOUT
    while True:
        screen = pilot.app.screen
        if not isinstance(screen, ReaderScreen):
            missing = f"the reader (the screen is {type(screen).__name__})"
        elif not screen.session.analysis.complete:
            missing = "a complete analysis"
        elif not screen.side_mounted:
            missing = "the side panel"
        else:
            break
        if monotonic() > deadline:
            pytest.fail(f"settle: no {missing} after {SETTLE_TIMEOUT:.0f} s")
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    wait_all(10)  # the notes saves (on their worker thread) are on disk
    await pilot.pause()  # and their messages handled
    await pilot.pause()
    await pilot.pause()


@pytest.fixture
def settle() -> Callable[[Pilot[None]], Awaitable[None]]:
    """``await settle(pilot)``: wait for the analysis worker and the messages it posted."""
    return _settle
