"""Web pages: the article of an HTML page as Markdown, with the page's metadata.

Main content comes from **readability-lxml** (the port of the algorithm behind Firefox's
reader view) with the reader view's own choice of container and clean-up on top of it
(``html_readable.ReaderView``: lists, captions, data tables and permalinked headings stay,
page furniture named by class or ARIA role goes), and **trafilatura** (extra ``html``,
when installed) as the fallback when readability keeps only a fragment of what
trafilatura finds (a front page). Measured on the 38 pages of ``shared/corpus/html/dev``
(``benchmarks/html_eval.py``): readability-lxml alone 0.937 mean token F1, trafilatura
alone 0.937, closeread 0.975 with or without trafilatura; on the held-out Zyte set 0.958,
0.951 and 0.961 (trafilatura is not needed on any page of either set). Both outputs are
written by the same ``html_markdown.to_markdown``, so paragraphs, headings, lists, block
quotes and links look the same whichever was chosen.

Decoding: a byte-order mark, then strict UTF-8 (a page that decodes as UTF-8 is UTF-8,
whatever its ``<meta charset>`` says: saved pages often keep a stale declaration), then
the declared charset, then cp1252.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from closeread.document.formats import Extracted, missing_dependency
from closeread.document.html_markdown import to_markdown
from closeread.document.html_meta import page_meta
from closeread.errors import InputError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.\-]+)""", re.I)
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")
_TAG = re.compile(r"<[a-zA-Z!/?]")
FRAGMENT = 0.1
"""Readability's text is a fragment when it has fewer words than this share of
trafilatura's; trafilatura's text is used then."""
_BOILERPLATE_TAGS = ("nav", "footer", "aside", "form")
_SHARE = re.compile(r"#{1,6} share (?:this|on)(?: \w+)?[:.]?", re.IGNORECASE)
_TRAILER = re.compile(
    r"(#{1,6}) (?:related(?: (?:posts|articles|stories|content|reading))?"
    r"|more (?:stories|from \w+)|you (?:may|might) also like|read next"
    r"|recommended(?: for you)?)[:.]?",
    re.IGNORECASE,
)


def drop_trailers(markdown: str) -> str:
    """Remove "Share this story" headings, and "Related" sections in the second half of the
    text: such a heading and what follows it up to the next heading of the same or a higher
    level (an extractor's common leftovers)."""
    blocks = markdown.split("\n\n")
    out: list[str] = []
    skipping = 0  # level of the heading being skipped, 0 when keeping
    for i, block in enumerate(blocks):
        if _SHARE.fullmatch(block):
            continue
        level = len(block) - len(block.lstrip("#")) if block.startswith("#") else 0
        if skipping and level and level <= skipping:
            skipping = 0
        m = _TRAILER.fullmatch(block)
        if m is not None and i >= len(blocks) // 2:
            skipping = len(m.group(1))
            continue
        if not skipping:
            out.append(block)
    return "\n\n".join(out)


def decode_html(data: bytes, path: object = None) -> tuple[str, list[str]]:
    """The text of an HTML file and the warnings about how it was decoded."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096])
    if m is not None:
        name = m.group(1).decode("ascii", "replace").lower()
        if name in ("gb2312", "gbk"):
            name = "gb18030"  # the superset every browser uses for both
        try:
            return data.decode(name, errors="replace"), []
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace"), ["not valid UTF-8: decoded as cp1252"]


_MD_LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)")
_END_TAG = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
TRUNCATED_WORDS = 10
"""A truncated page with fewer words than this outside its links is refused: what was
saved of it is its head and menus, not its text."""


def truncated(html: str) -> bool:
    """Whether the page ends before ``</body>`` or ``</html>`` (a download cut short)."""
    return _END_TAG.search(html, max(0, len(html) - 65536)) is None


def words(text: str) -> int:
    """Rough word count (each CJK character a word) used to compare extractions."""
    return len(_WORD.findall(text))


def _parse(html: str, path: object) -> Any:
    try:
        import lxml.html
    except ImportError:
        raise missing_dependency("lxml", path) from None
    try:
        return lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises ParserError/ValueError on empty or odd input
        raise InputError(f"cannot parse the HTML: {exc}", path=path) from None


def _readability(html: str, base: str, path: object) -> str:
    try:
        from closeread.document.html_readable import article
    except ImportError:
        raise missing_dependency("readability-lxml", path) from None
    import lxml.html

    try:
        summary = article(html, retry_length=1000, min_text_length=10)
    except Exception:  # readability raises its own Unparseable and lxml errors on odd pages
        return ""
    return to_markdown(lxml.html.fromstring(summary), base) if summary.strip() else ""


def _trafilatura(html: str, base: str, path: object) -> str:
    try:
        import trafilatura
    except ImportError:  # the optional fallback (extra "html"): readability alone then
        return ""
    import lxml.html

    try:
        out = trafilatura.extract(
            html, output_format="html", include_links=True, include_images=False, url=base or None
        )
    except Exception:
        return ""
    return to_markdown(lxml.html.fromstring(out), base) if out else ""


def _visible_text(root: Any) -> str:
    """The text of the page's body without scripts and styles."""
    parts = root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(str(p) for p in parts)


def _whole_page(root: Any, base: str) -> str:
    """Every visible block of the page but navigation and footers (the last resort)."""
    body = next(iter(root.iter("body")), root)
    return to_markdown(body, base, drop=lambda el: el.tag in _BOILERPLATE_TAGS)


def extract_html(data: bytes, path: Path | None = None, url: str = "") -> Extracted:
    """The article of the page in ``data`` as Markdown, with its metadata."""
    where = path if path is not None else (url or "<input>")
    html, warnings = decode_html(data, where)
    if not html.strip():
        raise InputError("file is empty", path=where)
    if _TAG.search(html[:65536]) is None:
        raise InputError("is not HTML (no tags)", path=where)
    # lxml refuses str input with an encoding declaration; drop the XML one.
    if html.lstrip().startswith("<?xml"):
        html = html[html.index("?>") + 2 :]
    root = _parse(html, where)
    meta = page_meta(root, url)
    base = url or meta.url
    text, loader = _readability(html, base, where), "readability-lxml"
    found = words(text)
    # trafilatura finds at most the page's visible words: when readability has a tenth of
    # those, the fallback cannot win, and its ~0.3 s (import + extraction) are saved.
    if found < FRAGMENT * words(_visible_text(root)):
        fallback = _trafilatura(html, base, where)
        if found < FRAGMENT * words(fallback):
            text, loader = fallback, "trafilatura"
    text = drop_trailers(text)
    if not text.strip():
        text, loader = _whole_page(root, base), "closeread (whole page)"
    if truncated(html) and words(_MD_LINK.sub(" ", text)) < TRUNCATED_WORDS:
        # A page cut short before its article: what is left is its navigation, if anything.
        raise InputError(
            "is cut short (truncated: it ends before </html>) and has no readable text "
            "before the cut",
            path=where,
        )
    if not text.strip():
        raise InputError("has no readable text (the page shows nothing to read)", path=where)
    return Extracted(
        text=text,
        format="html",
        loader=loader,
        title=meta.title,
        author=meta.author,
        date=meta.date,
        site=meta.site,
        url=url or meta.url,
        language=meta.language,
        warnings=warnings,
    )
