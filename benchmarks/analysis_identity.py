"""Check that a change to the analysis leaves ``analyze --format json`` byte for byte as it was.

Save the outputs of one version, then compare another version's with them. Everything runs
in one process (no interpreter start per file), the way ``closeread analyze FILE --format json
--no-cache`` does: the same loader, the reader's corrections from the document's notes (if
any), the same streamed JSON writer. The outputs stay wherever ``--save`` says (outside the
repository: they hold the documents' text).

    .venv/bin/python benchmarks/analysis_identity.py --save /tmp/base FILE_OR_DIR ...
    .venv/bin/python benchmarks/analysis_identity.py --check /tmp/base FILE_OR_DIR ...

A folder stands for the documents under it (``.txt .md .html .htm .epub .pdf``, recursively).
``--check`` prints each document whose output differs (with the first differing key) and
exits 1 if any does; both modes print the analysis time summed over all documents.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
from pathlib import Path
from typing import Any

SUFFIXES = {".txt", ".md", ".html", ".htm", ".epub", ".pdf"}


def documents(paths: list[Path]) -> list[Path]:
    """The files named, and the documents under the folders named, sorted, no repeats."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in SUFFIXES)
        else:
            out.append(p)
    seen: set[Path] = set()
    return [p for p in (q.resolve() for q in out) if not (p in seen or seen.add(p))]


def output_name(path: Path) -> str:
    """A file name for one document's output (its path's digest and its own name)."""
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    return f"{digest}-{path.name}.json"


def analyze_json(path: Path) -> tuple[str, float]:
    """What ``closeread analyze PATH --format json --no-cache`` prints, and the analysis
    time (load excluded; this process's CPU only: a big document's second process, see
    ``analysis.prefetch``, is not counted)."""
    from closeread.analysis import analyze
    from closeread.analysis.json_stream import write_json
    from closeread.cli import _corrections, _load

    doc = _load(path, keep_source=False)
    t0 = time.process_time()
    analysis = analyze(doc, *_corrections(doc, None), parallel=True)
    spent = time.process_time() - t0
    out = io.StringIO()
    write_json(doc, analysis, out.write)
    return out.getvalue(), spent


def first_difference(a: Any, b: Any, where: str = "") -> str:
    """The path of the first place where two JSON values differ."""
    if type(a) is not type(b):
        return f"{where or '.'}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{where}.{k}: only on one side"
            if a[k] != b[k]:
                return first_difference(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return first_difference(x, y, f"{where}[{i}]")
        if len(a) != len(b):
            return f"{where}: {len(a)} vs {len(b)} items"
    return f"{where or '.'}: {str(a)[:100]!r} vs {str(b)[:100]!r}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="DIR", help="write the outputs here")
    mode.add_argument("--check", type=Path, metavar="DIR", help="compare with the outputs here")
    ap.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    args = ap.parse_args(argv)
    files = documents(args.paths)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    total = 0.0
    differ = missing = 0
    for path in files:
        text, spent = analyze_json(path)
        total += spent
        if args.save:
            (args.save / output_name(path)).write_text(text, "utf-8")
            continue
        saved = args.check / output_name(path)
        if not saved.is_file():
            missing += 1
            print(f"no saved output: {path}")
            continue
        old = saved.read_text("utf-8")
        if old != text:
            differ += 1
            print(f"DIFFERS {path}: {first_difference(json.loads(old), json.loads(text))}")
    print(f"{len(files)} documents, analysis CPU {total:.2f} s", end="")
    if args.check:
        print(f", {differ} differ, {missing} without a saved output")
        return 1 if differ or missing else 0
    print(f", saved in {args.save}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
