"""Issue 14 torture suite, in the reader: a bad notes file never stops or freezes it.

Each notes file below opens the reader read-only (the reason shown, the file untouched,
keys still answered) or, for the odd-but-readable ones, normally; none raises.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from closeread.tui.app import CloseReadApp

MakeReader = Callable[..., CloseReadApp]
Settle = Callable[[Pilot[None]], Awaitable[None]]
HEAD = "closeread: 1\ndocument: {path: green-sky.txt}\n"
NOTE = (
    "notes:\n  - {{id: n-1, kind: comment, created: {created}, modified: 2026-11-25T10:00:00Z,"
    " target: {{quote: x, start: 0, end: 1}}}}\n"
)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _devzero(path: Path) -> None:
    path.symlink_to("/dev/zero")


BAD: dict[str, str | Callable[[Path], None]] = {
    "alias of a list": HEAD + "a: &a [1, 2]\nb: *a\nnotes: []\n",
    "date out of range": HEAD + NOTE.format(created="'9999-12-31T23:30:00-01:00'"),
    "year 0": HEAD + NOTE.format(created="0000-01-01"),
    "nested 100,000 deep": HEAD + "x: " + "[" * 100_000 + "]" * 100_000 + "\n",
}
ODD = {
    "document path ~nosuchuser": "closeread: 1\ndocument: {path: '~nosuchuser/x.txt'}\nnotes: []\n",
    "document path with NUL": 'closeread: 1\ndocument: {path: "a\\0b.txt"}\nnotes: []\n',
}


@pytest.mark.parametrize("name", list(BAD))
async def test_a_bad_notes_file_opens_the_reader_read_only(
    name: str, make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    path = notes_dir / f"{article_path.stem}.yaml"
    bad = BAD[name]
    if callable(bad):
        bad(path)
    else:
        path.write_text(bad, encoding="utf-8")
    before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    app = make_reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.store.read_only
        await pilot.press("j", "h")  # keys answered; the highlight is kept in memory
        await pilot.pause()
        assert len(app.store.notes) >= 1
    assert os.path.lexists(path)
    if before is not None:
        assert path.read_bytes() == before


@pytest.mark.parametrize("name", [*ODD, "FIFO", "link to /dev/zero", "folder"])
async def test_an_odd_notes_file_opens_normally(
    name: str, make_reader: MakeReader, settle: Settle, notes_dir: Path, article_path: Path
) -> None:
    path = notes_dir / f"{article_path.stem}.yaml"
    if name == "FIFO":
        _fifo(path)  # passed over by the lookup, never opened: no freeze
    elif name == "folder":
        path.mkdir()
    elif name == "link to /dev/zero":
        _devzero(path)
    else:
        path.write_text(ODD[name], encoding="utf-8")
    app = make_reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app.store.read_only
        await pilot.press("h")
        assert app.store.wait_saved(10)
        await pilot.pause()
        assert app.store.save_error is None and not app.store.dirty
