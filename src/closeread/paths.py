"""Every location closeread reads or writes on disk (VISION §5).

- the bundled sample article (inside the installed package);
- the notes folder: ``--notes-dir``, else ``$CLOSEREAD_NOTES_DIR``, else the nearest
  ``notes/`` folder in the working directory or its ancestors (a reading workspace, found
  the way git finds ``.git``), else ``<user data dir>/notes``;
- the notes file of a document inside that folder, and the document path it records;
- the user data and cache folders (platformdirs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

# hashlib (OpenSSL), importlib.resources, shutil and yaml are imported where used: the
# reader's start-up (VISION §7) does not need them (platformdirs comes with Textual anyway).

APP_NAME = "closeread"
ENV_NOTES_DIR = "CLOSEREAD_NOTES_DIR"
WORKSPACE_NOTES = "notes"
NOTES_SUFFIX = ".yaml"
SAMPLE_NAME = "west-leverages-paris-attacks.txt"


def user_data_dir() -> Path:
    """The per-user data folder (e.g. ``~/.local/share/closeread``)."""
    return Path(platformdirs.user_data_path(APP_NAME))


def user_cache_dir() -> Path:
    """The per-user cache folder (e.g. ``~/.cache/closeread``); safe to delete."""
    return Path(platformdirs.user_cache_path(APP_NAME))


def bundled_sample() -> Path:
    """The sample article shipped inside the package, as a real file path.

    Works for editable and normal installs from any working directory; if the package is
    imported from a zip, the file is copied once into the user cache folder.
    """
    import shutil
    from importlib import resources

    res = resources.files(APP_NAME) / "data" / "sample" / SAMPLE_NAME
    if isinstance(res, Path):
        return res
    target = user_cache_dir() / "sample" / SAMPLE_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with resources.as_file(res) as real:
            shutil.copyfile(real, target)
    return target


def find_workspace_notes(cwd: Path) -> Path | None:
    """The nearest ``notes/`` folder in ``cwd`` or one of its ancestors, if any."""
    here = cwd.resolve()
    for folder in (here, *here.parents):
        candidate = folder / WORKSPACE_NOTES
        if candidate.is_dir():
            return candidate
    return None


def notes_dir_for(cli_dir: Path | None = None, cwd: Path | None = None) -> Path:
    """The notes folder to use, by the precedence of VISION §5.

    Args:
        cli_dir: the ``--notes-dir`` option, if given (relative to ``cwd``).
        cwd: the working directory to start the workspace search from (default: the real one).
    """
    base = Path.cwd() if cwd is None else cwd
    if cli_dir is not None:
        return (base / cli_dir.expanduser()).resolve()
    env = os.environ.get(ENV_NOTES_DIR, "").strip()
    if env:
        return (base / Path(env).expanduser()).resolve()
    found = find_workspace_notes(base)
    if found is not None:
        return found
    return user_data_dir() / WORKSPACE_NOTES


def workspace_root(notes_dir: Path) -> Path:
    """The folder that relative document paths in notes files are relative to."""
    return notes_dir.resolve().parent


def stored_document_path(doc_path: Path, notes_dir: Path) -> str:
    """How a notes file records its document: relative to the workspace root when inside it."""
    resolved = doc_path.resolve()
    try:
        return resolved.relative_to(workspace_root(notes_dir)).as_posix()
    except ValueError:
        return str(resolved)


def resolve_stored_path(stored: str, notes_dir: Path) -> Path:
    """The absolute path of a document as recorded in a notes file of ``notes_dir``."""
    path = Path(stored).expanduser()
    if not path.is_absolute():
        path = workspace_root(notes_dir) / path
    return path.resolve()


def path_hash(doc_path: Path) -> str:
    """Eight hex digits of the SHA-256 of the document's resolved path."""
    import hashlib

    raw = str(doc_path.resolve()).encode("utf-8", "surrogateescape")
    return hashlib.sha256(raw).hexdigest()[:8]


def _recorded_document(notes_file: Path) -> dict[str, object] | None:
    """The ``document`` mapping of an existing notes file, or None if it cannot be read."""
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the safe loader, in C if built
        data = yaml.load(notes_file.read_bytes().decode("utf-8-sig"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    recorded = data.get("document") if isinstance(data, dict) else None
    return recorded if isinstance(recorded, dict) else None


def belongs_to(notes_file: Path, doc_path: Path, notes_dir: Path, sha256: str | None) -> bool:
    """Whether an existing notes file is the one of ``doc_path``.

    True when it records the same resolved path; also when it records a path that no longer
    exists and the same text (``sha256``): the document was moved. A file whose identity
    cannot be read counts as the document's own, so that opening it reports the problem
    instead of silently starting a second file.
    """
    recorded = _recorded_document(notes_file)
    if recorded is None or not isinstance(recorded.get("path"), str):
        return True
    stored = resolve_stored_path(str(recorded["path"]), notes_dir)
    if stored == doc_path.resolve():
        return True
    return bool(sha256) and recorded.get("sha256") == sha256 and not stored.exists()


def notes_file_for(doc_path: Path, notes_dir: Path, sha256: str | None = None) -> Path:
    """The notes file of ``doc_path`` in ``notes_dir``: ``<stem>.yaml`` unless taken.

    When ``<stem>.yaml`` already belongs to another document, the document gets
    ``<stem>-<8 hex of its path's sha256>.yaml``; that name is checked first so a document
    keeps its file even if the plain name is later freed.
    """
    stem = doc_path.stem or doc_path.name or "document"
    hashed = notes_dir / f"{stem}-{path_hash(doc_path)}{NOTES_SUFFIX}"
    if hashed.exists():
        return hashed
    plain = notes_dir / f"{stem}{NOTES_SUFFIX}"
    if not plain.exists() or belongs_to(plain, doc_path, notes_dir, sha256):
        return plain
    return hashed
