"""Scholarly references: numbered footnotes with a reference list, and author-year citations.

Footnote markers are ``[1]_`` (reStructuredText), ``[^1]`` (Markdown), superscript digits
(``¹²``) and plain ``[1]`` when the document has a reference entry numbered 1. The source of
a footnote is its reference entry ("Title (Author)" + URL), so every marker of the same
number cites the same source.

Author-year citations are parenthetical \u2014 "(Smith, 2019)", "(Smith et al., 2019)",
"(Pearse & Chamberlain, 2018)", grouped "(e.g. A et al., 2013, B, 2017)", one citation per
reference \u2014 or narrative \u2014 "Philip Stark (2018)". Their source is the author(s); when the
document has a reference list, the matching entry gives the title and URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from closeread.analysis.found import Found
from closeread.analysis.names import strip_markup
from closeread.document import Document

_ENTRY = re.compile(r"(?:\.\.[ \t]+)?\[(?P<n>\^?\w{1,8})\](?::|_)?[ \t]+(?P<body>\S.*)", re.DOTALL)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+")
_MARKER = re.compile(
    r"\[(?:(?P<rst>\d{1,4}|#\w*)\]_|\^(?P<md>\w{1,20})\](?!:)|(?P<plain>\d{1,4})\](?![\[(:_]))"
    r"|(?P<sup>[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)"
)
_MARKER_FIRST = re.compile(r"[\[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]")
"""The characters a ``_MARKER`` match can start with."""
_BEFORE_SUP = re.compile(r"[\w.,;:)\"\u201d\u2019]")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_TRAILING_AUTHOR = re.compile(r"\s*\((?P<author>[^()]{2,80})\)\s*$")

_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
_SURNAME = (
    r"[A-Z\u00c0-\u00de][\w\u2019'\-]+"
    r"(?:[ \t]+(?:van|von|de|der|da|del|di)?[ \t]*[A-Z][\w\u2019'\-]+)?"
)
_AUTHORS = rf"(?P<names>{_SURNAME}(?:[ \t]+et[ \t]+al\.?|[ \t]*(?:&|and)[ \t]+{_SURNAME})?)"
_PAREN = re.compile(r"\((?P<body>[^()\n]{0,600}(?:\([^()\n]{0,600}\)[^()\n]{0,600})*)\)")
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b")
_ITEM = re.compile(rf"{_AUTHORS},?[ \t]+(?P<year>{_YEAR})\b")
_YEAR_PAREN = re.compile(rf"\((?P<year>{_YEAR})\)")
_NARRATIVE_TAIL = re.compile(rf"(?<![\w(]){_AUTHORS}[ \t]+\Z")
_NOT_AUTHOR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "version",
        "python",
        "release",
        "since",
        "in",
        "see",
        "cf",
        "e.g",
        "i.e",
        "and",
        "or",
        "the",
        "from",
        "until",
        "by",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "issue",
        "page",
        "pages",
        "vol",
        "volume",
        "no",
        "chapter",
        "section",
        "figure",
        "table",
    ]
)


@dataclass(slots=True)
class Entry:
    """One entry of a reference list."""

    key: str
    text: str
    title: str
    url: str
    start: int
    end: int


def reference_entries(doc: Document) -> dict[str, Entry]:
    """Numbered reference entries ("[1] ...", ".. [1] ...", "[^1]: ...") keyed by number."""
    entries: dict[str, Entry] = {}
    text = doc.text
    for block in doc.blocks:
        if block.kind not in ("paragraph", "reference", "list_item"):
            continue
        m = _ENTRY.match(text, block.start, block.end)
        # "[a]: url" defines a link, not a note; "[^1]: text" is a Markdown footnote.
        if (
            not m
            or m.end() > block.end
            or (text.startswith(":", m.end("n") + 1) and not m.group("n").startswith("^"))
        ):
            continue
        body = text[m.start("body") : block.end]
        url_m = _URL.search(body)
        url = url_m.group() if url_m else ""
        plain = strip_markup(_URL.sub("", body)).strip(" .,;")
        title = _TRAILING_AUTHOR.sub("", plain).strip(" .,;")
        key = m.group("n").lstrip("^")
        entries.setdefault(key, Entry(key, plain, title or plain, url, block.start, block.end))
    return entries


def find_footnotes(text: str, start: int, end: int, entries: dict[str, Entry]) -> list[Found]:
    """Footnote markers in ``text[start:end]`` (outside the reference entries themselves)."""
    out: list[Found] = []
    if _MARKER_FIRST.search(text, start, end) is None:
        return out  # (most of a novel: the one-class scan is ten times faster)
    spans = sorted((e.start, e.end) for e in entries.values())
    for m in _MARKER.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in spans):
            continue
        before = text[m.start() - 1] if m.start() > 0 else " "
        if m.group("sup") and not _BEFORE_SUP.match(before):
            continue  # a superscript marker follows a word or punctuation
        if m.group("plain") and (before.isalnum() or before in "]!_"):
            continue  # "x[1]" is an index, "][1]" a reference link
        if m.group("sup"):
            key = m.group("sup").translate(_SUPERSCRIPT)
        else:
            key = m.group("rst") or m.group("md") or m.group("plain") or ""
        entry = entries.get(key)
        if entry is None and (m.group("plain") or m.group("sup")):
            continue  # "[3]" or "²" with no reference list entry is not a footnote
        found = Found("footnote", m.start(), m.end(), source_kind="reference", key=key)
        if entry is not None:
            found.raw_source = entry.text
            found.title = entry.title
            found.url = entry.url
        else:
            found.raw_source = f"[{key}]"
        out.append(found)
    return out


def _plausible_authors(names: str) -> bool:
    first = names.split()[0].lower().rstrip(".,")
    return first not in _NOT_AUTHOR


def find_author_year(text: str, start: int, end: int) -> list[Found]:
    """Parenthetical and narrative author-year citations in ``text[start:end]``."""
    out: list[Found] = []
    for p in _PAREN.finditer(text, start, end):
        body_start = p.start("body")
        if not _HAS_YEAR.search(p.group("body")):
            continue
        for m in _ITEM.finditer(text, body_start, p.end("body")):
            names = m.group("names")
            if not _plausible_authors(names):
                continue
            out.append(
                Found(
                    "author_year",
                    m.start(),
                    m.end(),
                    raw_source=names.strip(),
                    source_kind="reference",
                    key=f"{names.split()[0].lower()} {m.group('year')[:4]}",
                )
            )
    # Narrative "Philip Stark (2018)": find the year first, then the names before it.
    for y in _YEAR_PAREN.finditer(text, start, end):
        tail = _NARRATIVE_TAIL.search(text, max(start, y.start() - 80), y.start())
        if not tail:
            continue
        names = tail.group("names")
        if not _plausible_authors(names):
            continue
        out.append(
            Found(
                "author_year",
                tail.start(),
                y.end(),
                raw_source=names.strip(),
                source_kind="reference",
                key=f"{names.split()[-1].lower()} {y.group('year')[:4]}",
            )
        )
    out.sort(key=lambda f: f.start)
    return out


def author_year_entries(doc: Document) -> dict[str, tuple[str, str]]:
    """Reference-list entries "Surname, X.: Title, ..., 2018" → {"surname 2018": (title, url)}."""
    text = doc.text
    found: dict[str, tuple[str, str]] = {}
    first = re.compile(r"[-*]?\s*\[?(?P<w>[A-Z\u00c0-\u00de][\w\u2019'\-]+)")
    link = re.compile(r"\[(?P<t>[^\]\n]{3,300})\]\((?P<u>[^)\s]+)\)")
    for block in doc.blocks:
        body = text[block.start : block.end]
        if len(body) > 1500 or block.kind not in ("paragraph", "list_item", "reference"):
            continue
        # (a year needs a "1" or a "2": most paragraphs of a novel have neither, and the
        # cheap test spares them the search)
        if "1" not in body and "2" not in body:
            continue
        m = first.match(body)
        if not m:
            continue
        years = _HAS_YEAR.findall(body)
        if not years:
            continue
        lk = link.search(body)
        title, url = (lk.group("t"), lk.group("u")) if lk else ("", "")
        for y in set(years):
            found.setdefault(f"{m.group('w').lower()} {y[:4]}", (title, url))
    return found
