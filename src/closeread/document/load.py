"""Reading a file (or a string) into a ``Document``.

``load`` = ``decode.read_bytes`` + ``decode.decode_bytes`` (clear ``InputError`` for every
bad input) + ``layout.build`` (normalised text and blocks). On War and Peace (3.2 MB) the
whole of it takes about 40-50 ms on the 2-core dev machine (see
``benchmarks/sentences_bench.py``), so the reader needs no partial loading.
"""

from __future__ import annotations

from pathlib import Path

from closeread.document.decode import decode_bytes, read_bytes
from closeread.document.layout import build, detect_format
from closeread.document.model import DocFormat, Document
from closeread.document.normalise import NORMALISATION_VERSION
from closeread.errors import InputError

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"})


def format_for(path: Path | None, text: str) -> DocFormat:
    """'markdown' for Markdown file names, else what the text looks like."""
    if path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES:
        return "markdown"
    return detect_format(text)


def load_text(
    text: str,
    path: Path | None = None,
    fmt: DocFormat | None = "text",
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
) -> Document:
    """Build a document from already-decoded text; never raises for any ``str``.

    ``fmt=None`` picks the format from ``path``'s suffix or from the text itself.
    """
    if fmt is None:
        fmt = format_for(path, text)
    layout = build(text, fmt)
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
        warnings=[*(warnings or []), *layout.warnings],
        normalisation_version=NORMALISATION_VERSION,
    )


def load(path: Path) -> Document:
    """Read and normalise ``path``; raise ``InputError`` with a clear message on bad input.

    The file is only read, never written.
    """
    path = Path(path)
    decoded = decode_bytes(read_bytes(path), path)
    doc = load_text(
        decoded.text,
        path,
        format_for(path, decoded.text),
        encoding=decoded.encoding,
        warnings=decoded.warnings,
    )
    if all(b.kind in ("metadata", "rule") for b in doc.blocks):
        raise InputError("has no readable text (only markup or metadata)", path=path)
    return doc
