"""Issue 13's table for this code: War and Peace ×1, ×4, ×15 and 2,000 / 20,000 notes.

For each size (the book concatenated N times into a temporary folder, never committed):
- the reader in a 120x40 tmux pane (``tmuxterm.py``), cold cache: the analysis time (start
  to the status bar's "analysing" gone), ``j`` latency while it runs (each press: send to
  the first output after which the screen changed; a press every ~0.15 s), peak RSS;
- the same reader reopened with the analysis cache filled: start to complete panels;
- ``closeread analyze FILE --format json --no-cache`` wall clock, CPU time and peak RSS
  (wait4), with the load average right after it.
Then, in-process on War and Peace, 20, 2,000 and 20,000 notes (one per sentence, spread
over the book): ``NotesStore.open`` (parse + re-anchor) and one note's save
(``store.update``, what ctrl+s in the note editor calls), CPU and wall medians; and what
that key costs in the reader, whose saves run on a worker thread (``notes_bench``).

    .venv/bin/python benchmarks/scaling.py [--copies 1 4 15] [--notes 20 2000 20000]
                                           [--shared ../shared] [--notes-only]

One run, on whatever machine this is: it says the load average next to the numbers.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from procmem import TreeMemory
from startup import BUSY, DONE, find_closeread, isolated_env
from tmuxterm import ControlTerminal, TerminalError

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
KEY_GAP = 0.15


def make_copies(book: Path, copies: int, folder: Path) -> Path:
    """``book`` concatenated ``copies`` times (paragraph break between copies)."""
    out = folder / f"war-and-peace-x{copies}.txt"
    text = book.read_text("utf-8")
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(copies):
            f.write(text)
            f.write("\n\n")
    return out


def _status(rows: list[str]) -> str:
    return "\n".join(rows[-3:])


POSITION = re.compile(r"\b([a-z]+) (\d+)/")


CURSOR_MARK = "\u25b8"
"""The gutter's mark on the rows of the sentence under the cursor (``Article``)."""


def position(rows: list[str]) -> tuple[object, ...] | None:
    """The status bar's position (``sentence 12``/``claim 3``) without its total, which
    grows as the analysis goes, and the article's rows the cursor marks: ``j`` is answered
    when this changes (two sentences of one claim both say "claim 3": the marked rows
    tell them apart)."""
    m = POSITION.search(_status(rows))
    if m is None:
        return None
    marked = tuple(r.split("\u2502", 1)[0] for r in rows[:-3] if r.startswith(CURSOR_MARK))
    return (*m.groups(), marked)


def press_j_until(
    term: ControlTerminal, done: Any, completed: list[float] | None = None
) -> list[float]:
    """Press ``j`` every ``KEY_GAP`` until ``done(screen rows)``; the seconds each press
    took to move the reader's position (a press the screen never answers ends it).
    ``completed`` gets the time of the output after which ``done`` first held, when it
    came while a press was answered or in the gap after it (the screen is watched then,
    not looked at once the gap is over: the next frame, the footer's, say, would be
    taken for it)."""
    lat: list[float] = []
    while not done(rows := term.screen()):
        before = position(rows)
        sent = term.send("j")
        try:
            got, rows = term.wait_screen(lambda r, b=before: position(r) != b, "j", 60, since=sent)
        except TerminalError:
            break
        lat.append(max(0.0, got - sent))
        if done(rows):
            if completed is not None:
                completed.append(got)
            break
        settled = term.settles_within(done, KEY_GAP, since=got)
        if settled is not None:
            if completed is not None:
                completed.append(settled)
            break
    return lat


def reader_run(exe: str, path: Path, home: Path, timeout: float) -> dict[str, object]:
    """One reader run in ``home`` (its cache persists between runs in the same home)."""
    busy, done = re.compile(BUSY), re.compile(DONE)

    def analysed(rows: list[str]) -> bool:
        if any("analysis failed" in r for r in rows):
            raise TerminalError("the reader says: analysis failed")
        bar = _status(rows)
        return done.search(bar) is not None and busy.search(bar) is None

    env = isolated_env(home)
    out: dict[str, object] = {}
    with ControlTerminal([exe, str(path)], env, home, 120, 40) as term:
        t0 = term.start()
        memory = TreeMemory(term.pid, interval=0.05).start()
        first, _ = term.wait_screen(
            lambda r: any(x.strip() for x in r[:5]), "first screen", timeout
        )
        out["first_screen"] = first - t0
        completed: list[float] = []
        lat = press_j_until(term, analysed, completed)
        t_done = (
            completed[0]
            if completed
            else term.wait_screen(analysed, "the analysis to complete", timeout)[0]
        )
        out["analysis"] = t_done - t0
        out["j"] = lat
        memory.stop()
        rss = max(term.peak_rss_kib() or 0, memory.hwm_kib.get(term.pid, 0))
        out["rss_mib"] = rss / 1024
    return out


def wait_for_cache(home: Path, timeout: float) -> None:
    """Until the analysis child of the reader that just quit has stored its entry: it
    serialises the analysis after the reader has it (seconds for a 50 MB book)."""
    deadline = time.monotonic() + timeout
    while not any((home / "cache").rglob("*.cols.z")):
        if time.monotonic() > deadline:
            raise TerminalError("the analysis was not cached")
        time.sleep(0.1)


def analyze_run(exe: str, path: Path, timeout: float) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, with the second process a big book's
    analysis runs in) and peak RSS (MiB, of the largest process) of ``closeread analyze
    --format json --no-cache``."""
    with tempfile.TemporaryDirectory(prefix="closeread-bench-") as tmp:
        env = isolated_env(Path(tmp))
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [exe, "analyze", str(path), "--format", "json", "--no-cache"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise TerminalError(f"closeread analyze exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def edit(store: Any, i: int) -> float:
    """Seconds ``store.update`` takes to save an edit of one note (chosen by ``i``)."""
    note = store.notes[(i * 997) % len(store.notes)]
    note.body += " edited"
    t = time.perf_counter()
    store.update(note)
    return time.perf_counter() - t


def notes_bench(book: Path, counts: list[int]) -> list[dict[str, float]]:
    """Per count of notes on War and Peace (one per sentence, spread over the book),
    in-process, medians: ``NotesStore.open`` (parse + re-anchor: CPU and wall, of 5);
    one note's save, ``store.update`` as ctrl+s in the note editor calls it (CPU and wall
    of a whole save, of 11, and the max wall); and what the key costs in the reader, where
    saves run on a worker thread (``update`` returning; the save itself goes on)."""
    sys.path.insert(0, str(REPO / "src"))
    from closeread.document import iter_sentence_chunks, load
    from closeread.notes.model import Note, Target
    from closeread.notes.store import NotesStore

    doc = load(book)
    sentences = [s for chunk in iter_sentence_chunks(doc) for s in chunk]
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="closeread-bench-") as tmp:
            os.environ["CLOSEREAD_CACHE_DIR"] = str(Path(tmp) / "cache")
            store = NotesStore.open(doc, notes_dir=Path(tmp))
            step = max(1, len(sentences) // count)
            notes = [
                Note(
                    id=f"n-{i:06x}",
                    kind="comment",
                    target=Target.from_span(doc.text, *sentences[(i * step) % len(sentences)]),
                    body=f"note {i}",
                    tags=["bench"],
                )
                for i in range(count)
            ]
            store.add_many(notes)
            store.ensure_fingerprint()

            edit(store, 0)  # the first also fills the YAML cache of notes added in bulk
            cpu, wall = [], []
            for i in range(1, 12):
                c = time.process_time()
                wall.append(edit(store, i))
                cpu.append(time.process_time() - c)
            store.save_in_background()
            keys = []
            for i in range(12, 23):
                keys.append(edit(store, i))
                store.wait_saved()
            open_cpu, open_wall = [], []
            for _ in range(5):
                c, t = time.process_time(), time.perf_counter()
                NotesStore.open(doc, notes_dir=Path(tmp))
                open_wall.append(time.perf_counter() - t)
                open_cpu.append(time.process_time() - c)
            rows.append(
                {
                    "notes": count,
                    "open_cpu": _median_ms(open_cpu),
                    "open_wall": _median_ms(open_wall),
                    "save_cpu": _median_ms(cpu),
                    "save_wall": _median_ms(wall),
                    "save_max": max(wall) * 1000,
                    "key": _median_ms(keys),
                    "key_max": max(keys) * 1000,
                }
            )
    return rows


def print_notes(book: Path, counts: list[int]) -> None:
    print(
        "| notes | opening: parse + re-anchor, CPU / wall | saving one note: CPU / wall "
        "median / wall max | the key in the reader (save on a worker): median / max |"
    )
    print("|---|---|---|---|")
    for r in notes_bench(book, counts):
        print(
            f"| {r['notes']:,.0f} | {r['open_cpu']:.0f} / {r['open_wall']:.0f} ms | "
            f"{r['save_cpu']:.1f} / {r['save_wall']:.1f} / {r['save_max']:.1f} ms | "
            f"{r['key']:.2f} / {r['key_max']:.2f} ms |",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="*", default=[1, 4, 15])
    ap.add_argument("--notes", type=int, nargs="*", default=[20, 2000, 20000])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument(
        "--notes-only", action="store_true", help="only the notes table (no reader, no copies)"
    )
    args = ap.parse_args(argv)
    book = args.shared / "corpus" / "war-and-peace.txt"
    if not book.is_file():
        print(f"scaling.py: {book}: not found (pass --shared)", file=sys.stderr)
        return 2
    if args.notes_only:
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        print_notes(book, args.notes)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        return 0
    exe = find_closeread()
    if exe is None:
        print("scaling.py: no closeread command next to this Python", file=sys.stderr)
        return 2
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        "| copies | analysis in the reader | `j` while it runs: median / p90 / p99 / max "
        "(n) | reader RSS | cached reopen: complete panels | `analyze --format json` "
        "wall / CPU / RSS (load average) |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="closeread-scaling-") as tmp:
        for copies in args.copies:
            path = make_copies(book, copies, Path(tmp))
            size = path.stat().st_size / 1e6
            home = Path(tmp) / f"home-{copies}"
            cold = reader_run(exe, path, home, args.timeout)
            wait_for_cache(home, args.timeout)
            warm = reader_run(exe, path, home, args.timeout)
            wall, cpu, rss = analyze_run(exe, path, args.timeout)
            load = os.getloadavg()[0]
            j = [v * 1000 for v in cold["j"]]  # type: ignore[attr-defined]
            keys = (
                f"{statistics.median(j):.0f} / {pct(j, 0.9):.0f} / {pct(j, 0.99):.0f} / "
                f"{max(j):.0f} ms ({len(j)})"
                if j
                else "no key sent (done first)"
            )
            print(
                f"| ×{copies}, {size:.1f} MB | {cold['analysis']:.1f} s | {keys} | "
                f"{cold['rss_mib']:.0f} MiB | {warm['analysis']:.2f} s "
                f"(first screen {warm['first_screen']:.2f} s) | "
                f"{wall:.1f} s / {cpu:.1f} s / {rss:.0f} MiB ({load:.1f}) |",
                flush=True,
            )
            path.unlink()
    print()
    print_notes(book, args.notes)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
