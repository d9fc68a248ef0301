"""The reader's footer: Textual's, but "? help" and "q quit" never fall off its right end.

Textual's ``Footer`` lays its keys out left to right and cuts what does not fit, so on a
60-column terminal the last keys, help and quit, were the ones lost. This footer measures its
keys and, when they do not all fit, leaves out the others from the right (the help screen
and the palette list every key) so that help and quit always stay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

STATE_CLASSES = frozenset({"-disabled", "-compact"})
"""A footer key's classes that say its state (set on it as it changes), not which it is."""

KEPT_ACTIONS = frozenset({"help", "quit"})
"""Actions whose keys the footer always shows."""


def key_width(key: FooterKey, compact: bool) -> int:
    """Cells a footer key takes (its label and the space after it), as Textual draws it."""
    if compact:  # "key description" then a margin of one
        return len(key.key_display) + 1 + len(key.description) + 1
    return 1 + len(key.key_display) + 1 + len(key.description) + 1


def fitting(keys: list[FooterKey], room: int, compact: bool) -> list[FooterKey]:
    """``keys`` in order, without the last ones not in ``KEPT_ACTIONS`` until they fit."""
    kept = list(keys)
    while sum(key_width(k, compact) for k in kept) > room:
        droppable = [k for k in kept if k.action not in KEPT_ACTIONS]
        if not droppable:
            break
        kept.remove(droppable[-1])
    return kept


class ReaderFooter(Footer):
    """A ``Footer`` that keeps "? help" and "q quit" at any width."""

    _fitted_to: int | None = None
    """The terminal's width the keys were last chosen for."""

    def compose(self) -> ComposeResult:
        self._fitted_to = self.app.size.width
        children = list(super().compose())
        footer_keys = [c for c in children if isinstance(c, FooterKey)]
        palette = [c for c in footer_keys if "-command-palette" in c.classes]
        keys = [c for c in footer_keys if c not in palette]
        if len(keys) + len(palette) != len(children):
            yield from children  # binding groups: Textual's layout as it is
            return
        # The palette key is docked right, with a border and padding around it.
        room = self.app.size.width - sum(key_width(p, self.compact) + 2 for p in palette)
        shown = fitting(keys, room, self.compact)
        yield from (c for c in children if c in shown or c in palette)

    def on_resize(self, event: events.Resize) -> None:
        # Only for another width: the first layout after the mount is a resize too, and a
        # recomposition (a widget per key) is ~25 ms of the screen's thread.
        if self.app.size.width != self._fitted_to:
            self.call_after_refresh(self.recompose)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Keys that only became enabled or disabled (the note keys once a big book's
        # notes are open) are set so in place: a recomposition mounts a widget per key
        # again (~15-25 ms of the screen's thread and a layout of the screen).
        if not (
            self._bindings_ready
            and screen.app.app_focus
            and self.is_attached
            and screen is self.screen
            and self._set_enabled_in_place()
        ):
            super().bindings_changed(screen)

    def _set_enabled_in_place(self) -> bool:
        """When the keys to show are the ones shown, only some enabled or disabled now:
        set that on them (True); else False (they must be composed again)."""
        if self.app.size.width != self._fitted_to:
            return False
        shown = list(self.children)
        with self._context():  # (the keys bind to this footer's ``compact``)
            wanted = list(self.compose())
        self._fitted_to = self.app.size.width
        if len(shown) != len(wanted) or not all(
            isinstance(old, FooterKey)
            and isinstance(new, FooterKey)
            and (old.key, old.action, old.description, old.tooltip)
            == (new.key, new.action, new.description, new.tooltip)
            and old.classes - STATE_CLASSES == new.classes - STATE_CLASSES
            for old, new in zip(shown, wanted, strict=True)
        ):
            return False
        for old, new in zip(shown, wanted, strict=True):
            assert isinstance(old, FooterKey) and isinstance(new, FooterKey)
            if old._disabled != new._disabled:
                old._disabled = new._disabled
                old.set_class(new._disabled, "-disabled")
        return True

    def watch_compact(self) -> None:
        if self.is_mounted:
            self.call_after_refresh(self.recompose)
