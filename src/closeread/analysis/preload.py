"""A big document's cached analysis, read by the child that lays the document out.

The reader opens a big text head first and lays the whole text out in a forked child
(``document.opening``). That child has the full document before the reader does, so it
also looks the analysis up in the cache and hands it over with the layout (``task``):
the cache file is read and parsed on the other core while the reader paints its first
screen, and the reader's analysis worker finds it waiting (``take``) instead of starting
its lookup after the document and the notes are in.

Only the entry without quote corrections is read (the child does not know the notes);
with quote corrections the worker reads the cache itself, as before. This module imports
nothing heavy: the command line passes ``task()`` before Textual is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from closeread.analysis.model import Analysis
    from closeread.document.model import Document

_pending: list[Callable[[], Any]] = []
"""How to get what the child computed (one big document per reader)."""


def task() -> tuple[Callable[[Document], Any], Callable[[Callable[[], Any]], None]]:
    """The ``(compute, receive)`` pair for ``document.opening``'s child."""
    return _compute, _receive


def _compute(doc: Document) -> tuple[str, dict[str, Any]] | None:
    """In the child: the cached analysis of ``doc`` as plain data, or None."""
    from closeread.analysis import cache

    data = cache.read_data(cache.cache_key(doc))
    return None if data is None else (doc.sha256, data)


def _receive(get: Callable[[], Any]) -> None:
    _pending[:] = [get]


def take(doc: Document, quote_corrections: Sequence[object] = ()) -> Analysis | None:
    """The analysis the child read for ``doc``, once (waiting for the child, which
    started on it long before); None if there is none, it is another document's, or
    the reader has quote corrections (they make another cache entry)."""
    if not _pending:
        return None
    got = _pending.pop()()
    if not got or quote_corrections or got[0] != doc.sha256:
        return None
    from closeread.analysis import cache

    try:
        return cache.from_data(got[1], doc.text)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # a damaged entry: the worker's own lookup removes it
