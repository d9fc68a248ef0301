"""Loading, normalising and segmenting documents (pure core: no Textual, no Rich)."""

from __future__ import annotations

from closeread.document.load import load, load_text
from closeread.document.model import Block, BlockKind, Document
from closeread.document.sentences import iter_sentence_chunks, segment

__all__ = ["Block", "BlockKind", "Document", "iter_sentence_chunks", "load", "load_text", "segment"]
