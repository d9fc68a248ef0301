"""Long torture runs of issue 14 (the fast cases are in ``tests/``): inputs that used to take
minutes, hang or run out of memory, timed through the installed ``closeread`` command.

Each case writes its input to a temporary workspace (texts made here, no corpus text),
runs one command with a time limit, and prints the wall time, the exit code and the first
line of stderr. Budget: 2 s per MB of input, and no traceback.

    python benchmarks/torture.py [--only NAME] [--limit SECONDS]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CLOSEREAD = str(Path(sys.executable).with_name("closeread"))
ARTICLE = "A Title\n\nThe council said the bridge was safe. Engineers disagreed.\n"


def _lines(n: int) -> str:
    return "\n".join(f"line {i} of a long file" for i in range(n)) + "\n"


def _annotations(n: int, same: bool = False) -> str:
    words = ["council", "bridge", "safe", "Engineers", "disagreed"]
    return json.dumps(
        [
            {
                "type": "Annotation",
                "id": "urn:x:0" if same else f"urn:x:{i}",
                "bodyValue": "b",
                "created": "2026-01-02T03:04:05Z",
                "target": {
                    "selector": {"type": "TextQuoteSelector", "exact": words[0 if same else i % 5]}
                },
            }
            for i in range(n)
        ]
    )


def _aliases(n: int) -> str:
    return (
        "closeread: 1\ndocument: {path: doc.txt}\na: &a [x]\nb: ["
        + ", ".join(["*a"] * n)
        + "]\nnotes: []\n"
    )


def _tags_alias(n: int) -> str:
    return (
        "closeread: 1\ndocument: {path: doc.txt}\nbig: &s '" + "x" * 100_000 + "'\n"
        "notes:\n  - {id: n-1, kind: comment, created: 2026-01-01, modified: 2026-01-01,"
        " target: {quote: x}, tags: [" + ", ".join(["*s"] * n) + "]}\n"
    )


# name -> (document text, notes file text or None, annotations or None, command)
Case = tuple[Callable[[], str], Callable[[], str] | None, Callable[[], str] | None, list[str]]
CASES: dict[str, Case] = {
    "20,000 short lines, no blank line (notes)": (
        lambda: _lines(20_000),
        None,
        None,
        ["notes", "doc.txt"],
    ),
    "1,000,000 short lines (notes)": (lambda: _lines(1_000_000), None, None, ["notes", "doc.txt"]),
    "20,000 short lines as Markdown (analyze)": (
        lambda: _lines(20_000),
        None,
        None,
        ["analyze", "doc.md", "--format", "json"],
    ),
    "a line of 20,000 dots (analyze)": (
        lambda: "Start. " + "." * 20_000 + " end\n",
        None,
        None,
        ["analyze", "doc.txt", "--format", "json"],
    ),
    "a line of 40 KB of dots (analyze)": (
        lambda: "Start. " + "." * 40_000 + " end\n",
        None,
        None,
        ["analyze", "doc.txt", "--format", "json"],
    ),
    "4 MB notes file of 1,000,000 aliases": (
        lambda: ARTICLE,
        lambda: _aliases(1_000_000),
        None,
        ["notes", "doc.txt"],
    ),
    "100,000 tags aliasing one 100 kB text": (
        lambda: ARTICLE,
        lambda: _tags_alias(100_000),
        None,
        ["notes", "doc.txt"],
    ),
    "import 100,000 annotations": (
        lambda: ARTICLE,
        None,
        lambda: _annotations(100_000),
        ["import", "doc.txt", "anno.json"],
    ),
    "import 1,000,000 copies of one annotation": (
        lambda: ARTICLE,
        None,
        lambda: _annotations(1_000_000, same=True),
        ["import", "doc.txt", "anno.json"],
    ),
    "import JSON nested 100,000 deep": (
        lambda: ARTICLE,
        None,
        lambda: "[" * 100_000 + "]" * 100_000,
        ["import", "doc.txt", "anno.json"],
    ),
}


def run(name: str, case: Case, limit: float) -> None:
    doc, notes, annos, argv = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "notes").mkdir()
        text = doc()
        (root / "doc.txt").write_text(text, encoding="utf-8")
        (root / "doc.md").write_text(text, encoding="utf-8")
        size = len(text.encode())
        if notes is not None:
            raw = notes()
            (root / "notes" / "doc.yaml").write_text(raw, encoding="utf-8")
            size += len(raw.encode())
        if annos is not None:
            raw = annos()
            (root / "anno.json").write_text(raw, encoding="utf-8")
            size += len(raw.encode())
        env = {**os.environ, "CLOSEREAD_NOTES_DIR": str(root / "notes")}
        t0 = time.perf_counter()
        c0 = _child_cpu()
        try:
            done = subprocess.run(
                [CLOSEREAD, *argv], cwd=root, env=env, capture_output=True, text=True, timeout=limit
            )
            took, code, err = time.perf_counter() - t0, str(done.returncode), done.stderr
        except subprocess.TimeoutExpired:
            took, code, err = limit, "timeout", ""
        cpu = _child_cpu() - c0
        mb = size / 1e6
        budget = max(2.0, 2.0 * mb)
        flag = "ok " if took <= budget and "Traceback" not in err and code != "timeout" else "BAD"
        first = (err.strip().splitlines() or [""])[0][:90]
        print(
            f"{flag} {took:7.2f} s (cpu {cpu:6.2f} s)  {mb:6.1f} MB  exit {code:>7}  {name}  "
            f"{first}",
            flush=True,
        )


def _child_cpu() -> float:
    """User + system CPU seconds of the finished children (wall time on a shared machine
    counts the other processes too)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="run the cases whose name holds this text")
    ap.add_argument("--limit", type=float, default=120.0, help="seconds per case")
    args = ap.parse_args()
    for name, case in CASES.items():
        if args.only is None or args.only in name:
            run(name, case, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
