"""``load(keep_source=False)``: the document ``analyze`` reads, without the decoded source
held (issue 13: a 50 MB book's copies of its text while it is laid out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.document import load, load_text
from closeread.document.layout import build

TEXTS = {
    "plain.txt": "Title\n\nFirst para \nwraps here.\n\n\n\nSecond, after three blank lines.\n",
    "mojibake.txt": "Natasha said: \u201cIt is true.\u201d Caf\u00c3\u00a9 au lait.\r\n\r\nMore.\n",
    "notes.md": "# Heading\n\nSome *text* with a [link](https://example.org).\n\n```\ncode\n\n\nmore\n```\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_same_document_without_the_source(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(TEXTS[name].encode("utf-8"))
    kept = load(path)
    lean = load(path, keep_source=False)
    assert lean.text == kept.text
    assert lean.blocks == kept.blocks
    assert lean.warnings == kept.warnings
    assert lean.sha256 == kept.sha256
    assert lean.source_text is None  # not held...
    assert lean.source == kept.source  # ...but read again when asked
    assert lean.to_source(0, 5) == kept.to_source(0, 5)


def test_a_one_item_list_is_taken_and_emptied() -> None:
    raw = "One line \n\n\n\nTwo.\n"
    box = [raw]
    assert build(box).text == build(raw).text
    assert box == []
    doc = load_text([raw])
    assert doc.source_text is None
    assert doc.text == load_text(raw).text


@pytest.mark.parametrize("body", ["", "a", "\n\n", "a\n\n\n\nb", "a\n\n\nb\n\n", "\n\n\n\n\n"])
def test_paragraphs_split_like_str_split(body: str) -> None:
    from closeread.document.layout import _paragraphs

    assert list(_paragraphs(body)) == body.split("\n\n")
