"""Learn the attribution cue lexicon from PolNeAR's train split (reproducible).

    python benchmarks/train_cues.py [--shared ../shared]
                                    [--out src/closeread/analysis/attribution/cues.json]

For every gold attribution (direct quotes and indirect units) of
``../shared/corpus/polnear/train`` the cue text is reduced to its verb ("has said" -> "said",
"told reporters" -> "told", "called for" -> "called for"), and for each verb form we count
how often it is a cue and how often the form occurs in the train texts at all. A form is kept
when it was a cue at least ``--min-count`` times and in at least ``--min-share`` of its
occurrences; its class ("speech" or "other") is the corpus's own ``cue_class`` majority.

Only word forms and counts are written (no text of the corpus): the corpus has no licence
and is used for training only. The dev split is never read here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AUX = set(
    [
        "has",
        "have",
        "had",
        "also",
        "would",
        "will",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "to",
        "not",
        "n't",
        "did",
        "does",
        "do",
        "then",
        "later",
        "again",
        "once",
        "previously",
        "repeatedly",
        "recently",
        "publicly",
        "privately",
        "reportedly",
        "further",
        "first",
        "even",
        "still",
        "just",
        "never",
        "already",
        "often",
    ]
)
PARTICLES = {"for", "on", "out", "of", "to", "about", "up"}
WORD = re.compile(r"[a-z][a-z\-']*")


def cue_verb(cue: str) -> str:
    words = WORD.findall(cue.lower())
    while words and words[0] in AUX:
        words.pop(0)
    if not words:
        return ""
    if len(words) > 1 and words[1] in PARTICLES and words[1] in ("for", "on", "out"):
        return f"{words[0]} {words[1]}"
    return words[0]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument(
        "--out", type=Path, default=REPO / "src/closeread/analysis/attribution/cues.json"
    )
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.15)
    args = ap.parse_args(argv)
    train = args.shared / "corpus" / "polnear" / "train"
    if not (train / "gold").is_dir():
        print(f"{train}: no PolNeAR train split here", file=sys.stderr)
        return 2
    cues: Counter[str] = Counter()
    classes: dict[str, Counter[str]] = {}
    texts: list[str] = []
    for gold_path in sorted((train / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        texts.append(
            (train / "texts" / (gold_path.stem + ".txt")).read_text(encoding="utf-8").lower()
        )
        for unit in gold["quotes"] + gold["indirect"]:
            verb = cue_verb(unit.get("cue") or "")
            if not verb or verb == "according":
                continue
            cues[verb] += 1
            cls = unit.get("cue_class") or "speech"
            classes.setdefault(verb, Counter())[cls] += 1
    occurrences: Counter[str] = Counter()
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(v) for v in sorted(cues, key=len, reverse=True)) + r")\b"
    )
    for t in texts:
        occurrences.update(pattern.findall(t))
    out = {}
    for verb, n in sorted(cues.items()):
        occ = max(occurrences[verb], n)
        share = n / occ
        if n >= args.min_count and share >= args.min_share and len(verb) > 2:
            cls = classes[verb].most_common(1)[0][0]
            out[verb] = {"class": cls, "cue": n, "seen": occ, "share": round(share, 3)}
    args.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(out)} cue forms written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
