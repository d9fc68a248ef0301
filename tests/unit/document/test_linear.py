"""Issue 14 item 4: every stage of loading is linear in its input.

Each shape is run at sizes n and 8n; a linear stage takes about 8x as long, a quadratic
one 64x. No absolute timing is asserted: only the ratio of the best of a few runs, with a
bound (20x) that leaves a linear stage 2.5 times its ratio and is still a third of a
quadratic one's (n and 4n with a bound of 8 failed now and then on a loaded machine: 8.06);
CPU time of this process is measured, so other processes do not count. The long runs (a million
lines, 20,000 dots through the CLI) are in ``benchmarks/torture.py``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from closeread.document.builder import join_lines
from closeread.document.load import load_text
from closeread.document.sentences import segment, split_sentences

N = 2000
BOUND = 20.0


def _best(run: Callable[[], object], repeat: int = 5) -> float:
    """The least CPU time (not wall time: other processes do not count) of a few runs,
    with the garbage collector off (its passes land at random sizes)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            t0 = time.process_time()
            run()
            best = min(best, time.process_time() - t0)
    finally:
        gc.enable()
    return best


def _ratio(make: Callable[[int], Callable[[], object]], n: int = N) -> float:
    small, big = make(n), make(8 * n)
    small()  # warm up (imports, regex compilation)
    return _best(big) / max(_best(small), 1e-4)


SHAPES: dict[str, Callable[[int], str]] = {
    "short lines, no blank line": lambda n: "\n".join(f"line {i} here" for i in range(n)),
    "paragraphs re-joined (lower case after a blank line)": lambda n: "\n\n".join(
        f"word {i} and" for i in range(n)
    ),
    "list items": lambda n: "\n".join(f"- item {i}" for i in range(n)),
    "carriage returns only": lambda n: "\r".join("x y" for _ in range(n)),
    "a line of dots": lambda n: "Start. " + "." * (4 * n) + " end",
    "spaced dots": lambda n: "Start " + ". " * n + "end",
    "abbreviations": lambda n: "Mr. " * n + "end.",
}


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_loading_and_segmenting_is_linear(shape: str, fmt: str) -> None:
    def make(n: int) -> Callable[[], object]:
        text = SHAPES[shape](n)
        return lambda: segment(load_text(text, None, fmt))  # type: ignore[arg-type]

    assert _ratio(make) < BOUND


def test_join_lines_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        lines = [f"w{i}" for i in range(2 * n)]
        return lambda: join_lines(lines)

    # (ten times the usual size: at 4,000 lines one join takes a fraction of a millisecond,
    # and the ratio of two such tiny times failed now and then on a busy machine)
    assert _ratio(make, 10 * N) < BOUND


def test_split_sentences_on_a_run_of_dots_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "." * (4 * n)
        return lambda: split_sentences(text)

    assert _ratio(make) < BOUND


def test_join_lines_keeps_soft_hyphen_joins() -> None:
    assert join_lines(["well-", "known fact", "", "A-", "B"]) == "well-known fact A- B"
