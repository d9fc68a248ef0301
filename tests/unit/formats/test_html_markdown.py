"""The HTML-to-Markdown writer used by the HTML and EPUB loaders."""

from __future__ import annotations

import pytest

lxml_html = pytest.importorskip("lxml.html", reason="lxml is not installed")

from closeread.document.html_markdown import to_markdown  # noqa: E402


def md(html: str, base: str = "") -> str:
    return to_markdown(lxml_html.fromstring(html), base)


def test_blocks_are_separated_and_inline_text_joined() -> None:
    assert md("<div><p>One <b>bold</b> word.</p><p>Two</p></div>") == "One bold word.\n\nTwo"


def test_nested_lists_and_ordered_lists() -> None:
    out = md("<div><ol start='3'><li>a<ul><li>b</li></ul></li><li>c</li></ol></div>")
    assert out.split("\n\n") == ["3. a", "    - b", "4. c"]


def test_quotes_nest_and_pre_is_fenced() -> None:
    out = md(
        "<div><blockquote><p>x</p><blockquote><p>y</p></blockquote></blockquote>"
        "<pre>a  b\n  c</pre></div>"
    )
    assert out.split("\n\n") == ["> x", "> > y", "```\na  b\n  c\n```"]


def test_links_only_to_the_outside_keep_a_url() -> None:
    out = md(
        '<p><a href="#top">top</a> <a href="javascript:x()">js</a> '
        '<a href="rel/page">rel</a> <a href="https://e.example/a b(c)">ext</a></p>',
        base="https://site.example/dir/",
    )
    assert out == (
        "top js [rel](https://site.example/dir/rel/page) [ext](https://e.example/a%20b%28c%29)"
    )


def test_table_rows_are_blocks_and_cells_spaced() -> None:
    out = md("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>")
    assert out == "a b\n\n1 2"


def test_markup_in_text_stays_text() -> None:
    out = md("<p>[not a link](x) &lt;b&gt; and *stars*</p>")
    assert out == "[not a link](x) <b> and *stars*"
