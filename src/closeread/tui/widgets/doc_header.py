"""The document header: title, author, site or publisher, date and address of a web page,
an e-book or a PDF, whose metadata is not part of its text (issue 10).

A ``.txt`` or ``.md`` file shows its own title and byline in the text, so the header is
hidden for them and takes no room.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from closeread.document import Document

EXTRACTED = ("html", "epub", "pdf")


def header_line(doc: Document) -> str:
    """The header's second part: author, and for a web page, book or PDF also the site or
    publisher, the date and the address."""
    parts = [doc.byline]
    if doc.source_format in EXTRACTED:
        parts += [doc.publisher, doc.date[:10], doc.url or doc.canonical_url]
    return " \u00b7 ".join(p for p in parts if p)


def header_text(doc: Document, width: int = 0) -> Text:
    """ "Title — author · site · date · address" in ``width`` cells (0: no limit): a long
    title is shortened first, so the metadata stays in view (it is data: never markup)."""
    title = doc.title or (doc.path.name if doc.path else "")
    rest = header_line(doc)
    sep = " \u2014 " if rest else ""
    if width and len(title) + len(sep) + len(rest) > width:
        keep = max(width - len(sep) - len(rest), min(len(title), width // 2, 40))
        if keep < len(title):
            title = title[: max(keep - 1, 0)].rstrip() + "\u2026"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(title, style="bold")
    if rest:
        text.append(sep)
        text.append(rest, style="dim")
    if width:
        text.truncate(width, overflow="ellipsis")
    return text


class DocHeader(Static):
    """One row above the article with the metadata of an extracted document."""

    DEFAULT_CSS = """
    DocHeader { height: 1; width: 1fr; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.doc: Document | None = None

    def show(self, doc: Document) -> None:
        """Show ``doc``'s metadata, or hide the row for a text or Markdown file."""
        self.doc = doc
        self.display = doc.source_format in EXTRACTED
        self.refresh()

    def render(self) -> Text:
        if self.doc is None:
            return Text()
        return header_text(self.doc, self.content_region.width)
