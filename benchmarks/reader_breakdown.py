"""Where the reader's analysis time goes, process by process (issue 13).

The reader (a 120x40 tmux pane, cold cache, as ``scaling.py``) is sampled every 0.1 s:
each process of its tree (the reader, the child that laid the text out and then
analyses it, that child's second lane ``prefetch``, the analysis child of a reader that
started its own) with its CPU seconds, when it was first seen, and when its CPU last
grew. Printed: the analysis time (start to the status bar's "analysing" gone) and, per
process, start / last busy / CPU seconds; then the same for ``closeread analyze
--format json --no-cache`` (the reference the reader's analysis is compared with).

    .venv/bin/python benchmarks/reader_breakdown.py FILE [--keys] [--no-analyze] [--spy OUT]

``--keys`` presses ``j`` every 0.15 s while the analysis runs, as ``scaling.py`` does, and
prints its latency. ``--spy OUT`` samples the reader's process with py-spy (if installed;
raw stacks, 100 a second) into OUT. ``PYTHONPATH`` is passed on to the reader (to time
another checkout's code with this one's benchmark). CPU seconds, unlike wall times, say
which process does the work on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from procmem import _cpu_s, process_tree
from scaling import _status, analyze_run, pct, press_j_until
from startup import BUSY, DONE, find_closeread, isolated_env
from tmuxterm import ControlTerminal


class TreeCpu:
    """Per-process CPU of a tree, sampled in a thread: first seen, last busy, CPU."""

    def __init__(self, pid: int, t0: float, interval: float = 0.1) -> None:
        self.pid, self.t0, self.interval = pid, t0, interval
        self.seen: dict[int, list[float]] = {}  # pid -> [first seen, last busy, cpu]
        self.parent: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeCpu:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            now = time.perf_counter() - self.t0
            for p in process_tree(self.pid):
                cpu = _cpu_s(p)
                if cpu is None:
                    continue
                row = self.seen.setdefault(p, [now, now, cpu])
                if cpu > row[2]:
                    row[1], row[2] = now, cpu
                if p not in self.parent:
                    try:
                        stat = Path(f"/proc/{p}/stat").read_text()
                        self.parent[p] = int(stat[stat.rindex(")") + 2 :].split()[1])
                    except (OSError, ValueError):
                        pass

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def rows(self) -> list[str]:
        out = []
        for p, (first, last, cpu) in sorted(self.seen.items(), key=lambda x: x[1][0]):
            depth, q = 0, p
            while q != self.pid and q in self.parent and depth < 5:
                q, depth = self.parent[q], depth + 1
            out.append(
                f"  {'  ' * depth}pid {p}: first seen {first:6.2f} s, last busy {last:6.2f} s, "
                f"CPU {cpu:6.2f} s"
            )
        return out


def reader(exe: str, path: Path, keys: bool, timeout: float, spy_out: Path | None) -> None:
    busy, done = re.compile(BUSY), re.compile(DONE)

    def analysed(rows: list[str]) -> bool:
        bar = _status(rows)
        return done.search(bar) is not None and busy.search(bar) is None

    with tempfile.TemporaryDirectory(prefix="closeread-bench-") as tmp:
        home = Path(tmp)
        env = isolated_env(home)
        if os.environ.get("PYTHONPATH"):  # (to time another checkout's code)
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        with ControlTerminal([exe, str(path)], env, home, 120, 40) as term:
            t0 = term.start()
            tree = TreeCpu(term.pid, t0).start()
            spy = None
            if spy_out is not None:
                spy = subprocess.Popen(
                    [
                        "py-spy",
                        "record",
                        "-r",
                        "100",
                        "-p",
                        str(term.pid),
                        "-f",
                        "raw",
                        "-o",
                        str(spy_out),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            first, _ = term.wait_screen(
                lambda r: any(x.strip() for x in r[:5]), "first screen", timeout
            )
            lat = [t * 1000 for t in press_j_until(term, analysed)] if keys else []
            t_done, _ = term.wait_screen(analysed, "the analysis to complete", timeout)
            time.sleep(0.3)
            tree.stop()
            if spy is not None:
                spy.send_signal(2)
                spy.wait()
    print(f"reader: first screen {first - t0:.2f} s, analysis complete {t_done - t0:.2f} s")
    if lat:
        print(
            f"  j while it runs: median / p90 / p99 / max {pct(lat, 0.5):.0f} / "
            f"{pct(lat, 0.9):.0f} / {pct(lat, 0.99):.0f} / {max(lat):.0f} ms ({len(lat)})"
        )
    print("\n".join(tree.rows()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--keys", action="store_true")
    ap.add_argument("--no-analyze", action="store_true")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--spy", type=Path, help="py-spy (if installed) samples to this file")
    args = ap.parse_args()
    exe = find_closeread()
    if exe is None:
        print("reader_breakdown.py: closeread not found", file=sys.stderr)
        return 2
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    reader(exe, args.file, args.keys, args.timeout, args.spy)
    if not args.no_analyze:
        wall, cpu, rss = analyze_run(exe, args.file, args.timeout)
        print(f"analyze: wall {wall:.2f} s, CPU {cpu:.2f} s, peak RSS {rss:.0f} MiB")
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
