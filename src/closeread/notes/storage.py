"""Durable file operations for notes files: atomic replace with a backup, and a lock.

``atomic_write`` never leaves a half-written file under the real name: the new content goes
to a temporary file in the same folder, is flushed and fsynced, the previous version is
hard-linked (or copied) to ``<name>.bak``, then ``os.replace`` swaps the new file in and the
folder is fsynced so the rename itself survives a crash. A process killed at any moment
leaves either the old or the new file (and at worst a stray temporary file, removed by the
next save).

Files are taken as they are: a notes file that is a symlink (notes kept in a synced
folder) is written *through* the link — the temporary file and the ``.bak`` go next to the
target, the link stays a link. Anything but a regular file (a FIFO, a device such as
``/dev/zero``, a socket, a folder) is refused with one line before it is opened, and it is
opened non-blocking besides, so nothing can hang; files larger than ``MAX_NOTES_BYTES``
are refused rather than read into memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from closeread.errors import NotesFileError

try:  # POSIX; elsewhere saves are still atomic, only the cross-process lock is missing
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

TMP_SUFFIX = ".tmp"
MAX_NOTES_BYTES = 64 * 1024 * 1024
"""The largest notes file read (20,000 notes with long bodies take ~15 MB)."""


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: Path, what: str = "notes file") -> bool:
    """True if ``path`` (through any symlinks) is a regular file, False if it is absent;
    ``NotesFileError`` naming what it is otherwise (never opens it)."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except ValueError:  # a NUL byte in the name
        raise NotesFileError("the file name holds a NUL byte", path=path) from None
    if not stat.S_ISREG(st.st_mode):
        raise NotesFileError(
            f"is {file_kind(st.st_mode)}, not a regular file; a {what} must be a regular "
            "file; left untouched",
            path=path,
        )
    return True


def real_path(path: Path) -> Path:
    """Where writing ``path`` must go: the final target of a symlink (``path`` otherwise)."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


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


def read_bytes(path: Path, limit: int | None = None) -> bytes | None:
    """The file's bytes, or None if it does not exist.

    ``NotesFileError`` for anything but a regular file (checked before opening; opened
    non-blocking, so a FIFO swapped in meanwhile cannot hang) or one over ``limit`` bytes.
    """
    limit = MAX_NOTES_BYTES if limit is None else limit
    if not check_regular(path):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except (FileNotFoundError, NotADirectoryError):  # removed meanwhile
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotesFileError(
                f"is {file_kind(st.st_mode)}, not a regular file; left untouched", path=path
            )
        if st.st_size > limit:
            raise NotesFileError(
                f"is too large ({st.st_size:,} bytes; the limit is {limit:,}); left untouched",
                path=path,
            )
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise NotesFileError(
                    f"is too large (over {limit:,} bytes); left untouched", path=path
                )
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


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
