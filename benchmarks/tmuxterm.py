"""A real terminal for timing a TUI: one tmux pane watched through a control-mode client.

Method (see README.md): the program is started in a detached tmux session behind a gate
(``read _ < FIFO; exec PROGRAM``), so the clock starts when we open the gate, the instant the
shell ``exec``s the program (same pid, so ``/proc/<pane_pid>`` is the program's).
A tmux control-mode client (``tmux -C attach``) reports every chunk the program writes as a
``%output`` line the moment tmux reads it, and takes our commands (``capture-pane``,
``send-keys``) over a pipe without starting a process per command. Waiting for text is event
driven: after each burst of output we capture the pane (about 1 ms) and test the screen; the
time reported is that of the output chunk after which the text was first on screen. No
polling loop competes with the program for the machine's two cores.
"""

from __future__ import annotations

import os
import queue
import shlex
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path


class TerminalError(RuntimeError):
    """The program died, tmux failed, or what we waited for never came."""


class ControlTerminal:
    """One program in one WIDTHxHEIGHT tmux pane, with precise output timing."""

    def __init__(
        self, argv: list[str], env: Mapping[str, str], cwd: Path, width: int = 120, height: int = 40
    ) -> None:
        self.socket = f"closeread-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.width, self.height = width, height
        self._dir = tempfile.TemporaryDirectory(prefix="closeread-bench-")
        self._gate = Path(self._dir.name) / "gate"
        os.mkfifo(self._gate)
        assigns = " ".join(shlex.quote(f"{k}={v}") for k, v in env.items())
        command = (
            f"cd {shlex.quote(str(cwd))} && read _ < {shlex.quote(str(self._gate))}"
            f" && exec env -i {assigns} {shlex.join(argv)}"
        )
        self._tmux(
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
            str(width),
            "-y",
            str(height),
            "-s",
            "bench",
            command,
        )
        self._client = subprocess.Popen(
            ["tmux", "-L", self.socket, "-f", os.devnull, "-C", "attach-session", "-t", "bench"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._lock = threading.Condition()
        self._outputs = 0  # number of %output lines seen
        self._last_output = 0.0  # perf_counter() of the latest %output
        self._replies: queue.Queue[tuple[bool, list[str]]] = queue.Queue()
        self._closed = False
        self._attached = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._attached.wait(30):
            self.close()
            raise TerminalError("the tmux control client did not attach")
        self.pid = int(self.command("display-message", "-p", "-t", "bench", "#{pane_pid}")[0])
        self.t0 = 0.0

    # -- plumbing --------------------------------------------------------------------------
    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=30,
        )
        if result.returncode != 0:
            raise TerminalError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def _read(self) -> None:
        assert self._client.stdout is not None
        block: list[str] | None = None
        tag: list[str] = []
        for raw in self._client.stdout:
            now = time.perf_counter()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if block is not None:
                if line.startswith(("%end ", "%error ")) and line.split()[1:3] == tag:
                    # flags 1: the reply to one of our commands (0: tmux's own, e.g. attach)
                    if line.split()[3:4] == ["1"]:
                        self._replies.put((line.startswith("%end"), block))
                    block = None
                else:
                    block.append(line)
            elif line.startswith("%output "):
                with self._lock:
                    self._outputs += 1
                    self._last_output = now
                    self._lock.notify_all()
            elif line.startswith("%begin "):
                tag = line.split()[1:3]
                block = []
            elif line.startswith("%session-changed"):
                self._attached.set()
            elif line.startswith("%exit"):
                break
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    def command(self, *args: str, timeout: float = 30.0) -> list[str]:
        """Run one tmux command through the control client; its output lines."""
        assert self._client.stdin is not None
        self._client.stdin.write((shlex.join(args) + "\n").encode())
        self._client.stdin.flush()
        try:
            ok, lines = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise TerminalError(f"tmux did not answer {args[0]}") from None
        if not ok:
            raise TerminalError(f"tmux {args[0]}: {' '.join(lines)}")
        return lines

    # -- what a benchmark uses -------------------------------------------------------------
    def start(self) -> float:
        """Open the gate: the program starts now. Returns the start time (perf_counter)."""
        with open(self._gate, "w") as gate:  # blocks until the pane's shell reads the gate
            self.t0 = time.perf_counter()
            gate.write("go\n")
        return self.t0

    def screen(self) -> list[str]:
        return self.command("capture-pane", "-p", "-t", "bench")

    def send(self, *keys: str) -> float:
        """Send tmux key names; returns the time the command was written."""
        sent = time.perf_counter()
        self.command("send-keys", "-t", "bench", *keys)
        return sent

    def settles_within(
        self, predicate: Callable[[list[str]], bool], timeout: float, since: float
    ) -> float | None:
        """The time of the first output within ``timeout`` seconds after which
        ``predicate(screen rows)`` holds (if it holds already: of the latest output after
        ``since``); None if it did not (only a dead program raises)."""
        try:
            return self.wait_screen(predicate, "a screen", timeout, since=since)[0]
        except TerminalError:
            if self.dead():
                raise
            return None

    def wait_screen(
        self,
        predicate: Callable[[list[str]], bool],
        what: str,
        timeout: float = 60.0,
        since: float = 0.0,
    ) -> tuple[float, list[str]]:
        """Wait until ``predicate(screen rows)`` holds.

        Returns (time, screen): the time of the output chunk after which the screen first
        satisfied the predicate. If it already does when called, the time of the latest
        output after ``since`` (a key press, say), else now.
        """
        deadline = time.perf_counter() + timeout
        with self._lock:
            seen = self._outputs
            latest = self._last_output
        rows = self.screen()
        if predicate(rows):
            return (latest if latest > since else time.perf_counter()), rows
        while True:
            with self._lock:
                while self._outputs == seen and not self._closed:
                    left = deadline - time.perf_counter()
                    if left <= 0:
                        raise TerminalError(
                            f"timed out waiting for {what}:\n"
                            + "\n".join(r for r in rows if r.strip())
                        )
                    self._lock.wait(left)
                if self._closed:
                    raise TerminalError(f"tmux went away waiting for {what}")
                # The first chunk of this burst: captured below, the screen includes it.
                seen = self._outputs
                trigger = self._last_output
            rows = self.screen()
            if predicate(rows):
                return trigger, rows
            if self.dead():
                raise TerminalError(
                    f"the program exited waiting for {what}:\n" + "\n".join(self.history())
                )

    def dead(self) -> bool:
        return self.command("display-message", "-p", "-t", "bench", "#{pane_dead}") == ["1"]

    def history(self) -> list[str]:
        rows = self.command("capture-pane", "-p", "-t", "bench", "-S", f"-{self.height}")
        return [r for r in rows if r.strip()]

    def peak_rss_kib(self) -> int | None:
        """VmHWM of the program (the pane's process), or None once it has exited."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return None

    def close(self) -> None:
        try:
            subprocess.run(
                ["tmux", "-L", self.socket, "kill-server"],
                capture_output=True,
                stdin=subprocess.DEVNULL,
                timeout=30,
            )
        finally:
            if self._client.poll() is None:
                self._client.kill()
            self._client.wait(timeout=10)
            self._dir.cleanup()

    def __enter__(self) -> ControlTerminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
