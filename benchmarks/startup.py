"""Startup, End, analysis time and memory of closeread through a real terminal (VISION §7).

In ONE run, interleaved N times (median reported): the floor (an empty Textual app, one
Label) and closeread on War and Peace and long-doc.md in a 120x40 tmux pane, plus
``closeread analyze war-and-peace.txt --format json`` wall clock. Method: README.md.

    .venv/bin/python benchmarks/startup.py [-n 3] [--shared ../shared] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from procmem import TreeMemory
from tmuxterm import ControlTerminal, TerminalError

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FLOOR_APP = HERE / "floor_app.py"
FLOOR_TEXT = "closeread benchmark floor"
DEFAULT_FILES = ("war-and-peace.txt", "long-doc.md")
ANALYZE_FILE = "war-and-peace.txt"

# The status bar shows "analysing NN%" while the analysis runs (status_bar.py) and drops it
# when done; it always counts the notes. Overridable: --busy / --done.
BUSY = r"analysing|\d{1,3}\s?%"
DONE = r"(?<![\d/])\d+ notes?\b"
EXTRACTING = "Extracting the text of"
"""The reader's first frame while a web page, EPUB or PDF is still being extracted
(document/opening.py ``EXTRACTING``): the first screen, the text follows."""
BENCH_LOG_ENV = "CLOSEREAD_BENCH_LOG"
"""If the app honours it, it appends ``<event> <time.time()>`` lines (``analysis-complete``)."""

Rows = list[str]


# -- what is on screen --------------------------------------------------------------------
def words(text: str) -> list[str]:
    """Whitespace-separated tokens that hold a letter or digit: gutter marks, bars and
    glyphs the reader draws beside the text (▸ ✓ ▌ │) are not words."""
    return [t for t in text.split() if any(ch.isalnum() for ch in t)]


#: A Markdown inline link, as the reader hides it (tui/widgets/article_layout.py ``_LINK``):
#: ``[text](target)`` is drawn as ``text`` alone, outside code blocks.
MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*)\)")


def visible(text: str) -> str:
    """``text`` as the reader draws it: link text only, without ``[``, ``](target)``."""
    return MD_LINK.sub(r"\1", text)


def first_marker(blocks: list[str]) -> str:
    """The first words (≤ 3, ≤ 40 chars: on one screen row) of the document's first line."""
    line = next(ln for ln in blocks[0].splitlines() if words(ln))
    marker = " ".join(line.split()[:3])
    return marker if len(marker) <= 40 else line.split()[0][:40]


def last_words(blocks: list[str]) -> list[str]:
    """The last words of the document's last line (which ends the last screen row)."""
    line = [ln for ln in blocks[-1].splitlines() if words(ln)][-1]
    return words(line)[-8:]


def ends_run(row: str, at: int) -> bool:
    """Whether only blanks, then the edge of the pane (a border glyph or the row's end),
    follow position ``at`` of ``row``."""
    rest = row[at:].lstrip()
    return not rest or (not rest[0].isalnum() and rest[0] not in "\"'([{<")


def tail_visible(rows: Rows, tail: list[str]) -> bool:
    """Whether the last words of the document end a run of words on some screen row.

    The last row of the last block ends with its last word (then blanks up to the pane's
    edge), preceded on that row by the words before it (up to 3 are checked) or, if it holds
    just that word, by the end of the previous row. Panel text to the right is ignored.
    """
    last = tail[-1]
    for i, row in enumerate(rows):
        at = row.find(last)
        while at >= 0:
            end = at + len(last)
            starts_word = at == 0 or row[at - 1].isspace()
            if starts_word and (end == len(row) or row[end].isspace()) and ends_run(row, end):
                before = words(row[:at])
                if before:
                    need = min(3, len(tail) - 1, len(before))
                else:  # alone on its row: the previous row ends with the word before it
                    before = words(rows[i - 1]) if i else []
                    need = min(1, len(tail) - 1)
                if need == 0 or " ".join(tail[-1 - need : -1]) in " ".join(before):
                    return True
            at = row.find(last, at + 1)
    return False


def document_blocks(path: Path) -> list[str]:
    """The document's blocks as the reader shows them (closeread's own loader)."""
    try:
        from closeread.document import load

        doc = load(path)
        texts = [
            doc.text[b.start : b.end] if b.kind == "code" else visible(doc.text[b.start : b.end])
            for b in doc.blocks
            if b.end > b.start
        ]
        texts = [t for t in texts if t.strip()]
        if texts:
            return texts
    except Exception as exc:  # benchmark must still run while the loader is in flux
        print(f"note: closeread.document.load failed ({exc}); using raw lines", file=sys.stderr)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [visible(line) for line in lines if line.strip()]


# -- one run ------------------------------------------------------------------------------
@dataclass
class Run:
    first_screen: float | None = None
    text_screen: float | None = None
    """When the document's first words are on screen (later than ``first_screen`` when the
    reader showed "Extracting ..." first)."""
    end_busy: float | None = None
    end_idle: float | None = None
    analysis: float | None = None
    rss_mib: float | None = None
    tree_mib: float | None = None
    tree_after_mib: float | None = None
    """The sum of Pss once the analysis is complete and End answered."""
    peak_split_mib: list[float] = field(default_factory=list)
    """Pss of each process (the reader first) at the peak of ``tree_mib``."""
    peak_at: float | None = None
    """Seconds from the start to that peak."""
    reader_cpu: float | None = None
    """CPU seconds of the reader's process, start to the end of the run."""
    helpers_cpu: float | None = None
    """CPU seconds of the processes it started (last sample of each: ±0.02 s)."""
    processes: int = 1
    errors: list[str] = field(default_factory=list)


#: A folder of notes files copied into every run's notes folder (``--notes-files N``).
NOTES_TEMPLATE: Path | None = None


def isolated_env(root: Path) -> dict[str, str]:
    """A private home: cold caches, no user notes (or the ``--notes-files`` folder)."""
    if NOTES_TEMPLATE is not None and not (root / "notes").exists():
        shutil.copytree(NOTES_TEMPLATE, root / "notes")
    for sub in ("notes", "data", "cache", "config"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    return {
        "HOME": str(root),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "CLOSEREAD_NOTES_DIR": str(root / "notes"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
        BENCH_LOG_ENV: str(root / "bench.log"),
    }


def run_floor(python: str, size: tuple[int, int], timeout: float) -> Run:
    run = Run()
    with (
        tempfile.TemporaryDirectory(prefix="closeread-bench-", ignore_cleanup_errors=True) as tmp,
        ControlTerminal(
            [python, str(FLOOR_APP)], isolated_env(Path(tmp)), Path(tmp), *size
        ) as term,
    ):
        t0 = term.start()
        seen, _ = term.wait_screen(
            lambda rows: any(FLOOR_TEXT in r for r in rows), "the floor app's label", timeout
        )
        run.first_screen = seen - t0
        time.sleep(0.2)  # let it settle before reading its peak memory
        rss = term.peak_rss_kib()
        run.rss_mib = rss / 1024 if rss else None
    return run


def bench_event(log: Path, event: str) -> float | None:
    """time.time() of ``event`` in the app's bench log, if it wrote one."""
    try:
        for line in log.read_text().splitlines():
            name, _, stamp = line.partition(" ")
            if name == event:
                return float(stamp)
    except (OSError, ValueError):
        pass
    return None


def run_closeread(
    exe: str,
    path: Path,
    size: tuple[int, int],
    timeout: float,
    busy: re.Pattern[str],
    done: re.Pattern[str],
) -> Run:
    blocks = document_blocks(path)
    head = first_marker(blocks)
    tail = last_words(blocks)

    def has_head(rows: Rows) -> bool:
        return any(head in r for r in rows)

    def has_tail(rows: Rows) -> bool:
        return tail_visible(rows, tail)

    def analysed(rows: Rows) -> bool:
        if any("analysis failed" in r for r in rows):  # the reader's error notification
            raise TerminalError("the reader says: analysis failed")
        bar = "\n".join(rows[-3:])
        return done.search(bar) is not None and busy.search(bar) is None

    run = Run()
    with tempfile.TemporaryDirectory(prefix="closeread-bench-", ignore_cleanup_errors=True) as tmp:
        env = isolated_env(Path(tmp))
        log = Path(env[BENCH_LOG_ENV])
        with ControlTerminal([exe, str(path)], env, Path(tmp), *size) as term:
            t0 = term.start()
            wall0 = time.time()
            mono0 = time.monotonic()
            # From the start: a helper the reader forks may be gone by the first screen.
            # One sample costs ~0.5 ms per 100 MiB process: every 50 ms until the first
            # screen (≤ 1% of a core), then every 20 ms.
            memory = TreeMemory(term.pid, interval=0.05).start()
            seen, _ = term.wait_screen(
                lambda rows: has_head(rows) or any(EXTRACTING in r for r in rows),
                f"first text {head!r} or {EXTRACTING!r}",
                timeout,
            )
            run.first_screen = seen - t0
            if not has_head(term.screen()):
                seen, _ = term.wait_screen(has_head, f"first text {head!r}", timeout)
            run.text_screen = seen - t0
            memory.interval = 0.02

            def key_latency(key: str, pred: Callable[[Rows], bool], what: str) -> float:
                sent = term.send(key)
                answered, _ = term.wait_screen(pred, what, timeout, since=sent)
                return max(0.0, answered - sent)

            screen = term.screen()
            if has_tail(screen):
                raise TerminalError(f"the end marker {tail!r} is on the first screen")
            if not analysed(screen):
                run.end_busy = key_latency("End", has_tail, "the last line after End")
                key_latency("Home", has_head, "the first line after Home")
            t_done, _ = term.wait_screen(analysed, "the analysis to complete", timeout)
            hooked = bench_event(log, "analysis-complete")
            run.analysis = (hooked - wall0) if hooked is not None else t_done - t0
            if has_tail(term.screen()):
                key_latency("Home", has_head, "the first line after Home")
            run.end_idle = key_latency("End", has_tail, "the last line after End")
            memory.stop()
            rss = max(term.peak_rss_kib() or 0, memory.hwm_kib.get(term.pid, 0))
            run.rss_mib = rss / 1024 if rss else None
            run.tree_mib = memory.peak_pss_kib / 1024 or None
            run.tree_after_mib = memory.final_pss_kib / 1024 or None
            run.peak_split_mib = [round(v / 1024, 1) for v in memory.at_peak.values()]
            run.peak_at = (memory.peak_at - mono0) if memory.peak_at else None
            run.reader_cpu = memory.cpu_s.get(term.pid)
            run.helpers_cpu = sum(v for p, v in memory.cpu_s.items() if p != term.pid)
            run.processes = memory.processes
    return run


def time_analyze(exe: str, path: Path, timeout: float) -> float:
    with tempfile.TemporaryDirectory(prefix="closeread-bench-", ignore_cleanup_errors=True) as tmp:
        env = isolated_env(Path(tmp))
        t0 = time.perf_counter()
        result = subprocess.run(
            [exe, "analyze", str(path), "--format", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
        )
        elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise TerminalError(
            f"closeread analyze exited {result.returncode}: "
            f"{result.stderr.decode(errors='replace').strip()[-300:]}"
        )
    return elapsed


# -- the table ----------------------------------------------------------------------------
def median(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def spread(values: list[float | None], fmt: Callable[[float], str]) -> str:
    """The median, and the range over the runs when there are several."""
    got = [v for v in values if v is not None]
    if not got:
        return "—"
    mid = fmt(statistics.median(got))
    return mid if len(got) < 2 else f"{mid} ({fmt(min(got))}-{fmt(max(got))})"


def ms(v: float) -> str:
    return f"{v * 1000:.0f} ms"


def secs(v: float) -> str:
    return f"{v:.2f} s"


def mib(v: float) -> str:
    return f"{v:.0f} MiB"


class Table:
    """The Markdown table: measure, value (median, range), budget, ratio to floor, result."""

    def __init__(self, floor: float | None) -> None:
        self.floor = floor
        self.lines = [
            "| measure | value (median, range) | budget | ratio to floor | result |",
            "|---|---|---|---|---|",
        ]

    def row(
        self,
        measure: str,
        values: list[float | None],
        fmt: Callable[[float], str],
        budget: str = "—",
        limit: float | None = None,
        ratio: bool = False,
    ) -> None:
        value = median(values)
        r = "—"
        if ratio and value is not None and self.floor:
            r = f"{value / self.floor:.2f}"
        result = "—"
        if limit is not None:
            result = "no data" if value is None else ("pass" if value <= limit else "**FAIL**")
        self.lines.append(f"| {measure} | {spread(values, fmt)} | {budget} | {r} | {result} |")


def table(floor: list[Run], docs: dict[str, list[Run]], analyze: list[float | None]) -> str:
    f = median([r.first_screen for r in floor])
    t = Table(f)
    t.row(
        "empty Textual app (floor): first screen", [r.first_screen for r in floor], ms, ratio=True
    )
    t.row("empty Textual app (floor): peak RSS", [r.rss_mib for r in floor], mib)
    for name, runs in docs.items():
        limit = 1.3 * f if f else None
        t.row(
            f"{name}: first screen",
            [r.first_screen for r in runs],
            ms,
            f"≤ 1.3x floor ({ms(limit) if limit else '?'})",
            limit,
            ratio=True,
        )
        if any(r.text_screen != r.first_screen for r in runs):
            t.row(
                f'{name}: its text on screen (after "{EXTRACTING} ...")',
                [r.text_screen for r in runs],
                ms,
                ratio=True,
            )
        t.row(f"{name}: End, during analysis", [r.end_busy for r in runs], ms, "≤ 50 ms", 0.050)
        t.row(f"{name}: End, after analysis", [r.end_idle for r in runs], ms, "≤ 50 ms", 0.050)
        t.row(
            f"{name}: analysis complete", [r.analysis for r in runs], secs, "≤ 3 s", 3.0, ratio=True
        )
        t.row(
            f"{name}: peak RSS (VmHWM of the reader's process)",
            [r.rss_mib for r in runs],
            mib,
            "≤ 120 MiB",
            120.0,
        )
        most = max((r.processes for r in runs), default=1)
        t.row(
            f"{name}: peak memory of its {most} process(es) (sum of PSS, sampled)",
            [r.tree_mib for r in runs],
            mib,
            "≤ 120 MiB",
            120.0,
        )
        t.row(
            f"{name}: memory of its processes after the analysis (sum of PSS)",
            [r.tree_after_mib for r in runs],
            mib,
        )
        t.row(f"{name}: when that peak was reached", [r.peak_at for r in runs], secs)
        t.row(f"{name}: CPU of the reader's process", [r.reader_cpu for r in runs], secs)
        t.row(f"{name}: CPU of the processes it started", [r.helpers_cpu for r in runs], secs)
    t.row(
        f"`closeread analyze {ANALYZE_FILE} --format json`", analyze, secs, "≤ 4 s", 4.0, ratio=True
    )
    return "\n".join(t.lines)


def find_closeread() -> str | None:
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("closeread", path=search)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help=f"documents to open (default: {', '.join(DEFAULT_FILES)} in SHARED/corpus)",
    )
    parser.add_argument("-n", "--repeat", type=int, default=3, help="runs per measure")
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("CLOSEREAD_SHARED", REPO.parent / "shared")),
        help="the shared folder holding corpus/ (default: ../shared)",
    )
    parser.add_argument("--closeread", default=find_closeread(), help="the closeread command")
    parser.add_argument("--size", default="120x40", help="terminal size WxH")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per wait")
    parser.add_argument("--busy", default=BUSY, help="regex: status bar while analysing")
    parser.add_argument("--done", default=DONE, help="regex: status bar once analysed")
    parser.add_argument("--json", type=Path, help="also write every raw run here")
    parser.add_argument(
        "--notes-files",
        type=int,
        default=0,
        metavar="N",
        help="open the documents with N other notes files in the notes "
        "folder (made by notes_lookup.py; cold header cache)",
    )
    args = parser.parse_args(argv)
    if args.notes_files:
        global NOTES_TEMPLATE
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from notes_lookup import make_folder

        NOTES_TEMPLATE = Path(tempfile.mkdtemp(prefix="closeread-notes-")) / "notes"
        make_folder(NOTES_TEMPLATE, args.notes_files)
    if shutil.which("tmux") is None or not args.closeread:
        parser.error("needs tmux and an installed closeread")
    w, h = (int(x) for x in args.size.split("x"))
    files = args.files or [args.shared / "corpus" / name for name in DEFAULT_FILES]
    busy, done = re.compile(args.busy), re.compile(args.done)

    floor: list[Run] = []
    docs: dict[str, list[Run]] = {p.name: [] for p in files}
    analyze: list[float | None] = []
    for i in range(args.repeat):
        print(f"run {i + 1}/{args.repeat}", file=sys.stderr)
        floor.append(run_floor(sys.executable, (w, h), args.timeout))
        for path in files:
            try:
                docs[path.name].append(
                    run_closeread(args.closeread, path, (w, h), args.timeout, busy, done)
                )
            except TerminalError as exc:
                print(f"  {path.name}: {exc}", file=sys.stderr)
                docs[path.name].append(Run(errors=[str(exc)]))
        try:
            analyze.append(
                time_analyze(args.closeread, args.shared / "corpus" / ANALYZE_FILE, args.timeout)
            )
        except (TerminalError, subprocess.TimeoutExpired) as exc:
            print(f"  analyze: {exc}", file=sys.stderr)
            analyze.append(None)

    load = os.getloadavg()
    print(
        f"closeread startup benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f}, terminal {w}x{h}, "
        f"median of {args.repeat}"
        + (f", {args.notes_files} notes files in the notes folder" if args.notes_files else "")
        + "\n"
    )
    print(table(floor, docs, analyze))
    failures = [
        f"{name} run {i + 1}: {err.splitlines()[0]}"
        for name, runs in docs.items()
        for i, r in enumerate(runs)
        for err in r.errors
    ]
    if failures:
        print("\nfailed runs (left out of the medians):\n" + "\n".join(f"- {x}" for x in failures))
    if args.json:
        raw = {
            "floor": [vars(r) for r in floor],
            "docs": {k: [vars(r) for r in v] for k, v in docs.items()},
            "analyze": analyze,
        }
        args.json.write_text(json.dumps(raw, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
