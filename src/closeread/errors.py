"""Errors that reach the user as one clear line (never a traceback)."""

from __future__ import annotations


class CloseReadError(Exception):
    """A problem the user can act on; ``exit_code`` follows VISION §4 (1 runtime, 2 bad input)."""

    exit_code: int = 1

    def __init__(self, message: str, *, path: object | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path is not None else message)


class InputError(CloseReadError):
    """Bad input: missing, unreadable, binary, empty or undecodable file, bad usage. Exit code 2."""

    exit_code = 2


class NotesFileError(CloseReadError):
    """A notes file that must not be overwritten: corrupt, wrongly shaped, a newer schema,
    not a regular file, too large or unreadable. Bad input: exit code 2 (VISION §4), unless
    ``exit_code=1`` says it is a runtime failure (a save that failed)."""

    exit_code = 2

    def __init__(
        self, message: str, *, path: object | None = None, exit_code: int | None = None
    ) -> None:
        super().__init__(message, path=path)
        if exit_code is not None:
            self.exit_code = exit_code
