"""The hard-wrapped Markdown copy of the sample (``#`` title, ``>`` quotes, lines of ~70
characters) gives the same analysis as the plain-text original."""

from __future__ import annotations

import re
from pathlib import Path

from closeread.analysis import Analysis, analyze
from closeread.document import Document, load
from tests.conftest import REPO

WRAPPED = REPO / "tests" / "data" / "west-leverages-paris-attacks.wrapped.md"
ORIGINAL = REPO / "sample" / "west-leverages-paris-attacks.txt"


def _plain(text: str) -> str:
    """Text without quote markers and with whitespace collapsed (the wrapped copy keeps
    ``>`` between the paragraphs of a multi-paragraph quote)."""
    return " ".join(re.sub(r"(?m)^> ?", "", text).split())


def _view(path: Path) -> tuple[Document, Analysis]:
    doc = load(path)
    return doc, analyze(doc)


def test_the_copy_is_really_hard_wrapped_markdown() -> None:
    lines = WRAPPED.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    assert max(len(line) for line in lines if not line.startswith("#")) <= 72
    assert sum(line.startswith("> ") for line in lines) >= 25
    assert len(lines) > 150


def test_wrapped_markdown_gives_the_same_citations_sources_and_claims() -> None:
    doc_txt, txt = _view(ORIGINAL)
    doc_md, md = _view(WRAPPED)
    assert (doc_md.title, doc_md.byline, doc_md.publisher) == (
        doc_txt.title,
        doc_txt.byline,
        doc_txt.publisher,
    )

    def citations(an: Analysis) -> list[tuple[str, str, str, str]]:
        return [(c.kind, c.source_name, c.title, _plain(c.quote)) for c in an.citations]

    assert citations(md) == citations(txt)
    assert len(citations(md)) >= 10
    assert sorted((s.name, len(s.citations)) for s in md.sources) == sorted(
        (s.name, len(s.citations)) for s in txt.sources
    )

    def claims(an: Analysis) -> list[tuple[str, bool, list[str]]]:
        by_id = {c.id: c for c in an.citations}
        return [
            (_plain(k.text), k.supported, [_plain(by_id[i].quote) for i in k.citations])
            for k in an.claims
        ]

    assert claims(md) == claims(txt)
    # The points the four block quotes are brought in for (pure lead-ins are no claims).
    assert sum(k.supported for k in md.claims) >= 4
