"""PDF with a text layer: pages of lines re-made into paragraphs.

The text of each page comes from **pypdf** (BSD, pure Python; pdfminer.six is MIT too but
slower to import, and PyMuPDF is AGPL). A PDF has lines, not paragraphs, so:

- running headers and footers (a line repeated at the top or bottom of most pages, digits
  ignored) and page numbers ("12", "Page 3 of 9", "- 4 -") are dropped;
- lines are joined into paragraphs; a paragraph ends at a line that ends a sentence and
  stops well short of the usual line width, or before a line that starts a reference entry
  ("[12] ...") or a list item; a paragraph runs on across a page break;
- a word hyphenated at a line end ("informa-" / "tion") is joined without its hyphen.

A PDF without any text (a scan) is refused with one line, and so is an encrypted one that
an empty password does not open.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from io import BytesIO
from pathlib import Path
from typing import Any

from closeread.document.formats import Extracted, missing_extra
from closeread.errors import InputError

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[ivxlcdm]{1,6}",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_HYPHENATED = re.compile(r"[A-Za-z\u00c0-\u024f]-$")
_STARTS_ENTRY = re.compile(r"\[\d{1,4}\]\s|\d{1,3}\.\s+[A-Z]|[\u2022\u25aa\u2013*-]\s")
_ENDS_SENTENCE = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_SPACE = re.compile(r"[ \t\u00a0]+")


def _lines(page_text: str) -> list[str]:
    return [_SPACE.sub(" ", line).strip() for line in page_text.splitlines() if line.strip()]


def _running(pages: list[list[str]]) -> set[str]:
    """Lines (digits masked) found at the top or bottom of at least half of the pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_DIGITS.sub("#", line) for line in lines[:2] + lines[-2:]}
        counts.update(edge)
    return {line for line, n in counts.items() if n >= max(3, len(pages) // 2)}


def _clean_pages(pages: list[list[str]]) -> list[list[str]]:
    running = _running(pages)
    out = []
    for lines in pages:
        kept = [
            line
            for i, line in enumerate(lines)
            if _DIGITS.sub("#", line) not in running
            and not ((i < 2 or i >= len(lines) - 2) and _PAGE_NUMBER.fullmatch(line))
        ]
        out.append(kept)
    return out


def paragraphs(pages: list[list[str]]) -> list[str]:
    """The pages' lines (headers, footers, numbers already dropped) as paragraphs."""
    lengths = [len(line) for lines in pages for line in lines]
    if not lengths:
        return []
    width = statistics.median(lengths)
    paras: list[str] = []
    current = ""
    previous = ""
    for lines in pages:
        for line in lines:
            if current and (
                _STARTS_ENTRY.match(line)
                or (_ENDS_SENTENCE.search(previous) and len(previous) < 0.8 * width)
            ):
                paras.append(current)
                current = ""
            if not current:
                current = line
            elif _HYPHENATED.search(current) and line[:1].islower():
                current = current[:-1] + line
            else:
                current += " " + line
            previous = line
    if current:
        paras.append(current)
    return paras


def _open(data: bytes, where: object) -> Any:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise missing_extra("pdf", "pypdf", where) from None
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # pypdf's DependencyError (no AES library) and others
                opened = False
            if not opened:
                raise InputError(
                    "is encrypted (password-protected): closeread cannot read it", path=where
                )
        return reader
    except InputError:
        raise
    except (PdfReadError, ValueError, OSError, KeyError, TypeError) as exc:
        raise InputError(f"is not a valid PDF (damaged: {exc})", path=where) from None


def _info(reader: Any, name: str) -> str:
    try:
        meta = reader.metadata
        value = getattr(meta, name, None) if meta is not None else None
    except Exception:  # a damaged info dictionary is no reason to refuse the text
        return ""
    return " ".join(str(value).split()) if value else ""


def extract_pdf(data: bytes, path: Path | None = None, url: str = "") -> Extracted:
    """The text of the PDF in ``data`` as paragraphs, with its document information."""
    where = path if path is not None else (url or "<input>")
    reader = _open(data, where)
    pages: list[list[str]] = []
    try:
        for page in reader.pages:
            pages.append(_lines(page.extract_text() or ""))
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged content streams
        raise InputError(f"is not a valid PDF (damaged: {exc})", path=where) from None
    if not any(pages):
        raise InputError(
            "has no text layer (a scanned or image-only PDF): closeread needs text", path=where
        )
    paras = paragraphs(_clean_pages(pages))
    title = _info(reader, "title") or (paras[0] if paras and len(paras[0]) <= 120 else "")
    date = ""
    try:
        created = reader.metadata.creation_date if reader.metadata is not None else None
        date = created.date().isoformat() if created is not None else ""
    except Exception:  # an unparsable date in the info dictionary
        date = ""
    return Extracted(
        text="\n\n".join(paras),
        format="pdf",
        loader="pypdf",
        title=title,
        author=_info(reader, "author"),
        date=date,
        url=url,
    )
