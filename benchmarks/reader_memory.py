"""Where the reader's memory goes once the analysis is complete (issue 13's RSS budget).

In-process and headless (Textual's ``run_test``, 120x40): War and Peace concatenated
``--copies`` times is opened as ``closeread FILE`` opens it (``make_app``), with a cold
analysis cache in a temporary home; once the analysis is complete and the panels are
filled, it prints the process's RSS (now and peak), and with ``--types`` the count of live
objects by type, with ``--trace`` the top allocations by file:line (tracemalloc from the
start: slower, and its own memory is not in the figures it prints).

    .venv/bin/python benchmarks/reader_memory.py [--copies 4] [--types] [--trace 40] [--keys]

Headless differs from a terminal (no ``gc.freeze``, no drawing to a pty): read its RSS as
a comparison between two versions of the code, and ``scaling.py`` for the real figure.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from procmem import _field_kib
from scaling import make_copies

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


async def run(path: Path, timeout: float) -> object:
    from closeread.tui.app import make_app

    app = make_app(path)
    if not ARGS.dynamic_threshold:  # as the reader does after its first frame (not headless)
        from closeread.tui.allocator import fix_mmap_threshold

        fix_mmap_threshold()
    async with app.run_test(size=(120, 40)) as pilot:
        t0 = time.monotonic()
        presses = 0
        while True:
            if ARGS.keys:  # as scaling.py does while the analysis runs: j every ~0.15 s
                await pilot.press("j")
                presses += 1
                await pilot.pause(0.15)
            else:
                await pilot.pause(0.2)
            screen = app.screen
            a = getattr(getattr(screen, "session", None), "analysis", None)
            if a is not None and a.complete and getattr(screen, "side_mounted", False):
                break
            if time.monotonic() - t0 > timeout:
                raise SystemExit("reader_memory.py: the analysis did not complete")
        await pilot.pause(0.5)
        keys = f" ({presses} presses of j)" if ARGS.keys else ""
        print(f"analysis complete after {time.monotonic() - t0:.1f} s{keys}", flush=True)
        gc.collect()
        report(app)
        if ARGS.trim:
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
            print("after malloc_trim(0):")
            report(app)
    return None


ARGS: argparse.Namespace


def _status_kib(name: str) -> int:
    """A field of this process's /proc status (procmem's reader), 0 when absent."""
    return _field_kib(Path("/proc/self/status"), name) or 0


def malloc_info() -> str:
    """glibc's view: bytes in use and free in its heaps, and in chunks of their own."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_size_t)
            for name in (
                "arena",
                "ordblks",
                "smblks",
                "hblks",
                "hblkhd",
                "usmblks",
                "fsmblks",
                "uordblks",
                "fordblks",
                "keepcost",
            )
        ]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    m = libc.mallinfo2()
    mib = 2**20
    return (
        f"glibc malloc: heaps {m.arena / mib:.1f} MiB (in use {m.uordblks / mib:.1f}, free "
        f"{m.fordblks / mib:.1f}), own mappings {m.hblkhd / mib:.1f} MiB ({m.hblks})"
    )


def report(app: object) -> None:
    status = Path("/proc/self/status").read_text().splitlines()
    print(" ".join(x.replace("\t", "") for x in status if x.startswith(("RssAnon", "RssFile"))))
    print(
        f"RSS now {_status_kib('VmRSS') / 1024:.1f} MiB, peak {_status_kib('VmHWM') / 1024:.1f} MiB"
    )
    if ARGS.mallocstats:
        sys._debugmallocstats()  # (to stderr)
        print(malloc_info())
    if ARGS.modules:
        names = sorted(n for n in sys.modules if n.startswith("closeread"))
        print(f"{len(sys.modules)} modules, {len(names)} of closeread:", " ".join(names))
    if ARGS.types:
        counts = collections.Counter(type(o).__name__ for o in gc.get_objects())
        print("live objects tracked by gc, by type (top 25):")
        for name, n in counts.most_common(25):
            print(f"  {n:>10,}  {name}")
    if ARGS.trace:
        snap = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        stats = snap.statistics("lineno")
        total = sum(s.size for s in stats)
        print(f"traced: {total / 2**20:.1f} MiB; top {ARGS.trace} by file:line:")
        for s in stats[: ARGS.trace]:
            frame = s.traceback[0]
            name = frame.filename.replace(str(REPO / "src") + "/", "")
            name = name.split("site-packages/")[-1]
            print(f"  {s.size / 2**20:8.2f} MiB {s.count:>9,}  {name}:{frame.lineno}")


def main(argv: list[str] | None = None) -> int:
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--types", action="store_true")
    ap.add_argument("--trace", type=int, default=0, metavar="N")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--mallocstats", action="store_true", help="pymalloc's arenas and pools")
    ap.add_argument("--dynamic-threshold", action="store_true", help="glibc's default")
    ap.add_argument("--modules", action="store_true", help="list closeread's modules loaded")
    ap.add_argument("--keys", action="store_true", help="press j while the analysis runs")
    ap.add_argument("--trim", action="store_true", help="then malloc_trim(0) and again")
    ARGS = ap.parse_args(argv)
    book = ARGS.shared / "corpus" / "war-and-peace.txt"
    if not book.is_file():
        print(f"reader_memory.py: {book}: not found (pass --shared)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="closeread-mem-") as tmp:
        root = Path(tmp)
        for sub in ("notes", "data", "cache", "config", "state"):
            (root / sub).mkdir()
        os.environ.update(
            HOME=str(root),
            XDG_DATA_HOME=str(root / "data"),
            XDG_CACHE_HOME=str(root / "cache"),
            XDG_CONFIG_HOME=str(root / "config"),
            CLOSEREAD_NOTES_DIR=str(root / "notes"),
            CLOSEREAD_CACHE_DIR=str(root / "cache"),
            CLOSEREAD_STATE_DIR=str(root / "state"),
        )
        path = make_copies(book, ARGS.copies, root)
        if ARGS.trace:
            tracemalloc.start()
        asyncio.run(run(path, ARGS.timeout))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
