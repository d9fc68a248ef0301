"""Small web pages written for these tests (never copied from any corpus)."""

from __future__ import annotations

ARTICLE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Tides of Opinion - The Example Gazette</title>
<meta property="og:site_name" content="The Example Gazette">
<meta name="author" content="Ada Writer">
<meta property="article:published_time" content="2026-01-02T10:00:00Z">
<link rel="canonical" href="https://gazette.example/2026/tides">
<script>var tracking = "do not show me";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Tides of Opinion</h1>
<p>By Ada Writer</p>
<p>The harbour council voted on Tuesday to close the old pier. According to the
<a href="https://council.example/report">council report</a>, repairs would cost more
than building a new pier, and the <a href="/archive/pier">archive</a> agrees.</p>
<blockquote><p>We cannot keep patching a structure that the sea has already claimed.</p>
</blockquote>
<p>The mayor called the decision <q>long overdue</q>. Critics disagree, and they have a
point: the pier is the town's oldest landmark and many residents walk it every morning
before work, whatever the weather.</p>
<h2>What happens next</h2>
<ul><li>A public consultation in March.</li><li>Demolition in the summer.</li></ul>
<p>Some ask whether the town really needs a pier at all, given how few boats still moor
there and how much the upkeep has cost over the last twenty years.</p>
<p hidden>A hidden paragraph.</p>
<div style="display: none">Another hidden one.</div>
</article>
<aside><h3>Related</h3><ul><li><a href="/x">Ten things about piers</a></li></ul></aside>
<footer>Copyright 2026 The Example Gazette. All rights reserved.</footer>
</body></html>
"""

LATIN1 = (
    "<html><head><meta charset='iso-8859-1'><title>Caf\xe9 culture</title></head><body>"
    "<article><p>"
    + "Le caf\xe9 du coin ferme ses portes apr\xe8s cinquante ans. " * 8
    + "</p></article></body></html>"
).encode("latin-1")

# Declares gb2312 but its bytes are UTF-8, as saved pages often do.
STALE_CHARSET = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
    "<title>新闻标题</title></head><body><article><p>"
    + "人工智能公司开发出一款能够用自己的记忆学习新知识的计算机。" * 6
    + "</p></article></body></html>"
).encode("utf-8")
