"""Reading a file into a ``Document`` (PLACEHOLDER: to be replaced by the full loader)."""

from __future__ import annotations

import re
from pathlib import Path

from closeread.document.model import Block, Document
from closeread.errors import InputError


def load_text(text: str, path: Path | None = None, fmt: str = "text") -> Document:
    """Build a document from already-decoded text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    paras = [re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    norm = "\n\n".join(paras)
    blocks: list[Block] = []
    pos = 0
    for p in paras:
        blocks.append(Block("paragraph", pos, pos + len(p)))
        pos += len(p) + 2
    title = paras[0] if paras else ""
    return Document(text=norm, blocks=blocks, path=path, title=title)


def load(path: Path) -> Document:
    """Read and normalise ``path``; raise ``InputError`` with a clear message on bad input."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    return load_text(data.decode("utf-8"), path, "markdown" if path.suffix == ".md" else "text")
