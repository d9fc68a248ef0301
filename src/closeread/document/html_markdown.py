"""An HTML element tree written as the Markdown that closeread's layout reads.

Used for the article part of a web page (HTML loader) and for EPUB chapters. What is
kept: paragraphs, headings (``#``), list items (``-`` / ``1.``, nested by indentation),
``<blockquote>`` as ``>`` quotes, ``<pre>`` as fenced code, table rows (cells separated
by a space), ``<q>`` as curly quotes, and links as ``[anchor text](url)`` when the URL
points outside the page (http/https, resolved against the page's address): the analysis
reads those as citations. Dropped: scripts, styles, SVG, forms' controls, hidden elements
and images (a web page's images carry no argument; their alt text is mostly noise).

The text of the page is data: nothing in it is interpreted, and characters that would
make Markdown of a paragraph (a leading ``#``, ``>``, ``-``...) are left as they are,
because the layout only reads them at the start of a line of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "svg", "math", "template", "iframe", "object",
        "embed", "head", "button", "input", "select", "textarea", "option", "canvas",
        "audio", "video", "img", "picture", "source", "map", "area", "link", "meta",
    }
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "figure", "figcaption", "address", "center", "details", "summary", "dl", "dt",
        "dd", "form", "fieldset", "legend", "hgroup", "body", "html", "caption",
        "ul", "ol", "menu", "table", "thead", "tbody", "tfoot", "hr",
    }
)  # fmt: skip
HEADINGS = {f"h{i}": i for i in range(1, 7)}
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_EXTERNAL = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(slots=True)
class _Block:
    kind: str  # "p", "h", "li", "pre"
    text: str
    level: int = 0
    quote: int = 0
    marker: str = ""


@dataclass(slots=True)
class _Writer:
    base_url: str
    blocks: list[_Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    quote: int = 0
    lists: list[list[int]] = field(default_factory=list)  # [ordered?, next number]
    pending: _Block | None = None  # a list item or heading whose text is being collected

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.parts)).strip()
        self.parts.clear()
        pending, self.pending = self.pending, None
        if not text:
            if pending is not None and pending.kind == "li":
                pending.text = ""
            return
        if pending is not None:
            pending.text = text
            self.blocks.append(pending)
        else:
            self.blocks.append(_Block("p", text, quote=self.quote))


def _hidden(el: Any) -> bool:
    get = el.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    style = get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _link(href: str | None, base_url: str) -> str:
    """An absolute external URL for ``href``, or "" (anchors, scripts, relative on a file)."""
    if not href:
        return ""
    href = href.strip()
    if base_url and not _EXTERNAL.match(href) and not href.startswith("#"):
        href = urljoin(base_url, href)
    if href.startswith("//"):
        href = "https:" + href
    if not _EXTERNAL.match(href):
        return ""
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _walk(el: Any, w: _Writer) -> None:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return
    tag = tag.rsplit("}", 1)[-1].lower()  # XHTML namespaces (EPUB)
    if tag in SKIP_TAGS or _hidden(el):
        return
    if tag == "br":
        w.parts.append("\n")
        return
    if tag in HEADINGS:
        w.flush()
        w.pending = _Block("h", "", level=HEADINGS[tag], quote=w.quote)
        _children(el, w)
        w.flush()
        return
    if tag == "pre":
        w.flush()
        text = el.text_content().strip("\n")
        if text.strip():
            w.blocks.append(_Block("pre", text, quote=w.quote))
        return
    if tag == "blockquote":
        w.flush()
        w.quote += 1
        _children(el, w)
        w.flush()
        w.quote -= 1
        return
    if tag in ("ul", "ol", "menu"):
        w.flush()
        w.lists.append([tag == "ol", _start(el)])
        _children(el, w)
        w.flush()
        w.lists.pop()
        return
    if tag == "li":
        w.flush()
        depth = max(1, len(w.lists))
        ordered, number = w.lists[-1] if w.lists else (False, 1)
        marker = f"{number}." if ordered else "-"
        if w.lists:
            w.lists[-1][1] += 1
        w.pending = _Block("li", "", level=depth, quote=w.quote, marker=marker)
        _children(el, w)
        w.flush()
        return
    if tag in ("tr",):
        w.flush()
        _children(el, w, sep=" ")
        w.flush()
        return
    if tag in ("td", "th"):
        w.parts.append(" ")
        _children(el, w)
        w.parts.append(" ")
        return
    if tag == "a":
        url = _link(el.get("href"), w.base_url)
        if not url:
            _children(el, w)
            return
        inner = _Writer(w.base_url)
        _children(el, inner)
        anchor = _SPACE.sub(" ", "".join(inner.parts)).strip()
        if inner.blocks or not anchor or "[" in anchor or "]" in anchor:
            # A link around blocks, or with brackets: keep its text, drop the address.
            _children(el, w)
            return
        lead = " " if el.text and el.text[:1].isspace() else ""
        w.parts.append(f"{lead}[{anchor}]({url})")
        return
    if tag == "q":
        w.parts.append("\u201c")
        _children(el, w)
        w.parts.append("\u201d")
        return
    if tag in BLOCK_TAGS:
        w.flush()
        _children(el, w)
        w.flush()
        return
    _children(el, w)


def _start(el: Any) -> int:
    try:
        return int(el.get("start") or 1)
    except ValueError:
        return 1


def _children(el: Any, w: _Writer, sep: str = "") -> None:
    if el.text:
        w.parts.append(el.text)
    for child in el:
        _walk(child, w)
        if sep:
            w.parts.append(sep)
        if child.tail:
            w.parts.append(child.tail)


def _fence(text: str) -> str:
    fence = "~~~~" if "```" in text else "```"
    return f"{fence}\n{text}\n{fence}"


def to_markdown(root: Any, base_url: str = "", *, drop: Callable[[Any], bool] | None = None) -> str:
    """The Markdown text of the element ``root`` (an lxml element), blocks apart by a blank line.

    ``drop(el)``, when given, removes elements before writing (e.g. navigation).
    """
    if drop is not None:
        for el in list(root.iter()):
            if el is not root and isinstance(el.tag, str) and drop(el):
                parent = el.getparent()
                if parent is not None:
                    el.drop_tree()
    w = _Writer(base_url)
    _walk(root, w)
    w.flush()
    out: list[str] = []
    for b in w.blocks:
        if b.kind == "h":
            line = "#" * b.level + " " + b.text
        elif b.kind == "li":
            line = "    " * (b.level - 1) + b.marker + " " + b.text
        elif b.kind == "pre":
            line = _fence(b.text)
        else:
            line = b.text
        if b.quote:
            prefix = "> " * b.quote
            line = "\n".join(prefix + x for x in line.split("\n"))
        out.append(line)
    return "\n\n".join(out)
