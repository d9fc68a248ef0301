"""A yes/no question in a modal dialog.

Every question asked here gives something up (quit and lose changes, discard a note,
drop a quote), so Enter is never Yes by default: the dialog opens on "No", and Enter
presses the focused button. The question wraps to the dialog's width, whatever the
terminal's, so it is read in full before answering.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask ``question``; dismisses with True (y, Yes) or False (n, escape, No); Enter
    presses the focused button, "No" at first."""

    AUTO_FOCUS = "#no"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 80; height: auto; max-height: 100%;
            border: thick $warning; background: $panel; padding: 1 2;
        }
        & #confirm-question { width: 100%; height: auto; margin-bottom: 1; }
        & Horizontal { height: auto; width: auto; }
        & Button { margin-right: 2; }
    }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), id="confirm-question")
            with Horizontal():
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class AdoptNotesDialog(ConfirmDialog):
    """"Notes for a similar text found: …": a longer question, wrapped to the dialog."""

    DEFAULT_CSS = """
    AdoptNotesDialog {
        & > Vertical { width: 80; max-width: 100%; border: thick $accent; }
        & #confirm-question { width: 100%; }
    }
    """
