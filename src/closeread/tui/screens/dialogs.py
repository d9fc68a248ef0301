"""Small modal dialogs: tags, verdict, manual claim↔citation link, quote source, export."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, RadioButton, Static
from textual.widgets.option_list import Option

from closeread.notes.model import VERDICTS
from closeread.tui.screens.fit import Part, fit_parts, natural_height
from closeread.tui.visible import visible

try:
    from closeread.export import FORMATS as _EXPORT_FORMATS

    EXPORT_FORMATS: tuple[str, ...] = tuple(_EXPORT_FORMATS)
except ImportError:  # the export package may not define them yet
    EXPORT_FORMATS = ("markdown", "json", "yaml", "csv", "html")

EXTENSIONS: dict[str, str] = {
    "markdown": "md",
    "json": "json",
    "yaml": "yaml",
    "csv": "csv",
    "html": "html",
}
CLEAR = "clear"
T = TypeVar("T")

DIALOG_CSS = """
    align: center middle;
    & > Vertical {
        width: 80%; max-width: 90; height: auto; max-height: 100%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    & .dialog-hint { color: $text-muted; margin-top: 1; width: 1fr; height: auto; }
    & .dialog-text { margin-bottom: 1; text-style: italic; }
    & .dialog-line { text-wrap: nowrap; text-overflow: ellipsis; }
    & OptionList { height: auto; max-height: 20; text-wrap: nowrap; text-overflow: ellipsis; }
"""
"""Every dialog: a box as high as its content, never higher than the terminal (its long parts
give up rows, see ``fit``); hints wrap rather than run off the side."""


class FittedDialog(ModalScreen[T]):
    """A dialog whose flexible parts (``flexible_parts``) shrink to fit a short terminal."""

    def flexible_parts(self) -> list[Part]:
        """``(widget, least rows, most rows)`` of the parts that may shrink, in the order
        they get rows back; all direct children of the dialog's box."""
        return []

    # Textual runs the on_mount of every class in the MRO: a subclass's own on_mount needs
    # no super() call for this one to run.
    def on_mount(self) -> None:
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        parts = self.flexible_parts()
        box = parts[0][0].parent if parts else None
        if isinstance(box, Widget):
            fit_parts(box, parts)


class MarkedRadioButton(RadioButton):
    """A radio button whose state shows without colour: "●" and a bold label when chosen,
    "○" when not (Textual's draws "●" for both and only changes its colour)."""

    DEFAULT_CSS = """
    MarkedRadioButton.-on > .toggle--label { text-style: bold; }
    """

    def __init__(self, label: str, value: bool = False, *, name: str | None = None) -> None:
        super().__init__(label, value, name=name)
        self.BUTTON_INNER = self._inner()

    def _inner(self) -> str:
        return "●" if self.value else "○"

    def watch_value(self) -> None:
        self.BUTTON_INNER = self._inner()
        super().watch_value()


def parse_tags(text: str) -> list[str]:
    """``"#war, news sources"`` → ``["war", "news-sources"]``: tags are separated by commas
    only; spaces inside a tag become "-" (one tag stays one word in exports, e.g. the
    Readwise ``.tag`` form); a leading "#" is dropped; order kept, repeats dropped."""
    tags: list[str] = []
    for raw in text.split(","):
        tag = "-".join(raw.strip().lstrip("#").split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class TagDialog(ModalScreen[list[str] | None]):
    """Edit a note's tags, comma-separated; enter saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "TagDialog {" + DIALOG_CSS + "}"

    def __init__(self, tags: list[str], subject: str = "") -> None:
        """``subject`` names the note being tagged (one line, e.g. its quoted anchor)."""
        super().__init__()
        self.tags = list(tags)
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Tags"
            if self.subject:
                # Document text: plain Text, never markup; one line, cut with "…".
                yield Static(
                    Text(visible(" ".join(self.subject.split()))),
                    id="tags-subject",
                    classes="dialog-text dialog-line",
                )
            yield Input(
                ", ".join(self.tags),
                placeholder="e.g. sources, needs check",
                id="tags-input",
                select_on_focus=False,
            )
            yield Label(
                "separate tags with commas (spaces in a tag become -) · enter save · escape cancel",
                classes="dialog-hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class SourceDialog(ModalScreen[str | None]):
    """Mark a span as a quote: asks for its source (optional); enter marks ("" = no source
    named: the analysis attributes it by its lead-in), escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "SourceDialog {" + DIALOG_CSS + "}"

    def __init__(self, quote: str) -> None:
        super().__init__()
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Mark as a quote"
            # Document text: plain Text, never markup; one line, cut with "…".
            yield Static(
                Text(visible(" ".join(self.quote.split()))),
                id="source-quote",
                classes="dialog-text dialog-line",
            )
            yield Input(placeholder="source (optional), e.g. The Guardian", id="source-input")
            yield Label("enter mark as a quote · escape cancel", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(" ".join(event.value.split()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class VerdictDialog(FittedDialog[str | None]):
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

    def flexible_parts(self) -> list[Part]:
        choices = self.query_one(OptionList)
        return [(choices, 3, natural_height(choices))]

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


def without_id(label: str, citation_id: str) -> str:
    """``label`` without a leading repeat of ``citation_id`` ("c1 · The Guardian" → "The
    Guardian"): the dialog shows the id in its own column."""
    if label.startswith(citation_id):
        rest = label[len(citation_id) :]
        if not rest or not rest[0].isalnum():
            return rest.lstrip(" ·:\u2014\u2013|-") or label
    return label


class LinkDialog(FittedDialog[str | None]):
    """Pick a citation to link to (or unlink from) a claim; returns its id to toggle."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = (
        "LinkDialog {"
        + DIALOG_CSS
        + """
        & #link-claim { height: auto; max-height: 4; }
    }"""
    )

    def __init__(self, claim_text: str, candidates: list[tuple[str, str, bool]]) -> None:
        super().__init__()
        self.claim_text = claim_text
        self.candidates = list(candidates)

    def compose(self) -> ComposeResult:
        options = []
        for citation_id, label, linked in self.candidates:
            # One line each (the list's CSS cuts it with "…"); the id shown once.
            prompt = Text(no_wrap=True, overflow="ellipsis")
            prompt.append("✓ " if linked else "  ", style="bold green")
            prompt.append(f"{citation_id}  ", style="dim")
            prompt.append(visible(without_id(" ".join(label.split()), citation_id)))  # plain text
            options.append(Option(prompt, id=citation_id))
        flat = " ".join(self.claim_text.split())
        with Vertical() as box:
            box.border_title = "Link claim to citation"
            yield Static(
                Text(visible(flat[:300] + ("…" if len(flat) > 300 else ""))),
                id="link-claim",
                classes="dialog-text",
            )
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

    def flexible_parts(self) -> list[Part]:
        lists = self.query(OptionList)
        return [(lists.first(), 3, natural_height(lists.first()))] if lists else []

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


FORMAT_HINTS: dict[str, str] = {
    "markdown": "reading report",
    "json": "W3C Web Annotations",
    "yaml": "closeread notes file",
    "csv": "Readwise import",
    "html": "reading report for a browser",
}


def export_problem(path: Path) -> str:
    """Why ``path`` cannot be exported to, in one line naming it; "" when it can."""
    if path.is_dir():
        return f"{path} is a folder: give a file name"
    if not path.parent.is_dir():
        return f"{path}: no folder {path.parent}"
    return ""


class ExportDialog(FittedDialog[tuple[str, Path] | None]):
    """Choose an export format and output file.

    Focus starts on the formats: arrows move the highlight, and the highlighted format is
    the one exported, by ``enter`` in the list or in the file box (``tab``). An existing
    file is replaced only after asking; escape cancels. The file is proposed in
    ``default_dir`` (the current directory unless told otherwise).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = (
        "ExportDialog {"
        + DIALOG_CSS
        + """
        & #export-format { margin-bottom: 1; }
    }"""
    )

    def __init__(self, default_dir: Path | None, stem: str = "closeread-notes") -> None:
        """``stem`` names the proposed file (the document's stem reads best)."""
        super().__init__()
        self.default_dir = default_dir if default_dir is not None else Path.cwd()
        self.stem = stem
        self.format = EXPORT_FORMATS[0]

    def _path_for(self, fmt: str) -> str:
        return str(self.default_dir / f"{self.stem}.{EXTENSIONS.get(fmt, fmt)}")

    def _prompt(self, fmt: str, highlighted: bool) -> Text:
        # A glyph as well as the highlight's colour: readable without colour.
        prompt = Text(no_wrap=True, overflow="ellipsis")
        prompt.append("▸ " if highlighted else "  ", style="bold")
        prompt.append(f"{fmt:<9}", style="bold" if highlighted else "")
        prompt.append(f"  {FORMAT_HINTS.get(fmt, '')}", style="dim")
        return prompt

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Export notes"
            yield OptionList(
                *(Option(self._prompt(f, f == self.format), id=f) for f in EXPORT_FORMATS),
                id="export-format",
            )
            yield Input(self._path_for(self.format), id="export-path", select_on_focus=False)
            yield Label(
                "↑/↓ format · enter export · tab edit the file · escape cancel",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = EXPORT_FORMATS.index(self.format)
        formats.focus()

    def flexible_parts(self) -> list[Part]:
        formats = self.query_one(OptionList)
        return [(formats, 3, natural_height(formats))]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        new = event.option.id or self.format
        if new == self.format:
            return
        formats = event.option_list
        formats.replace_option_prompt(self.format, self._prompt(self.format, False))
        formats.replace_option_prompt(new, self._prompt(new, True))
        path_input = self.query_one(Input)
        path = Path(path_input.value)
        # Follow the format with the extension, unless the user typed an extension of their own.
        ours = path.suffix.lstrip(".") in EXTENSIONS.values()
        if path_input.value == self._path_for(self.format) or ours:
            path_input.value = str(path.with_suffix("." + EXTENSIONS.get(new, new)))
        self.format = new

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def _submit(self) -> None:
        value = self.query_one(Input).value.strip()
        if not value:
            self.notify("Give a file to export to.", severity="warning")
            return
        fmt, path = self.format, Path(value).expanduser()
        problem = export_problem(path)
        if problem:
            self.notify(problem, severity="error", markup=False)
            return
        if not path.exists():
            self.dismiss((fmt, path))
            return
        from closeread.tui.screens.confirm import ConfirmDialog

        def replace(yes: bool | None) -> None:
            if yes:
                self.dismiss((fmt, path))

        self.app.push_screen(ConfirmDialog(f"{path} exists. Replace it?"), replace)

    def action_cancel(self) -> None:
        self.dismiss(None)
