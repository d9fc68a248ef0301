"""The note editor: a multi-line body and a kind, for a note on a quoted passage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, RadioButton, RadioSet, Static, TextArea

from closeread.tui.screens.confirm import ConfirmDialog
from closeread.tui.screens.dialogs import MarkedRadioButton
from closeread.tui.screens.fit import fit_parts, natural_height
from closeread.tui.visible import visible

EDITABLE_KINDS: tuple[str, ...] = ("comment", "question")
"""The kinds the editor switches between (a highlight or verdict being edited is kept)."""
QUOTE_CHARS = 3000
"""Longer quotes show their start and end around a "…" line (the preview scrolls)."""
QUOTE_TAIL_CHARS = 800
QUOTE_ROWS = 8
"""Rows of the quote preview at most (it scrolls)."""
BODY_ROWS = 10
"""Rows of the text area when the terminal has room (at least 3 on a short one)."""


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
    """Edit a note's body and kind: ctrl+s saves (not an empty comment or question), escape
    closes without saving (asking first if the edit would be lost).

    On a short terminal the quote and the text area give up rows (``fit.fit_parts``), never
    the kind toggle or the keys.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("ctrl+t", "toggle_kind", "Comment/question", priority=True),
    ]

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 100; height: auto; max-height: 100%;
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
        & #note-keys { width: 1fr; height: auto; color: $text-muted; text-align: right; }
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
            box.border_title = Text(visible(self.heading))  # document text: never markup
            # Up to 8 lines, scrollable (mouse, or tab to it), so a long multi-paragraph
            # selection can be checked before saving. Article text: plain Text, never markup.
            with VerticalScroll(id="note-quote"):
                yield Static(Text(visible(quote_preview(self.quote))), id="note-quote-text")
            yield TextArea(self.initial_body, id="note-body", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="note-bottom"):
                yield Label("kind", id="note-kind-label")
                with RadioSet(id="note-kind"):
                    for kind in self.kinds:
                        yield MarkedRadioButton(kind, value=kind == self.initial_kind, name=kind)
            yield Label(
                "ctrl+s save · ctrl+t comment/question · escape close without saving",
                id="note-keys",
            )

    def on_mount(self) -> None:
        body = self.query_one(TextArea)
        body.focus()
        body.move_cursor(body.document.end)
        self.call_after_refresh(self._fit)

    def type_ahead(self, character: str) -> None:
        """A character typed before the editor could take it (right after ``a``, faster
        than the editor mounts, or pasted with it): the note's next character."""
        body = self.query_one(TextArea)
        body.insert(character)
        body.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        quote = self.query_one("#note-quote", VerticalScroll)
        box = quote.parent
        if isinstance(box, Widget):
            # The quote keeps up to 3 rows, the text area 4; then the text area grows to its
            # 10 rows before the quote grows to its 8.
            body = self.query_one(TextArea)
            most = min(natural_height(quote), QUOTE_ROWS)
            fit_parts(box, [(body, 4, BODY_ROWS), (quote, min(3, most), most)])

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
        if not self.body.strip() and self.kind in EDITABLE_KINDS:
            # An empty comment says nothing: h highlights without a comment.
            self.notify(
                "The note is empty: write something first (escape closes without saving).",
                severity="warning",
            )
            return
        self.dismiss(NoteEditorResult(self.body, self.kind))

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def discard(answer: bool | None) -> None:
            if answer:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(self.discard_question, yes="Discard", no="Keep editing"), discard
        )

    @property
    def discard_question(self) -> str:
        """What escape would lose: the text of a new note, or the changes to a note."""
        if not self.initial_body:
            return "Close the editor without saving? What you wrote here is lost."
        return "Close the editor without saving? Your changes are lost; the note stays as it was."

    def action_toggle_kind(self) -> None:
        buttons = list(self.query(RadioButton))
        current = next((i for i, b in enumerate(buttons) if b.value), -1)
        buttons[(current + 1) % len(buttons)].value = True
