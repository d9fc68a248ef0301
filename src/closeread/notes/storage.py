"""Durable file operations for notes files: atomic replace with a backup, and a lock.

``atomic_write`` never leaves a half-written file under the real name: the new content goes
to a temporary file in the same folder, is flushed and fsynced, the previous version is
hard-linked (or copied) to ``<name>.bak``, then ``os.replace`` swaps the new file in and the
folder is fsynced so the rename itself survives a crash. A process killed at any moment
leaves either the old or the new file (and at worst a stray temporary file, removed by the
next save).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX; elsewhere saves are still atomic, only the cross-process lock is missing
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

TMP_SUFFIX = ".tmp"


def backup_path(path: Path) -> Path:
    """``notes/x.yaml`` -> ``notes/x.yaml.bak``."""
    return path.with_name(path.name + ".bak")


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}."


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the folder of ``path`` (blocking).

    The folder itself is locked, not a sidecar file: nothing is left behind (a ``.lock``
    file per notes file cluttered the user's folder), and a lock file cannot be deleted
    under a waiting writer. Saves of different documents in one folder wait for each
    other, which costs nothing noticeable (a save takes milliseconds).
    """
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    fd = os.open(path.parent, flags)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (ignored where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files left by writers that were killed (call under the lock), and
    the ``<name>.lock`` sidecar earlier versions left beside every notes file."""
    with contextlib.suppress(OSError):
        os.unlink(path.with_name(path.name + ".lock"))
    prefix = _tmp_prefix(path)
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(TMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _backup(path: Path) -> None:
    """Keep the current version of ``path`` as ``.bak`` (atomically, via a link or a copy)."""
    bak = backup_path(path)
    tmp = path.with_name(f"{_tmp_prefix(path)}bak-{secrets.token_hex(4)}{TMP_SUFFIX}")
    try:
        os.link(path, tmp)
    except FileNotFoundError:
        return
    except OSError:
        shutil.copy2(path, tmp)
    os.replace(tmp, bak)
    # rename(2) does nothing when both names are links to one file: the case when a writer
    # was killed between its backup and its replace (``.bak`` is then ``path`` itself).
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def atomic_write(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; on ``OSError`` ``path`` is left as it was."""
    folder = path.parent
    tmp = folder / f"{_tmp_prefix(path)}{secrets.token_hex(4)}{TMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if backup:
            _backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None if it does not exist."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no file yet (or no folder yet)
        return None


def signature(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime_ns) of ``path``: a cheap way to notice another writer's save."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def os_error_reason(exc: OSError) -> str:
    """Why a save failed, in words (``the disk is full``)."""
    return {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "the folder is not writable",
        errno.EPERM: "the folder is not writable",
        errno.EROFS: "the file system is read-only",
        errno.ENOENT: "the folder does not exist and cannot be created",
        errno.ENOTDIR: "the folder cannot be created (a file is in the way)",
        errno.EEXIST: "the folder cannot be created (a file is in the way)",
    }.get(exc.errno or 0, exc.strerror or str(exc))


def describe_os_error(exc: OSError, path: Path) -> str:
    """One line saying why ``path`` could not be saved and that nothing is lost."""
    why = os_error_reason(exc)
    return f"{path}: could not save notes: {why}; notes are kept in memory, retry when fixed"
