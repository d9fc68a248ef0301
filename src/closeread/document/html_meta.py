"""Metadata of a web page: title, author(s), date, site, canonical URL, language.

Read from what publishers put in ``<head>`` for machines (Open Graph ``og:*``, ``article:*``,
``<meta name=author>``, Dublin Core, JSON-LD ``NewsArticle``), then from the page itself
(``<title>``, the first ``<h1>``, ``<html lang>``). These go to ``Document`` fields and are
never part of the text the analysis reads, so a byline or a site name never becomes a
cited source.

The title follows what a reader expects (and Readability does): the page's ``<title>``
without the site name appended with a separator ("Story - Site"), unless the heading or
``og:title`` says better which part is the story's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_SPACE = re.compile(r"\s+")
_ARTICLE_TYPES = ("Article", "Posting", "Report", "APIReference")
_CDATA = re.compile(r"^\s*<!\[CDATA\[|\]\]>\s*$")
_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014\u00bb/:\u00b7\u2022_]\s+")


@dataclass(slots=True)
class PageMeta:
    title: str = ""
    author: str = ""
    date: str = ""
    site: str = ""
    url: str = ""
    language: str = ""


def _clean(value: object) -> str:
    return _SPACE.sub(" ", str(value or "")).strip()


def _metas(root: Any) -> dict[str, str]:
    """``<meta>`` values by lower-cased name/property (the first one wins)."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if key and value and key not in out:
            out[key] = value
    return out


def _json_ld(root: Any) -> list[dict[str, Any]]:
    """JSON-LD objects of the page (``@graph`` flattened); broken scripts are ignored."""
    found: list[dict[str, Any]] = []
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(_CDATA.sub("", el.text))
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return found


def _names(value: object) -> list[str]:
    """Person names out of a JSON-LD author value (str, dict, or a list of them)."""
    if isinstance(value, str):
        return [_clean(value)]
    if isinstance(value, dict):
        return [_clean(value.get("name"))] if value.get("name") else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _article(ld: list[dict[str, Any]]) -> dict[str, Any]:
    for item in ld:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.endswith(_ARTICLE_TYPES) for k in kinds):
            return item
    return {}


def similarity(a: str, b: str) -> float:
    """Share of ``b``'s words (by length) that are also in ``a`` (Readability's measure)."""
    ta, tb = set(_norm(a).split()), _norm(b).split()
    if not tb:
        return 0.0
    extra = " ".join(t for t in tb if t not in ta)
    return 1 - len(extra) / len(" ".join(tb))


def _ld_title(ld: dict[str, Any], page_title: str) -> str:
    """The JSON-LD title: ``name``, unless only ``headline`` resembles the page title."""
    name, headline = ld.get("name"), ld.get("headline")
    if isinstance(name, str) and isinstance(headline, str) and name != headline:
        if similarity(headline, page_title) > 0.75 >= similarity(name, page_title):
            return _clean(headline)
        return _clean(name)
    return _clean(name if isinstance(name, str) else headline if isinstance(headline, str) else "")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def choose_title(page_title: str, candidates: list[str]) -> str:
    """The story's title: ``page_title`` less a site name, guided by ``candidates``
    (``og:title``, headline, ``<h1>``s)."""
    page_title = _clean(page_title)
    cands = [_clean(c) for c in candidates if _clean(c)]
    if not page_title:
        return cands[0] if cands else ""
    full = _norm(page_title)
    # A candidate that is the page title, or a part of it, names the story exactly.
    for cand in cands:
        n = _norm(cand)
        if n and (n == full or (len(n.split()) >= 3 and f" {n} " in f" {full} ")):
            return cand
    parts = _SEPARATORS.split(page_title)
    if len(parts) > 1:
        # "Story - Site": keep the longest part when it says enough (3+ words).
        best = max(parts, key=len)
        if len(best.split()) >= 3:
            return best.strip()
    return page_title


_BYLINE_HINT = re.compile(r"byline|author|writtenby|p-author", re.IGNORECASE)
_BY = re.compile(r"^(?:written\s+)?by\b[:\s]*", re.IGNORECASE)
_NOT_BYLINE = frozenset(
    {
        "script",
        "style",
        "meta",
        "link",
        "img",
        "svg",
        "noscript",
        "body",
        "label",
        "input",
        "textarea",
        "button",
        "option",
        "select",
    }
)
_COMMENTS = re.compile(r"comment|respond|reply", re.IGNORECASE)


def _in_form_or_comments(el: Any) -> bool:
    """Whether ``el`` is in a form or a comment thread (whose "author" is a commenter)."""
    for up in el.iterancestors():
        if up.tag == "form" or _COMMENTS.search(f"{up.get('class') or ''} {up.get('id') or ''}"):
            return True
    return False


def byline_in_page(root: Any) -> str:
    """The byline shown on the page, for a page that declares no author: the first element
    marked as one (``rel=author``, ``itemprop=author``, a class or id such as "byline" or
    "author", as the reader view looks for it) whose text is short enough to be a name."""
    body = next(iter(root.iter("body")), None)
    if body is None:
        return ""
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_BYLINE:
            continue
        marks = f"{el.get('rel') or ''} {el.get('itemprop') or ''}".lower().split()
        hint = f"{el.get('class') or ''} {el.get('id') or ''}"
        if "author" not in marks and not _BYLINE_HINT.search(hint):
            continue
        if _COMMENTS.search(hint) or _in_form_or_comments(el):
            continue
        named = el.xpath(".//*[@itemprop='name']")
        text = _BY.sub("", _clean((named[0] if named else el).text_content()))
        if 0 < len(text) < 100 and any(ch.isalpha() for ch in text):
            return text
    return ""


_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",  # <meta itemprop="datePublished">
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
)
"""``<meta>`` names of the date a page was published, the most specific first."""
_NOT_THE_STORY = frozenset({"nav", "aside", "footer", "form"})


def _time_in_article(root: Any) -> str:
    """The publication date a page shows rather than declares: a ``<time>`` marked as
    ``datePublished`` or ``pubdate``, else the first ``<time datetime>`` inside the page's
    ``<article>`` or ``<main>`` (its header's date line), not in a menu, an aside, a footer
    or a comment thread, and not marked as the date it was modified."""
    first = ""
    for el in root.iter("time"):
        value = _clean(el.get("datetime"))
        prop = (el.get("itemprop") or "").lower()
        if not value or prop == "datemodified":
            continue
        if prop == "datepublished" or el.get("pubdate") is not None:
            return value
        if first:
            continue
        ups = [up.tag for up in el.iterancestors()]
        in_story = ("article" in ups or "main" in ups) and not _NOT_THE_STORY.intersection(ups)
        if in_story and not _in_form_or_comments(el):
            first = value
    return first


def page_meta(root: Any, base_url: str = "") -> PageMeta:
    """Metadata of the parsed page ``root`` (an lxml.html document)."""
    metas = _metas(root)
    ld = _article(_json_ld(root))
    meta = PageMeta()
    title_el = next(iter(root.iter("title")), None)
    page_title = title_el.text_content() if title_el is not None else ""
    h1s = [_clean(h.text_content()) for h in list(root.iter("h1"))[:3]]
    # Metadata a publisher wrote for machines names the story as Readability (the reader
    # view) shows it: JSON-LD, Dublin Core, Open Graph; the <title> only without them.
    declared = (
        _ld_title(ld, page_title)
        or metas.get("dc.title", "")
        or metas.get("og:title", "")
        or metas.get("twitter:title", "")
    )
    meta.title = declared or choose_title(page_title, h1s)
    authors = _names(ld.get("author"))
    for key in (
        "author",
        "article:author",
        "dc.creator",
        "byl",
        "sailthru.author",
        "parsely-author",
    ):
        if not authors and metas.get(key) and not metas[key].startswith("http"):
            authors = [metas[key]]
    meta.author = re.sub(
        r"^by\s+", "", ", ".join(dict.fromkeys(a for a in authors if a)), flags=re.I
    ) or byline_in_page(root)
    meta.date = (
        _clean(ld.get("datePublished"))
        or next((metas[key] for key in _DATE_KEYS if metas.get(key)), "")
        or _time_in_article(root)
    )
    publisher = ld.get("publisher")
    meta.site = metas.get("og:site_name", "") or (
        _clean(publisher.get("name")) if isinstance(publisher, dict) else ""
    )
    canonical = next(
        (
            el.get("href")
            for el in root.iter("link")
            if (el.get("rel") or "").lower() == "canonical"
        ),
        None,
    )
    meta.url = _clean(canonical or metas.get("og:url") or base_url)
    html_el = root if root.tag == "html" else next(iter(root.iter("html")), None)
    lang = html_el.get("lang") if html_el is not None else None
    meta.language = _clean(lang or metas.get("og:locale") or metas.get("content-language"))
    return meta
