"""A document's identity by content: the exact digest, and a similarity fingerprint.

The digest (``Document.sha256``, of the normalised text) says "the same text". The
fingerprint says "nearly the same text", so that notes follow a document that was both
renamed and edited: a bottom-k MinHash sketch of the text's word 3-shingles.

- Words are ``\\w+`` runs of the case-folded normalised text, so re-wrapping, punctuation
  and case do not count; a shingle is three consecutive words.
- Each distinct word gets a 64-bit value (CRC-32 spread by a multiplication), a shingle
  the mix of its three words' values. Only the shingles whose first word is in a fixed
  quarter of all words (by its value) are kept — a consistent sample, so resemblance is
  still estimated without bias — and the sketch keeps the ``K`` smallest shingle values.
- ``similarity(a, b)`` estimates the Jaccard resemblance of the two shingle sets from
  the ``K`` smallest values of the union of the sketches (Broder's bottom-k estimator):
  1.0 for the same text, ~0.9 after a light edit of a short article (a few sentences
  changed), ~0.3 or less after rewriting half of it, ~0 for another text on the same
  subject. Standard error ~ sqrt(J(1-J)/K), about 0.06 at 0.5.

Choice, measured on War and Peace (3.2 MB, 566k words, shared 2-core machine): a MinHash
over CRC-32 of each shingle's text took 0.59 s, over tuples of words 0.79 s; one
MinHash with per-word CRC-32 values costs ~0.5 s for the whole book, ~0.25-0.3 s with the
quarter sample (~0.5 s when the machine is loaded), ~1 ms for an 8 KB article. Read in
64K-character slices its peak memory is ~4 MiB (61 MiB for the book's word list at
once, which pushed the reader's peak RSS from 97 to 134 MiB). The fingerprint is
therefore only computed when it is needed: before writing a notes file, and when opening
a document whose notes are not found by digest or path (the reader computes it after the
analysis, in the analysis thread). Stored as ``mh1:<base64 of K big-endian 64-bit
values>`` (~690 characters) in the notes file's ``document`` mapping. Not measured, ruled
out on their cost: SimHash (64 additions per shingle in pure Python, ~30M for the book)
and ``datasketch`` (needs numpy, a SHA-1 per shingle).
"""

from __future__ import annotations

import base64
import heapq
import re
import zlib
from collections.abc import Iterable
from itertools import compress

FINGERPRINT_PREFIX = "mh1:"
K = 64
"""Values kept in a sketch."""
ASK_AT = 0.5
"""Estimated resemblance at or above which notes of another text are offered (asked,
never adopted silently). Below it the texts are taken to be different documents."""

_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1
_SPREAD = 0x9E3779B97F4A7C15  # 2**64 / golden ratio: spreads CRC-32 over 64 bits
_MIX1 = 0xC2B2AE3D27D4EB4F
_MIX2 = 0x165667B19E3779F9
_SAMPLE_SHIFT = 62  # keep shingles whose first word's value is below 2**62: a quarter
_NONWORD = re.compile(r"\W")
CHUNK = 1 << 16
"""Characters of text read at a time by ``sketch``."""


def _mix(triples: Iterable[tuple[int, int, int]]) -> set[int]:
    return {
        ((a ^ ((b * _MIX1) & _MASK) ^ ((c * _MIX2) & _MASK)) * _SPREAD) & _MASK
        for a, b, c in triples
    }


def _word_value(word: str) -> int:
    return (zlib.crc32(word.encode("utf-8", "surrogatepass")) * _SPREAD) & _MASK


def sketch(text: str, chunk: int = CHUNK) -> list[int]:
    """The ``K`` smallest 64-bit shingle values of ``text`` (fewer for a very short text).

    The text is read ``chunk`` characters at a time (cut where no word is split, the last
    two words carried over), so a book costs a few MB of memory, not a list of its
    566k words; the result does not depend on ``chunk``.
    """
    ids: dict[str, int] = {}
    best: list[int] = []
    carry: list[int] = []
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + chunk)
        if end < n:
            found = _NONWORD.search(text, end)
            end = found.start() if found else n
        words = _WORD.findall(text[pos:end].casefold())
        for w in set(words).difference(ids):
            ids[w] = _word_value(w)
        h = carry + [ids[w] for w in words]
        # A consistent sample: only shingles whose first word's value has its top bits
        # clear (the same words in every text), a quarter; it halves the time on a book.
        keep = [v >> _SAMPLE_SHIFT == 0 for v in h]
        values = _mix(compress(zip(h, h[1:], h[2:], strict=False), keep))
        if values:
            best = heapq.nsmallest(K, values.union(best))
        carry = h[-2:]
        pos = end + 1 if end < n else n
    if not best:  # a short text whose words are all outside the sample (or < 3 words)
        words = _WORD.findall(text.casefold())
        if 0 < len(words) < 3:
            words = [*words, "", ""][:3]
        h = [_word_value(w) for w in words]
        best = heapq.nsmallest(K, _mix(zip(h, h[1:], h[2:], strict=False)))
    return best


def fingerprint(text: str) -> str:
    """The fingerprint of a normalised text, as stored in a notes file."""
    raw = b"".join(v.to_bytes(8, "big") for v in sketch(text))
    return FINGERPRINT_PREFIX + base64.b64encode(raw).decode("ascii")


def parse(fp: object) -> list[int] | None:
    """The sketch of a stored fingerprint, or None if it is missing or not one we know."""
    if not isinstance(fp, str) or not fp.startswith(FINGERPRINT_PREFIX):
        return None
    try:
        raw = base64.b64decode(fp[len(FINGERPRINT_PREFIX) :], validate=True)
    except ValueError:
        return None
    if len(raw) % 8 or len(raw) > 8 * K:
        return None
    return [int.from_bytes(raw[i : i + 8], "big") for i in range(0, len(raw), 8)]


def smallest(fp: object, n: int = 15) -> set[int]:
    """The ``n`` (<= 15) smallest values of a stored fingerprint, decoded cheaply (only
    the start of its text): a prefilter. Two texts that resemble each other at
    ``ASK_AT`` share one of these with all but negligible odds ((1 - 0.5)**15)."""
    if not isinstance(fp, str) or not fp.startswith(FINGERPRINT_PREFIX):
        return set()
    head = fp[len(FINGERPRINT_PREFIX) : len(FINGERPRINT_PREFIX) + 4 * ((8 * min(n, 15) + 2) // 3)]
    try:
        raw = base64.b64decode(head, validate=True)
    except ValueError:
        return set()
    return {int.from_bytes(raw[i : i + 8], "big") for i in range(0, len(raw) - 7, 8)}


def resemblance(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard resemblance of the shingle sets behind two sketches (0..1)."""
    sa, sb = set(a), set(b)
    union = heapq.nsmallest(K, sa | sb)
    if not union:
        return 1.0 if not sa and not sb else 0.0
    return sum(1 for v in union if v in sa and v in sb) / len(union)


def similarity(fp_a: object, fp_b: object) -> float | None:
    """Estimated resemblance of two stored fingerprints, or None if either is unusable."""
    a, b = parse(fp_a), parse(fp_b)
    if a is None or b is None:
        return None
    return resemblance(a, b)
