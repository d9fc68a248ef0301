"""The file handling both caches share (``document.layout_cache``, ``analysis.cache``): an
entry written atomically (a temporary file in the same folder, then a rename, so a reader
sees the old entry or the new one, never half of one), and the folder trimmed to a size by
removing the least recently used entries."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterable
from pathlib import Path


def write_atomic(folder: Path, key: str, suffix: str, parts: Iterable[bytes]) -> bool:
    """Write ``parts`` as the entry ``key + suffix`` in ``folder``; False if it could not
    (the temporary file removed)."""
    tmp = folder / f".{key}.{secrets.token_hex(4)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            for part in parts:
                f.write(part)
        os.replace(tmp, folder / f"{key}{suffix}")
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


def trim(
    folder: Path, max_bytes: int, suffixes: tuple[str, ...], stale_tmp_ns: int | None = None
) -> None:
    """Remove the least recently used entries (names ending with one of ``suffixes``)
    until the folder holds at most ``max_bytes`` of them; with ``stale_tmp_ns``, also the
    temporary files older than that (a writer stopped half-way: the reader quit)."""
    entries = []
    stale = time.time_ns() - stale_tmp_ns if stale_tmp_ns is not None else None
    with contextlib.suppress(OSError):
        for e in os.scandir(folder):
            if stale is not None and e.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if e.stat().st_mtime_ns < stale:
                        os.unlink(e.path)
            elif e.name.endswith(suffixes):
                with contextlib.suppress(OSError):
                    st = e.stat()
                    entries.append((st.st_mtime_ns, st.st_size, e.path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
        total -= size
