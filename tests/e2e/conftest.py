"""A real terminal for the end-to-end tests: the installed ``closeread`` run under tmux.

Each :class:`Tmux` has its own tmux server (``tmux -L <unique socket>``), so tests running in
parallel (pytest-xdist) never see each other's sessions, and the server is always killed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

WIDTH, HEIGHT = 120, 36
WAIT = 20.0
"""Seconds a wait gives the reader (a loaded machine runs the suite on both cores)."""
POLL = 0.05
"""Seconds between two looks at the screen while waiting."""


def installed_closeread() -> str | None:
    """The installed console script: the one beside the running interpreter first, then PATH."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("closeread", path=search)


def shown(screen: str) -> str:
    """A screen for an error message: its non-blank rows."""
    return "\n".join(row for row in screen.splitlines() if row.strip())


class ScreenTimeout(AssertionError):
    """What we waited for never appeared; the message holds the last screen."""


class Tmux:
    """One detached tmux session running one command, read with ``capture-pane``."""

    def __init__(self, tmp: Path) -> None:
        self.socket = f"closeread-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = "e2e"
        self.tmp = tmp

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=check,
            stdin=subprocess.DEVNULL,
            timeout=20,
        )

    def start(self, argv: list[str], env: Mapping[str, str], cwd: Path) -> None:
        """Run ``argv`` in a new WIDTHxHEIGHT session; the pane stays after it exits.

        The program gets exactly ``env`` (``env -i``): pytest plugins set COLUMNS/LINES,
        which would override the real terminal size."""
        assigns = " ".join(shlex.quote(f"{k}={v}") for k, v in env.items())
        command = f"cd {shlex.quote(str(cwd))} && exec env -i {assigns} {shlex.join(argv)}"
        # remain-on-exit keeps the pane when the program exits, so a crash stays readable.
        self.tmux(
            "start-server",
            ";",
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-s",
            self.session,
            command,
        )

    def screen(self, escapes: bool = False, history: int = 0) -> str:
        """The visible screen as text (with SGR escapes if ``escapes``, to see highlights),
        plus ``history`` rows scrolled off above it."""
        args = ["capture-pane", "-p", "-t", self.session]
        if escapes:
            args.append("-e")
        if history:
            args += ["-S", str(-history)]
        return self.tmux(*args).stdout

    def send(self, *keys: str) -> None:
        """Send tmux key names (``j``, ``Enter``, ``C-s``, ``End``)."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally."""
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def dead(self) -> bool:
        """Whether the program in the pane has exited (or the session is gone)."""
        result = self.tmux("display-message", "-p", "-t", self.session, "#{pane_dead}", check=False)
        return result.returncode != 0 or result.stdout.strip() == "1"

    def wait_for(
        self,
        predicate: Callable[[str], bool],
        what: str,
        timeout: float = WAIT,
        escapes: bool = False,
    ) -> str:
        """Poll the screen until ``predicate(screen)``; fail showing the last screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(escapes)
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                plain = self.screen() if escapes else screen
                raise ScreenTimeout(
                    f"timed out after {timeout:.0f} s waiting for {what}; screen:\n{shown(plain)}"
                )
            if self.dead():
                raise ScreenTimeout(
                    f"closeread exited while waiting for {what}; "
                    f"screen:\n{shown(self.screen(history=HEIGHT))}"
                )
            time.sleep(POLL)

    def wait_text(self, text: str, timeout: float = WAIT) -> str:
        return self.wait_for(lambda s: text in s, repr(text), timeout)

    def wait_regex(self, pattern: str, timeout: float = WAIT) -> re.Match[str]:
        regex = re.compile(pattern)
        screen = self.wait_for(lambda s: regex.search(s) is not None, f"/{pattern}/", timeout)
        match = regex.search(screen)
        assert match is not None
        return match

    def wait_change(self, before: str, what: str, timeout: float = WAIT) -> str:
        """Wait until the screen (with escapes) differs from ``before``."""
        return self.wait_for(lambda s: s != before, what, timeout, escapes=True)

    def wait_exit(self, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise ScreenTimeout(f"closeread did not exit; screen:\n{self.screen()}")
            time.sleep(POLL)

    def kill(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def closeread_bin() -> str:
    """The installed ``closeread`` (the tests exercise what a user runs)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (.ci/run installs it with apt-get)")
    found = installed_closeread()
    if found is None:
        pytest.skip("the closeread console script is not installed (pip install '.[test]')")
    return found


@pytest.fixture
def make_term(tmp_path: Path) -> Iterator[Callable[[], Tmux]]:
    """Makes tmux terminals, each with its own server, all killed whatever happens."""
    made: list[Tmux] = []

    def make() -> Tmux:
        made.append(Tmux(tmp_path))
        return made[-1]

    try:
        yield make
    finally:
        for t in made:
            t.kill()


@pytest.fixture
def term(make_term: Callable[[], Tmux]) -> Tmux:
    """A tmux terminal whose server is killed whatever happens."""
    return make_term()


@pytest.fixture
def e2e_env() -> Callable[[Path, Path], dict[str, str]]:
    """``e2e_env(notes_dir, home)``: the environment of an isolated closeread run."""
    return closeread_env


def closeread_env(notes_dir: Path, home: Path) -> dict[str, str]:
    """Environment for a run that touches nothing of the user's: notes, data and cache dirs."""
    return {
        "CLOSEREAD_NOTES_DIR": str(notes_dir),
        "TERM": "xterm-256color",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
