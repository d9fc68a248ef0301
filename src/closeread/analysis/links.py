"""Links as citations: Markdown inline links, reference links and bare URLs.

A link is a citation when it points outside the document (http, https, ftp, www): an
anchor ("#"), a relative or templated path is navigation, not a source. Images are not
citations. The source is the publication named in the link text when the text names one
(an emphasised title, or a word that matches the site's domain), else the site's domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from closeread.analysis.found import Found
from closeread.analysis.names import strip_markup

_INLINE = re.compile(
    r"\[(?<!!\[)(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\]){1,300})\]"
    r"\((?P<url>[^()\s]{1,2000}(?:\([^()\s]*\)[^()\s]*)?)(?:\s+\"[^\"\n]*\")?\)"
)
_REFERENCE = re.compile(
    r"\[(?<![!\]]\[)(?P<text>[^\[\]\n]{1,300})\][ ]?\[(?P<key>[^\[\]\n]{0,60})\](?!\()"
)
_DEFINITION = re.compile(
    r"\[(?<![^\s]\[)(?P<key>[^\[\]\n^]{1,60})\]:[ \t]*(?P<url>[^\s]+)(?:[ \t]+\([^)\n]*\))?"
)
_BARE = re.compile(
    r"(?:h(?<![(<\[\w/=\"']h)ttps?://|w(?<![(<\[\w/=\"']w)ww\.)[^\s<>()\[\]\"'`]{2,2000}"
)
_EXTERNAL = re.compile(r"^(?:https?:|ftp:|www\.)", re.IGNORECASE)
_EMPH = re.compile(r"(?:^|\s)(?<![_*])[_*](?P<name>[A-Z][^_*\n]{1,60}?)[_*](?![_*\w])")
_DOMAIN = re.compile(
    r"^(?:[a-z]+:)?//(?:www\d?\.)?(?P<host>[^/?#:\s]+)|^www\.(?P<host2>[^/?#:\s]+)", re.IGNORECASE
)


def domain(url: str) -> str:
    """The site of ``url`` without "www." ("https://www.forbes.com/x" → "forbes.com")."""
    m = _DOMAIN.match(url.strip())
    if not m:
        return ""
    return (m.group("host") or m.group("host2") or "").lower().rstrip(".")


def link_definitions(text: str) -> dict[str, tuple[str, int, int]]:
    """``[key]: url`` definitions: key (lowercase) → (url, start, end of the definition)."""
    defs: dict[str, tuple[str, int, int]] = {}
    for m in _DEFINITION.finditer(text):
        defs.setdefault(m.group("key").strip().lower(), (m.group("url"), m.start(), m.end()))
    return defs


def _source_for(link_text: str, url: str) -> tuple[str, str]:
    """(source name, kind) of a link."""
    m = _EMPH.search(link_text)
    if m:
        return strip_markup(m.group("name")), "publication"
    host = domain(url)
    label = host.split(".")[-2] if host.count(".") >= 1 else host
    if label:
        for word in re.findall(r"[A-Z][\w&\-]+(?:\s+[A-Z][\w&\-]+)*", strip_markup(link_text)):
            if word.replace(" ", "").lower() == label.lower():
                return word, "publication"
    return host, "website"


def _add_text_link(out: list[Found], m: re.Match[str], url: str) -> None:
    """A ``link`` citation for the text of link ``m`` when ``url`` points outside."""
    if not _EXTERNAL.match(url):
        return
    name, kind = _source_for(m.group("text"), url)
    out.append(
        Found("link", m.start("text"), m.end("text"), raw_source=name, source_kind=kind, url=url)
    )


def find_links(
    text: str,
    start: int,
    end: int,
    definitions: dict[str, tuple[str, int, int]],
    skip: Iterable[tuple[int, int]] = (),
) -> list[Found]:
    """Link citations in ``text[start:end]``; ``skip`` spans (definitions, references) ignored."""
    out: list[Found] = []
    # One byte per character of the range: 1 where a link or a skipped span already is.
    mask = bytearray(max(end - start, 0))
    for a, b in skip:
        a, b = max(a, start), min(b, end)
        if a < b:
            mask[a - start : b - start] = b"\x01" * (b - a)

    def free(s: int, e: int) -> bool:
        return mask.find(1, s - start, e - start) < 0

    def take(s: int, e: int) -> None:
        mask[s - start : e - start] = b"\x01" * (e - s)

    for m in _INLINE.finditer(text, start, end):
        url = m.group("url")
        if not free(m.start(), m.end()):
            continue
        take(m.start(), m.end())
        _add_text_link(out, m, url)
    for m in _REFERENCE.finditer(text, start, end):
        key = (m.group("key") or m.group("text")).strip().lower()
        if key not in definitions or not free(m.start(), m.end()):
            continue
        take(m.start(), m.end())
        _add_text_link(out, m, definitions[key][0])
    # (the cheap test first: every bare link holds "://" or "www.", which most of a book's
    # text does not, and the scan stops at every "h" and "w")
    bare = text.find("://", start, end) >= 0 or text.find("www.", start, end) >= 0
    for m in _BARE.finditer(text, start, end) if bare else ():
        url = m.group().rstrip(".,;:!?")
        if not free(m.start(), m.start() + len(url)):
            continue
        host = domain(url if "//" in url else "//" + url)
        out.append(
            Found(
                "link",
                m.start(),
                m.start() + len(url),
                raw_source=host,
                source_kind="website",
                url=url,
            )
        )
    out.sort(key=lambda f: f.start)
    return out
