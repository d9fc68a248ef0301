"""The C allocator's settings for a long-lived reader (glibc only; elsewhere nothing).

glibc serves a large allocation (at least ``M_MMAP_THRESHOLD``, 128 KiB) with its own
mapping, given back whole when freed; but the first time such a mapping is freed (the
file's bytes read at start, a big document's text in transit) it raises that threshold to
the freed size, up to 32 MiB. From then on the arrays that grow as the analysis streams in
(the reader's columns, indexes and layout: hundreds of them at a few MiB each) live in its
heap, and each time one grows it leaves a hole behind: a 13 MB book's reader held 36 MiB
of such free holes once its analysis was complete (``benchmarks/reader_memory.py
--mallocstats``). Setting the threshold fixes it where it is: big arrays keep their own
mappings, which grow in place (``mremap``) and are given back when freed.
"""

from __future__ import annotations

import sys

M_MMAP_THRESHOLD = -3
"""``mallopt``'s parameter number (glibc's malloc.h)."""
MMAP_THRESHOLD = 128 * 1024
"""glibc's default: from this size on an allocation gets its own mapping."""


def fix_mmap_threshold() -> bool:
    """Keep glibc's mmap threshold at its default for good (no dynamic raise); False
    where there is no glibc (macOS, musl, Windows) or it refused."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process already uses
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def trim_heap() -> bool:
    """Give the free pages of glibc's heaps back to the system (``malloc_trim(0)``: the
    top of each heap and any whole free page inside it); False where there is no glibc.

    Called after a big hand-over (a big document's full text, the analysis complete):
    what the transfer held in transit is free but, unlike a mapping of its own, stays in
    the process's RSS until trimmed."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        malloc_trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return False
    malloc_trim.argtypes = (ctypes.c_size_t,)
    malloc_trim.restype = ctypes.c_int
    malloc_trim(0)
    return True
