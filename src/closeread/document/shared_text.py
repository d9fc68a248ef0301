"""A big text handed from the layout child to the reader through shared memory, as UTF-8.

``marshal`` would carry the text too, but reading it back decodes the whole UTF-8 at once:
the reader then holds the 48 MB of UTF-8 it reads (the shared pages it touched) and the
string being built, which CPython's decoder starts at one byte a character and widens to
two at the first curly quote, allocated for as many characters as there are bytes. War and
Peace x15: ~187 MiB of the reader's RSS for a moment, against ~145 after (issue 13).

Here the child writes the text's UTF-8 into the shared memory itself (``write_text``) and
tells the reader its length in characters and its widest character; the reader
(``read_text``) makes the string at its final size and kind once (CPython's
``PyUnicode_New``) and fills it slice by slice, each slice's shared pages dropped as soon
as it is copied: the reader's peak is the string and one slice. Where that is not possible
(another Python, a layout this module does not recognise, checked on a probe string the
first time) the text is decoded whole, as ``marshal`` would.
"""

from __future__ import annotations

import contextlib
import ctypes
import mmap
import re
import sys
from typing import Any

#: Bytes of UTF-8 read, decoded and copied at a time (their pages then dropped).
SLICE_BYTES = 1 << 20
#: Characters encoded into the shared memory at a time by the child.
SLICE_CHARS = 1 << 19

_ABOVE_LATIN1 = re.compile("[^\x00-\xff]")
_ABOVE_BMP = re.compile("[\U00010000-\U0010ffff]")
_ERRORS = "surrogatepass"  # as marshal: a lone surrogate goes through unchanged


def widest(text: str) -> int:
    """The largest code point ``text``'s kind can hold (127, 255, 65535 or 1114111): what
    ``PyUnicode_New`` needs to make a string of the same kind.

    CPython keeps every string in the narrowest kind that holds it, so its size per
    character says the kind; that guess is never narrower than the truth (a cached UTF-8
    form only adds to the size) and is confirmed by a scan that stops at the first
    character that needs it (War and Peace: its first curly quote). Otherwise, or when
    not confirmed, scans for the widest character (a whole text when there is none)."""
    if text.isascii():
        return 0x7F
    guess = _KIND_WIDEST.get(_kind(text), 0)
    if guess == 0xFF or (guess and _NEEDS[guess].search(text) is not None):
        return guess
    if _ABOVE_LATIN1.search(text) is None:
        return 0xFF
    return 0x10FFFF if _ABOVE_BMP.search(text) is not None else 0xFFFF


_KIND_WIDEST = {1: 0xFF, 2: 0xFFFF, 4: 0x10FFFF}
_NEEDS = {0xFFFF: _ABOVE_LATIN1, 0x10FFFF: _ABOVE_BMP}


def _kind(text: str) -> int:
    """Bytes a character of a non-ASCII ``text`` by its size (CPython's layout), or 0."""
    if sys.implementation.name != "cpython":
        return 0
    header = sys.getsizeof("\xe9") - 2  # one character of one byte and the NUL
    kind, rest = divmod(sys.getsizeof(text) - header, len(text) + 1)
    return kind if rest == 0 else 0


def write_text(text: str, shared: mmap.mmap, at: int) -> int:
    """``text`` as UTF-8 into ``shared`` from ``at``, a slice at a time (no whole copy);
    the bytes written, or -1 if it does not fit."""
    pos = at
    for i in range(0, len(text), SLICE_CHARS):
        data = text[i : i + SLICE_CHARS].encode("utf-8", _ERRORS)
        if pos + len(data) > len(shared):
            return -1
        shared[pos : pos + len(data)] = data
        pos += len(data)
    return pos - at


def drop_pages(shared: mmap.mmap, start: int, end: int) -> None:
    """Drop the whole pages of ``shared[start:end]`` from this process's memory (the
    mapping and its data stay: another process may still read or write them)."""
    if not (hasattr(shared, "madvise") and hasattr(mmap, "MADV_DONTNEED")):
        return
    first = -(-start // mmap.PAGESIZE) * mmap.PAGESIZE
    last = end // mmap.PAGESIZE * mmap.PAGESIZE
    if last > first:
        with contextlib.suppress(OSError, ValueError):
            shared.madvise(mmap.MADV_DONTNEED, first, last - first)


def read_text(shared: mmap.mmap, start: int, size: int, length: int, maxchar: int) -> str:
    """The text ``write_text`` left in ``shared[start:start + size]`` (``length``
    characters, ``widest`` ``maxchar``), its pages dropped as they are read.

    Raises ``ValueError`` if the bytes are not that text (``UnicodeDecodeError``: not
    UTF-8; a different length)."""
    if length == 0:
        drop_pages(shared, start, start + size)
        return ""
    builder = _builder(maxchar)
    if builder is None:
        with memoryview(shared) as view, view[start : start + size] as part:
            text = str(part, "utf-8", _ERRORS)
        drop_pages(shared, start, start + size)
        if len(text) != length:
            raise ValueError(f"expected {length} characters, found {len(text)}")
        return text
    kind, codec, new = builder
    text = str(new(length, maxchar))  # (the same object: it is a str)
    address = _data_address(text, kind)
    done, pos, end = 0, start, start + size
    with memoryview(shared) as view:
        while pos < end:
            cut = min(end, pos + SLICE_BYTES)
            while cut < end and 0x80 <= shared[cut] < 0xC0:  # not inside a character
                cut -= 1
            if cut <= pos:  # a slice shorter than its first character: that character
                cut = pos + 1
                while cut < end and 0x80 <= shared[cut] < 0xC0:
                    cut += 1
            with view[pos:cut] as part:
                piece = str(part, "utf-8", _ERRORS)
            if done + len(piece) > length:
                raise ValueError(f"more than the {length} characters expected")
            data = piece.encode(codec, _ERRORS)  # UnicodeEncodeError: wider than said
            if len(data) != len(piece) * kind:  # a pair of surrogates: wider than said
                raise ValueError(f"characters above {maxchar:#x}")
            del piece
            ctypes.memmove(address + done * kind, data, len(data))
            done += len(data) // kind
            drop_pages(shared, pos, cut)
            pos = cut
    drop_pages(shared, start, end)
    if done != length:
        raise ValueError(f"expected {length} characters, found {done}")
    return text


_CODECS = {0x7F: (1, "ascii"), 0xFF: (1, "latin-1"), 0xFFFF: (2, "utf-16-le")}
_CODECS[0x10FFFF] = (4, "utf-32-le")
_checked: dict[int, bool] = {}


def _data_address(text: str, kind: int) -> int:
    """Where a compact string's characters start (CPython: right after its header,
    whose size is what ``sys.getsizeof`` counts beyond the characters and their NUL)."""
    return id(text) + sys.getsizeof(text) - (len(text) + 1) * kind


def _builder(maxchar: int) -> tuple[int, str, Any] | None:
    """``(bytes a character, codec writing that layout, PyUnicode_New)`` when strings of
    ``maxchar``'s kind can be made and filled here; None otherwise. Checked once per kind:
    a probe string is filled this way and must equal the same characters made by Python."""
    if maxchar not in _CODECS or sys.implementation.name != "cpython":
        return None
    try:
        new = ctypes.pythonapi.PyUnicode_New
    except AttributeError:
        return None
    new.argtypes = (ctypes.c_ssize_t, ctypes.c_uint32)
    new.restype = ctypes.py_object
    kind, codec = _CODECS[maxchar]
    ok = _checked.get(maxchar)
    if ok is None:
        ok = _checked[maxchar] = _probe(new, maxchar, kind, codec)
    return (kind, codec, new) if ok else None


_PROBES = {0x7F: "probe", 0xFF: "pr\xf6be", 0xFFFF: "pr\u2019be", 0x10FFFF: "pr\U0001d4c5be"}


def _probe(new: Any, maxchar: int, kind: int, codec: str) -> bool:
    expected = _PROBES[maxchar]
    data = expected.encode(codec)
    # First only read: a string made by Python must be where the layout says it is.
    offset = sys.getsizeof(expected) - (len(expected) + 1) * kind
    if not 16 <= offset <= 256 or ctypes.string_at(id(expected) + offset, len(data)) != data:
        return False
    try:
        made = new(len(expected), maxchar)
    except Exception:  # any failure means: not this way
        return False
    if not isinstance(made, str) or len(made) != len(expected):
        return False
    if sys.getsizeof(made) != sys.getsizeof(expected):
        return False
    ctypes.memmove(_data_address(made, kind), data, len(data))
    return made == expected and hash(made) == hash(expected)
