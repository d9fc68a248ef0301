"""closeread.notes."""
