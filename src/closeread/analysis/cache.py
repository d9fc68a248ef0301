"""A cache of finished analyses, so a reopened document shows full panels at once.

Key: the normalised text's digest, a digest of its blocks (the analysis reads them), the
document format, ``ANALYSIS_VERSION`` and the reader's quote corrections (they steer the
run itself). Link corrections are *not* in the key: the cached analysis is the one before
them and ``apply_corrections`` runs on top, exactly where the pipeline would run it, so a
new link never misses the cache.

Where: ``paths.user_cache_dir()/analysis`` (``$CLOSEREAD_CACHE_DIR`` in tests), one
zlib-compressed file per key holding the analysis's columns (``cache_entry``: raw arrays
behind a small JSON header, read back without an object per claim). Safe: written to a
temporary file in the same folder and ``os.replace``d (concurrent writers of one key write
the same bytes; the last rename wins); every file starts with the SHA-256 of its payload,
and one that does not match, does not decompress or does not decode is removed and
ignored. Size-capped: after a write the least recently used files (reads touch their
mtime) go until the folder is under ``MAX_BYTES``. Not pickle nor marshal: nothing in a
cache file can run code or crash the reader.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from closeread import paths
from closeread.analysis import ANALYSIS_VERSION, cache_entry
from closeread.analysis.model import Analysis, Citation, Claim, Source
from closeread.document import cache_files
from closeread.document.opening import collector_paused

if TYPE_CHECKING:
    # Not imported at run time: the reader's layout child reads the cache with this
    # module, and the quote rules' patterns take ~50 ms to compile.
    from closeread.analysis.corrections import LinkLike
    from closeread.analysis.quote_fixes import QuoteLike
    from closeread.document import Document

MAX_BYTES = 512 * 1024 * 1024
"""The cache folder's cap (War and Peace's entry is ~1 MiB)."""
SUFFIX = ".cols.z"
_OLD_SUFFIXES = (".json.z",)
"""Entries of earlier layouts: never read, trimmed as the least recently used."""
# Field names in declaration order (``to_data``'s rows).
_CIT = tuple(f.name for f in fields(Citation))
_SRC = tuple(f.name for f in fields(Source))
_CLAIM = tuple(f.name for f in fields(Claim))

Stream = Callable[..., Iterator[Analysis]]


def cache_dir() -> Path:
    """Where analyses are cached."""
    return paths.user_cache_dir() / "analysis"


_CODE: list[str] = []


def _code_digest() -> str:
    """A digest of the analysis's and the segmenter's source files, so an edit that forgot
    to bump ``ANALYSIS_VERSION`` (the attribution rules change daily) still misses the
    cache. Read once per process (~80 files, a few milliseconds)."""
    if not _CODE:
        h = hashlib.sha256()
        root = Path(__file__).resolve().parent.parent
        for sub in ("analysis", "document"):
            for path in sorted((root / sub).rglob("*.py")):
                with contextlib.suppress(OSError):
                    h.update(path.relative_to(root).as_posix().encode() + b"\0")
                    h.update(path.read_bytes())
        _CODE.append(h.hexdigest()[:16])
    return _CODE[0]


def cache_key(doc: Document, quote_corrections: Sequence[QuoteLike] = ()) -> str:
    """The name of ``doc``'s entry (hex digest of everything the analysis depends on)."""
    h = hashlib.sha256()
    h.update(f"v{ANALYSIS_VERSION}|{_code_digest()}|{doc.source_format}|{doc.sha256}|".encode())
    for b in doc.blocks:
        h.update(f"{b.kind},{b.start},{b.end},{b.level};".encode())
    for q in quote_corrections:
        h.update(f"|{q.span.start},{q.span.end},{q.action},{q.source},{q.span.quote}".encode())
    return h.hexdigest()


_CLAIM_TEXT = _CLAIM.index("text")
_CIT_QUOTE = _CIT.index("quote")


def to_data(analysis: Analysis, text: str) -> dict[str, Any]:
    """The analysis as plain JSON data, the same for equal analyses whatever they hold
    their claims in (lists, columns): for comparing two. A claim's text or a citation's
    quote that is just ``text[start:end]`` is null."""
    claims = []
    for k in analysis.claims:
        row = [_copy(getattr(k, f)) for f in _CLAIM]
        if k.text == text[k.start : k.end]:
            row[_CLAIM_TEXT] = None
        claims.append(row)
    citations = []
    for c in analysis.citations:
        row = [_copy(getattr(c, f)) for f in _CIT]
        if c.quote == text[c.start : c.end]:
            row[_CIT_QUOTE] = None
        citations.append(row)
    return {
        "version": ANALYSIS_VERSION,
        "starts": analysis.sentences.starts.tolist(),
        "ends": analysis.sentences.ends.tolist(),
        "citations": citations,
        "sources": [[_copy(getattr(s, f)) for f in _SRC] for s in analysis.sources],
        "claims": claims,
    }


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list) else value


def decode(body: bytes | memoryview, text: str, *, columns: bool = False) -> Analysis:
    """The analysis in an entry's ``body`` for this ``text`` (``ValueError`` and the like
    when it is damaged). ``columns``: its claims and citations stay in the columns they
    were stored as (the reader's form; read-only views), else lists of objects that
    corrections may change."""
    analysis = cache_entry.decode(body, text)  # a few arrays and tables: no object each
    if columns:
        return analysis
    with collector_paused():  # an object per claim and citation, all long-lived
        return cache_entry.as_lists(analysis)


DAMAGED = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
    zlib.error,
    RecursionError,
)
"""What decoding a damaged entry raises."""


def load(
    key: str, text: str, folder: Path | None = None, *, columns: bool = False
) -> Analysis | None:
    """The cached analysis of ``text`` under ``key``, or None (a damaged entry is removed).
    ``columns``: see ``decode``."""
    body = read_entry(key, folder)
    if body is None:
        return None
    try:
        return decode(body, text, columns=columns)
    except DAMAGED:
        remove(key, folder)
        return None


def read_entry(key: str, folder: Path | None = None) -> bytes | None:
    """The body of the entry under ``key`` (checked: digest, version, layout), or None (a
    damaged entry is removed). ``decode`` makes the analysis of it."""
    path = (folder or cache_dir()) / f"{key}{SUFFIX}"
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        digest, payload = raw[:32], raw[32:]
        if hashlib.sha256(payload).digest() != digest:
            raise ValueError("digest mismatch")
        body = zlib.decompress(payload)
        cache_entry.header(body)
    except DAMAGED:
        remove(key, folder)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: trimmed last
    return body


def remove(key: str, folder: Path | None = None) -> None:
    """Remove the entry under ``key`` (a damaged one), if it is there."""
    with contextlib.suppress(OSError):
        ((folder or cache_dir()) / f"{key}{SUFFIX}").unlink()


def store(key: str, body: bytes, folder: Path | None = None) -> bool:
    """Write ``body`` (``cache_entry.encode``'s) under ``key`` atomically; False if it
    could not."""
    folder = folder or cache_dir()
    payload = zlib.compress(body, 1)
    if not cache_files.write_atomic(
        folder, key, SUFFIX, (hashlib.sha256(payload).digest() + payload,)
    ):
        return False
    trim(folder)
    return True


def trim(folder: Path, max_bytes: int = MAX_BYTES) -> None:
    """Remove the least recently used entries until the folder holds at most ``max_bytes``."""
    cache_files.trim(folder, max_bytes, (SUFFIX, *_OLD_SUFFIXES))


def cached_stream(
    doc: Document,
    corrections: Sequence[LinkLike] = (),
    is_cancelled: Callable[[], bool] = lambda: False,
    quote_corrections: Sequence[QuoteLike] = (),
    *,
    stream: Stream | None = None,
    folder: Path | None = None,
) -> Iterator[Analysis]:
    """``analyze_stream`` with the cache: one complete yield on a hit; on a miss the
    pipeline's yields, and the finished analysis is stored (before link corrections)."""
    from closeread.analysis.corrections import apply_corrections

    key = cache_key(doc, quote_corrections)
    hit = load(key, doc.text, folder)
    if hit is not None:
        if not quote_corrections:
            _leave_hint(doc, folder)
        apply_corrections(doc.text, hit, corrections)
        yield hit
        return
    if stream is None:
        from closeread.analysis.pipeline import analyze_stream

        stream = analyze_stream
    for analysis in stream(doc, (), is_cancelled=is_cancelled, quote_corrections=quote_corrections):
        if not analysis.complete:
            yield analysis
            continue
        corrections = list(corrections)
        if not corrections:  # stored as it is, once the panels have it: nobody waits
            yield analysis
            body = cache_entry.encode(analysis, doc.text)
        else:
            body = cache_entry.encode(analysis, doc.text)  # before the corrections change it
            apply_corrections(doc.text, analysis, corrections)
            yield analysis
        # After the panels have it: the reader does not wait.
        if store(key, body, folder) and not quote_corrections:
            _leave_hint(doc, folder)
        return


def _leave_hint(doc: Document, folder: Path | None) -> None:
    """Say that ``doc``'s file has its plain analysis cached (``cache_hint``), in the
    cache folder in use."""
    from closeread.analysis import cache_hint

    cache_hint.leave(doc.path, folder / cache_hint.FOLDER if folder is not None else None)


def analyze_cached(
    doc: Document,
    corrections: Sequence[LinkLike] = (),
    quote_corrections: Sequence[QuoteLike] = (),
    *,
    parallel: bool = False,
) -> Analysis:
    """``analyze`` through the cache (``parallel``: see ``analyze_stream``)."""
    from closeread.analysis.pipeline import analyze_stream

    last = Analysis()
    # only the end is read
    whole = functools.partial(analyze_stream, partial_sources=False, parallel=parallel)
    for last in cached_stream(  # noqa: B007
        doc, corrections, quote_corrections=quote_corrections, stream=whole
    ):
        pass
    return last
