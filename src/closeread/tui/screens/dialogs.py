"""Small modal dialogs: tags, verdict, manual claim↔citation link, export."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from closeread.notes.model import VERDICTS

try:
    from closeread.export import FORMATS as _EXPORT_FORMATS

    EXPORT_FORMATS: tuple[str, ...] = tuple(_EXPORT_FORMATS)
except ImportError:  # the export package may not define them yet
    EXPORT_FORMATS = ("markdown", "json", "yaml", "csv", "html")

EXTENSIONS: dict[str, str] = {
    "markdown": "md", "json": "json", "yaml": "yaml", "csv": "csv", "html": "html",
}
CLEAR = "clear"

DIALOG_CSS = """
    align: center middle;
    & > Vertical {
        width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    & .dialog-hint { color: $text-muted; margin-top: 1; }
    & .dialog-text { margin-bottom: 1; text-style: italic; }
    & OptionList { height: auto; max-height: 20; }
"""


def parse_tags(text: str) -> list[str]:
    """``"#war, sources  bias"`` → ``["war", "sources", "bias"]``, in order, without repeats."""
    tags: list[str] = []
    for raw in re.split(r"[,\s]+", text):
        tag = raw.strip().lstrip("#")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class TagDialog(ModalScreen[list[str] | None]):
    """Edit a note's tags, comma or space separated; enter saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "TagDialog {" + DIALOG_CSS + "}"

    def __init__(self, tags: list[str]) -> None:
        super().__init__()
        self.tags = list(tags)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Tags"
            yield Input(
                ", ".join(self.tags), placeholder="tag, another tag", id="tags-input",
                select_on_focus=False,
            )
            yield Label(
                "comma or space separated · enter save · escape cancel", classes="dialog-hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class VerdictDialog(ModalScreen[str | None]):
    """Choose a verdict (keys 1-5, or arrows and enter); "clear" (0) returns ``""``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(str(i), f"choose({i - 1})", show=False) for i in range(1, len(VERDICTS) + 1)),
        Binding("0", f"choose({len(VERDICTS)})", show=False),
    ]
    DEFAULT_CSS = "VerdictDialog {" + DIALOG_CSS + "}"

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current
        self.choices: tuple[str, ...] = (*VERDICTS, CLEAR)

    def compose(self) -> ComposeResult:
        options = []
        for i, choice in enumerate(self.choices):
            key = "0" if choice == CLEAR else str(i + 1)
            prompt = Text(f"{key}  {choice}")
            if choice == self.current:
                prompt.append("  (current)", style="dim")
            options.append(Option(prompt, id=choice))
        with Vertical() as box:
            box.border_title = "Verdict"
            yield OptionList(*options, id="verdict-list")
            yield Label("1-5 or arrows + enter · 0 clears · escape cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        current = self.current if self.current in self.choices else None
        option_list.highlighted = self.choices.index(current) if current else 0

    def _result(self, choice: str) -> str:
        return "" if choice == CLEAR else choice

    def action_choose(self, index: int) -> None:
        self.dismiss(self._result(self.choices[index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._result(self.choices[event.option_index]))

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkDialog(ModalScreen[str | None]):
    """Pick a citation to link to (or unlink from) a claim; returns its id to toggle."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "LinkDialog {" + DIALOG_CSS + "}"

    def __init__(self, claim_text: str, candidates: list[tuple[str, str, bool]]) -> None:
        super().__init__()
        self.claim_text = claim_text
        self.candidates = list(candidates)

    def compose(self) -> ComposeResult:
        options = []
        for citation_id, label, linked in self.candidates:
            prompt = Text()
            prompt.append("✓ " if linked else "  ", style="bold green")
            prompt.append(f"{citation_id}  ", style="dim")
            prompt.append(label)  # article text: plain, never markup
            options.append(Option(prompt, id=citation_id))
        flat = " ".join(self.claim_text.split())
        with Vertical() as box:
            box.border_title = "Link claim to citation"
            yield Static(Text(flat[:300] + ("…" if len(flat) > 300 else "")), classes="dialog-text")
            if options:
                yield OptionList(*options, id="link-list")
            else:
                yield Label("No citations to link to.", id="link-empty")
            yield Label(
                "enter toggles the link (✓ = linked) · escape cancel", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        if self.candidates:
            self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Choose an export format and output file; enter exports, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "ExportDialog {" + DIALOG_CSS + """
        & RadioSet { layout: horizontal; width: auto; height: auto; margin-bottom: 1; }
    }"""

    def __init__(self, default_dir: Path | None, stem: str = "closeread-notes") -> None:
        """``stem`` names the proposed file (the document's stem reads best)."""
        super().__init__()
        self.default_dir = default_dir if default_dir is not None else Path.cwd()
        self.stem = stem
        self.format = EXPORT_FORMATS[0]

    def _path_for(self, fmt: str) -> str:
        return str(self.default_dir / f"{self.stem}.{EXTENSIONS.get(fmt, fmt)}")

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Export notes"
            with RadioSet(id="export-format"):
                for fmt in EXPORT_FORMATS:
                    yield RadioButton(fmt, value=fmt == self.format, name=fmt)
            yield Input(self._path_for(self.format), id="export-path", select_on_focus=False)
            yield Label("tab / arrows choose the format · enter export · escape cancel",
                        classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        new = event.pressed.name or self.format
        path_input = self.query_one(Input)
        path = Path(path_input.value)
        # Follow the format with the extension, unless the user typed an extension of their own.
        ours = path.suffix.lstrip(".") in EXTENSIONS.values()
        if path_input.value == self._path_for(self.format) or ours:
            path_input.value = str(path.with_suffix("." + EXTENSIONS.get(new, new)))
        self.format = new

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.notify("Give a file to export to.", severity="warning")
            return
        self.dismiss((self.format, Path(value).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)
