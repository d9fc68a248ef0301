"""Sentence segmentation: the Golden Rules, exact offsets, block kinds, streaming chunks."""

from __future__ import annotations

import json

import pytest

from closeread.document import iter_sentence_chunks, load, load_text, segment
from closeread.document.sentences import split_sentences
from tests.conftest import SAMPLE, corpus_file


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_golden_rules_at_least_47_of_48() -> None:
    rules = json.loads(corpus_file("golden-rules-en.json").read_text(encoding="utf-8"))
    assert len(rules) == 48
    failed = [r["name"] for r in rules if _split(r["text"]) != r["sentences"]]
    assert len(rules) - len(failed) >= 47, failed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        (
            "\u201cWhere?\u201d asked Pierre. \u201cHere.\u201d",
            ["\u201cWhere?\u201d asked Pierre.", "\u201cHere.\u201d"],
        ),
        (
            "On Sept. 6 a ship docked. The captain left.",
            ["On Sept. 6 a ship docked.", "The captain left."],
        ),
        (
            "Results (Smith et al. 2019) differ. See below.",
            ["Results (Smith et al. 2019) differ.", "See below."],
        ),
        ("As Jones et al. (2018) show. The end.", ["As Jones et al. (2018) show.", "The end."]),
        (
            "It costs approx. 5 dollars, e.g. Bread. No more.",
            ["It costs approx. 5 dollars, e.g. Bread.", "No more."],
        ),
        ("He left\u2026 Then she came.", ["He left\u2026", "Then she came."]),
        (
            "\u4eca\u5929\u5f88\u597d\u3002\u660e\u5929\u89c1\uff01",
            ["\u4eca\u5929\u5f88\u597d\u3002", "\u660e\u5929\u89c1\uff01"],
        ),
        ("no punctuation at all", ["no punctuation at all"]),
        # A footnote marker after the stop belongs to the sentence it ends.
        (
            "Experts agree we should.[^1] A large survey found more.",
            ["Experts agree we should.[^1]", "A large survey found more."],
        ),
        ("It rained.[4]_ The roads flooded.", ["It rained.[4]_", "The roads flooded."]),
        ("It was cold.\u00b2 Nobody came.", ["It was cold.\u00b2", "Nobody came."]),
        ("See Smith et al.[3] for details.", ["See Smith et al.[3] for details."]),
        ("   padded.   Both sides.  ", ["padded.", "Both sides."]),
    ],
)
def test_split_cases(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_offsets_exact_trimmed_and_inside_blocks_on_sample() -> None:
    doc = load(SAMPLE)
    spans = segment(doc)
    assert len(spans) > 40
    prev = -1
    for start, end in spans:
        sentence = doc.text[start:end]
        assert sentence == sentence.strip() and start >= prev
        block = doc.blocks[doc.block_index_at(start) or 0]
        assert block.start <= start and end <= block.end
        prev = end
    sentences = [doc.text[a:b] for a, b in spans]
    assert "It is the result of concerted, immense, multinational state-sponsorship." in sentences
    assert 'In reality, ISIS is not a "symptom of political failings."' in sentences
    assert sentences[:3] == [
        "West Leverages Paris Attacks for Syria Endgame",
        "By Tony Cartalucci",
        "Source: [New Eastern Outlook](#)",
    ]


def test_block_kinds_code_metadata_not_segmented_reference_whole() -> None:
    doc = load_text(
        "---\ntitle: T\n---\n\n# Head. Line\n\nOne. Two.\n\n```\nx = 1. y = 2.\n```\n\n"
        "[1]: http://a.org Some. Title.\n",
        fmt="markdown",
    )
    sentences = [doc.text[a:b] for a, b in segment(doc)]
    assert sentences == ["Head. Line", "One.", "Two.", "[1]: http://a.org Some. Title."]


@pytest.mark.parametrize("chunk_chars", [1, 50, 1000, 200_000])
def test_chunks_concatenate_to_segment(chunk_chars: int) -> None:
    doc = load(SAMPLE)
    whole = list(segment(doc))
    chunks = list(iter_sentence_chunks(doc, chunk_chars))
    assert [span for chunk in chunks for span in chunk] == whole
    if chunk_chars == 1:
        assert len(chunks) > 10


def test_empty_document_has_no_sentences() -> None:
    doc = load_text("")
    assert doc.blocks == [] and len(segment(doc)) == 0
    assert list(iter_sentence_chunks(doc)) == []
