"""Saving on a worker thread, so that a save never holds up a key (the reader).

Each change asks for a save (``request``, which returns at once); one worker thread per
store runs them one at a time. Requests that arrive while a save is running are folded
into one more save, which writes everything changed meanwhile: a save writes the store's
whole state, so the last one wins and no change is lost. ``wait`` lets the reader finish
a save under way before it quits, and the process waits for every saver before it exits
(``atexit``), so a save under way is finished on any normal exit too.

The thread stays for the store's life, waiting for the next request: starting a thread
per save cost each key a few milliseconds on a loaded machine (``Thread.start`` waits for
the new thread to be scheduled).
"""

from __future__ import annotations

import atexit
import threading
import weakref
from collections.abc import Callable

_ALL: weakref.WeakSet[BackgroundSaver] = weakref.WeakSet()
EXIT_WAIT = 60.0
"""Seconds the process waits at exit for saves under way (a hung network folder)."""


def wait_all(timeout: float | None = None) -> bool:
    """Wait until every saver of this process is idle (tests read the file after it)."""
    return all(saver.wait(timeout) for saver in list(_ALL))


@atexit.register
def _finish_saves() -> None:
    wait_all(EXIT_WAIT)


class BackgroundSaver:
    """Runs ``save`` on a worker thread whenever asked, coalescing requests."""

    def __init__(self, save: Callable[[], bool], done: Callable[[bool], None] | None = None):
        """``save`` writes and returns whether it succeeded (it should not raise: an
        exception counts as a failed save); ``done`` is called on the worker thread after
        each save with that result."""
        self._save = save
        self._done = done
        self._cond = threading.Condition()
        self._pending = False
        self._busy = False
        self._thread: threading.Thread | None = None
        _ALL.add(self)

    def request(self) -> None:
        """Ask for a save of everything changed so far (returns at once)."""
        with self._cond:
            self._pending = self._busy = True
            if self._thread is None:
                # A daemon, so an idle saver never keeps the process alive; ``atexit``
                # finishes the saves under way.
                self._thread = threading.Thread(
                    target=self._run, name="closeread-notes-save", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    @property
    def busy(self) -> bool:
        """True while a save is asked for or running."""
        with self._cond:
            return self._busy

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every save asked for so far is done; False on timeout."""
        if threading.current_thread() is self._thread:
            return True  # asked from ``done``: this thread is the save
        with self._cond:
            return self._cond.wait_for(lambda: not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending:
                    self._busy = False
                    self._cond.notify_all()
                    self._cond.wait()
                self._pending = False
            ok = False
            try:
                ok = self._save()
            except Exception:  # a bug: count it as a failed save, keep the saver alive
                ok = False
            finally:
                if self._done is not None:
                    self._done(ok)
