"""Search that ignores case and accents (the reader's ``/``), in the pure core."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.document.search import find_spans, fold, search_pattern
from closeread.navigation import find_all

TEXT = (
    "Natásha ran in. NATÁSHA! natasha, Nata\u0301sha (decomposed) and Natasha. "
    "Not Natalia. The count\u2019s guests said \u201cyes\u201d. Ærø, Łódź, Straße."
)


def _matched(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in find_spans(text, query, 100)]


def test_case_and_accents_are_ignored() -> None:
    assert _matched(TEXT, "natasha") == [
        "Natásha",
        "NATÁSHA",
        "natasha",
        "Nata\u0301sha",
        "Natasha",
    ]
    assert _matched(TEXT, "NATÁSHA") == _matched(TEXT, "natasha")
    assert _matched(TEXT, "lodz") == ["Łódź"]
    assert _matched(TEXT, "count's") == ["count\u2019s"]
    assert _matched(TEXT, '"yes"') == ["\u201cyes\u201d"]
    assert _matched(TEXT, "strasse") == []  # "ß" is two letters when folded: no match
    assert _matched(TEXT, "straße") == ["Straße"]
    assert _matched(TEXT, "ærø") == ["Ærø"]


def test_query_is_text_not_a_pattern_and_spaces_are_flexible() -> None:
    assert _matched("a.b axb (x) a  b", "a.b") == ["a.b"]
    assert _matched("a.b axb (x) a  b", "(x)") == ["(x)"]
    assert _matched("ran\nin, ran in", "ran in") == ["ran\nin", "ran in"]
    assert find_spans("abc", "   ", 10) == []
    assert len(find_all("e" * 50, "e", limit=7)) == 7


def _oracle_count(text: str, query: str) -> int:
    """Fold the whole text the slow way (decompose, drop marks, casefold) and count."""

    def strip(s: str) -> str:
        return "".join(fold(c) for c in unicodedata.normalize("NFC", s))

    return strip(text).count(strip(query))


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aeinstAENST áéíñÁÉÑäöÄÖ.,")), max_size=60),
    st.sampled_from(["a", "na", "Tina", "sea", "AÉ", "ñe"]),
)
def test_count_equals_counting_in_the_folded_text(text: str, query: str) -> None:
    assert len(find_spans(text, query, 10_000)) == _oracle_count(text, query)


@pytest.fixture(scope="module")
def war_and_peace() -> tuple[str, str]:
    """War and Peace (``../shared``) as the file says it and as closeread reads it."""
    from closeread.document import load
    from tests.conftest import corpus_file

    path = corpus_file("war-and-peace.txt")
    return path.read_text(encoding="utf-8"), load(path).text


def test_war_and_peace_mojibake_is_all_repaired(war_and_peace: tuple[str, str]) -> None:
    raw, text = war_and_peace
    # Issue 10: the file says "NatÃ¡sha" (UTF-8 read as cp1252); once loaded, no "Ã" is left.
    assert raw.count("Nat\u00c3\u00a1sha") > 1000
    assert "\u00c3" not in text
    assert text.count("Nat\u00e1sha") >= raw.count("Nat\u00c3\u00a1sha")


@pytest.mark.parametrize("query", ["natasha", "Prince Andrew", "pierre"])
def test_war_and_peace_counts_match_the_folded_text(
    query: str, war_and_peace: tuple[str, str]
) -> None:
    _, text = war_and_peace
    found = find_all(text, query)
    assert len(found) == _oracle_count(text, query) > 0
    if query == "natasha":
        assert any(text[s:e] == "Nat\u00e1sha" for s, e in found)
        # Every spelling of the name the repaired text has, and nothing else.
        assert len(found) == len(re.findall(r"(?i)nat[a\u00e1]sha", text))


def test_patterns_are_cached() -> None:
    assert search_pattern("natasha") is search_pattern("natasha")
