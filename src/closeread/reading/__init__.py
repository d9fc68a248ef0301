"""The reader's state and decisions over one document, without a terminal (``ReaderScreen``
draws them): ``ReadingSession``, the note edits the keys make, and analysis snapshots."""

from __future__ import annotations

from closeread.reading.session import Follow, ReadingSession

__all__ = ["Follow", "ReadingSession"]
