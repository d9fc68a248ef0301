"""The document's digest, hashed a slice at a time, is the SHA-256 of its whole UTF-8 text."""

import hashlib

from closeread.document import load_text


def test_digest_of_a_text_longer_than_a_slice() -> None:
    text = ("Caf\u00e9 \u201cquoted\u201d \U0001f600 line.\n\n" * 120_000).strip()
    doc = load_text(text)
    assert len(doc.text) > 2 * (1 << 20)
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
