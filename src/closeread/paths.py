"""Every location closeread reads or writes on disk (VISION §5).

- the bundled sample article (inside the installed package);
- the notes folder: ``--notes-dir``, else ``$CLOSEREAD_NOTES_DIR``, else the nearest
  ``notes/`` folder in the working directory or its ancestors that is a closeread
  workspace (a reading workspace, found the way git finds ``.git``; marked by
  ``.closeread`` or holding closeread notes files), else ``<user data dir>/notes``;
- the document path a notes file records (which notes file is a document's is decided by
  content, in ``closeread.notes.lookup``);
- the reading state file (``state_file``);
- the user data and cache folders (platformdirs).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

# hashlib (OpenSSL), importlib.resources, shutil and yaml are imported where used: the
# reader's start-up (VISION §7) does not need them (platformdirs comes with Textual anyway).

APP_NAME = "closeread"
ENV_NOTES_DIR = "CLOSEREAD_NOTES_DIR"
ENV_STATE_DIR = "CLOSEREAD_STATE_DIR"
ENV_CACHE_DIR = "CLOSEREAD_CACHE_DIR"
STATE_NAME = "reading-state.json"
WORKSPACE_NOTES = "notes"
NOTES_SUFFIX = ".yaml"
SAMPLE_NAME = "west-leverages-paris-attacks.txt"
WORKSPACE_MARKER = ".closeread"
"""The file that marks a ``notes/`` folder as closeread's (``closeread init``, first save)."""
MARKER_TEXT = (
    "This folder is a closeread reading workspace: one YAML notes file per document read\n"
    "under its parent folder. See docs/notes-format.md of closeread.\n"
)
_WORKSPACE_PROBES = 50  # notes files looked at to recognise an unmarked workspace


def user_data_dir() -> Path:
    """The per-user data folder (e.g. ``~/.local/share/closeread``)."""
    return Path(platformdirs.user_data_path(APP_NAME))


def user_cache_dir() -> Path:
    """The per-user cache folder (``$CLOSEREAD_CACHE_DIR``, else e.g. ``~/.cache/closeread``);
    safe to delete."""
    env = os.environ.get(ENV_CACHE_DIR, "").strip()
    if env:
        return Path(env).expanduser()
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


def is_workspace(folder: Path) -> bool:
    """Whether ``folder`` is a closeread notes folder: it holds the marker file (written by
    ``closeread init`` and by the first save there) or a closeread notes file.

    A ``~/notes`` full of the user's own files is not one, so it is never written to.
    """
    if (folder / WORKSPACE_MARKER).is_file():
        return True
    try:
        names = [
            e.name
            for e in os.scandir(folder)
            if e.name.endswith(NOTES_SUFFIX) and not e.name.startswith(".")
        ]
    except OSError:
        return False
    for name in sorted(names)[:_WORKSPACE_PROBES]:
        try:
            with open(folder / name, "rb") as handle:
                head = handle.read(64)
        except OSError:
            continue
        if head.lstrip(b"\xef\xbb\xbf").startswith(b"closeread:"):
            return True
    return False


def mark_workspace(folder: Path) -> bool:
    """Write the marker that makes ``folder`` a closeread notes folder (if it is missing).

    Returns whether the marker is there afterwards; never raises.
    """
    marker = folder / WORKSPACE_MARKER
    if marker.is_file():
        return True
    try:
        marker.write_text(MARKER_TEXT, encoding="utf-8")
    except OSError:
        return False
    return True


def find_workspace_notes(cwd: Path) -> Path | None:
    """The nearest ``notes/`` workspace folder in ``cwd`` or one of its ancestors, if any.

    A ``notes/`` folder that is not a closeread workspace (``is_workspace``) is passed over.
    """
    here = cwd.resolve()
    for folder in (here, *here.parents):
        candidate = folder / WORKSPACE_NOTES
        if candidate.is_dir() and is_workspace(candidate):
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
    # A NUL byte cannot be in a file name (the OS refuses it with ValueError): such a path
    # names no file, and U+FFFD keeps it that way without an exception anywhere.
    path = Path(stored.replace("\0", "\ufffd"))
    # "~nosuchuser/x.txt": no such user, so the name is taken literally.
    with contextlib.suppress(RuntimeError):
        path = path.expanduser()
    if not path.is_absolute():
        path = workspace_root(notes_dir) / path
    return path.resolve()


def state_dir() -> Path:
    """The per-user state folder (``$CLOSEREAD_STATE_DIR``, else e.g.
    ``~/.local/state/closeread``): where the reader remembers positions and the theme."""
    env = os.environ.get(ENV_STATE_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_state_path(APP_NAME))


def state_file() -> Path:
    """The reading state file (positions, panels, theme), outside every notes file."""
    return state_dir() / STATE_NAME
