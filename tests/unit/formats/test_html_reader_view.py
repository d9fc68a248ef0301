"""The reader view's rules on top of readability-lxml (``document/html_readable.py``).

Each page is written for its rule (never copied from a corpus); each test also checks that
the page's boilerplate still goes, so a rule that kept everything would fail.
"""

from __future__ import annotations

import pytest

pytest.importorskip("readability", reason="readability-lxml is not installed")

from closeread.document.html_loader import extract_html
from closeread.document.html_readable import is_data_table

_STORY = " ".join(
    f"Sentence {i} of the harbour story says what the council decided, why, and at what cost."
    for i in range(5)
)
"""A paragraph long enough to score (commas, length) like an article's."""


def _page(body: str) -> bytes:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Harbour news</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"{body}<footer>Copyright The Example Gazette</footer></body></html>"
    ).encode()


def _paragraphs(n: int, tag: str = "p") -> str:
    return "".join(f"<{tag}>{_STORY} Part {k}.</{tag}>" for k in range(n))


def test_a_list_of_links_inside_the_article_stays() -> None:
    # Release notes: every item is mostly a link. readability-lxml dropped such a list
    # for its link density; the reader view does not hold link density against a list.
    items = "".join(
        f"<li><a href='https://bugs.example/{n}'>Bug {n} fixed in the tide table</a></li>"
        for n in range(1, 5)
    )
    text = extract_html(_page(f"<article>{_paragraphs(4)}<ul>{items}</ul></article>")).text
    assert "[Bug 3 fixed in the tide table](https://bugs.example/3)" in text
    assert "Sport" not in text and "Copyright" not in text


def test_a_heading_linking_back_to_the_contents_stays() -> None:
    # A link to an anchor of the same page counts 0.3 of its length (Readability.js), and
    # only <h1>/<h2> with a negative class name are dropped as headings.
    body = (
        "<article>" + _paragraphs(2) + "<h3 id='costs'><a href='#toc-costs'>What it costs</a>"
        "<a class='headerlink' href='#costs'>¶</a></h3>" + _paragraphs(2) + "</article>"
    )
    text = extract_html(_page(body)).text
    assert "### What it costs" in text


def test_a_figure_keeps_its_caption_and_credit() -> None:
    # Inside a <figure>, a block with more pictures than paragraphs is not boilerplate.
    figure = (
        "<figure><div class='gallery'><img src='a.jpg'><img src='b.jpg'><img src='c.jpg'>"
        "<p>The old pier at low tide. <span>Credit: A. Photographer</span></p></div>"
        "</figure>"
    )
    text = extract_html(_page(f"<article>{_paragraphs(2)}{figure}{_paragraphs(2)}</article>")).text
    assert "The old pier at low tide. Credit: A. Photographer" in text


def test_a_data_table_stays_even_when_its_cells_are_links() -> None:
    rows = "".join(
        f"<tr><td><a href='/p/{n}'>Pier {n}</a></td><td>{1900 + n}</td></tr>" for n in range(6)
    )
    table = f"<table><thead><tr><th>Pier</th><th>Built</th></tr></thead>{rows}</table>"
    text = extract_html(_page(f"<article>{_paragraphs(3)}{table}</article>")).text
    assert "Pier 4" in text and "1904" in text


def test_data_tables_are_told_from_layout_tables() -> None:
    import lxml.html

    def table(html: str) -> object:
        return lxml.html.fragment_fromstring(html)

    assert is_data_table(table("<table><tr><th>a</th></tr></table>"))
    assert is_data_table(table("<table summary='piers'><tr><td>a</td></tr></table>"))
    assert is_data_table(table("<table><caption>Piers</caption><tr><td>a</td></tr></table>"))
    assert not is_data_table(table("<table role='presentation'><tr><th>a</th></tr></table>"))
    assert not is_data_table(table("<table><tr><td>a</td><td>b</td></tr></table>"))
    big = "<table>" + "<tr><td>a</td><td>b</td></tr>" * 10 + "</table>"
    assert is_data_table(table(big))


def test_furniture_named_by_class_or_role_goes_even_inside_the_article() -> None:
    body = (
        "<article>"
        + _paragraphs(3)
        + "<div class='social-links'><a href='https://x.example/share'>Post it</a> "
        "Spread the word about the pier to everyone you know.</div>"
        + "<div role='navigation'><p>Previous story: the lighthouse keeper retires after "
        "forty years of service.</p></div>" + _paragraphs(1) + "</article>"
    )
    text = extract_html(_page(body)).text
    assert "Part 2." in text
    assert "Spread the word" not in text
    assert "lighthouse keeper" not in text


def test_the_intro_beside_the_best_block_is_kept() -> None:
    # The story's intro sits beside a box holding the rest of the story: the box scores
    # best, its parent (intro + box) scores higher still, and the reader view takes it.
    body = (
        "<div class='story'>"
        "<div class='intro'><p><strong>The harbour council, after a long night, voted to "
        "close the old pier.</strong></p></div>"
        f"<p>{_STORY} The first paragraph, outside the box.</p>"
        "<div class='more'><div class='more-link'><a href=''>Read more</a></div>"
        f"<div class='more-content'>{_paragraphs(3)}</div></div>"
        "</div>"
    )
    text = extract_html(_page(body)).text
    assert "voted to close the old pier" in text
    assert "The first paragraph, outside the box." in text
    assert "Part 2." in text
    assert "Sport" not in text and "Copyright" not in text


def test_an_article_split_into_sections_is_kept_whole() -> None:
    # Three sections of one story score almost alike: their common ancestor is the article.
    sections = "".join(
        f"<div class='part'><div class='part-inner'>{_paragraphs(3)}"
        f"<p>Closing words of section {n}, short and plain.</p></div></div>"
        for n in range(1, 5)
    )
    text = extract_html(_page(f"<div class='wrap'>{sections}</div>")).text
    for n in range(1, 5):
        assert f"Closing words of section {n}" in text
    assert "Sport" not in text


def test_an_article_the_rules_would_empty_is_extracted_again_with_fewer() -> None:
    # The story's only container carries a name the rules count against it ("promo"): with
    # every rule on, nothing is left; Readability.js then retries without class weights.
    body = f"<div class='promo-box'>{_paragraphs(3)}</div>"
    text = extract_html(_page(body)).text
    assert "Part 0." in text and "Part 2." in text
    assert "Sport" not in text and "Copyright" not in text
