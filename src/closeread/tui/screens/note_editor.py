"""The note editor: a multi-line body and a kind, for a note on a quoted passage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, RadioButton, RadioSet, Static, TextArea

from closeread.tui.screens.confirm import ConfirmDialog
from closeread.tui.screens.dialogs import MarkedRadioButton

EDITABLE_KINDS: tuple[str, ...] = ("comment", "question")
"""The kinds the editor switches between (a highlight or verdict being edited is kept)."""
QUOTE_CHARS = 3000
"""Longer quotes show their start and end around a "…" line (the preview scrolls)."""
QUOTE_TAIL_CHARS = 800


def quote_preview(quote: str, limit: int = QUOTE_CHARS, tail: int = QUOTE_TAIL_CHARS) -> str:
    """``quote`` with one line per paragraph; past ``limit`` characters its start and its
    last ``tail`` characters around a "…" line, so both ends of a long selection show."""
    text = "\n".join(" ".join(line.split()) for line in quote.splitlines() if line.strip())
    if len(text) <= limit:
        return text
    return text[: limit - tail].rstrip() + "\n…\n" + text[-tail:].lstrip()


@dataclass(frozen=True, slots=True)
class NoteEditorResult:
    """What the editor returns on save."""

    body: str
    kind: str


class NoteEditor(ModalScreen[NoteEditorResult | None]):
    """Edit a note's body and kind: ctrl+s saves, escape cancels (asking if text would be lost)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("ctrl+t", "toggle_kind", "Comment/question", priority=True),
    ]

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 100; height: auto; max-height: 90%;
            border: thick $primary; background: $panel; padding: 0 1;
            border-title-style: bold;
        }
        & #note-quote {
            height: auto; max-height: 8; margin: 1 0; padding: 0 1;
            border-left: outer $secondary; background: $panel;
            & > Static { color: $text-muted; text-style: italic; }
        }
        & TextArea { height: 10; }
        & #note-bottom { height: auto; margin-top: 1; }
        & #note-kind-label { width: auto; height: 3; content-align: left middle; margin-right: 1; }
        & RadioSet { width: auto; height: auto; layout: horizontal; }
        & RadioSet > RadioButton { width: auto; margin-right: 1; }
        & #note-keys { width: 1fr; height: 3; content-align: right middle; color: $text-muted; }
    }
    """

    def __init__(self, heading: str, quote: str, body: str = "", kind: str = "comment") -> None:
        super().__init__()
        self.heading = heading
        self.quote = quote
        self.initial_body = body
        self.initial_kind = kind
        self.kinds = EDITABLE_KINDS if kind in EDITABLE_KINDS else (*EDITABLE_KINDS, kind)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text(self.heading)  # may hold document text: never markup
            # Up to 8 lines, scrollable (mouse, or tab to it), so a long multi-paragraph
            # selection can be checked before saving. Article text: plain Text, never markup.
            with VerticalScroll(id="note-quote"):
                yield Static(Text(quote_preview(self.quote)), id="note-quote-text")
            yield TextArea(self.initial_body, id="note-body", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="note-bottom"):
                yield Label("kind", id="note-kind-label")
                with RadioSet(id="note-kind"):
                    for kind in self.kinds:
                        yield MarkedRadioButton(kind, value=kind == self.initial_kind, name=kind)
                yield Label("ctrl+s save · escape cancel · ctrl+t kind", id="note-keys")

    def on_mount(self) -> None:
        body = self.query_one(TextArea)
        body.focus()
        body.move_cursor(body.document.end)

    @property
    def body(self) -> str:
        return self.query_one(TextArea).text

    @property
    def kind(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else self.initial_kind

    @property
    def changed(self) -> bool:
        return self.body != self.initial_body or self.kind != self.initial_kind

    def action_save(self) -> None:
        self.dismiss(NoteEditorResult(self.body, self.kind))

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def discard(answer: bool | None) -> None:
            if answer:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard this note?"), discard)

    def action_toggle_kind(self) -> None:
        buttons = list(self.query(RadioButton))
        current = next((i for i, b in enumerate(buttons) if b.value), -1)
        buttons[(current + 1) % len(buttons)].value = True
