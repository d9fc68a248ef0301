"""``analyze --format json`` written piece by piece (issue 13: a 50 MB document must not
hold its whole JSON in memory).

``json.dumps(to_json_dict(doc, analysis))`` built every sentence, citation and claim as a
dict, then one string of the whole output (several times the text's size). Here the same
bytes are written in pieces of at most ~``BUFFER`` characters: the top-level object's
punctuation by hand, each item with ``json.dumps`` (so escaping and separators are the
library's), and the document's text in slices (escaping is per code point, so slicing a
``str`` never splits an escape). A test compares the output with ``json.dumps`` of
``to_json_dict``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from json.encoder import encode_basestring
from typing import Any, BinaryIO, TextIO

from closeread.analysis.model import Analysis, Citation, Claim
from closeread.analysis.serialize import document_dict, source_dict, summary
from closeread.document import Document

BUFFER = 1 << 16
"""Characters gathered before each write."""
TEXT_SLICE = 1 << 20
"""Characters of the document's text escaped at a time."""
SENTENCE_BATCH = 4096
"""Sentences written at a time."""
ITEM_BATCH = 512
"""Citations, sources or claims encoded at a time."""


_dumps = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(value, ensure_ascii=False)``, without building an encoder per item."""


def _string(text: str) -> Iterator[str]:
    """``json.dumps(text)`` in pieces."""
    yield '"'
    for i in range(0, len(text), TEXT_SLICE):
        yield _dumps(text[i : i + TEXT_SLICE])[1:-1]
    yield '"'


_str = encode_basestring
"""A string as the encoder writes it with ``ensure_ascii=False`` (the same function)."""
_BOOL = ("false", "true")


def _int(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def claim_json(k: Claim) -> str:
    """``_dumps(claim_dict(k))``, formatted directly (a dict and the encoder's walk over it
    for each of a big book's 300,000 claims cost twice as much)."""
    return (
        f'{{"id": {_str(k.id)}, "start": {int.__repr__(k.start)}, '
        f'"end": {int.__repr__(k.end)}, "text": {_str(k.text)}, '
        f'"citations": [{", ".join(map(_str, k.citations))}], '
        f'"supported": {_BOOL[bool(k.supported)]}, "corrected": {_BOOL[bool(k.corrected)]}}}'
    )


def citation_json(c: Citation) -> str:
    """``_dumps(citation_dict(c))``, formatted directly (see ``claim_json``)."""
    return (
        f'{{"id": {_str(c.id)}, "kind": {_str(c.kind)}, "source": {_str(c.source)}, '
        f'"source_name": {_str(c.source_name)}, "title": {_str(c.title)}, '
        f'"start": {int.__repr__(c.start)}, "end": {int.__repr__(c.end)}, '
        f'"quote": {_str(c.quote)}, "lead_in": {_str(c.lead_in)}, '
        f'"lead_in_start": {_int(c.lead_in_start)}, "lead_in_end": {_int(c.lead_in_end)}, '
        f'"url": {_str(c.url)}, "manual": {_BOOL[bool(c.manual)]}}}'
    )


def _encoded(items: Iterable[str]) -> Iterator[str]:
    """A JSON array of items already encoded, ``ITEM_BATCH`` of them joined at a time."""
    it = iter(items)
    yield "["
    first = True
    for batch in iter(lambda: list(islice(it, ITEM_BATCH)), []):
        part = ", ".join(batch)
        yield part if first else ", " + part
        first = False
    yield "]"


def _array(items: Iterable[Any]) -> Iterator[str]:
    """A JSON array, ``ITEM_BATCH`` items encoded at a time (one encoder call per item was
    most of the writing; the encoder joins a list's items with ", " as this does)."""
    it = iter(items)
    yield "["
    first = True
    for batch in iter(lambda: list(islice(it, ITEM_BATCH)), []):
        part = _dumps(batch)[1:-1]
        yield part if first else ", " + part
        first = False
    yield "]"


def _sentences(analysis: Analysis) -> Iterator[str]:
    """The ``sentences`` array, as ``json.dumps`` writes it, a few thousand at a time
    (offsets are ints: no dict and no encoder needed)."""
    spans = analysis.sentences
    yield "["
    for i in range(0, len(spans), SENTENCE_BATCH):
        starts, ends = spans.starts[i : i + SENTENCE_BATCH], spans.ends[i : i + SENTENCE_BATCH]
        part = ", ".join(f'{{"start": {s}, "end": {e}}}' for s, e in zip(starts, ends, strict=True))
        yield part if i == 0 else ", " + part
    yield "]"


def pieces(doc: Document, analysis: Analysis) -> Iterator[str]:
    """The text of ``json.dumps(to_json_dict(doc, analysis), ensure_ascii=False)``."""
    yield from _head(doc, analysis)
    yield from _tail(analysis)


def _head(doc: Document, analysis: Analysis) -> Iterator[str]:
    """The object up to its claims: the document, sentences, citations and sources."""
    yield '{"closeread": 1, "document": {'
    first = True
    for key, value in document_dict(doc).items():
        yield ("" if first else ", ") + _dumps(key) + ": "
        first = False
        if key == "text":
            yield from _string(value)
        else:
            yield _dumps(value)
    yield "}"
    yield ', "sentences": '
    yield from _sentences(analysis)
    yield ', "citations": '
    yield from _encoded(map(citation_json, analysis.citations))
    yield ', "sources": '
    yield from _array(map(source_dict, analysis.sources))


def _tail(analysis: Analysis) -> Iterator[str]:
    """The rest of the object: the claims and the summary."""
    yield ', "claims": '
    yield from _encoded(map(claim_json, analysis.claims))
    yield ', "summary": ' + _dumps(summary(analysis)) + "}"


def _buffered(parts: Iterable[str], write: Callable[[str], object]) -> None:
    """Write ``parts`` through ``write`` about ``BUFFER`` characters at a time."""
    buf: list[str] = []
    size = 0
    for piece in parts:
        buf.append(piece)
        size += len(piece)
        if size >= BUFFER:
            write("".join(buf))
            buf, size = [], 0
    if buf:
        write("".join(buf))


def write_json(doc: Document, analysis: Analysis, write: Callable[[str], object]) -> None:
    """Write the ``analyze --format json`` object and a newline through ``write``."""
    _buffered(chain(pieces(doc, analysis), ["\n"]), write)


TWO_CORES_CLAIMS = 20_000
"""Claims from which ``write_json_two_cores`` formats them in a second process (a fork
costs a few milliseconds; formatting a novel's 20,000 claims ~50)."""


def write_json_two_cores(doc: Document, analysis: Analysis, out: TextIO) -> None:
    """``write_json(doc, analysis, out.write)``, the same bytes, on two cores for a big
    analysis: a forked process formats the claims (about half of the work) into a
    temporary file while this one writes the rest to ``out``, then the file is copied
    after it. Where that cannot be done (no fork, no temporary file, few claims, the
    second process failed) this process writes it all."""
    raw: BinaryIO | None = getattr(out, "buffer", None)
    if raw is None or len(analysis.claims) < TWO_CORES_CLAIMS or not hasattr(os, "fork"):
        write_json(doc, analysis, out.write)
        out.flush()
        return
    try:
        side = tempfile.TemporaryFile()  # noqa: SIM115 (closed below, in both processes)
    except OSError:
        write_json(doc, analysis, out.write)
        out.flush()
        return
    with side:
        out.flush()  # (nothing buffered may be written twice)
        pid = _claims_aside(analysis, side, out.encoding, out.errors or "strict")
        _buffered(_head(doc, analysis), out.write)
        if pid is not None and os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0:
            out.flush()
            side.seek(0)
            shutil.copyfileobj(side, raw, 1 << 20)
            raw.flush()
            return
    _buffered(chain(_tail(analysis), ["\n"]), out.write)
    out.flush()


def _claims_aside(analysis: Analysis, side: BinaryIO, encoding: str, errors: str) -> int | None:
    """Fork a process that writes the claims, the summary and the last newline to
    ``side`` (encoded as ``out`` encodes them) and leaves; its pid, or None if fork failed."""
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid:
        return pid
    code = 1  # the second process: never returns
    try:

        def put(text: str) -> None:
            side.write(text.encode(encoding, errors))

        _buffered(chain(_tail(analysis), ["\n"]), put)
        side.flush()
        code = 0
    finally:
        os._exit(code)
