"""Whether a file's analysis is probably cached, known before its text is laid out.

The analysis cache is keyed by the normalised text (``analysis.cache``), which the
reader has only once the child laying a big document out is done. A hint says, from the
file's path, size and modification time alone, that an analysis of that file was stored
(or read) before: the reader then mounts its side panel right after the first frame,
while the child still lays the text out, instead of after the cached analysis arrived
(a reopened War and Peace: the panel's ~0.1 s of work no longer follows the lookup).

A hint is only a hint: the reader decides nothing from it but when to mount the panel.
A stale one (the entry trimmed since, the file rewritten within the same second and
size) costs that mount a moment earlier than otherwise, nothing more. Hints are empty
files in ``<cache>/analysis/hints``; the oldest go when there are more than
``MAX_HINTS``. Standard library only (checked after the reader's first frame).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from closeread import paths

FOLDER = "hints"
MAX_HINTS = 2048


def hint_dir() -> Path:
    """Where hints are kept (beside the analysis cache's entries)."""
    return paths.user_cache_dir() / "analysis" / FOLDER


def _name(path: Path) -> str | None:
    """The hint's file name for ``path`` as it is now; None if it cannot be read."""
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except (OSError, ValueError):
        return None
    key = f"{real}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(key).hexdigest()[:32]


def hinted(path: Path | None, folder: Path | None = None) -> bool:
    """Whether an analysis of ``path``, as it is now, was cached before."""
    name = _name(path) if path is not None else None
    return name is not None and os.path.exists((folder or hint_dir()) / name)


def leave(path: Path | None, folder: Path | None = None) -> None:
    """Note that an analysis of ``path`` (as it is now) is in the cache. Never raises."""
    name = _name(path) if path is not None else None
    if name is None:
        return
    folder = folder or hint_dir()
    target = folder / name
    if os.path.exists(target):
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "wb"):
            pass
        trim(folder)


def trim(folder: Path, max_hints: int = MAX_HINTS) -> None:
    """Remove the oldest hints until at most ``max_hints`` remain."""
    found = []
    with contextlib.suppress(OSError):
        for e in os.scandir(folder):
            with contextlib.suppress(OSError):
                found.append((e.stat().st_mtime_ns, e.path))
    if len(found) <= max_hints:
        return
    found.sort()
    for _, p in found[: len(found) - max_hints]:
        with contextlib.suppress(OSError):
            os.unlink(p)
