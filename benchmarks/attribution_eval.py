"""Who said what, measured: closeread's attribution on PolNeAR against the issue's targets.

    .venv/bin/python benchmarks/attribution_eval.py [--split dev|train] [--shared ../shared]
                                                     [--json OUT.json]

Runs the analysis (in process, as ``closeread analyze --format json`` would print it) on
every article of ``../shared/corpus/polnear/<split>``, scores it with the corpus's own
scorers (``shared/tools/score_attributions.py`` and ``score_quotes.py``, through their
``--pred-dir``), and prints one table: closeread, a peer that takes every pair of double
quotation marks as a quotation with no speaker (the "finds 99% of the quotes" regex of
issue 9), the published baseline of closeread 0.1.0 and the targets. ``--json`` also writes
the figures (the regression test in ``tests/unit/analysis/test_attribution_polnear.py``
reads the same function).

The corpus has no licence: nothing of it is written anywhere but a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLOSEREAD_SHARED", REPO.parent / "shared"))

TARGETS = {
    "direct_f1": 0.95,
    "direct_e2e_f1": 0.85,
    "indirect_speech_r": 0.65,
    "indirect_p": 0.85,
    "e2e_f1": 0.65,
}
"""Issue 9: direct quotes F1 and end-to-end F1; reported speech with a speech cue recall at
paraphrase precision; all attributions end-to-end F1 (annotators agree at about 0.67)."""

BASELINE_010 = {
    "direct_f1": 0.677,
    "direct_e2e_f1": 0.540,
    "indirect_speech_r": 0.196,
    "indirect_p": 0.896,
    "e2e_f1": 0.350,
    "attr_f1": 0.386,
}
"""closeread 0.1.0 (79beffe) on dev, as published in shared/corpus/polnear/README.md."""

ROWS = [
    ("direct_f1", "direct quotes F1"),
    ("direct_e2e_f1", "direct quotes, span and speaker F1"),
    ("direct_speaker_acc", "speaker right, of the quotes found"),
    ("indirect_speech_r", "reported speech (speech cue) recall"),
    ("indirect_p", "reported speech precision"),
    ("indirect_r", "all indirect attributions recall"),
    ("attr_f1", "all attributions F1"),
    ("e2e_f1", "all attributions, span and speaker F1"),
]


def _closeread_predictions(texts: list[Path], out: Path) -> float:
    sys.path.insert(0, str(REPO / "src"))
    from closeread.analysis import analyze
    from closeread.analysis.serialize import to_json_dict
    from closeread.document import load

    start = time.perf_counter()
    for t in texts:
        doc = load(t)
        (out / f"{t.stem}.json").write_text(
            json.dumps(to_json_dict(doc, analyze(doc))), encoding="utf-8"
        )
    return time.perf_counter() - start


_PAIR = re.compile(r"\u201c[^\u201c\u201d\n]+\u201d|\"[^\"\n]+\"|''[^'\n]+''|``[^'\n]+''")


def _quote_pair_predictions(texts: list[Path], out: Path) -> None:
    """The peer: every pair of double quotation marks is a quotation, nobody said it."""
    for t in texts:
        text = t.read_text(encoding="utf-8")
        cits = [
            {
                "id": f"c{n}",
                "kind": "inline_quote",
                "start": m.start() + 1,
                "end": m.end() - 1,
                "quote": m.group()[1:-1],
                "source": "",
                "source_name": "",
            }
            for n, m in enumerate(_PAIR.finditer(text), start=1)
        ]
        doc = {"document": {"text": text}, "citations": cits, "sources": []}
        (out / f"{t.stem}.json").write_text(json.dumps(doc), encoding="utf-8")


def _score(gold_dir: Path, pred_dir: Path, tools: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    for script in ("score_attributions.py",):
        proc = subprocess.run(
            [
                sys.executable,
                str(tools / script),
                "--gold-dir",
                str(gold_dir),
                "--pred-dir",
                str(pred_dir),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        last = proc.stdout.strip().splitlines()[-1]
        for kv in last.split():
            key, _, value = kv.partition("=")
            if re.fullmatch(r"-?[0-9.]+", value):
                figures[key] = float(value)
    return figures


def evaluate(split: str = "dev", shared: Path = SHARED) -> dict[str, Any]:
    """Figures for closeread and the quote-pair peer on one PolNeAR split."""
    root = shared / "corpus" / "polnear" / split
    tools = shared / "tools"
    texts = sorted((root / "texts").glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"{root}: no PolNeAR texts here")
    with tempfile.TemporaryDirectory() as tmp:
        ours, peer = Path(tmp, "closeread"), Path(tmp, "pairs")
        ours.mkdir()
        peer.mkdir()
        seconds = _closeread_predictions(texts, ours)
        _quote_pair_predictions(texts, peer)
        return {
            "split": split,
            "articles": len(texts),
            "seconds": round(seconds, 2),
            "closeread": _score(root, ours, tools),
            "pairs": _score(root, peer, tools),
        }


def table(result: dict[str, Any]) -> str:
    ours, peer = result["closeread"], result["pairs"]
    base = BASELINE_010 if result["split"] == "dev" else {}
    lines = [
        f"PolNeAR {result['split']}: {result['articles']} articles, analysed in "
        f"{result['seconds']} s",
        "",
        "| measure | closeread | 0.1.0 | every quote pair, no speaker | target |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, label in ROWS:
        target = TARGETS.get(key)
        mark = ""
        if target is not None:
            mark = f"≥ {target:.2f} {'✓' if ours.get(key, 0) >= target else '✗'}"
        old = f"{base[key]:.3f}" if key in base else "—"
        lines.append(
            f"| {label} | **{ours.get(key, 0):.3f}** | {old} | {peer.get(key, 0):.3f} | {mark} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    try:
        result = evaluate(args.split, args.shared)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
