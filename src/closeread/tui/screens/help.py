"""The help screen: every key, derived from the actions table (never written twice)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from closeread.tui.actions import ACTIONS, BUILTIN_KEYS
from closeread.tui.visible import DIRECTION, HIDDEN

PANEL_KEYS: tuple[tuple[str, str], ...] = (
    ("↑/↓ pgup/pgdn home/end", "Move in the focused panel."),
    ("enter / click", "Jump to the selected note, citation or claim."),
    ("space / click ▸", "Unfold a source to see its citations (Sources panel)."),
)
"""Keys of the side panels' lists, which are not reader actions."""

MARKS: tuple[tuple[str, str], ...] = (
    ("▸", "The cursor: the current sentence, claim or citation."),
    ("┃", "The selection (v, w), which a note or highlight will cover."),
    ("✓ / ✗", "A claim backed by a citation / not backed (i says why)."),
    ("✎ / ▮", "A note here / only highlights here."),
    ("▌", "A block quote; its last row names the source and title."),
    ("italic", "A quoted or cited passage; underlined: a link (i shows its URL)."),
    (
        f"{HIDDEN} / {DIRECTION}",
        "A hidden character (zero-width, BOM) / a direction control (RLO), made visible.",
    ),
)
"""What the article's margin glyphs and styles mean (each also has a colour)."""


def help_rows() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """``(group, [(keys, help), ...])`` in the order of ``ACTIONS``, built-in keys last."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for spec in ACTIONS:
        groups.setdefault(spec.group, []).append((spec.display or spec.keys, spec.help))
    for key, text, group in BUILTIN_KEYS:
        groups.setdefault(group, []).append((key, text))
    groups.setdefault("In the panels", []).extend(PANEL_KEYS)
    groups.setdefault("Marks in the article", []).extend(MARKS)
    yield from groups.items()


def group_table(rows: list[tuple[str, str]], stacked: bool = False) -> Table:
    """Keys and what they do side by side, or ``stacked`` (keys, then the text indented
    under them) where a column of keys would leave the text too narrow to read."""
    table = Table.grid(padding=(0, 2))
    if stacked:
        table.add_column(ratio=1)
        for keys, text in rows:
            table.add_row(Text.assemble((keys, "bold"), "\n  ", text))
        return table
    table.add_column(style="bold", min_width=22, no_wrap=True)
    table.add_column(ratio=1)
    for keys, text in rows:
        table.add_row(Text(keys), Text(text))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the reader, grouped; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 100; height: 90%;
            border: thick $primary; background: $panel; padding: 0 1;
        }
        & VerticalScroll { height: 1fr; }
        & .help-group { color: $text-accent; text-style: bold; margin-top: 1; }
        & #help-hint { color: $text-muted; dock: bottom; width: 100%; height: auto; }
    }
    """

    STACK_BELOW = 70
    """Terminal columns under which keys and their text are stacked."""

    def __init__(self) -> None:
        super().__init__()
        self.groups = list(help_rows())
        self.stacked: bool | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "closeread — keys"
            with VerticalScroll(id="help-body"):
                for group, _rows in self.groups:
                    yield Label(Text(group), classes="help-group")
                    yield Static(classes="help-table")
            yield Label("↑/↓ scroll · escape, q or ? close · ctrl+p every action", id="help-hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self._lay_out(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width)

    def _lay_out(self, width: int) -> None:
        stacked = width < self.STACK_BELOW
        if stacked != self.stacked:
            self.stacked = stacked
            tables = self.query(".help-table").results(Static)
            for (_group, rows), table in zip(self.groups, tables, strict=True):
                table.update(group_table(rows, stacked))

    def action_close(self) -> None:
        self.dismiss(None)
