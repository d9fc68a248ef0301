"""What kind of source a name is, and how it is shown, on sentences written for these tests:
a description of a person with "the" is a person, a company's or a campaign's name an
organisation, a title with "the" a publication."""

from __future__ import annotations

import pytest

from closeread.analysis import analyze
from closeread.document import load_text


def _sources(text: str) -> dict[str, str]:
    return {s.name: s.kind for s in analyze(load_text(text)).sources}


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("The senator said the new bridge would cost too much.", "The senator", "person"),
        (
            "The New York businessman said the new bridge would cost too much.",
            "The New York businessman",
            "person",
        ),
        ("The researchers said the new bridge would cost too much.", "The researchers", "person"),
        ("The harbor master said the toll would rise in May.", "The harbor master", "person"),
        (
            "The Trump campaign said the new bridge would cost too much.",
            "The Trump campaign",
            "organisation",
        ),
        (
            "The Denver-based laptop manufacturer said the new models would ship in May.",
            "The Denver-based laptop manufacturer",
            "organisation",
        ),
        (
            '"The plan costs too much," the Tax Policy Center said.',
            "Tax Policy Center",
            "organisation",
        ),
        (
            "The Riverside Tribune reported that the bridge would open.",
            "Riverside Tribune",
            "publication",
        ),
        (
            "According to the Riverside Tribune, the bridge would open in May.",
            "The Riverside Tribune",
            "publication",
        ),
        ("Emily Post said the bridge would open in May.", "Emily Post", "person"),
        ("The Observer reported that the bridge would open.", "The Observer", "publication"),
    ],
)
def test_kind_of_a_named_or_described_source(sentence: str, name: str, kind: str) -> None:
    assert _sources(sentence).get(name) == kind


def test_a_name_with_its_own_determiner_takes_no_the() -> None:
    sources = _sources(
        "A Riverside judge said the files would stay sealed. "
        "The judge said there was no reason to intrude on the family's privacy."
    )
    assert "The A Riverside judge" not in sources
    assert sources == {"The judge": "person"}  # the description's most frequent form


def test_a_possessive_takes_no_the() -> None:
    sources = _sources(
        "Her husband said the files would stay sealed. "
        "The husband said there was no reason to intrude on the family's privacy."
    )
    assert not [name for name in sources if name.startswith("The Her")]
