"""Which notes file of a folder belongs to a document: by content first (VISION §5).

``find_notes`` decides, in this order:

1. **exact** — a notes file records the document's digest (``sha256`` of the normalised
   text): the same text, wherever it now lives and whatever it is called. Identical copies
   share one file. Several such files (written before identity by content existed): the
   one that records this path, else one whose recorded document is gone, else the first
   by name.
2. **path** — a notes file records this very path (the text was edited in place); its
   notes are re-anchored (``moved``/``fuzzy``/``orphan``) as before.
3. **new** — otherwise the document gets a new file, ``<stem>.yaml`` or, if that name is
   taken, ``<stem>-<8 hex of the text's sha256>.yaml``. Files whose fingerprint resembles
   the text's (``identity.ASK_AT`` or more) are returned as ``candidates``, best first:
   the reader asks before adopting one, ``closeread notes`` names it and points at
   ``--adopt``. Nothing is adopted silently.

A file with the document's name (``<stem>.yaml``) whose identity cannot be read (not
YAML, not a mapping, no ``closeread`` key) is taken as the document's when neither the
digest nor the path finds another, so opening reports the problem instead of silently
starting a second file.

Headers are read, not whole files: a notes file starts with ``closeread:`` and
``document:``, so only the bytes before its first ``notes:``/``links:`` line are parsed
(a file laid out otherwise is parsed whole), and they are cached (``notes.index``). The
plain name is tried before any scan; fingerprints are compared only for files that share
one of their smallest values with the text's (``identity.smallest``). Measured with 1,000
notes files of 20 notes each (``benchmarks/notes_lookup.py``, see docs/notes-format.md).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from closeread import paths
from closeread.notes import identity

MatchKind = Literal["exact", "path", "new", "given"]

_HEAD_BYTES = 16_384
_BODY_KEY = re.compile(rb"^(?:notes|links|quotes|deleted):", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the header of one notes file says about its document."""

    file: Path
    path: str = ""
    """The document path it records (as written: relative to the workspace root or absolute)."""
    title: str = ""
    sha256: str = ""
    fingerprint: str = ""
    readable: bool = True
    """False when the file looks like a notes file but its header cannot be read."""

    def document_path(self, notes_dir: Path) -> Path | None:
        """The recorded document's absolute path, or None if none is recorded."""
        return paths.resolve_stored_path(self.path, notes_dir) if self.path else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """Notes of a similar text, offered for adoption."""

    entry: Entry
    similarity: float
    """Estimated resemblance of the two texts (0..1, see ``identity``)."""


@dataclass(frozen=True, slots=True)
class Match:
    """The notes file chosen for a document, and why."""

    file: Path
    kind: MatchKind
    reason: str
    """Why this file, in words (for the CLI and the reader)."""
    candidates: tuple[Candidate, ...] = field(default=())
    """For ``new``: notes of similar texts, best first (never adopted without asking)."""


def _load_yaml(text: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def read_entry(file: Path) -> Entry | None:
    """The header of ``file`` if it is a closeread notes file, else None."""
    try:
        with file.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
            cut = _BODY_KEY.search(head)
            raw = head[: cut.start()] if cut else head + handle.read()
    except OSError:
        return None
    import yaml

    try:
        data = _load_yaml(raw.decode("utf-8-sig"))
        if cut is not None and not (isinstance(data, dict) and "document" in data):
            data = _load_yaml(file.read_bytes().decode("utf-8-sig"))
    except (
        OSError,
        UnicodeDecodeError,
        yaml.YAMLError,
        ValueError,
        OverflowError,
        RecursionError,
    ):  # (a timestamp out of range, deep nesting: reported on opening)
        looks = raw.lstrip(b"\xef\xbb\xbf").startswith(b"closeread:")
        return Entry(file, readable=False) if looks else None
    if not isinstance(data, dict) or "closeread" not in data:
        return None
    doc = data.get("document")
    if not isinstance(doc, dict) or not isinstance(doc.get("path"), str):
        return Entry(file, readable=False)

    def text(key: str) -> str:
        value = doc.get(key)
        return value if isinstance(value, str) else ""

    return Entry(file, text("path"), text("title"), text("sha256"), text("fingerprint"))


def is_notes_name(name: str) -> bool:
    """Whether a folder entry's name is one of a notes file (not a backup, temp or hidden)."""
    return name.endswith(paths.NOTES_SUFFIX) and not name.startswith(".")


def scan(notes_dir: Path) -> list[Entry]:
    """The headers of every closeread notes file in ``notes_dir``, by file name (read
    through the header cache, ``notes.index``)."""
    from closeread.notes import index

    listing = []
    try:
        for e in os.scandir(notes_dir):
            if is_notes_name(e.name) and e.is_file():
                st = e.stat()
                listing.append((e.name, (st.st_ino, st.st_size, st.st_mtime_ns)))
    except OSError:
        return []
    listing.sort()

    def read(file: Path) -> tuple[str, str, str, str, bool] | None:
        entry = read_entry(file)
        if entry is None:
            return None
        return (entry.path, entry.title, entry.sha256, entry.fingerprint, entry.readable)

    return [
        Entry(notes_dir / name, *fields)
        for name, fields in index.cached_rows(notes_dir, listing, read)
    ]


def _plain_name(doc_path: Path) -> str:
    return (doc_path.stem or doc_path.name or "document") + paths.NOTES_SUFFIX


def new_file_name(doc_path: Path, sha256: str, notes_dir: Path) -> Path:
    """A free name for a new notes file: ``<stem>.yaml``, else ``<stem>-<sha8>.yaml``, ..."""
    stem = doc_path.stem or doc_path.name or "document"
    names = [f"{stem}{paths.NOTES_SUFFIX}", f"{stem}-{sha256[:8]}{paths.NOTES_SUFFIX}"]
    names += [f"{stem}-{sha256[:8]}-{i}{paths.NOTES_SUFFIX}" for i in range(2, 100)]
    for name in names:
        if not (notes_dir / name).exists():
            return notes_dir / name
    return notes_dir / names[0]  # pragma: no cover - 100 documents named alike


def _describe(entry: Entry, notes_dir: Path, doc_path: Path) -> str:
    recorded = entry.document_path(notes_dir)
    if recorded is None or recorded == doc_path:
        return ""
    gone = "" if recorded.exists() else ", no longer there"
    return f"; written on {entry.path}{gone}"


QUICK_NOTES_BYTES = 128 * 1024
"""A notes file bigger than this (~300 notes) opens in a worker: parsing and re-anchoring
2,000 notes takes ~0.12 s of CPU (0.5 s before ``yaml_read.py``), which the first frame
must not wait for (issue 13)."""


def quick_match(doc_path: Path, sha256: str, notes_dir: Path, *, few: int = 100) -> bool:
    """Whether ``find_notes`` will answer without a costly scan, and the notes open fast:
    the document's notes are under its own name (same text or same path) in a file of at
    most ``QUICK_NOTES_BYTES``, or the folder holds at most ``few`` notes files. The reader
    opens notes before its first frame only then."""
    plain = notes_dir / _plain_name(doc_path)
    first = read_entry(plain) if plain.is_file() else None
    if first is not None and first.readable:
        try:
            small = plain.stat().st_size <= QUICK_NOTES_BYTES
        except OSError:
            small = True
        if sha256 and first.sha256 == sha256:
            return small
        if first.document_path(notes_dir) == doc_path.resolve():
            return small
    try:
        with os.scandir(notes_dir) as found:
            count = sum(1 for e in found if is_notes_name(e.name))
    except OSError:
        return True
    return count <= few


def find_notes(
    doc_path: Path,
    sha256: str,
    notes_dir: Path,
    fingerprint: Callable[[], str] | None = None,
) -> Match:
    """The notes file of the document at ``doc_path`` with text digest ``sha256``.

    ``fingerprint`` computes the text's fingerprint; it is only called when no file is
    found by digest or path and some file of the folder has a fingerprint to compare.
    """
    here = doc_path.resolve()
    plain = notes_dir / _plain_name(doc_path)
    first = None
    if plain.is_file():
        # A file with the document's own name that is not readable as notes is most likely
        # its notes file, damaged: it is used (and reported) unless the text is found.
        first = read_entry(plain) or Entry(plain, readable=False)
    if first is not None and first.readable and sha256 and first.sha256 == sha256:
        return Match(plain, "exact", "same text" + _describe(first, notes_dir, here))
    if first is not None and first.readable and first.document_path(notes_dir) == here:
        return Match(plain, "path", "same file, its text has changed since")
    entries = scan(notes_dir)
    same = [e for e in entries if sha256 and e.sha256 == sha256]
    if same:

        def rank(e: Entry) -> tuple[int, str]:
            recorded = e.document_path(notes_dir)
            return (
                0 if recorded == here else 1 if recorded is None or not recorded.exists() else 2,
                e.file.name,
            )

        best = min(same, key=rank)
        return Match(best.file, "exact", "same text" + _describe(best, notes_dir, here))
    # Recorded paths are compared as strings (resolving 1,000 paths costs ~100 ms):
    # relative ones as the workspace root joined with them, normalised.
    root = str(paths.workspace_root(notes_dir))
    where = str(here)
    for e in entries:
        if e.readable and e.path and os.path.normpath(os.path.join(root, e.path)) == where:
            return Match(e.file, "path", "same file, its text has changed since")
    if first is not None and not first.readable:
        return Match(plain, "path", "its notes file cannot be read")
    candidates: list[Candidate] = []
    with_fp = [e for e in entries if e.readable and e.fingerprint]
    if with_fp and fingerprint is not None:
        mine = identity.parse(fingerprint())
        mine_set = set(mine or ())
        for e in with_fp:
            if mine is None or not identity.smallest(e.fingerprint) & mine_set:
                continue  # nothing in common among its smallest values: not similar
            theirs = identity.parse(e.fingerprint)
            if theirs is None:
                continue
            score = identity.resemblance(mine, theirs)
            if score >= identity.ASK_AT:
                candidates.append(Candidate(e, score))
        candidates.sort(key=lambda c: (-c.similarity, c.entry.file.name))
    target = new_file_name(doc_path, sha256, notes_dir)
    reason = "no notes for this text yet"
    if candidates:
        top = candidates[0]
        reason += (
            f"; notes of a similar text ({top.similarity:.0%} alike) in "
            f"{top.entry.file.name}{_describe(top.entry, notes_dir, here)}"
        )
    return Match(target, "new", reason, tuple(candidates))
