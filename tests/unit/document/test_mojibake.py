"""Mojibake repair: UTF-8 read as cp1252 is decoded back, real Latin-1 text is left alone."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from closeread.document import NORMALISATION_VERSION, load_text
from closeread.document.mojibake import apply_edits, edit_passes, find_edits, repair


def mojibake(text: str) -> str:
    """``text`` encoded as UTF-8 and read back as cp1252 (undefined bytes as Latin-1)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Nat\u00c3\u00a1sha", "Natásha"),
        ("don\u00e2\u20ac\u2122t", "don\u2019t"),
        ("\u00c3\x81psheron", "Ápsheron"),  # C3 81: 81 is undefined in cp1252
        ("l\u00c3  le mot", "là le mot"),  # the A0 byte of "à" became a space
        ("l\u00c3\xa0le", "làle"),  # ... or stayed a no-break space
        ("voil\u00c3\nthe", "voilà\nthe"),  # ... or was lost before a line break
        ("t\u00c3\u00aate-\u00c3 -t\u00c3\u00aate", "tête-à-tête"),
        ("c\u00c5\u201cur", "cœur"),
        ("\u00c3\u0192\u00c2\u00a9t\u00c3\u0192\u00c2\u00a9", "été"),  # encoded twice
        ("\u00e4\u00b8\u00ad\u00e6\u2013\u2021", "中文"),
    ],
)
def test_repairs_mojibake(broken: str, fixed: str) -> None:
    assert repair(broken) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "ACCIÓN\u201d dijo",  # Ó + ” would decode to Cyrillic
        "ein Spaß\u201c",  # ß + “ would decode to NKo
        "café, naïve, São Paulo, Ærø, Ångström",
        "plain ASCII only",
        "Ã",  # a lone lead character
        "AMANH\u00c3 CEDO, AMANH\u00c3\nHOJE",  # Portuguese in capitals
        "\u00c3\u00a9\u00c3",  # a repairable sequence then a cut one
        "caf\u00e9\u2026\u201d",  # é…” would be one CJK character in UTF-8
    ],
)
def test_leaves_real_text_alone(text: str) -> None:
    expected = text.replace("\u00c3\u00a9", "é")
    assert repair(text) == expected
    if expected == text:
        assert repair(text) is text  # no copy of a clean book


def test_edits_describe_the_repair_exactly() -> None:
    text = "A \u00c3\u00a9 b \u00e2\u20ac\u201d c l\u00c3  d"
    edits = find_edits(text)
    assert [(text[e.start : e.end], e.replacement) for e in edits] == [
        ("\u00c3\u00a9", "é"),
        ("\u00e2\u20ac\u201d", "\u2014"),
        ("\u00c3 ", "à"),
    ]
    assert apply_edits(text, edits) == repair(text)


LATIN = st.text(
    alphabet=st.sampled_from(list("abcXYZ .,;!?-'\n") + list("éáíóúñüçøåÁÉÖÜàèœŒłŁ\u2019“”—…€")),
    max_size=40,
)
# The documented false positive: an accented letter and two cp1252 punctuation marks, twice.
_AMBIGUOUS = re.compile("[\u00e0-\u00ef][\u0080-\u00bf\u0152-\u2122]{2}")


@settings(max_examples=200, deadline=None)
@given(LATIN)
def test_repair_undoes_mojibake(text: str) -> None:
    assume(len(_AMBIGUOUS.findall(text)) < 2)
    assert repair(text) == text  # real text is left as it is
    assert repair(mojibake(text)) == text
    passes = edit_passes(mojibake(text))
    assert len(passes) <= 1


def test_load_repairs_and_bumps_the_normalisation_version() -> None:
    doc = load_text("Nat\u00c3\u00a1sha smiled.\n\nShe said \u00e2\u20ac\u0153yes\u00e2\u20ac\x9d.")
    assert doc.text == "Natásha smiled.\n\nShe said \u201cyes\u201d."
    assert doc.normalisation_version == NORMALISATION_VERSION >= 2
    assert any("mojibake" in w for w in doc.warnings)
    assert not any("mojibake" in w for w in load_text("Natásha smiled.").warnings)


def test_a_note_on_a_repaired_word_re_anchors() -> None:
    from closeread.notes.anchoring import anchor
    from closeread.notes.model import Target

    old = (
        "Prince Andrew came in.\n\nNat\u00c3\u00a1sha ran to her mother and kissed her. "
        "The countess smiled at Nat\u00c3\u00a1sha.\n\nThe end came."
    )
    new = load_text(old).text
    for quote in ("Nat\u00c3\u00a1sha", "Nat\u00c3\u00a1sha ran to her mother and kissed her."):
        start = old.index(quote)
        found = anchor(Target.from_span(old, start, start + len(quote)), new)
        assert found.status == "fuzzy"
        assert found.start is not None and found.end is not None
        assert new[found.start : found.end] == repair(quote)
