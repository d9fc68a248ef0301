"""Re-anchoring torture run (issue 14): notes x realistic edits, counting wrong placements.

For each text (the sample and ``../shared/corpus``), ``--notes`` notes are placed on
sentences, phrases, single (often repeated) words, numbers and URL pieces; then each of ten
kinds of realistic edit is applied to the original text, one at a time, while the edit's
character map records where every original character went. ``anchor_many`` (what the
notes store runs on open) re-anchors all notes in the edited text, and each result is
judged against that map:

- **wrong** — the note was placed where its text did not go: outside the span its
  surviving characters cover (or, when the edit replaced them, the text put in their
  place), or anywhere at all when (almost) none survived, unless the
  place has the whole stored context around the quote or a text within 10% of it (a
  duplicated passage: anchoring sees only the new text and cannot tell it from the
  passage moved there);
- **orphan** — not placed (fine: the reader sees it apart, with nothing lost);
- **lost** — orphaned although its text survived the edit unchanged and in one piece.

Target: 0 wrong. Run: ``python benchmarks/reanchor_torture.py [--notes 200] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz

from closeread.document import load
from closeread.notes.anchoring import anchor_many
from closeread.notes.model import Target

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FRESH = "A new sentence was written here by the editor. "

Edit = tuple[str, list[int | None], tuple[int, int]]
"""The edited text, the new position of each original character (None: deleted), and the
span of new text the edit put in (empty for a deletion or a move)."""


def _replace(text: str, a: int, b: int, new: str) -> Edit:
    d = len(new) - (b - a)
    mapping: list[int | None] = [
        i if i < a else (None if i < b else i + d) for i in range(len(text))
    ]
    return text[:a] + new + text[b:], mapping, (a, a + len(new))


def _move(text: str, a: int, b: int, c: int) -> Edit:
    """Cut ``[a, b)`` and put it back at ``c`` (outside it)."""
    piece, n = text[a:b], b - a
    if c <= a:
        edited = text[:c] + piece + text[c:a] + text[b:]
        mapping = [
            i if i < c else i + n if i < a else c + i - a if i < b else i for i in range(len(text))
        ]
    else:
        edited = text[:a] + text[b:c] + piece + text[c:]
        mapping = [
            i if i < a else c - n + i - a if i < b else i - n if i < c else i
            for i in range(len(text))
        ]
    return edited, list(mapping), (0, 0)


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _edits(text: str, rng: random.Random) -> list[tuple[str, Callable[[], Edit]]]:
    words = _spans(r"[A-Za-z]{4,}", text)
    sentences = _spans(r"[A-Z][^.!?\n]{20,}[.!?] ", text)
    paras = _spans(r"(?<=\n\n)[^\n][^\n]*(?:\n[^\n]+)*", text)
    lines = _spans(r"(?<=\n)[^\n]+\n", text)
    numbers = _spans(r"\d+", text)

    def pick(spans: list[tuple[int, int]]) -> tuple[int, int]:
        return rng.choice(spans) if spans else (0, min(10, len(text)))

    def typo() -> Edit:
        a, b = pick(words)
        k = rng.randrange(a + 1, b)
        return _replace(text, k, k + 1, "x" if text[k] != "x" else "y")

    def reword() -> Edit:
        a, b = pick(words)
        return _replace(text, a, b, rng.choice(["however", "plainly", "reportedly", "whole"]))

    def insert_sentence() -> Edit:
        a, _ = pick(sentences)
        return _replace(text, a, a, FRESH)

    def delete_sentence() -> Edit:
        a, b = pick(sentences)
        return _replace(text, a, b, "")

    def delete_paragraph() -> Edit:
        a, b = pick(paras)
        return _replace(text, a, min(len(text), b + 2), "")

    def move_paragraph() -> Edit:
        a, b = pick(paras)
        others = [p for p in paras if p[1] < a or p[0] > b]
        c = rng.choice(others)[0] if others else 0
        return _move(text, a, min(len(text), b + 2), c)

    def duplicate_line() -> Edit:
        a, b = pick(lines or paras)
        return _replace(text, b, b, text[a:b])

    def insert_at_start() -> Edit:
        return _replace(text, 0, 0, "An editor's note added at the top of the page.\n\n")

    def change_number() -> Edit:
        a, b = pick(numbers or words)
        return _replace(text, a, b, str(rng.randrange(1, 99999)))

    def delete_line() -> Edit:
        a, b = pick(lines or sentences)
        return _replace(text, a, b, "")

    return [
        (f.__name__, f)
        for f in (
            typo,
            reword,
            insert_sentence,
            delete_sentence,
            delete_paragraph,
            move_paragraph,
            duplicate_line,
            insert_at_start,
            change_number,
            delete_line,
        )
    ]


def _notes(text: str, n: int, rng: random.Random) -> list[Target]:
    kinds = [
        (0.35, _spans(r"[A-Z][^.!?\n]{15,200}[.!?]", text)),
        (0.20, _spans(r"\b\w+(?: \w+){1,4}\b", text)),
        (0.25, _spans(r"\b[A-Za-z]{3,9}\b", text)),
        (0.10, _spans(r"\d[\d,.]*", text)),
        (0.10, _spans(r"https?|www\.[\w.]+|\[\d+\]", text)),
    ]
    out: list[Target] = []
    while len(out) < n:
        r, acc = rng.random(), 0.0
        for share, spans in kinds:
            acc += share
            if r <= acc and spans:
                s, e = rng.choice(spans)
                out.append(Target.from_span(text, s, e))
                break
    return out


def judge(
    t: Target,
    edited: str,
    mapping: list[int | None],
    put: tuple[int, int],
    start: int | None,
    end: int | None,
) -> str:
    assert t.start is not None and t.end is not None
    survived = [mapping[i] for i in range(t.start, t.end)]
    kept = [p for p in survived if p is not None]
    whole = (
        len(kept) == len(survived) and kept == list(range(kept[0], kept[0] + len(kept)))
        if kept
        else False
    )
    if start is None or end is None:
        return "lost" if whole and edited[kept[0] : kept[-1] + 1] == t.quote else "orphan"
    if len(kept) * 2 >= len(survived):
        lo, hi = min(kept), max(kept) + 1
        if start < hi and end > lo:
            return "right"
    elif (
        put[0] < put[1]
        and start < put[1]
        and end > put[0]
        and any(mapping[i] is None for i in range(t.start, t.end))
    ):
        return "right"  # on the text that replaced the note's (a number changed in place)
    # Elsewhere: only a copy with all its context is no error (a duplicated line; or the
    # same surroundings around a quote that differs a little, which re-anchoring cannot tell
    # from the passage moved and edited: it never sees the old text).
    copy = (
        edited[max(0, start - len(t.prefix)) : start] == t.prefix
        and edited[end : end + len(t.suffix)] == t.suffix
        and (t.prefix or t.suffix)
        and fuzz.ratio(edited[start:end], t.quote) >= 90
    )
    return "copy" if copy else "wrong"


VOCABULARY = [
    "the",
    "report",
    "said",
    "that",
    "trucks",
    "crossed",
    "border",
    "night",
    "food",
    "and",
    "minister",
    "claimed",
    "photographs",
    "daylight",
    "no",
    "evidence",
    "was",
    "given",
]


def repetitive(rng: random.Random) -> str:
    """A text of a few words repeated (where issue 14's property test found wrong places):
    6-14 paragraphs of 2-6 sentences, with numbers here and there."""
    paras = []
    for _ in range(rng.randint(6, 14)):
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = VOCABULARY[: rng.randint(3, len(VOCABULARY))]
            sentence = [rng.choice(words) for _ in range(rng.randint(4, 14))]
            if rng.random() < 0.2:
                sentence.append(str(rng.randint(1, 30)))
            sentences.append(" ".join(sentence).capitalize() + ".")
        paras.append(" ".join(sentences))
    return "\n\n".join(paras) + "\n"


def run(paths: list[Path | str], notes: int, seed: int, verbose: bool) -> Counter[str]:
    """Each path's text (or each generated text given as a string) with its notes."""
    total: Counter[str] = Counter()
    for path in paths:
        name = path if isinstance(path, str) else path.name
        text = (
            repetitive(random.Random(name))
            if isinstance(path, str)
            else (load(path).text[:400_000])
        )
        rng = random.Random(f"{seed}:{name}")
        targets = _notes(text, notes, rng)
        for kind, edit in _edits(text, rng):
            edited, mapping, put = edit()
            for t, r in zip(targets, anchor_many(targets, edited), strict=True):
                verdict = judge(t, edited, mapping, put, r.start, r.end)
                total[verdict] += 1
                if verdict == "wrong" and verbose:
                    print(
                        f"WRONG {name} {kind} {r.status}: {t.quote[:50]!r} -> "
                        f"{edited[r.start : r.end][:50]!r}"
                    )  # type: ignore[misc]
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--notes", type=int, default=200, help="notes per text")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument(
        "--repetitive",
        type=int,
        default=0,
        metavar="N",
        help="instead: N generated texts of a few repeated words",
    )
    args = ap.parse_args()
    paths: list[Path | str] = [ROOT / "sample" / "west-leverages-paris-attacks.txt"]
    if args.repetitive:
        paths = [f"repetitive-{i}" for i in range(args.repetitive)]
    elif CORPUS.is_dir():
        paths += sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))
    else:
        print(f"({CORPUS} not found: the sample only)", file=sys.stderr)
    t0 = time.perf_counter()
    total = run(paths, args.notes, args.seed, not args.quiet)
    placed = total["right"] + total["wrong"] + total["copy"]
    print(
        f"{len(paths)} texts x {args.notes} notes x 10 edits = {sum(total.values())} "
        f"placements in {time.perf_counter() - t0:.1f} s"
    )
    print(
        f"right {total['right']}  wrong {total['wrong']}  identical copy {total['copy']}  "
        f"orphan {total['orphan']}  lost (orphaned though intact) {total['lost']}  "
        f"(placed {placed})"
    )
    return 1 if total["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
