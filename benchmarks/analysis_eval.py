"""Score the analysis against the hand-labelled dev set in ``tests/data/*.yaml``.

Citations match by kind and overlapping span; sources by normalised name (a predicted
source matches a label when its name or an alias normalises like the label's name or an
alias); claim links by (claim sentence, citation) pairs with overlapping spans. Prints
precision / recall / F1 per entity, per citation kind, per file and overall; for claims
whose label says ``supported`` (or lists them under ``unsupported``), the share where the
analysis agrees is shown as ``claim_support`` (its recall column); for sentences listed
under ``not_claims`` (pure lead-ins), the share the analysis does not take for claims is
``not_claims`` (recall).

    .venv/bin/python benchmarks/analysis_eval.py [LABEL.yaml ...]
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from closeread.analysis import analyze
from closeread.analysis.model import Analysis
from closeread.analysis.names import name_key
from closeread.document import load

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SHARED = Path(os.environ.get("CLOSEREAD_SHARED", REPO.parent / "shared"))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FileResult:
    name: str
    scores: dict[str, Score] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    """Label snippets that could not be found in the text (label errors)."""
    errors: list[str] = field(default_factory=list)
    """Human-readable misses and false alarms (printed with ``-v``)."""


def resolve(path: str) -> Path:
    if path.startswith("corpus/"):
        return SHARED / path
    return REPO / path


def locate(text: str, snippet: str, nth: int = 0) -> tuple[int, int] | None:
    """Span of the ``nth`` occurrence of ``snippet`` (whitespace-insensitive)."""
    pattern = r"\s+".join(re.escape(w) for w in snippet.split())
    for i, m in enumerate(re.finditer(pattern, text)):
        if i == nth:
            return m.start(), m.end()
    return None


def _ref(item: Any) -> tuple[str, int]:
    if isinstance(item, dict):
        return str(item["quote"]), int(item.get("nth", 0))
    return str(item), 0


def _overlap_len(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    union = max(a[1], b[1]) - min(a[0], b[0])
    return _overlap_len(a, b) / union if union else 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_file(label_path: Path, analysis: Analysis | None = None) -> FileResult:
    labels = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    doc = load(resolve(labels["file"]))
    result = FileResult(label_path.stem)
    an = analysis or analyze(doc)
    text = doc.text

    # Citations, per kind.
    used: set[str] = set()
    per_kind: dict[str, Score] = {}
    for item in labels.get("citations", []):
        span = locate(text, item["quote"], int(item.get("nth", 0)))
        kind = item["kind"]
        sc = per_kind.setdefault(kind, Score())
        if span is None:
            result.missing.append(item["quote"])
            continue
        hit = next(
            (
                c
                for c in an.citations
                if c.id not in used and c.kind == kind and _overlap((c.start, c.end), span)
            ),
            None,
        )
        if hit is None:
            sc.fn += 1
            result.errors.append(f"missed {kind}: {item['quote'][:60]!r}")
        else:
            sc.tp += 1
            used.add(hit.id)
    for c in an.citations:
        if c.id not in used:
            per_kind.setdefault(c.kind, Score()).fp += 1
            result.errors.append(f"extra {c.kind}: {c.quote[:60]!r} ({c.source_name})")
    total = Score()
    for kind, sc in per_kind.items():
        result.scores[f"citation:{kind}"] = sc
        total.add(sc)
    result.scores["citations"] = total

    # Sources, by normalised name or alias.
    src = Score()
    label_keys = [
        {name_key(n) for n in [s["name"], *s.get("aliases", [])]} for s in labels.get("sources", [])
    ]
    matched: set[int] = set()
    for s in an.sources:
        keys = {name_key(n) for n in [s.name, *s.aliases]}
        j = next((i for i, lk in enumerate(label_keys) if i not in matched and keys & lk), None)
        if j is None:
            src.fp += 1
            result.errors.append(f"extra source: {s.name!r} {s.aliases}")
        else:
            matched.add(j)
            src.tp += 1
    src.fn = len(label_keys) - len(matched)
    for i, s_label in enumerate(labels.get("sources", [])):
        if i not in matched:
            result.errors.append(f"missed source: {s_label['name']!r}")
    result.scores["sources"] = src

    # Claim links, only for files whose claims were labelled.
    if "claims" in labels:
        links = Score()
        gold: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for item in labels["claims"]:
            cspan = locate(text, item["claim"])
            if cspan is None:
                result.missing.append(item["claim"])
                continue
            for ref in item.get("citations", []):
                q, nth = _ref(ref)
                qspan = locate(text, q, nth)
                if qspan is None:
                    result.missing.append(q)
                    continue
                gold.append((cspan, qspan))
        predicted = []
        for k in an.claims:
            for cid in k.citations:
                hit_c = an.citation(cid)
                if hit_c is not None:
                    predicted.append(((k.start, k.end), (hit_c.start, hit_c.end)))
        # Assign predictions to labels by best citation overlap first, one to one.
        candidates = sorted(
            (
                (_iou(p[1], g[1]), i, j)
                for i, p in enumerate(predicted)
                for j, g in enumerate(gold)
                if _overlap(p[0], g[0]) and _overlap(p[1], g[1])
            ),
            reverse=True,
        )
        hit_gold: set[int] = set()
        hit_pred: set[int] = set()
        for _, i, j in candidates:
            if i not in hit_pred and j not in hit_gold:
                hit_pred.add(i)
                hit_gold.add(j)
        links.tp = len(hit_pred)
        links.fp = len(predicted) - len(hit_pred)
        for i, p in enumerate(predicted):
            if i not in hit_pred:
                result.errors.append(
                    f"extra link: {text[p[0][0] : p[0][0] + 50]!r} -> "
                    f"{text[p[1][0] : p[1][0] + 30]!r}"
                )
        links.fn = len(gold) - len(hit_gold)
        for i, g in enumerate(gold):
            if i not in hit_gold:
                result.errors.append(
                    f"missed link: {text[g[0][0] : g[0][0] + 50]!r} -> "
                    f"{text[g[1][0] : g[1][0] + 30]!r}"
                )
        result.scores["claim_links"] = links
        # Support agreement, where the label says whether the claim is supported.
        support = Score()
        expected = [
            (item["claim"], bool(item["supported"]))
            for item in labels["claims"]
            if "supported" in item
        ]
        expected += [(snippet, False) for snippet in labels.get("unsupported", [])]
        for snippet, want in expected:
            cspan = locate(text, snippet)
            claim = next(
                (k for k in an.claims if cspan and _overlap((k.start, k.end), cspan)), None
            )
            if claim is not None and claim.supported == want:
                support.tp += 1
            else:
                support.fn += 1
                result.errors.append(f"support of {snippet[:50]!r}: expected {want}")
        if expected:
            result.scores["claim_support"] = support
    # Sentences labelled as not claims (pure lead-ins): a hit when no claim overlaps them.
    if labels.get("not_claims"):
        non = Score()
        for snippet in labels["not_claims"]:
            nspan = locate(text, snippet)
            if nspan is None:
                result.missing.append(snippet)
            elif any(_overlap((k.start, k.end), nspan) for k in an.claims):
                non.fn += 1
                result.errors.append(f"not a claim, but found as one: {snippet[:50]!r}")
            else:
                non.tp += 1
        result.scores["not_claims"] = non
    return result


def label_files() -> list[Path]:
    return sorted(DATA.glob("*.yaml"))


def run(paths: list[Path] | None = None) -> tuple[list[FileResult], dict[str, Score]]:
    """Score every labelled file; returns per-file results and the overall scores."""
    results = [score_file(p) for p in (paths or label_files())]
    overall: dict[str, Score] = {}
    for r in results:
        for key, sc in r.scores.items():
            overall.setdefault(key, Score()).add(sc)
    return results, overall


def _row(name: str, key: str, sc: Score) -> str:
    return (
        f"| {name} | {key} | {sc.tp} | {sc.fp} | {sc.fn} | {sc.precision:.2f} | "
        f"{sc.recall:.2f} | {sc.f1:.2f} |"
    )


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"] or None
    results, overall = run(paths)
    print("| file | entity | tp | fp | fn | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    order = Counter(
        {"citations": 0, "sources": 1, "claim_links": 2, "claim_support": 3, "not_claims": 3}
    )
    for r in results:
        for key in sorted(r.scores, key=lambda k: (order.get(k, 3), k)):
            print(_row(r.name, key, r.scores[key]))
    for key in sorted(overall, key=lambda k: (order.get(k, 3), k)):
        print(_row("**overall**", key, overall[key]))
    for r in results:
        if verbose:
            for err in r.errors:
                print(f"{r.name}: {err}", file=sys.stderr)
        if r.missing:
            print(f"{r.name}: label snippets not found: {r.missing}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
