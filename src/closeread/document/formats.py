"""One loader per file format behind one interface: bytes -> ``Extracted``.

``txt`` and ``md`` are read by ``decode`` + ``layout`` directly (see ``load``). The others
turn their bytes into *Markdown text* that the same layout reads, so that every format gets
the same blocks, sentences, analysis, notes and exports:

========  ===========================  ===============================================
format    loader (module)              library (imported only when such a file is read)
========  ===========================  ===============================================
html      ``html_loader.extract_html``  readability-lxml + trafilatura (extra ``html``)
epub      ``epub_loader.extract_epub``  lxml (zip read with the standard library)
pdf       ``pdf_loader.extract_pdf``    pypdf (extra ``pdf``)
========  ===========================  ===============================================

The text a loader returns is the document's *source text* (``Document.source_text``): the
text that notes anchor to and that a snapshot of a web page keeps. Links stay in it as
``[anchor](url)`` (the analysis reads them as citations; ``Document.links`` maps them).
A library that is not installed raises ``InputError`` with the one ``pip install`` line
to run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Literal

from closeread.errors import InputError

SourceFormat = Literal["txt", "md", "html", "epub", "pdf"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
SUFFIXES: dict[str, SourceFormat] = {
    **dict.fromkeys(HTML_SUFFIXES, "html"),
    ".epub": "epub",
    ".pdf": "pdf",
}
EXTRACTED: frozenset[str] = frozenset({"html", "epub", "pdf"})
"""Formats whose text is extracted by a loader (the rest are text files)."""

_LOADERS: dict[str, tuple[str, str]] = {
    "html": ("closeread.document.html_loader", "extract_html"),
    "epub": ("closeread.document.epub_loader", "extract_epub"),
    "pdf": ("closeread.document.pdf_loader", "extract_pdf"),
}


@dataclass(slots=True)
class Extracted:
    """What a loader made of a file: Markdown text plus metadata."""

    text: str
    """Markdown text, laid out like a ``.md`` file (the document's source text)."""
    format: SourceFormat
    loader: str
    """Which extractor produced the text ("readability-lxml", "trafilatura", "pypdf"...)."""
    title: str = ""
    author: str = ""
    date: str = ""
    site: str = ""
    """Site name or publisher."""
    url: str = ""
    """Where the document was read from, else its canonical URL."""
    language: str = ""
    warnings: list[str] = field(default_factory=list)


Loader = Callable[[bytes, "Path | None", str], Extracted]


def missing_extra(extra: str, library: str, path: object) -> InputError:
    """The one-line error for a format whose optional library is not installed."""
    return InputError(
        f"reading this format needs {library}: pip install 'closeread[{extra}]'", path=path
    )


def missing_dependency(package: str, path: object) -> InputError:
    """The one-line error for a library closeread depends on but that is missing (an
    installation that lost it): there is no extra to name, the package itself is."""
    return InputError(
        f"reading this format needs {package}, which is missing here: pip install {package}",
        path=path,
    )


def sniff(path: Path | None, head: bytes) -> SourceFormat | None:
    """The extracted format of a file from its suffix, else from its first bytes; None for
    text files (``.txt``, ``.md`` and anything else that decodes as text)."""
    if path is not None:
        by_suffix = SUFFIXES.get(path.suffix.lower())
        if by_suffix is not None:
            return by_suffix
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"application/epub+zip" in head[:100]:
        return "epub"
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


_QUIET = ("pypdf", "readability", "trafilatura", "htmldate", "courlan", "justext")


def extract(data: bytes, fmt: str, path: Path | None = None, url: str = "") -> Extracted:
    """Run the loader of ``fmt`` on ``data``; raise ``InputError`` for a bad file."""
    import logging

    # The libraries log warnings about odd input ("EOF marker not found") that Python
    # would print to stderr; a bad file is reported as one line (InputError) instead.
    for logger in _QUIET:
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    module, name = _LOADERS[fmt]
    loader: Loader = getattr(import_module(module), name)
    return loader(data, path, url)
