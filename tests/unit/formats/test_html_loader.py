"""HTML pages: main content as Markdown, metadata apart, links kept (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.document import load
from closeread.document.html_loader import drop_trailers, extract_html
from closeread.document.html_meta import choose_title
from closeread.errors import InputError

from .pages import ARTICLE, LATIN1, STALE_CHARSET

pytest.importorskip("readability", reason="the html extra is not installed")


def test_article_text_keeps_structure_and_drops_the_page_around_it() -> None:
    ext = extract_html(ARTICLE.encode())
    text = ext.text
    assert "The harbour council voted on Tuesday" in text
    assert "> We cannot keep patching" in text  # a block quote stays one
    assert "## What happens next" in text
    assert "- A public consultation in March." in text
    assert "\u201clong overdue\u201d" in text  # <q> becomes quotation marks
    for junk in ("Home", "Sport", "do not show me", "color: red", "Copyright", "hidden"):
        assert junk not in text, junk
    assert "Ten things about piers" not in text


def test_links_keep_their_urls_resolved_against_the_canonical_address() -> None:
    ext = extract_html(ARTICLE.encode())
    assert "[council report](https://council.example/report)" in ext.text
    assert "[archive](https://gazette.example/archive/pier)" in ext.text


def test_metadata_goes_to_fields_not_text() -> None:
    ext = extract_html(ARTICLE.encode())
    assert ext.title == "Tides of Opinion"
    assert ext.author == "Ada Writer"
    assert ext.site == "The Example Gazette"
    assert ext.date == "2026-01-02T10:00:00Z"
    assert ext.language == "en"
    assert ext.url == "https://gazette.example/2026/tides"
    assert "The Example Gazette" not in ext.text


def test_loaded_document_is_html_with_its_source_text_and_links(tmp_path: Path) -> None:
    page = tmp_path / "tides.html"
    page.write_text(ARTICLE, encoding="utf-8")
    doc = load(page)
    assert doc.source_format == "html"
    assert doc.format == "markdown"
    assert doc.source_text is not None and "harbour council" in doc.source_text
    assert doc.title == "Tides of Opinion" and doc.author == "Ada Writer"
    assert doc.url == ""  # a local file: not read from the web
    assert doc.canonical_url == "https://gazette.example/2026/tides"
    spans = {doc.text[s:e]: url for s, e, url in doc.links}
    assert spans["council report"] == "https://council.example/report"
    kinds = {b.kind for b in doc.blocks}
    assert {"quote", "heading", "list_item", "byline"} <= kinds


def test_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    ext = extract_html(LATIN1)
    assert "Le café du coin" in ext.text
    assert ext.title == "Café culture"


def test_utf8_bytes_win_over_a_stale_charset_declaration() -> None:
    ext = extract_html(STALE_CHARSET)
    assert "人工智能公司" in ext.text
    assert ext.title == "新闻标题"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n  ", "empty"),
        (b"just some words, no tags at all", "not HTML"),
        (
            b"<html><head><title>x</title></head><body><script>x()</script></body></html>",
            "no readable text",
        ),
    ],
)
def test_bad_pages_are_one_clear_error(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        extract_html(data, Path("bad.html"))


@pytest.mark.parametrize("before", ["<nav>", "<h1>", "</title>"])
def test_html_cut_short_before_its_text_is_refused(before: str) -> None:
    cut = ARTICLE[: ARTICLE.index(before)]
    with pytest.raises(InputError, match=r"is cut short \(truncated"):
        extract_html(cut.encode(), Path("cut.html"))


def test_truncated_html_still_gives_what_it_has() -> None:
    cut = ARTICLE[: ARTICLE.index("Critics disagree")]
    ext = extract_html(cut.encode())
    assert "The harbour council voted" in ext.text


def test_title_without_metadata_drops_the_site_name() -> None:
    assert choose_title("A Long Story About Piers | The Gazette", []) == "A Long Story About Piers"
    assert choose_title("Piers Are Closing - Gazette", ["Piers Are Closing"]) == "Piers Are Closing"
    assert choose_title("", ["Heading Only"]) == "Heading Only"


def test_related_sections_at_the_end_are_dropped() -> None:
    md = "\n\n".join(["Para one.", "Para two.", "Para three.", "### Related", "Other story"])
    assert drop_trailers(md) == "Para one.\n\nPara two.\n\nPara three."
    early = "\n\n".join(["## Related work", "This section is the article.", "a", "b", "c"])
    assert drop_trailers(early) == early


def test_trafilatura_takes_over_when_readability_keeps_a_fragment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from closeread.document import html_loader

    long_text = "\n\n".join(f"Paragraph {i} of the whole story, told at length." for i in range(30))
    monkeypatch.setattr(html_loader, "_readability", lambda html, base, path: "A caption.")
    monkeypatch.setattr(html_loader, "_trafilatura", lambda html, base, path: long_text)
    ext = html_loader.extract_html(ARTICLE.encode())
    assert (ext.loader, ext.text) == ("trafilatura", long_text)
    # Without trafilatura (the optional extra), readability's text is kept.
    monkeypatch.setattr(html_loader, "_trafilatura", lambda html, base, path: "")
    assert html_loader.extract_html(ARTICLE.encode()).text == "A caption."


def test_a_byline_shown_on_the_page_is_the_author_when_none_is_declared() -> None:
    page = """<html><head><title>Harbour news</title></head><body>
    <div class="comments"><span class="comment-author">A. Commenter</span></div>
    <form><label class="author">Name (required)</label></form>
    <article><h1>Harbour news</h1><p class="byline">By Bo Second</p>
    <p>The harbour council voted on Tuesday to close the old pier, which the sea has
    claimed piece by piece over many winters, and to build a new one further out.</p>
    </article></body></html>"""
    assert extract_html(page.encode()).author == "Bo Second"


def test_a_declared_author_wins_over_the_page() -> None:
    page = ARTICLE.replace("<p>By Ada Writer</p>", '<p class="byline">By Someone Else</p>')
    assert extract_html(page.encode()).author == "Ada Writer"


_DATED = """<html><head><title>Tides</title>{meta}</head><body>
<nav><time datetime="2001-01-01">menu date</time></nav>
<article><header><h1>Tides</h1>{header}</header>
<p>The harbour board has published its annual report on the state of the old pier, and
finds that the structure has lost half of its strength in a decade of storms.</p>
<p>Repairs were estimated at four million, but the new survey gives a figure closer to
nine million, which the board calls unaffordable for a town of this size.</p>
<section class="comments"><time datetime="2030-03-03">a reader wrote</time></section>
</article></body></html>"""


@pytest.mark.parametrize(
    ("meta", "header", "date"),
    [
        # Declared for machines: a <meta> of the usual names.
        ('<meta name="publishdate" content="2024-05-01">', "", "2024-05-01"),
        ('<meta itemprop="datePublished" content="2024-05-02">', "", "2024-05-02"),
        # Shown on the page: the date line of the article's header.
        (
            "",
            '<p>By Ada <time datetime="2024-05-03T10:00:00Z">May 3</time></p>',
            "2024-05-03T10:00:00Z",
        ),
        (
            "",
            '<time itemprop="dateModified" datetime="2024-06-01">updated</time>'
            '<time itemprop="datePublished" datetime="2024-05-04">May 4</time>',
            "2024-05-04",
        ),
        # Neither a menu's date, a comment's, nor the date it was modified.
        ("", '<time itemprop="dateModified" datetime="2024-06-01">updated</time>', ""),
    ],
)
def test_the_date_a_page_was_published(meta: str, header: str, date: str) -> None:
    ext = extract_html(_DATED.format(meta=meta, header=header).encode())
    assert ext.date == date
    assert "2001" not in ext.date and "2030" not in ext.date
