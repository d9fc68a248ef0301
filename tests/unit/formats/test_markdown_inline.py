"""Markdown for reading: front matter as metadata, images named, inline HTML stripped,
reference links mapped to their URLs (issue 10)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.document import load_text
from closeread.document.md_inline import rewrite, rewrite_mapped

DOC = """---
title: "Piers and Their Keepers"
author: Jane Roe
date: 2024-05-01
---

# Piers and Their Keepers

Many treat the [harbour trust][2] as new. ![A chart of visits](chart.png) The logs
<span class="hl">say otherwise</span>, as <a href="https://example.org/x">this survey</a>
shows, and `<b>code</b>` stays.

[2]: https://example.org/trust "The trust"
"""


def test_front_matter_fields_are_metadata() -> None:
    doc = load_text(DOC, fmt="markdown")
    assert (doc.title, doc.author, doc.date) == (
        "Piers and Their Keepers",
        "Jane Roe",
        "2024-05-01",
    )
    assert doc.blocks[0].kind == "metadata"  # shown dimmed, never analysed as prose
    assert doc.source_format == "md"


def test_toml_front_matter() -> None:
    doc = load_text('+++\ntitle = "A TOML Title"\nauthor = "Tom L"\n+++\n\nBody.\n', fmt="markdown")
    assert (doc.title, doc.author) == ("A TOML Title", "Tom L")


def test_images_html_and_links_for_reading() -> None:
    doc = load_text(DOC, fmt="markdown")
    para = next(doc.text[b.start : b.end] for b in doc.blocks if b.kind == "paragraph")
    assert "[image: A chart of visits]" in para and "chart.png" not in para
    assert "<span" not in para and "say otherwise" in para
    assert "[this survey](https://example.org/x)" in para
    assert "`<b>code</b>`" in para
    links = {doc.text[s:e]: url for s, e, url in doc.links}
    assert links == {
        "harbour trust": "https://example.org/trust",
        "this survey": "https://example.org/x",
    }


def test_image_without_alt_and_by_reference() -> None:
    assert rewrite("a ![](x.png) b ![Map][m] c") == "a [image] b [image: Map] c"


def test_plain_text_documents_are_not_rewritten() -> None:
    doc = load_text("A <b>literal</b> tag and ![not an image](x) in plain text.\n", fmt="text")
    assert "<b>literal</b>" in doc.text


@settings(max_examples=200, derandomize=True)
@given(st.text(alphabet='ab ![]()<>/"=:`-!', max_size=40))
def test_rewrite_is_idempotent(text: str) -> None:
    once = rewrite(text)
    assert rewrite(once) == once


_MARKUP = ["<b>", "</b>", "<br/>", "<!-- c -->", '<span class="x">', "</span>", " ", "  ", "\u00a0"]


@settings(max_examples=300, derandomize=True)
@given(
    st.one_of(
        st.text(alphabet='ab ![]()<>/"=:`-!\t\u00a0', max_size=40),
        st.lists(st.sampled_from([*_MARKUP, "cat", "dog", "![a  cat](c.png)", "`<i>`"])).map(
            "".join
        ),
    )
)
def test_the_rewrite_maps_what_it_keeps_to_where_it_was(text: str) -> None:
    """The segments are in order on both sides and hold the same characters; every word
    outside the markup is kept where it was (the source map relies on both)."""
    out, segments = rewrite_mapped(text)
    assert out == rewrite(text)
    prev_out = prev_in = 0
    for o, i, n in segments:
        assert n > 0 and o >= prev_out and i >= prev_in
        assert out[o : o + n] == text[i : i + n]
        prev_out, prev_in = o + n, i + n
    kept = {i + k for o, i, n in segments for k in range(n)}
    if "!" not in text and "`" not in text:  # words and removed tags only
        stripped = text
        for tag in _MARKUP[:6]:
            stripped = stripped.replace(tag, "\0" * len(tag))
        words = {j for j, c in enumerate(stripped) if c.isalpha()}
        assert words <= kept


def test_an_images_alt_text_and_a_links_text_are_kept_in_place() -> None:
    text = 'See ![a  cat](c.png) and <a href="https://x.org">the <b>site</b></a>.'
    out, segments = rewrite_mapped(text)
    assert out == "See [image: a cat] and [the site](https://x.org)."
    kept = "".join(text[i : i + n] for _, i, n in segments)
    assert kept == "See a cat and the site."
