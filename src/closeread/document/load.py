"""Reading a file (or a string) into a ``Document``.

``load`` = ``decode.read_bytes`` + ``decode.decode_bytes`` (clear ``InputError`` for every
bad input) + ``mojibake.repair`` (only when the text holds a mojibake lead character) +
``layout.build`` (normalised text and blocks). HTML, EPUB and PDF files go through their
loader first (``formats.extract``: bytes -> Markdown text + metadata), whose text is then
laid out as Markdown (``load_extracted``). The text normalisation starts from (the decoded
file, or the loader's text) is kept as the document's ``source_text``: exports point into
it (``source_map``). On War and Peace (3.2 MB) the whole of it takes about 50-80 ms on the
2-core dev machine (``benchmarks/load_bench.py``); the repair's ~20 ms are paid back
there, as its only C1 controls were mojibake and ``clean_text`` then skips its regex pass.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from closeread.document.decode import decode_bytes, read_bytes
from closeread.document.formats import EXTRACTED, Extracted, extract, sniff
from closeread.document.layout import build, detect_format
from closeread.document.model import DocFormat, Document
from closeread.document.normalise import NORMALISATION_VERSION
from closeread.errors import InputError

# The lead characters of mojibake (see ``mojibake``): only a text holding one imports it.
_MOJIBAKE_LEADS = re.compile("[\u00c2-\u00f4]")
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"})


def format_for(path: Path | None, text: str) -> DocFormat:
    """'markdown' for Markdown file names, else what the text looks like."""
    if path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES:
        return "markdown"
    return detect_format(text)


def load_text(
    text: str | list[str],
    path: Path | None = None,
    fmt: DocFormat | None = "text",
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    inline: bool = True,
) -> Document:
    """Build a document from already-decoded text; never raises for any ``str``.

    ``fmt=None`` picks the format from ``path``'s suffix or from the text itself.
    ``text`` as a one-item list is taken out of it and not kept as the document's
    ``source_text`` (``load(keep_source=False)``): each copy of a big text made on the
    way (repaired, cleaned, laid out) is let go as soon as the next one exists.
    """
    keep = not isinstance(text, list)
    source = text if isinstance(text, str) else text.pop()
    if fmt is None:
        fmt = format_for(path, source)
    repaired = source
    if _MOJIBAKE_LEADS.search(source) is not None:
        from closeread.document.mojibake import repair

        repaired = repair(source)
    notes = _repaired(source, repaired)
    if not keep:
        source = ""
    box = [repaired]
    del repaired
    layout = build(box, fmt, inline=inline)
    meta = layout.meta
    title = meta.title or (path.stem if path is not None else "")
    return Document(
        text=layout.text,
        blocks=layout.blocks,
        path=path,
        format=fmt,
        title=title,
        byline=meta.byline,
        publisher=meta.publisher,
        encoding=encoding,
        warnings=[*(warnings or []), *layout.warnings, *notes],
        normalisation_version=NORMALISATION_VERSION,
        source_format="md" if fmt == "markdown" else "txt",
        date=meta.date,
        source_text=source if keep else None,
    )


def _reread(path: Path) -> str:
    """A text file's decoded text, read again (``load(keep_source=False)``)."""
    return decode_bytes(read_bytes(path), path).text


def _repaired(text: str, repaired: str) -> list[str]:
    if repaired is text:
        return []
    return ["repaired mojibake: UTF-8 text once read as cp1252 (“Ã©” became “é”)"]


def load_extracted(ext: Extracted, path: Path | None = None) -> Document:
    """The document of a loader's output (laid out as Markdown, its metadata kept)."""
    doc = load_text(ext.text, path, "markdown", warnings=ext.warnings, inline=False)
    doc.source_format = ext.format
    doc.loader = ext.loader
    doc.source_text = ext.text
    doc.title = ext.title or doc.title
    doc.byline = ext.author or doc.byline
    doc.publisher = ext.site or doc.publisher
    doc.canonical_url, doc.language = ext.url, ext.language
    doc.date = ext.date or doc.date
    return doc


def load(path: Path, url: str = "", *, keep_source: bool = True) -> Document:
    """Read and normalise ``path``; raise ``InputError`` with a clear message on bad input.

    ``url``: where the file was fetched from (a web page's snapshot). The file is only
    read, never written. With ``keep_source`` False a text file's decoded text is not
    kept (``source_text`` is decoded again if asked): a 50 MB book then never holds more
    than two whole copies of its text at once while it is laid out.
    """
    path = Path(path)
    data = read_bytes(path)
    fmt = sniff(path, data[:1024])
    if fmt in EXTRACTED:
        if not data:
            raise InputError("file is empty", path=path)
        if not url:
            from closeread.document.fetch import snapshot_url

            url = snapshot_url(path)
        doc = load_extracted(extract(data, fmt, path, url), path)
        doc.url = url
        if all(b.kind in ("metadata", "rule") for b in doc.blocks):
            raise InputError("has no readable text", path=path)
        return doc
    decoded = decode_bytes(data, path)
    del data  # a big file's bytes, not needed while it is laid out
    layout_fmt = format_for(path, decoded.text)
    text: str | list[str] = decoded.text
    if not keep_source:
        text, decoded.text = [decoded.text], ""
    doc = load_text(text, path, layout_fmt, encoding=decoded.encoding, warnings=decoded.warnings)
    del text
    if not keep_source:
        doc.source_loader = partial(_reread, path)
    if all(b.kind in ("metadata", "rule") for b in doc.blocks):
        raise InputError("has no readable text (only markup or metadata)", path=path)
    return doc
