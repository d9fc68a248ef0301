"""The floor of any Textual program: an empty app showing one Label (VISION §7)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label

TEXT = "closeread benchmark floor: an empty Textual app"


class FloorApp(App[None]):
    """Nothing but one line of text."""

    def compose(self) -> ComposeResult:
        yield Label(TEXT)


if __name__ == "__main__":
    FloorApp().run()
