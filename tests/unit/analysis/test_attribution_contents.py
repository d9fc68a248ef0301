"""What a verb of saying reports, read since PolNeAR's held-out splits showed it missed: a
content that opens with a plural noun that is also a verb of saying ("said states will
…"); a tail after a quotation at the end of its sentence is no paraphrase.

Sentences written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from closeread.analysis import analyze
from closeread.document import load_text


def _cited(text: str, kind: str) -> list[tuple[str, str]]:
    an = analyze(load_text(text))
    return [(c.source_name, c.quote) for c in an.citations if c.kind == kind]


@pytest.mark.parametrize("noun", ["states", "reports", "claims", "notes"])
def test_said_before_a_noun_that_is_also_a_verb(noun: str) -> None:
    text = f"Ada Lind said {noun} from the harbor will decide the toll."
    assert _cited(text, "paraphrase") == [
        ("Ada Lind", f"{noun} from the harbor will decide the toll")
    ]


def test_a_noun_before_its_verb_is_still_the_speaker() -> None:  # guard
    text = "The annual report says the toll will rise."
    assert _cited(text, "paraphrase") == [("The annual report", "the toll will rise")]


def test_a_tail_after_a_quotation_is_no_paraphrase() -> None:  # guard
    text = 'The ferry ran late and "the whole town waited for an hour," Ada Lind said.'
    assert _cited(text, "paraphrase") == []
    assert _cited(text, "inline_quote") == [("Ada Lind", "the whole town waited for an hour,")]
