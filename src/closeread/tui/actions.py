"""Every action of the reader, defined once.

``BINDINGS``, the command palette and the help screen are all derived from ``ACTIONS``
(compare harlequin's ``actions.py``), so a key is never documented in one place and
bound differently in another.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One user action."""

    id: str
    """Stable id, used for ``Binding.id`` (and so for user keymaps)."""
    action: str
    """The Textual action string run by the key, the palette and the help screen."""
    keys: str
    """Comma-separated Textual key names; the first is the one shown."""
    description: str
    """Short label for the footer and palette."""
    help: str
    """One sentence for the help screen and the palette."""
    group: str
    """Heading on the help screen."""
    show: bool = False
    """Shown in the footer."""
    display: str = ""
    """How the keys are written for humans (defaults to ``keys``)."""


ACTIONS: tuple[ActionSpec, ...] = (
    # Navigate
    ActionSpec(
        "cursor-next-sentence",
        "cursor(1)",
        "j,down",
        "sentence",
        "Move to the next sentence.",
        "Navigate",
        True,
        "j/↓",
    ),
    ActionSpec(
        "cursor-prev-sentence",
        "cursor(-1)",
        "k,up",
        "prev sentence",
        "Move to the previous sentence.",
        "Navigate",
        False,
        "k/↑",
    ),
    ActionSpec(
        "page-down",
        "page(1)",
        "space,pagedown",
        "page down",
        "Scroll one page down.",
        "Navigate",
        False,
        "space/pgdn",
    ),
    ActionSpec(
        "page-up",
        "page(-1)",
        "b,pageup",
        "page up",
        "Scroll one page up.",
        "Navigate",
        False,
        "b/pgup",
    ),
    ActionSpec(
        "go-start",
        "edge(-1)",
        "g,home",
        "start",
        "Go to the start of the document.",
        "Navigate",
        False,
        "g/home",
    ),
    ActionSpec(
        "go-end",
        "edge(1)",
        "G,end",
        "end",
        "Go to the end of the document.",
        "Navigate",
        False,
        "G/end",
    ),
    ActionSpec(
        "jump-next-claim",
        "jump(1, 'claim')",
        "right_square_bracket",
        "claim",
        "Jump to the next claim.",
        "Navigate",
        True,
        "]",
    ),
    ActionSpec(
        "jump-prev-claim",
        "jump(-1, 'claim')",
        "left_square_bracket",
        "prev claim",
        "Jump to the previous claim.",
        "Navigate",
        False,
        "[",
    ),
    ActionSpec(
        "jump-next-citation",
        "jump(1, 'citation')",
        "right_curly_bracket",
        "citation",
        "Jump to the next citation.",
        "Navigate",
        True,
        "}",
    ),
    ActionSpec(
        "jump-prev-citation",
        "jump(-1, 'citation')",
        "left_curly_bracket",
        "prev citation",
        "Jump to the previous citation.",
        "Navigate",
        False,
        "{",
    ),
    ActionSpec(
        "jump-next-unsupported",
        "jump(1, 'unsupported')",
        "u",
        "unsupported",
        "Jump to the next unsupported claim.",
        "Navigate",
        False,
        "u",
    ),
    ActionSpec(
        "follow",
        "follow",
        "enter",
        "follow",
        "Follow a claim to its citations (repeat to cycle), or a citation back to its claims.",
        "Navigate",
        True,
        "enter",
    ),
    ActionSpec(
        "details",
        "details",
        "i",
        "details",
        "Details of the claim or citation here: why (not) supported, quote, URL (o, y).",
        "Navigate",
        False,
        "i",
    ),
    ActionSpec(
        "history-back",
        "history(-1)",
        "ctrl+o,backspace",
        "back",
        "Go back through the jump history.",
        "Navigate",
        False,
        "ctrl+o/backspace",
    ),
    ActionSpec(
        "history-forward",
        "history(1)",
        "alt+right,shift+backspace",
        "forward",
        "Go forward through the jump history.",
        "Navigate",
        False,
        "alt+→/shift+backspace",
    ),
    # Search
    ActionSpec("search", "search", "slash", "search", "Search the text.", "Search", True, "/"),
    ActionSpec(
        "search-next",
        "search_step(1)",
        "n",
        "next match",
        "Go to the next match.",
        "Search",
        False,
        "n",
    ),
    ActionSpec(
        "search-prev",
        "search_step(-1)",
        "N",
        "previous match",
        "Go to the previous match.",
        "Search",
        False,
        "N",
    ),
    # Notes
    ActionSpec(
        "note-add",
        "add_note",
        "a",
        "note",
        "Add a note on the current sentence or selection.",
        "Notes",
        True,
        "a",
    ),
    ActionSpec(
        "select",
        "select",
        "v",
        "select",
        "Start or extend a selection of sentences.",
        "Notes",
        False,
        "v",
    ),
    ActionSpec(
        "select-word-next",
        "select_word(1)",
        "w,shift+right",
        "select words",
        "Select words: start on the word here, then extend one word on.",
        "Notes",
        False,
        "w/shift+→",
    ),
    ActionSpec(
        "select-word-prev",
        "select_word(-1)",
        "W,shift+left",
        "select word back",
        "Move the end of a word selection one word back.",
        "Notes",
        False,
        "W/shift+←",
    ),
    ActionSpec(
        "select-match",
        "select_match",
        "s",
        "select match",
        "Turn the search match under the cursor into the selection.",
        "Notes",
        False,
        "s",
    ),
    ActionSpec(
        "highlight",
        "highlight",
        "h",
        "highlight",
        "Highlight the current sentence or selection without a comment.",
        "Notes",
        False,
        "h",
    ),
    ActionSpec(
        "note-edit",
        "edit_note",
        "e",
        "edit note",
        "Edit the note under the cursor.",
        "Notes",
        False,
        "e",
    ),
    ActionSpec(
        "note-delete",
        "delete_note",
        "d",
        "delete note",
        "Delete the note under the cursor (z undoes).",
        "Notes",
        False,
        "d",
    ),
    ActionSpec("undo", "undo", "z", "undo", "Undo the last deletion.", "Notes", False, "z"),
    ActionSpec(
        "note-tag", "tag_note", "t", "tag", "Tag the note under the cursor.", "Notes", False, "t"
    ),
    ActionSpec(
        "note-verdict",
        "verdict",
        "m",
        "verdict",
        "Set a verdict on the note under the cursor (or on the current claim).",
        "Notes",
        False,
        "m",
    ),
    ActionSpec(
        "link",
        "link",
        "L",
        "link",
        "Link the current claim to a citation by hand, or unlink it.",
        "Notes",
        False,
        "L",
    ),
    ActionSpec(
        "mark-quote",
        "mark_quote",
        "Q",
        "mark quote",
        "Mark the selection (or current sentence) as a quote, optionally naming its source.",
        "Notes",
        False,
        "Q",
    ),
    ActionSpec(
        "unmark-quote",
        "unmark_quote",
        "X",
        "not a quote",
        "This citation is not a quote: the analysis drops it.",
        "Notes",
        False,
        "X",
    ),
    # Panels
    ActionSpec(
        "show-notes",
        "show_panel('notes')",
        "1",
        "notes",
        "Show the Notes panel.",
        "Panels",
        False,
        "1",
    ),
    ActionSpec(
        "show-sources",
        "show_panel('sources')",
        "2",
        "sources",
        "Show the Sources panel.",
        "Panels",
        False,
        "2",
    ),
    ActionSpec(
        "show-claims",
        "show_panel('claims')",
        "3",
        "claims",
        "Show the Claims panel.",
        "Panels",
        False,
        "3",
    ),
    ActionSpec(
        "toggle-panel",
        "toggle_panel",
        "p",
        "panel",
        "Hide or show the side panel (hidden at first below 90 columns).",
        "Panels",
        False,
        "p",
    ),
    # App
    ActionSpec(
        "export",
        "export",
        "ctrl+e",
        "export",
        "Export the notes and the reading report.",
        "App",
        False,
        "ctrl+e",
    ),
    ActionSpec("help", "help", "question_mark", "help", "Show every key.", "App", True, "?"),
    ActionSpec("quit", "quit", "q", "quit", "Quit (notes are already saved).", "App", True, "q"),
)
"""Every action, in the order the help screen lists them."""

#: Keys that Textual itself handles, listed on the help screen for completeness.
BUILTIN_KEYS: tuple[tuple[str, str, str], ...] = (
    ("tab", "Move focus between the article and the panel.", "App"),
    ("ctrl+p", "Open the command palette with every action.", "App"),
)


def bindings() -> list[Binding]:
    """Textual bindings derived from ``ACTIONS``."""
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.description,
            show=spec.show,
            id=spec.id,
            tooltip=spec.help,
            key_display=spec.display.split("/")[0] if spec.display else None,
        )
        for spec in ACTIONS
    ]
