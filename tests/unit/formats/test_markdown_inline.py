"""Markdown for reading: front matter as metadata, images named, inline HTML stripped,
reference links mapped to their URLs (issue 10)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.document import load_text
from closeread.document.md_inline import rewrite

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
