"""Loading, normalising and segmenting documents (pure core: no Textual, no Rich).

Modules: ``decode`` (bytes -> str, clear errors), ``normalise`` (characters), ``layout``
with ``plain``/``markdown``/``builder``/``meta`` (blocks and the normalised text),
``sentences`` + ``abbreviations`` (sentence spans), ``load`` (the entry points), ``model``.

The sentence functions are imported on first use (module ``__getattr__``): the reader's
start-up loads the document but segments sentences only in its analysis worker, after the
first screen (VISION §7). ``load`` stays eager: importing the submodule
``closeread.document.load`` would otherwise leave the *module* as the package's ``load``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from closeread.document.load import load, load_text
from closeread.document.model import Block, BlockKind, Document
from closeread.document.normalise import NORMALISATION_VERSION
from closeread.lazy import lazy_exports

if TYPE_CHECKING:
    from closeread.document.sentences import iter_sentence_chunks, segment, split_sentences

_WHERE = {
    "iter_sentence_chunks": "closeread.document.sentences",
    "segment": "closeread.document.sentences",
    "split_sentences": "closeread.document.sentences",
}

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

__getattr__, __dir__ = lazy_exports(__name__, globals(), _WHERE)
