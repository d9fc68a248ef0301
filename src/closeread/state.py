"""The reader's state between runs: where each document was left, and the theme (pure core).

One JSON file in the user state folder (``paths.state_file()``, ``$CLOSEREAD_STATE_DIR``
in tests), never in a notes file: positions are the reader's habit, not notes to share.

- Documents are keyed by their text's digest (``Document.sha256``): a renamed or copied
  file reopens where it was left; a document edited since is found by its path instead
  (its position is then clamped to the text).
- Writes are atomic (temporary file, ``os.replace``); the file is re-read just before
  writing, so two closeread windows keep each other's positions. Only the
  ``MAX_DOCUMENTS`` most recently read documents are kept.
- A corrupt or unreadable file is never fatal: ``warning`` says why, it is read as empty
  and replaced on the next write.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_DOCUMENTS = 500
PANELS = ("notes", "sources", "claims")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a document was left."""

    offset: int
    """Code-point offset of the cursor in the normalised text."""
    panel: str = "notes"
    """The side panel shown: notes, sources or claims."""


@dataclass
class ReadingState:
    """The contents of the state file."""

    path: Path
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    theme: str | None = None
    warning: str | None = None
    """Why the file could not be read (it is then treated as empty), or None."""
    _dropped: set[str] = field(default_factory=set)
    """Entries removed here (an edited text's old entry), so a save does not merge them back."""

    @classmethod
    def load(cls, path: Path) -> ReadingState:
        """Read ``path``; a missing file is empty, a bad one is empty with a ``warning``."""
        state = cls(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return state
        except OSError as exc:
            state.warning = f"{path}: cannot read the reading state: {exc.strerror or exc}"
            return state
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            docs = data.get("documents", {})
            theme = data.get("theme")
            if not isinstance(docs, dict) or not (theme is None or isinstance(theme, str)):
                raise ValueError("unexpected shape")
        except (ValueError, UnicodeDecodeError) as exc:
            state.warning = (
                f"{path}: the reading state is corrupt ({exc}); ignored, positions start afresh"
            )
            return state
        state.documents = {k: v for k, v in docs.items() if isinstance(v, dict)}
        state.theme = theme
        return state

    def place(self, sha256: str, doc_path: Path | None = None) -> Place | None:
        """Where the document with this text (else at this path) was left, if known."""
        entry = self.documents.get(sha256)
        if entry is None and doc_path is not None:
            where = str(doc_path.resolve())
            entry = next((e for e in self.documents.values() if e.get("path") == where), None)
        if entry is None:
            return None
        offset, panel = entry.get("offset"), entry.get("panel")
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            return None
        return Place(offset, panel if panel in PANELS else "notes")

    def remember(self, sha256: str, place: Place, doc_path: Path | None = None) -> None:
        """Record where the document was left (in memory; ``save`` writes)."""
        if doc_path is not None:  # one entry per path: the old text's entry goes
            where = str(doc_path.resolve())
            for key in [k for k, e in self.documents.items() if e.get("path") == where]:
                del self.documents[key]
                self._dropped.add(key)
        self._dropped.discard(sha256)
        self.documents[sha256] = {
            "offset": place.offset,
            "panel": place.panel,
            "path": str(doc_path.resolve()) if doc_path is not None else None,
            "time": round(time.time()),
        }

    def save(self) -> str | None:
        """Merge with the file as it is now and write atomically; returns an error message
        instead of raising."""
        current = ReadingState.load(self.path)
        mine = dict(self.documents)
        merged = {k: v for k, v in current.documents.items() if k not in self._dropped}
        merged.update(mine)
        if len(merged) > MAX_DOCUMENTS:
            newest = sorted(merged, key=lambda k: merged[k].get("time") or 0, reverse=True)
            merged = {k: merged[k] for k in newest[:MAX_DOCUMENTS]}
        import secrets

        data = {"closeread-state": 1, "theme": self.theme, "documents": merged}
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return f"{self.path}: cannot save the reading state: {exc.strerror or exc}"
        self.documents = merged
        return None
