"""Why a claim is or is not supported, in words (closeread.analysis.support)."""

from __future__ import annotations

from closeread.analysis.model import Analysis, Citation, Claim
from closeread.analysis.support import citation_role, source_names, support_reason


def _claim(cid: str, citations: list[str], supported: bool, corrected: bool = False) -> Claim:
    return Claim(cid, 0, 5, "Words", list(citations), supported, corrected)


def test_backed_claim_names_its_citations_and_sources() -> None:
    reason = support_reason(_claim("k1", ["c2", "c4"], True))
    assert reason.supported and reason.kind == "backed"
    assert reason.text() == "backed by c2, c4"
    assert reason.text({"c2": "The Guardian"}) == "backed by c2 (The Guardian), c4"


def test_unsupported_claim_with_a_citation_discusses_it() -> None:
    reason = support_reason(_claim("k3", ["c1"], False))
    assert not reason.supported
    assert reason.text() == "discusses c1 — does not back it"
    assert "backed" not in reason.text({"c1": "The Guardian"})


def test_unsupported_claim_without_citation() -> None:
    assert support_reason(_claim("k2", [], False)).text() == "no citation nearby"


def test_corrections_are_said() -> None:
    assert support_reason(_claim("k1", ["c1"], True, True)).text() == (
        "backed by c1 · corrected by you"
    )
    assert support_reason(_claim("k1", [], False, True)).text() == (
        "no citation nearby · corrected by you"
    )


def test_citation_role_and_source_names() -> None:
    c1 = Citation("c1", "block_quote", 0, 3, "abc", "s1", "The Guardian")
    c2 = Citation("c2", "link", 4, 6, "de")
    c3 = Citation("c3", "inline_quote", 7, 9, "fg", "s2", "Fox News")
    analysis = Analysis(
        citations=[c1, c2, c3],
        claims=[_claim("k1", ["c1"], True), _claim("k2", ["c1", "c3"], False)],
    )
    assert citation_role(c1, analysis) == "backs k1 · discussed by k2"
    assert citation_role(c3, analysis) == "discussed by k2 — backs no claim"
    assert citation_role(c2, analysis) == "no claim refers to it"
    assert source_names(analysis) == {"c1": "The Guardian", "c3": "Fox News"}
