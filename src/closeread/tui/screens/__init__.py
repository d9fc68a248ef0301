"""closeread.tui.screens."""
