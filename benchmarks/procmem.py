"""Memory of a process and of every process it starts (the reader may fork helpers).

``VmHWM`` (peak RSS) is exact but per process, and summing RSS over a forked tree counts the
pages parent and child share twice. So a thread samples the tree every ``interval`` seconds
and sums each process's ``Pss`` (proportional set size: a shared page is split between its
sharers), keeping the largest sum seen, and the largest ``VmHWM`` of each process.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path


def _field_kib(path: Path, name: str) -> int | None:
    try:
        text = path.read_text()
    except OSError:  # the process is gone
        return None
    for line in text.splitlines():
        if line.startswith(name):
            return int(line.split()[1])
    return None


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of ``pid`` so far (None if it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
    return (int(fields[11]) + int(fields[12])) / _TICK


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants now alive (through /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            tasks = list(Path(f"/proc/{p}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            with contextlib.suppress(OSError, ValueError):
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return found


class TreeMemory:
    """Samples the memory of a process tree in a background thread until ``stop()``."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_pss_kib = 0
        """Largest sum of Pss over the tree in one sample."""
        self.hwm_kib: dict[int, int] = {}
        """Last VmHWM read of every process seen."""
        self.at_peak: dict[int, int] = {}
        """Pss of each process in the sample with the largest sum (root first)."""
        self.peak_at = 0.0
        """``time.monotonic()`` of that sample."""
        self.final_pss_kib = 0
        """The sum of Pss in the last sample (``stop``)."""
        self.cpu_s: dict[int, float] = {}
        """CPU seconds (user + system) of every process seen, at its last sample."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeMemory:
        self._thread.start()
        return self

    def sample(self) -> int:
        """One sample; the sum of Pss over the tree now."""
        total, each = 0, {}
        for p in process_tree(self.pid):
            pss = _field_kib(Path(f"/proc/{p}/smaps_rollup"), "Pss:")
            total += pss or 0
            each[p] = pss or 0
            cpu = _cpu_s(p)
            if cpu is not None:
                self.cpu_s[p] = cpu
            hwm = _field_kib(Path(f"/proc/{p}/status"), "VmHWM:")
            if hwm is not None:
                self.hwm_kib[p] = max(hwm, self.hwm_kib.get(p, 0))
        if total > self.peak_pss_kib:
            self.peak_pss_kib, self.at_peak, self.peak_at = total, each, time.monotonic()
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        """Take a last sample (the main process must still be alive) and stop."""
        self.final_pss_kib = self.sample()
        self._stop.set()
        self._thread.join()

    @property
    def processes(self) -> int:
        return len(self.hwm_kib)
