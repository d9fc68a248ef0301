"""closeread.tui."""
