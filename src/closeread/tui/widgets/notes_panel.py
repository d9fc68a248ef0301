"""The Notes panel: the reader's notes in document order, orphans listed apart, never dropped."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from typing_extensions import Self

from closeread.tui.widgets.row_list import RowList

if TYPE_CHECKING:  # only for annotations: the widgets import no core package at startup
    from closeread.notes.model import Note

KIND_GLYPHS: dict[str, str] = {"comment": "✎", "question": "?", "highlight": "▮", "verdict": "!"}
"""A glyph per note kind, so kinds are told apart without colour.

Every glyph is one cell wide and has no emoji presentation (no "💬", "⚖"), so the
columns line up in every terminal.
"""
VERDICT_GLYPHS: dict[str, str] = {"supported": "✓", "ok": "✓", "unsupported": "✗"}
"""A verdict note's glyph follows its verdict; others (misleading, needs-source) keep "!"."""

ORPHAN_HEADING = "Orphaned: text not found"
EMPTY_TEXT = (
    "No notes yet.\n\n"
    "Press a to add a note on the current sentence (v selects several first), "
    "h to highlight without a comment."
)
ROW_HEIGHT = 4
"""Lines per note: anchor, two lines of body, verdict and tags (unused lines stay blank,
which also separates the notes). RowList only has fixed-height rows."""
BODY_LINES = 2
INDENT = "  "
STATUS_LABELS: dict[str, str] = {"moved": "moved", "fuzzy": "text changed"}
"""Anchor states worth telling the reader (anchored is the norm, orphans have a heading)."""


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    limit = max(limit, 1)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def glyph_for(note: Note) -> str:
    """The one-cell glyph of ``note``'s kind (a verdict note's follows its verdict)."""
    if note.kind == "verdict" and note.verdict in VERDICT_GLYPHS:
        return VERDICT_GLYPHS[note.verdict]
    return KIND_GLYPHS.get(note.kind, "•")


def describe_note(note: Note, limit: int = 70) -> str:
    """One line naming ``note`` (kind glyph, quoted anchor, body start): a dialog's subject."""
    from closeread.document.links import prose  # the core, imported when a note is shown

    line = f"{glyph_for(note)} “{shorten(prose(note.target.quote), limit // 2)}”"
    if note.body.strip():
        line += " " + shorten(note.body, max(limit - len(line) - 1, 10))
    return line


def wrap_body(body: str, width: int, lines: int = BODY_LINES) -> list[str]:
    """``body`` (paragraphs joined) wrapped to ``width`` over at most ``lines`` lines,
    the last ending in "…" when some of the body does not fit."""
    flat = " ".join(body.split())
    if not flat:
        return []
    wrapped = textwrap.wrap(flat, max(width, 8), max_lines=lines, placeholder=" …")
    return wrapped


def note_lines(note: Note, quote: str, width: int = 1000) -> list[Text]:
    """Up to four lines: kind glyph and quoted anchor; the body over two lines; the
    verdict, tags and anchor state (for every kind). Lines are cut to ``width`` later."""
    head = Text(no_wrap=True)
    head.append(glyph_for(note) + " ", style="bold")
    from closeread.document.links import prose  # the core, imported when a row is drawn

    # The quote is article text: plain Text, never markup; its links as their anchor text.
    head.append("“" + shorten(prose(quote), width - 4) + "”", style="italic")
    lines = [head]
    body = wrap_body(note.body, width - len(INDENT))
    lines.extend(Text(INDENT + line, no_wrap=True) for line in body)
    if not body and note.kind == "highlight":
        lines.append(Text(INDENT + "(highlight)", style="dim", no_wrap=True))
    meta = Text(INDENT, no_wrap=True)
    if note.verdict:
        meta.append(f"[{note.verdict}]", style="bold magenta")
    for tag in note.tags:
        meta.append(f" #{tag}" if len(meta) > len(INDENT) else f"#{tag}", style="cyan")
    if note.status in STATUS_LABELS:
        meta.append(f" ({STATUS_LABELS[note.status]})", style="italic dim")
    if len(meta) > len(INDENT):
        lines.append(meta)
    return lines


class NoteList(RowList):
    """Note rows (up to four lines each) and the orphan heading (a row with no key)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(row_height=ROW_HEIGHT, id=id)
        self.rows: list[tuple[Note, str] | None] = []

    def render_row(self, index: int, key: str | None, width: int) -> Sequence[Text]:
        row = self.rows[index]
        if row is None:
            return [Text(""), Text("─" * max(0, width), style="dim"), Text(ORPHAN_HEADING)]
        return note_lines(*row, width=width)


class NotesPanel(Vertical):
    """The reader's notes. Posts :class:`NotesPanel.NoteSelected` on enter or click."""

    DEFAULT_CSS = """
    NotesPanel {
        height: 1fr;
        & > #notes-empty { padding: 1 1; color: $text-muted; }
        & > #notes-summary { height: auto; padding: 0 1; color: $text-muted; }
        &.-empty > NoteList, &.-empty > #notes-summary { display: none; }
        &.-has-notes > #notes-empty { display: none; }
    }
    """

    class NoteSelected(Message):
        """The user chose a note in the list."""

        def __init__(self, panel: NotesPanel, note_id: str) -> None:
            super().__init__()
            self.panel = panel
            self.note_id = note_id

        @property
        def control(self) -> NotesPanel:
            return self.panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.add_class("-empty")
        self._summary = ""
        """The summary line shown ("3 notes · 1 orphaned")."""

    def compose(self) -> ComposeResult:
        yield Static(Text(EMPTY_TEXT), id="notes-empty")
        yield Static(Text(""), id="notes-summary")
        yield NoteList(id="notes-list")

    @property
    def note_list(self) -> NoteList:
        return self.query_one(NoteList)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the list (the panel itself takes no keys)."""
        self.note_list.focus(scroll_visible)
        return self

    def show_notes(self, notes: Sequence[Note], text: str) -> None:
        """Show ``notes``: anchored ones in document order, then the orphans under a heading.

        ``text`` is the document's text, so anchored notes show what they anchor now.
        """
        anchored = sorted(
            (n for n in notes if n.target.start is not None and n.status != "orphan"),
            key=lambda n: (n.target.start or 0, n.target.end or 0),
        )
        orphans = [n for n in notes if n.target.start is None or n.status == "orphan"]
        rows: list[tuple[Note, str] | None] = []
        for note in anchored:
            start, end = note.target.start or 0, note.target.end or 0
            quote = text[start:end] if 0 <= start < end <= len(text) else note.target.quote
            rows.append((note, quote))
        if orphans:
            rows.append(None)
            rows.extend((note, note.target.quote) for note in orphans)
        note_list = self.note_list
        note_list.rows = rows
        note_list.set_rows(row[0].id if row is not None else None for row in rows)
        self.set_class(not notes, "-empty")
        self.set_class(bool(notes), "-has-notes")
        summary = f"{len(notes)} note{'s' if len(notes) != 1 else ''}"
        if orphans:
            summary += f" · {len(orphans)} orphaned"
        if summary != self._summary:  # (an update lays the screen out again)
            self._summary = summary
            self.query_one("#notes-summary", Static).update(Text(summary))

    def mark_current(self, note_id: str | None) -> None:
        """Highlight the row of the note under the article cursor (focus stays where it is)."""
        self.note_list.move_to_key(note_id)

    def on_row_list_row_selected(self, event: RowList.RowSelected) -> None:
        event.stop()
        self.post_message(self.NoteSelected(self, event.key))
