"""End to end: wide characters, emoji with skin tones, ZWJ sequences, combining marks and
invisible characters in a real terminal (tmux): the side panel's divider stays in one column
on every row, and invisible characters show as placeholders."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Tmux

pytestmark = pytest.mark.e2e

ODD = (
    "Odd characters\n\n"
    "Thumbs 👍🏽 up, a wave 👋🏿, a family 👨\u200d👩\u200d👧, a flag 🇫🇷 and a pencil ✏\ufe0f "
    "end one sentence. Chinese 中文字符 and カタカナ sit beside é and Z\u0351a\u0353 here.\n\n"
    "Hidden: zero\u200bwidth, joiner\u200dhere, and RLO \u202eevil\u202c and LRI \u2066x\u2069 "
    "in the middle of this sentence, which goes on long enough to wrap.\n"
)
DIVIDER = "│"


def cells(char: str) -> int:
    """Cells tmux gives ``char`` (its wcwidth: wide East Asian and emoji two, marks none)."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def divider_columns(screen: str) -> dict[int, int]:
    """Row → cell column of the panel divider, for the rows that show one."""
    found = {}
    for y, row in enumerate(screen.splitlines()):
        column = 0
        for char in row:
            if char == DIVIDER and column > 20:
                found[y] = column
                break
            column += cells(char)
    return found


def test_divider_stays_in_one_column_with_emoji_and_invisible_characters(
    closeread_bin: str,
    term: Tmux,
    e2e_env: Callable[[Path, Path], dict[str, str]],
    tmp_path: Path,
) -> None:
    doc = tmp_path / "odd.md"
    doc.write_text(ODD, encoding="utf-8")
    notes, home = tmp_path / "notes", tmp_path / "home"
    notes.mkdir()
    home.mkdir()
    term.start([closeread_bin, str(doc)], e2e_env(notes, home), cwd=home)
    screen = term.wait_for(
        lambda s: "Thumbs" in s and "Hidden" in s and len(divider_columns(s)) > 10,
        "the odd text beside the side panel",
        timeout=20,
    )
    columns = divider_columns(screen)
    assert len(set(columns.values())) == 1, (columns, screen)
    assert "zero◌width" in screen and "⇄evil⇄" in screen
    assert "\u202e" not in screen and "\u200b" not in screen
