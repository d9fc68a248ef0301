"""Browser mode end to end: ``closeread --serve`` opened in Debian's headless chromium.

Playwright drives ``/usr/bin/chromium`` (its own browser download is not reachable here).
The terminal is drawn on a canvas, so what the app shows is read from the websocket frames
the browser received (the terminal output, escape codes stripped); the note is read back
from the notes YAML. Skipped, with the reason, where playwright or chromium is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from .conftest import installed_closeread

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P^_].*?(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"closeread --serve exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"closeread --serve did not listen on port {port}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``(url, notes dir)`` of ``closeread --serve`` on a small article of our own."""
    command = installed_closeread()
    if command is None:
        pytest.skip("the closeread command is not installed")
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    article = tmp_path / "green-sky.txt"
    article.write_text(
        "The Case of the Green Sky\n\nBy Jane Doe\n\n"
        "The sky over the city turned green last week. The Daily Planet reported that:\n\n"
        "The green colour comes from pollen carried by an unusual wind.\n\n"
        "The pollen story is plainly false. Pollen has never coloured a sky.\n",
        encoding="utf-8",
    )
    notes = tmp_path / "notes"
    notes.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen(
        [command, "--serve", str(article), "--port", str(port), "--notes-dir", str(notes)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/", notes
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def eventually(
    check: Callable[[], bool],
    what: str,
    wait: Callable[[float], None],
    timeout: float = 90,
    seen: Callable[[], str] = lambda: "",
) -> None:
    """Wait for ``check``; ``wait(ms)`` must be the page's: the sync Playwright API only
    delivers events (the websocket frames) while one of its calls runs."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        wait(100)
    pytest.fail(f"never happened: {what}; the browser last received: {seen()[-600:]!r}")


def test_reader_in_a_headless_browser(served: tuple[str, Path]) -> None:
    if CHROMIUM is None:
        pytest.skip("no chromium (apt-get install chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    url, notes = served
    received: list[str] = []

    def on_frame(payload: str | bytes) -> None:
        received.append(
            payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        )

    def screen_text() -> str:
        return ANSI.sub("", "".join(received))

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
            # The page asks Google for a font: do not wait for it (no internet here).
            page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
            page.goto(url, wait_until="domcontentloaded")
            wait = page.wait_for_timeout
            eventually(
                lambda: "The Case of the Green Sky" in screen_text(),
                "the article shown",
                wait,
                seen=screen_text,
            )
            page.locator(".textual-terminal").click()

            def first_claim() -> bool:
                # Until the analysis is in, ] finds no claim: go back to the start, try again.
                page.keyboard.press("g")
                page.keyboard.press("]")
                page.wait_for_timeout(300)
                return re.search(r"claim 1/\d+", screen_text()) is not None

            eventually(first_claim, "claim 1/N in the status bar", wait, seen=screen_text)
            page.keyboard.press("a")
            eventually(
                lambda: "ctrl+s save" in screen_text(), "the note editor", wait, seen=screen_text
            )
            wait(500)  # the editor takes the focus just after it is drawn
            page.keyboard.type("Seen in a browser", delay=20)
            page.keyboard.press("Control+s")
            bodies: list[str] = []

            def note_saved() -> bool:
                bodies[:] = [
                    str(n.get("body"))
                    for path in notes.glob("*.yaml")
                    for n in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(
                        "notes", []
                    )
                ]
                return "Seen in a browser" in bodies

            eventually(
                note_saved, "the note in the notes YAML", wait, seen=lambda: f"notes {bodies}"
            )
        finally:
            browser.close()
