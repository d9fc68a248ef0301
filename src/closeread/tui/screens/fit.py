"""Dialogs that fit any terminal: long parts shrink (and scroll) so that buttons and hints stay.

Textual gives an auto-height child all the rows it asks for and clips the box around it, so a
long quote in a 20-row terminal pushes the editor's hints, a dialog's buttons or a citation
list off the screen. A dialog names its *flexible* parts (a quote, a text area, a list), each
with the fewest and the most rows it should have; ``fit_parts`` measures the rest of the box
and shares the rows left between them, in order (``share_rows``). It runs after every layout
change that matters: when the dialog is shown and when the terminal is resized.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget

Part = tuple[Widget, int, int]
"""``(widget, least rows, most rows)``: a flexible part of a dialog box."""


def share_rows(available: int, wants: Sequence[tuple[int, int]]) -> list[int]:
    """Rows for parts wanting ``(least, most)`` within ``available``: each gets its least,
    then what is left goes to the parts in order, each up to its most."""
    heights = [least for least, _ in wants]
    spare = available - sum(heights)
    for i, (least, most) in enumerate(wants):
        extra = max(0, min(most - least, spare))
        heights[i] += extra
        spare -= extra
    return heights


def natural_height(widget: Widget) -> int:
    """Rows a scrolling part would take to show all of its content (borders included)."""
    return widget.virtual_size.height + widget.styles.gutter.height


def fit_parts(box: Widget, parts: Sequence[Part], available: int | None = None) -> bool:
    """Cap the height of each flexible part (direct children of ``box``) so the box fits in
    ``available`` rows (default: the screen's height); True when a cap changed.

    The rest of the box (borders, padding, fixed children, margins) keeps its height.
    """
    shown = [child for child in box.children if child.display]
    if not shown or not all(part in shown for part, _, _ in parts):
        return False
    rows = box.screen.size.height if available is None else available
    bottom = max(child.region.bottom + child.styles.margin.bottom for child in shown)
    natural = bottom + box.styles.gutter.bottom - box.region.y
    rest = natural - sum(part.region.height for part, _, _ in parts)
    heights = share_rows(rows - rest, [(least, max(least, most)) for _, least, most in parts])
    changed = False
    for (part, _, _), height in zip(parts, heights, strict=True):
        current = part.styles.max_height
        if current is None or current.cells != height:
            part.styles.max_height = height
            changed = True
    return changed
