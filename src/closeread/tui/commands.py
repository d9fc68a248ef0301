"""The command palette offers every action of ``ACTIONS`` (compare posting's ``commands.py``)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from closeread.tui.actions import ACTIONS, ActionSpec


def command_text(spec: ActionSpec) -> str:
    """What the palette lists: the action's help sentence without its full stop."""
    return spec.help.rstrip(".")


def command_help(spec: ActionSpec) -> str:
    """The palette's second line; Textual parses it as markup, so it is escaped."""
    return escape(f"key: {spec.display or spec.keys}")


class ActionsProvider(Provider):
    """Every reader action; choosing one runs it on the screen the palette was opened from."""

    def _runner(self, spec: ActionSpec) -> Callable[[], Coroutine[Any, Any, object]]:
        return partial(self.screen.run_action, spec.action)

    async def discover(self) -> Hits:
        for spec in ACTIONS:
            text = command_text(spec)
            hit_help = command_help(spec)
            yield DiscoveryHit(Content(text), self._runner(spec), text=text, help=hit_help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for spec in ACTIONS:
            text = command_text(spec)
            # Also match the short footer label and the key ("claim", "]").
            score = max(matcher.match(text), matcher.match(spec.description) * 0.9)
            if score > 0:
                display = matcher.highlight(text)
                yield Hit(score, display, self._runner(spec), text=text, help=command_help(spec))
