"""closeread.tui.widgets."""
