"""The document model: one normalised text and the blocks laid over it.

Every entity in closeread is a ``[start, end)`` span of code-point offsets into
``Document.text`` (the unit of the W3C TextPositionSelector).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from closeread.document.source_map import SourceMap

BlockKind = Literal[
    "title",  # the document's title (first heading / first short line)
    "byline",  # "By Jane Doe"
    "publisher",  # "Source: New Eastern Outlook", front-matter publisher
    "heading",
    "paragraph",
    "quote",  # an explicitly marked block quote: "> ..." or indented
    "list_item",
    "code",  # fenced or indented code, shown verbatim
    "rule",  # thematic break
    "reference",  # an entry of a reference list / footnote definition
    "metadata",  # front matter and similar machinery, shown dimmed
]

DocFormat = Literal["text", "markdown"]
"""How the normalised text is laid out (every extracted format is laid out as Markdown)."""
SourceFormat = Literal["txt", "md", "html", "epub", "pdf"]
"""What the file was (``analyze --format json`` ``document.format``)."""


@dataclass(frozen=True, slots=True)
class Block:
    """A structural block of the normalised text."""

    kind: BlockKind
    """What the block is."""
    start: int
    """Offset of the block's first content character (after markers such as ``#`` or ``>``)."""
    end: int
    """Offset just past the block's last content character."""
    level: int = 0
    """Heading level, list nesting or quote depth; 0 where it does not apply."""


@dataclass(slots=True)
class Document:
    """A loaded, normalised document. The original file is never changed."""

    text: str
    """The normalised text; blocks are separated by blank lines, each prose block is one line."""
    blocks: Sequence[Block]
    """Blocks in document order, non-overlapping: a list as the loaders make it, or the
    same blocks in columns (``block_columns.BlockColumns``: the reader's big documents);
    never changed once the document is made."""
    path: Path | None = None
    """Where it was read from (None for text built in memory)."""
    format: DocFormat = "text"
    title: str = ""
    byline: str = ""
    """The author line without its "By", if any."""
    publisher: str = ""
    """The publication the document itself comes from (metadata, not a cited source)."""
    encoding: str = "utf-8"
    """How the bytes were decoded."""
    warnings: list[str] = field(default_factory=list)
    """Non-fatal problems met while loading (fallback decoding, repaired paragraphs...)."""
    normalisation_version: int = 1
    source_format: SourceFormat = "txt"
    loader: str = ""
    """What extracted the text from an HTML/EPUB/PDF file ("readability-lxml", "pypdf"...)."""
    source_text: str | None = field(default=None, repr=False, compare=False)
    """The text ``text`` was normalised from: a .txt/.md file's bytes decoded (see
    ``decode``), or for HTML/EPUB/PDF the loader's (Markdown) text. None: ``text`` is its
    own source (or ``source_loader`` gives it when first needed). A web page's snapshot
    keeps ``text`` itself (``fetch.open_url``), and exports index that."""
    source_loader: Callable[[], str] | None = field(default=None, repr=False, compare=False)
    """Gives ``source_text`` on first use (the reader's big documents: decoding 3 MB again
    only when an export asks)."""
    url: str = ""
    """The web address it was fetched from (a URL's snapshot); "" for a local file."""
    canonical_url: str = ""
    """The address the page gives for itself (``<link rel=canonical>``, ``og:url``)."""
    date: str = ""
    """Publication date as the document states it (ISO 8601 when it gives one)."""
    language: str = ""
    _sha256: str = field(default="", repr=False, compare=False)
    _source_map: SourceMap | None = field(default=None, repr=False, compare=False)

    def _source_text(self) -> str | None:
        if self.source_text is None and self.source_loader is not None:
            self.source_text = self.source_loader()
            self.source_loader = None
        return self.source_text

    @property
    def source(self) -> str:
        """The text exports point into: ``source_text``, else ``text``."""
        source = self._source_text()
        return self.text if source is None else source

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` holding ``text[start:end]`` (the map is built on first use)."""
        source = self._source_text()
        if source is None or source is self.text:
            return start, end
        return self._map(source).to_source(start, end)

    def from_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``text`` standing for ``source[start:end]``."""
        source = self._source_text()
        if source is None or source is self.text:
            return start, end
        return self._map(source).from_source(start, end)

    def _map(self, source: str) -> SourceMap:
        if self._source_map is None:
            from closeread.document.source_map import SourceMap  # lazy: exports only

            markdown = self.format == "markdown" and self.source_format == "md"
            self._source_map = SourceMap(self.text, source, markdown=markdown)
        return self._source_map

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the UTF-8 encoded normalised text (computed once)."""
        if not self._sha256:
            import hashlib  # lazy: loading OpenSSL costs the reader's start-up ~2 ms

            digest = hashlib.sha256()
            step = 1 << 20  # a slice at a time: a big book's UTF-8 copy is never whole
            for i in range(0, len(self.text), step):
                digest.update(self.text[i : i + step].encode("utf-8"))
            self._sha256 = digest.hexdigest()
        return self._sha256

    @property
    def author(self) -> str:
        """The author(s): the byline without its "By"."""
        return self.byline

    @property
    def links(self) -> list[tuple[int, int, str]]:
        """``(start, end, url)`` of each ``[anchor](url)`` link: the span of its anchor text."""
        from closeread.document.links import text_links

        return text_links(self.text)

    def block_index_at(self, offset: int) -> int | None:
        """Index of the block containing ``offset`` (binary search), or None."""
        blocks = self.blocks
        ends = getattr(blocks, "ends", None)  # columns: bisect the numbers, no Block made
        if ends is not None:
            lo = bisect_right(ends, offset)
        else:
            lo, hi = 0, len(blocks)
            while lo < hi:
                mid = (lo + hi) // 2
                if blocks[mid].end <= offset:
                    lo = mid + 1
                else:
                    hi = mid
        if lo < len(blocks) and blocks[lo].start <= offset < blocks[lo].end:
            return lo
        return None

    def block_before(self, offset: int) -> int:
        """Index of the last block starting at or before ``offset`` (0 when none does)."""
        blocks = self.blocks
        starts = getattr(blocks, "starts", None)
        if starts is not None:
            return max(bisect_right(starts, offset) - 1, 0)
        return max(bisect_right(blocks, offset, key=lambda b: b.start) - 1, 0)
