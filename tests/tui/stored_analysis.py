"""A stored analysis result, loaded into the reader in place of the live analysis.

The reader's snapshots of the sample article use it, so an improvement of the analysis
does not rewrite them (the analysis has its own tests and scores). The JSON names every
field, so a field the model gains later takes its default. Regenerate it (and then look
at the snapshots) with ``python tests/tui/stored_analysis.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from closeread.analysis import Analysis, Citation, Claim, Source
from closeread.document import Document
from closeread.notes import LinkCorrection
from closeread.notes.model import QuoteCorrection
from closeread.spans import SpanArray

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE_ANALYSIS = DATA / "west-leverages-paris-attacks.analysis.json"


def _public(item: Citation | Claim | Source) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in fields(item) if not f.name.startswith("_")}


def dump(analysis: Analysis) -> str:
    """One line per sentence list, citation, source and claim (diffs stay readable)."""
    parts = {
        "sentences": [json.dumps([list(s) for s in analysis.sentences])],
        "citations": [_line(c) for c in analysis.citations],
        "sources": [_line(s) for s in analysis.sources],
        "claims": [_line(k) for k in analysis.claims],
    }
    body = ",\n".join(f'"{key}": [\n' + ",\n".join(rows) + "\n]" for key, rows in parts.items())
    return "{\n" + body + "\n}\n"


def _line(item: Citation | Claim | Source) -> str:
    return json.dumps(_public(item), ensure_ascii=False)


def load(path: Path = SAMPLE_ANALYSIS) -> Analysis:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Analysis(
        SpanArray(tuple(s) for s in data["sentences"][0]),
        [Citation(**c) for c in data["citations"]],
        [Source(**s) for s in data["sources"]],
        [Claim(**k) for k in data["claims"]],
        1.0,
        True,
    )


def stored_analyzer(
    path: Path = SAMPLE_ANALYSIS,
) -> Callable[..., Iterator[Analysis]]:
    """An analyzer for ``make_app`` that hands over the stored result, complete."""

    def analyze(
        doc: Document,
        corrections: Sequence[LinkCorrection],
        is_cancelled: Callable[[], bool],
        quotes: Sequence[QuoteCorrection] = (),
    ) -> Iterator[Analysis]:
        yield load(path)

    return analyze


if __name__ == "__main__":
    from closeread.analysis import analyze
    from closeread.document import load as load_document

    sample = DATA.parent.parent / "sample" / "west-leverages-paris-attacks.txt"
    SAMPLE_ANALYSIS.write_text(dump(analyze(load_document(sample))), encoding="utf-8")
    print(f"wrote {SAMPLE_ANALYSIS}")
