"""Inline Markdown written for a reader: images named, HTML stripped.

Applied by the layout to the content of Markdown prose blocks (paragraphs, headings, list
items, quotes; never code):

- ``![alt](src)`` and ``![alt][key]`` -> ``[image: alt]`` (``[image]`` without alt text);
- inline HTML -> its text: ``<a href="http...">text</a>`` becomes ``[text](http...)``, every
  other tag and ``<!-- comments -->`` are removed;
- code spans (`` `<b>` ``) are left exactly as written.

Reference-style links (``[text][key]`` with a ``[key]: url`` definition) stay as written:
the analysis resolves them to their URL (a ``link`` citation with its ``url``), so does
``Document.links``, and labelled corpora quote them as written. The rewrite is idempotent
(its output rewrites to itself), which keeps normalisation a fixed point.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"(`+)[^`]*?\1")
_IMG_INLINE = re.compile(r"!\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_IMG_REF = re.compile(r"!\[([^\[\]\n]*)\]\[[^\[\]\n]*\]")
_A_TAG = re.compile(
    r"<a\s[^<>]*?href\s*=\s*[\"']?(https?://[^\"'\s>]+)[\"']?[^<>]*>(.*?)</a\s*>",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)


def definitions(text: str) -> dict[str, str]:
    """``[key]: url`` link definitions of a Markdown text: lower-cased key -> url."""
    defs: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        defs.setdefault(" ".join(m.group(1).lower().split()), m.group(2))
    return defs


def _image(m: re.Match[str]) -> str:
    alt = " ".join(m.group(1).split())
    return f"[image: {alt}]" if alt else "[image]"


def _rewrite_plain(text: str) -> str:
    if "!" in text:
        text = _IMG_INLINE.sub(_image, text)
        text = _IMG_REF.sub(_image, text)
    if "<" in text:
        text = _COMMENT.sub("", text)
        text = _A_TAG.sub(lambda m: f"[{_TAG.sub('', m.group(2)).strip()}]({m.group(1)})", text)
        text = _TAG.sub("", text)
    return text


def rewrite(text: str) -> str:
    """``text`` (one block's content) with its inline Markdown made readable (see module)."""
    if "!" not in text and "<" not in text:
        return text
    if "`" not in text:
        out = _rewrite_plain(text)
    else:
        parts: list[str] = []
        pos = 0
        for m in _CODE.finditer(text):
            parts.append(_rewrite_plain(text[pos : m.start()]))
            parts.append(m.group(0))
            pos = m.end()
        parts.append(_rewrite_plain(text[pos:]))
        out = "".join(parts)
    return " ".join(out.split()) if out != text else out
