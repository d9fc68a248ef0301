"""EPUB books: chapters in spine order as Markdown, notes as footnotes, metadata from the OPF.

An EPUB is a zip of XHTML files plus a package document (OPF) that lists them in reading
order (the *spine*) and holds the book's metadata (Dublin Core). Read with the standard
library's ``zipfile`` and lxml (ebooklib would add a dependency for what is ~100 lines).

Notes: a link whose text is a short marker ("1", "[12]", "*", "†") pointing at an element
of the book is a note reference (EPUB 3 ``epub:type="noteref"`` or the older
``<a href="notes.xhtml#n1"><sup>1</sup></a>``). The reference becomes ``[^N]`` and the
note's text a ``[^N]: ...`` entry at the end of its chapter, which the analysis reads as a
numbered footnote citation; the note is not repeated where it stood.

Refused with one line: a damaged zip, no package document, an encrypted (DRM) book.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

from closeread.document.formats import Extracted, missing_dependency
from closeread.document.html_markdown import to_markdown
from closeread.errors import InputError

_DC = "{http://purl.org/dc/elements/1.1/}"
_MARKER = re.compile(r"[\[(]?(?:\d{1,4}|[*\u2020\u2021\u00a7]{1,3}|[a-z])[\])]?")
_BLOCKS = frozenset({"p", "li", "aside", "div", "section", "dd", "td", "blockquote"})
_FONT_OBFUSCATION = (
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml(data: bytes, where: object, what: str) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"is not a valid EPUB ({what}: {exc})", path=where) from None


def _read(book: zipfile.ZipFile, name: str, where: object) -> bytes:
    try:
        return book.read(name)
    except KeyError:
        raise InputError(f"is not a valid EPUB (missing {name})", path=where) from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"is not a valid EPUB (damaged: {exc})", path=where) from None


def _check_drm(book: zipfile.ZipFile, where: object) -> None:
    if "META-INF/encryption.xml" not in book.namelist():
        return
    root = _xml(_read(book, "META-INF/encryption.xml", where), where, "encryption.xml")
    for el in root.iter():
        method = el.get("Algorithm") or ""
        if _local(el.tag) == "encryptionmethod" and method not in _FONT_OBFUSCATION:
            raise InputError("is DRM-protected (encrypted): closeread cannot read it", path=where)


def _package(book: zipfile.ZipFile, where: object) -> tuple[str, Any]:
    container = _xml(_read(book, "META-INF/container.xml", where), where, "container.xml")
    for el in container.iter():
        if _local(el.tag) == "rootfile" and el.get("full-path"):
            name = el.get("full-path")
            return name, _xml(_read(book, name, where), where, name)
    raise InputError("is not a valid EPUB (no package document)", path=where)


def _meta(opf: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for field in ("title", "creator", "date", "publisher", "language"):
        values = [" ".join((el.text or "").split()) for el in opf.iter(f"{_DC}{field}")]
        values = [v for v in values if v]
        out[field] = ", ".join(values) if field == "creator" else (values[0] if values else "")
    return out


def _spine(opf: Any, opf_name: str) -> list[str]:
    """Zip member names of the spine's XHTML documents, in reading order."""
    base = posixpath.dirname(opf_name)
    manifest = {}
    for el in opf.iter():
        if _local(el.tag) == "item" and el.get("id") and el.get("href"):
            href = posixpath.normpath(posixpath.join(base, unquote(el.get("href"))))
            manifest[el.get("id")] = (href, el.get("media-type") or "")
    names = []
    for el in opf.iter():
        if _local(el.tag) == "itemref" and el.get("idref") in manifest:
            href, media = manifest[el.get("idref")]
            if "html" in media or href.endswith((".xhtml", ".html", ".htm")):
                names.append(href)
    return names


def _parse(data: bytes) -> Any:
    import lxml.html

    try:
        return lxml.html.document_fromstring(data)
    except Exception:  # lxml's ParserError on an empty document
        return None


def _is_marker(el: Any) -> bool:
    text = " ".join(el.text_content().split())
    kind = (el.get("epub:type") or "") + " " + (el.get("role") or "")
    return "noteref" in kind or bool(text and _MARKER.fullmatch(text))


def _note_block(el: Any) -> Any:
    """The element holding a note's text: the target itself or its nearest block."""
    node = el
    while node is not None and _local(node.tag) not in _BLOCKS:
        node = node.getparent()
    return node if node is not None else el


def extract_epub(data: bytes, path: Path | None = None, url: str = "") -> Extracted:
    """The text of the EPUB in ``data``, chapter after chapter, with the book's metadata."""
    where = path if path is not None else (url or "<input>")
    try:
        import lxml.html  # noqa: F401
    except ImportError:
        raise missing_dependency("lxml", where) from None
    try:
        book = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError):
        raise InputError("is not a valid EPUB (damaged or not a zip archive)", path=where) from None
    with book:
        _check_drm(book, where)
        opf_name, opf = _package(book, where)
        meta = _meta(opf)
        chapters = [(name, _parse(_read(book, name, where))) for name in _spine(opf, opf_name)]
    docs = {name: root for name, root in chapters if root is not None}
    # Note references: marker links to an element of the book; their targets are notes.
    ids: dict[tuple[str, str], Any] = {}
    order: dict[Any, tuple[int, int]] = {}  # element -> (chapter, position): reading order
    for c, (name, root) in enumerate(docs.items()):
        for i, el in enumerate(root.iter()):
            order[el] = (c, i)
            if isinstance(el.tag, str) and el.get("id"):
                ids[(name, el.get("id"))] = el
    refs: list[tuple[Any, Any]] = []
    for name, root in docs.items():
        for a in root.iter("a"):
            href = a.get("href") or ""
            if "#" not in href or href.startswith(("http:", "https:", "mailto:")):
                continue
            file_part, frag = urldefrag(href)
            target_file = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(file_part)))
                if file_part
                else name
            )
            target = ids.get((target_file, frag))
            # A note comes after its reference; a marker pointing back is the note's
            # link to where it is referenced.
            if target is not None and _is_marker(a) and order[target] > order[a]:
                refs.append((a, _note_block(target)))
    numbers: dict[Any, int] = {}
    notes_of: dict[Any, list[tuple[int, str]]] = {}  # chapter root -> its notes
    for a, block in refs:
        if block not in numbers:
            numbers[block] = len(numbers) + 1
            text = " ".join(block.text_content().split())
            text = _MARKER.sub("", text, count=1).strip() if _MARKER.match(text) else text
            notes_of.setdefault(a.getroottree().getroot(), []).append((numbers[block], text))
        tail = a.tail
        a.clear()
        a.tag, a.text, a.tail = "span", f"[^{numbers[block]}]", tail
    emptied = set()  # chapters that held notes (an endnotes chapter)
    for block in numbers:
        if block.getparent() is not None:
            emptied.add(block.getroottree().getroot())
            block.drop_tree()
    parts = []
    for root in docs.values():
        body = next(iter(root.iter("body")), root)
        text = to_markdown(body)
        if root in emptied and all(p.startswith("#") for p in text.split("\n\n") if p.strip()):
            text = ""  # only its headings are left ("Notes", "Chapter 1"...): not read
        notes = notes_of.get(root, [])
        if notes:
            text += "\n\n" + "\n\n".join(f"[^{n}]: {t}" for n, t in notes if t)
        if text.strip():
            parts.append(text.strip("\n"))
    if not parts:
        raise InputError("has no readable text (an empty or image-only book)", path=where)
    return Extracted(
        text="\n\n".join(parts),
        format="epub",
        loader="closeread epub (zipfile + lxml)",
        title=meta["title"],
        author=meta["creator"],
        date=meta["date"],
        site=meta["publisher"],
        url=url,
        language=meta["language"],
    )
