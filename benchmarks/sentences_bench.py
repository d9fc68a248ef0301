"""Sentence segmenters compared: Golden Rules score and War and Peace time (one core).

Run: ``.venv/bin/python benchmarks/sentences_bench.py [--full]``

Prints one table. Candidates:

- ``regex``: split after ``[.!?]+`` (+ closing quotes) and whitespace - the floor.
- ``pysbd``: pySBD on each paragraph (char_span=True, spans trimmed). Without ``--full``
  its War and Peace time is measured on the first 10% of paragraphs and scaled (marked "est.").
- ``hybrid``: pySBD only on paragraphs holding an ambiguous candidate (a short token,
  an initial, a multi-period abbreviation or an ellipsis before the break), regex elsewhere.
- ``closeread``: ``closeread.document.sentences.split_sentences`` (what the app uses).

It also times ``closeread.document.load`` (decode + normalise + blocks) on War and Peace,
the part the first screen waits for.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from closeread.document import load, segment
from closeread.document.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
Splitter = Callable[[str], list[tuple[int, int]]]

_REGEX = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
_AMBIGUOUS = re.compile(
    r"(?:\b\w{1,3}|\b(?:[A-Za-z]\.)+[A-Za-z]|\.\.|\u2026|\. \.)[.!?\u2026]+[\"'\u201d\u2019)]*\s"
)


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


def regex_split(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _REGEX.finditer(text):
        span = _trim(text, start, m.end())
        if span:
            spans.append(span)
        start = m.end()
    span = _trim(text, start, len(text))
    return [*spans, span] if span else spans


def _pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for s in seg.segment(text):
            a = max(s.start, spans[-1][1] if spans else 0)  # pysbd spans may overlap
            span = _trim(text, a, min(s.end, len(text)))
            if span:
                spans.append(span)
        return spans

    return split


def hybrid(pysbd_split: Splitter) -> Splitter:
    def split(text: str) -> list[tuple[int, int]]:
        return pysbd_split(text) if _AMBIGUOUS.search(text) else regex_split(text)

    return split


def golden_score(split: Splitter) -> int:
    rules = json.loads((CORPUS / "golden-rules-en.json").read_text(encoding="utf-8"))
    return sum([r["text"][a:b] for a, b in split(r["text"])] == r["sentences"] for r in rules)


def wp_time(split: Splitter, paragraphs: list[str], fraction: float = 1.0) -> tuple[float, bool]:
    part = paragraphs[: max(1, int(len(paragraphs) * fraction))]
    start = time.perf_counter()
    for p in part:
        split(p)
    elapsed = time.perf_counter() - start
    return elapsed / fraction, fraction < 1.0


def main() -> None:
    full = "--full" in sys.argv
    wp = CORPUS / "war-and-peace.txt"
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        doc = load(wp)
        loads.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    spans = segment(doc)
    seg_time = time.perf_counter() - t0
    paragraphs = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "paragraph"]

    pysbd_split = _pysbd()
    candidates: list[tuple[str, Splitter, float]] = [
        ("regex", regex_split, 1.0),
        ("pysbd", pysbd_split, 1.0 if full else 0.1),
        ("hybrid (pysbd where ambiguous)", hybrid(pysbd_split), 1.0 if full else 0.1),
        ("closeread split_sentences", lambda t: split_sentences(t), 1.0),
    ]
    print(f"{'segmenter':34} {'golden rules':>12} {'W&P paragraphs':>16}")
    for name, split, fraction in candidates:
        score = golden_score(split)
        elapsed, estimated = wp_time(split, paragraphs, fraction)
        note = " est." if estimated else ""
        print(f"{name:34} {score:>9}/48 {elapsed:>12.2f} s{note}")
    print()
    print(f"closeread segment(doc), whole War and Peace: {seg_time:.2f} s, {len(spans)} sentences")
    print(
        f"closeread load(war-and-peace.txt): best {min(loads) * 1000:.0f} ms, "
        f"median {sorted(loads)[2] * 1000:.0f} ms ({len(doc.blocks)} blocks)"
    )


if __name__ == "__main__":
    main()
