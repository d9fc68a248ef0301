"""``tui.allocator``: glibc's mmap threshold fixed at its default (the reader's arrays keep
their own mappings), and nothing done where there is no glibc."""

from __future__ import annotations

import subprocess
import sys

import pytest

from closeread.tui import allocator

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="glibc's mallopt: Linux only"
)

PROBE = """
import ctypes, sys
from closeread.tui.allocator import fix_mmap_threshold

class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
big = bytearray(8 << 20)  # its own mapping (over the 128 KiB threshold) ...
del big  # ... freed: glibc raises its threshold to 8 MiB
if sys.argv[1] == "fixed":
    assert fix_mmap_threshold()
before = libc.mallinfo2().hblks
keep = [bytearray(1 << 20) for _ in range(4)]  # 1 MiB each
print(libc.mallinfo2().hblks - before)
"""


def _own_mappings(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True
    )
    return int(out.stdout)


def test_big_arrays_keep_their_own_mappings_once_the_threshold_is_fixed() -> None:
    try:
        dynamic = _own_mappings("dynamic")
    except subprocess.CalledProcessError as exc:  # no mallinfo2 (glibc < 2.33, musl)
        pytest.skip(f"no glibc mallinfo2 here: {exc.stderr.strip()[-200:]}")
    assert dynamic == 0  # the raised threshold puts 1 MiB arrays in the heap
    assert _own_mappings("fixed") == 4


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator.sys, "platform", "darwin")
    assert allocator.fix_mmap_threshold() is False


TRIM_PROBE = """
import sys
from pathlib import Path
from closeread.tui.allocator import fix_mmap_threshold, trim_heap

def anon_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])

fix_mmap_threshold()
# ~60 MB in the heap (under 128 KiB each), each big block followed by a small one that
# stays: freed, the big ones cannot merge with the heap's top, which free() gives back
pairs = [(bytearray(100_000), bytearray(600)) for _ in range(600)]
smalls = [small for _, small in pairs]
del pairs
before = anon_kib()
assert trim_heap()
print(before - anon_kib())
"""


def test_trimming_gives_the_heaps_free_pages_back() -> None:
    out = subprocess.run(
        [sys.executable, "-c", TRIM_PROBE], capture_output=True, text=True, check=True
    )
    assert int(out.stdout) > 30_000  # KiB: most of the ~57 MiB freed inside the heap


def test_elsewhere_trimming_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator.sys, "platform", "darwin")
    assert allocator.trim_heap() is False
