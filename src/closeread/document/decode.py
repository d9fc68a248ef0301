"""Reading bytes from disk and decoding them to text, with one clear error for bad input.

Order of decisions: BOMs first (UTF-32 before UTF-16, whose BOM is a prefix of UTF-32 LE's),
then a NUL-pattern check for BOM-less UTF-16, then "is this binary?", then strict UTF-8,
then cp1252, then latin-1 (which never fails). Every fallback leaves a warning that names
the encoding, so the reader knows why a character may look wrong. The file is only read.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from closeread.errors import InputError

MAX_BYTES = 256 * 1024 * 1024
"""Files larger than this are refused (module-level so tests can lower it). 256 MiB (issue
13): the text is held as one ``str`` and the analysis costs several times the file's size
in memory (README, "At scale"), so a bigger file would exhaust a laptop before it helped."""

_SNIFF = 64 * 1024
# Bytes that never occur in text: C0 controls other than \t \n \v \f \r and ESC (ESC is
# common in terminal captures, which we show with control pictures instead of refusing).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(slots=True)
class Decoded:
    """Text decoded from a file, with how it was decoded."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    """Read ``path`` whole; raise ``InputError`` for missing, directory, unreadable or too large."""
    try:
        if path.is_dir():
            raise InputError("is a directory, not a text file", path=path)
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if size > MAX_BYTES:
        raise InputError(
            f"too large ({size / 1048576:.1f} MB; the limit is {MAX_BYTES / 1048576:.0f} MB)",
            path=path,
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except PermissionError:
        raise InputError("cannot read: permission denied", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if len(data) > MAX_BYTES:  # grew between stat and read
        raise InputError(f"too large (the limit is {MAX_BYTES / 1048576:.0f} MB)", path=path)
    return data


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte (ASCII-range UTF-16)."""
    head = data[:_SNIFF]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _binary(head: bytes) -> bool:
    """Whether BOM-less, non-UTF-16 bytes are binary: a NUL, or many control bytes."""
    return b"\x00" in head or len(head) - len(head.translate(None, _BINARY_BYTES)) > 0.1 * len(head)


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file say "binary", by the same rules as ``decode_bytes``
    (so UTF-16 and UTF-32 text, with or without a byte-order mark, is not binary)."""
    if any(head.startswith(bom) for bom, _ in _BOMS) or _bomless_utf16(head) is not None:
        return False
    return _binary(head[:_SNIFF])


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, path: Path | None = None) -> Decoded:
    """Decode file bytes to text; raise ``InputError`` for binary, empty or blank content."""
    where = path if path is not None else "<input>"
    if not data:
        raise InputError("file is empty", path=where)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is None:
                raise InputError(
                    f"invalid {encoding.upper()} text after its byte-order mark", path=where
                )
            return _checked(Decoded(text.lstrip("\ufeff"), encoding), where)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        text = _try(data, utf16)
        if text is not None:
            return _checked(
                Decoded(text, utf16, [f"no byte-order mark: decoded as {utf16}"]), where
            )
    if _binary(data[:_SNIFF]):
        raise InputError("looks like a binary file, not text", path=where)
    text = _try(data, "utf-8")
    if text is not None:
        return _checked(Decoded(text, "utf-8"), where)
    for encoding in ("cp1252", "latin-1"):
        text = _try(data, encoding)
        if text is not None:
            warning = f"not valid UTF-8: decoded as {encoding}; some characters may be wrong"
            return _checked(Decoded(text, encoding, [warning]), where)
    raise InputError("cannot decode the text", path=where)  # pragma: no cover - latin-1 total


def _checked(decoded: Decoded, where: object) -> Decoded:
    text = decoded.text
    if not text or text.isspace():  # not text.strip(): that copies a whole book
        raise InputError("file is empty (only whitespace)", path=where)
    head = text[:_SNIFF]
    if "\x00" in head or len(_CONTROL_CHARS.findall(head)) > 0.1 * len(head):
        raise InputError("looks like a binary file, not text", path=where)
    return decoded
