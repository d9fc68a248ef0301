"""A big document laid out in the child comes with its digest (computed there, not on the
reader's thread, where a 50 MB book's took ~0.2 s of the first keys' time)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from closeread.document import load, opening

pytestmark = pytest.mark.skipif(not hasattr(opening.os, "fork"), reason="needs fork")


def test_the_full_document_arrives_with_its_digest(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    body = "\n\n".join(f"Paragraph {i}: words, more words, and “a quote”." for i in range(2000))
    path.write_text("A Book\n\n" + body + "\n", encoding="utf-8")
    _head, pending = opening.open_document(path)
    assert pending is not None and pending.pid is not None
    doc = pending.wait()
    assert doc._sha256  # given, not computed here
    expected = hashlib.sha256(load(path).text.encode("utf-8")).hexdigest()
    assert doc._sha256 == load(path).sha256 == expected
