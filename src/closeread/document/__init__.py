"""Loading, normalising and segmenting documents (pure core: no Textual, no Rich).

Modules: ``decode`` (bytes -> str, clear errors), ``normalise`` (characters), ``layout``
with ``plain``/``markdown``/``builder``/``meta`` (blocks and the normalised text),
``sentences`` + ``abbreviations`` (sentence spans), ``load`` (the entry points), ``model``.
"""

from __future__ import annotations

from closeread.document.load import load, load_text
from closeread.document.model import Block, BlockKind, Document
from closeread.document.normalise import NORMALISATION_VERSION
from closeread.document.sentences import iter_sentence_chunks, segment, split_sentences

__all__ = [
    "NORMALISATION_VERSION",
    "Block",
    "BlockKind",
    "Document",
    "iter_sentence_chunks",
    "load",
    "load_text",
    "segment",
    "split_sentences",
]
