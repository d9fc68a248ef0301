"""Saving on a worker thread, so that a save never holds up a key (the reader).

Each change asks for a save (``request``); a worker thread runs them one at a time.
Requests that arrive while a save is running are folded into one more save, which writes
everything changed meanwhile: a save writes the store's whole state, so the last one wins
and no change is lost. The thread is not a daemon and lives only while there is something
to save: a save under way when the reader quits is finished before the process exits,
and ``wait`` lets the reader finish it before asking about a failed save.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

_ALL: weakref.WeakSet[BackgroundSaver] = weakref.WeakSet()


def wait_all(timeout: float | None = None) -> bool:
    """Wait until every saver of this process is idle (tests read the file after it)."""
    return all(saver.wait(timeout) for saver in list(_ALL))


class BackgroundSaver:
    """Runs ``save`` on a worker thread whenever asked, coalescing requests."""

    def __init__(self, save: Callable[[], bool], done: Callable[[bool], None] | None = None):
        """``save`` writes and returns whether it succeeded (it must not raise); ``done``
        is called on the worker thread after each save with that result."""
        self._save = save
        self._done = done
        self._cond = threading.Condition()
        self._pending = False
        self._thread: threading.Thread | None = None
        _ALL.add(self)

    def request(self) -> None:
        """Ask for a save of everything changed so far (returns at once)."""
        with self._cond:
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="closeread-notes-save", daemon=False
                )
                self._thread.start()

    @property
    def busy(self) -> bool:
        """True while a save is asked for or running."""
        with self._cond:
            return self._thread is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every save asked for so far is done; False on timeout."""
        with self._cond:
            if self._thread is threading.current_thread():
                return True  # asked from ``done``: this thread is the save
            return self._cond.wait_for(lambda: self._thread is None, timeout)

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    if not self._pending:  # done; a request from now on starts a thread
                        self._thread = None
                        self._cond.notify_all()
                        return
                    self._pending = False
                ok = False
                try:
                    ok = self._save()
                finally:
                    if self._done is not None:
                        self._done(ok)
        finally:  # also if ``save`` raised after all: nobody waits for ever
            with self._cond:
                if self._thread is threading.current_thread():
                    self._thread = None
                    self._cond.notify_all()
