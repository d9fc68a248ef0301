"""closeread.export."""
