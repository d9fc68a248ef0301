"""A cache of big files' laid-out text, so that reopening one skips normalising and
laying it out again.

The child that lays a big text out for the reader (``opening._fork_loader``) spends most
of a reopened 50 MB book's time there: decoding, normalising and laying out ~1.45 s of
CPU, which the reader's cached analysis then waits for. Here the result, in the form the
child hands the reader (``opening._to_wire``: the text, its blocks as columns, its
metadata and digest), is kept under a digest of the file's bytes and of the code that
made it; reading it back costs a read, two digests and a decode (~0.2 s at 50 MB).

Only files of at least ``MIN_BYTES``: below that the layout is quicker than it is worth
keeping a copy of the text for (War and Peace, 3.3 MB, takes ~0.1 s). An entry is about
the size of the file (the text as UTF-8, its blocks' columns ~2.5 MB at 50 MB, not
compressed: inflating would cost what it saves); the folder is capped at ``MAX_BYTES``,
least recently used first.

Where: ``paths.user_cache_dir()/layout``. Safe: an entry is written to a temporary file in
the same folder and renamed into place (concurrent writers of one key write the same
bytes; the last rename wins); it starts with the SHA-256 of the rest, and one that does
not match, or does not decode to what it says, is removed and ignored. Read with
``marshal`` only after that check, and only what this module wrote (never pickle).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import struct
from pathlib import Path
from typing import Any

from closeread import paths
from closeread.document import cache_files

MIN_BYTES = 8 * 1024 * 1024
"""Files smaller than this are laid out every time."""
MAX_BYTES = 512 * 1024 * 1024
"""The folder's cap."""
STALE_TMP_NS = 3600 * 10**9
"""A temporary file this old (nanoseconds) is a writer's that stopped: removed."""
FOLDER = "layout"
SUFFIX = ".wire"
_MAGIC = b"CRLAYT01"
_HEAD = struct.Struct("<8s32sq")
"""Magic, SHA-256 of what follows, size of the text's UTF-8."""

_CODE: list[str] = []


def cache_dir() -> Path:
    """Where laid-out texts are kept."""
    return paths.user_cache_dir() / FOLDER


def _code_digest() -> str:
    """A digest of the document package's source (the decoding, normalising and layout
    rules): an edit to any of them misses every entry made before it."""
    if not _CODE:
        h = hashlib.sha256()
        root = Path(__file__).resolve().parent
        for path in sorted(root.rglob("*.py")):
            with contextlib.suppress(OSError):
                h.update(path.relative_to(root).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
        _CODE.append(h.hexdigest()[:16])
    return _CODE[0]


def key_for(data: bytes, path: Path) -> str | None:
    """The entry's name for a file whose bytes are ``data``; None when it is too small
    to be kept. The file's suffix is in it: it decides the format (text or Markdown)."""
    if len(data) < MIN_BYTES:
        return None
    h = hashlib.sha256(data)  # (C, without the interpreter lock: ~30 ms at 50 MB)
    h.update(f"|{path.suffix.lower()}|{_code_digest()}".encode())
    return h.hexdigest()


def load(key: str, folder: Path | None = None) -> tuple[Any, ...] | None:
    """The wire form stored under ``key`` (``opening._to_wire``'s tuple), or None; a
    damaged entry is removed."""
    target = (folder or cache_dir()) / f"{key}{SUFFIX}"
    try:
        raw = target.read_bytes()
    except OSError:
        return None
    try:
        wire = _decode(raw)
    except (ValueError, TypeError, EOFError, struct.error, UnicodeDecodeError):
        with contextlib.suppress(OSError):
            target.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(target)  # recently used: trimmed last
    return wire


def _decode(raw: bytes) -> tuple[Any, ...]:
    magic, digest, text_size = _HEAD.unpack_from(raw, 0)
    if magic != _MAGIC:
        raise ValueError("not a layout entry")
    with memoryview(raw) as view, view[_HEAD.size :] as body:
        if hashlib.sha256(body).digest() != digest:
            raise ValueError("digest mismatch")
        if not 0 <= text_size <= len(body):
            raise ValueError("bad text size")
        with body[:text_size] as utf8:
            text = str(utf8, "utf-8", "surrogatepass")
        with body[text_size:] as rest:
            value = marshal.loads(rest)
    if not isinstance(value, tuple) or not value or value[0] != len(text):
        raise ValueError("not the text it says")
    return (text, *value[1:])


def store(key: str, wire: tuple[Any, ...], folder: Path | None = None) -> bool:
    """Keep ``wire`` (``opening._to_wire``'s tuple, its text first) under ``key``
    atomically; False if it could not."""
    folder = folder or cache_dir()
    utf8 = wire[0].encode("utf-8", "surrogatepass")
    rest = marshal.dumps((len(wire[0]), *wire[1:]))
    digest = hashlib.sha256(utf8)
    digest.update(rest)
    head = _HEAD.pack(_MAGIC, digest.digest(), len(utf8))
    if not cache_files.write_atomic(folder, key, SUFFIX, (head, utf8, rest)):
        return False
    trim(folder)
    return True


def trim(folder: Path, max_bytes: int = MAX_BYTES) -> None:
    """Remove the least recently used entries until the folder holds at most ``max_bytes``."""
    cache_files.trim(folder, max_bytes, (SUFFIX,), STALE_TMP_NS)
