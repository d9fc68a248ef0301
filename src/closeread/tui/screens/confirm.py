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
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from closeread.tui.screens.fit import fit_parts, natural_height
from closeread.tui.visible import visible


class ConfirmDialog(ModalScreen[bool]):
    """Ask ``question``; dismisses with True (y, Yes) or False (n, escape, No); Enter
    presses the focused button, "No" at first. ``yes`` and ``no`` name the buttons ("Discard",
    "Keep editing"); y and n answer whatever they say. A long question scrolls, so that the
    buttons stay on a short terminal."""

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
        & #confirm-scroll { height: auto; margin-bottom: 1; }
        & #confirm-question { width: 100%; height: auto; }
        & Horizontal { height: auto; width: auto; }
        & Button { margin-right: 2; min-width: 12; }
    }
    """

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll(id="confirm-scroll", can_focus=False):
                yield Static(Text(visible(self.question)), id="confirm-question")
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        scroll = self.query_one("#confirm-scroll", VerticalScroll)
        box = scroll.parent
        if isinstance(box, Widget):
            fit_parts(box, [(scroll, 1, natural_height(scroll))])

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class AdoptNotesDialog(ConfirmDialog):
    """ "Notes for a similar text found: …": a longer question, wrapped to the dialog."""

    DEFAULT_CSS = """
    AdoptNotesDialog {
        & > Vertical { width: 80; max-width: 100%; border: thick $accent; }
        & #confirm-question { width: 100%; }
    }
    """
