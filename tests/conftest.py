"""Fixtures shared by every test level."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples, so a run passes or fails on
# the code alone; locally they keep exploring (and replay failures from .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLOSEREAD_SHARED", REPO.parent / "shared"))
SAMPLE = REPO / "sample" / "west-leverages-paris-attacks.txt"
CORPUS = SHARED / "corpus"


@pytest.fixture
def sample_path() -> Path:
    """The bundled sample article, as shipped in the repo's ``sample/``."""
    return SAMPLE


@pytest.fixture
def notes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty notes folder, also set as ``CLOSEREAD_NOTES_DIR`` so nothing touches the user's."""
    d = tmp_path / "notes"
    d.mkdir()
    monkeypatch.setenv("CLOSEREAD_NOTES_DIR", str(d))
    return d


def corpus_file(name: str) -> Path:
    """A file of ``../shared/corpus``; skips the test when the corpus is not beside the repo."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {path} not available")
    return path


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test reads and writes its own reading state (positions, theme) and cache
    (notes headers), never the user's (``CLOSEREAD_STATE_DIR``, ``CLOSEREAD_CACHE_DIR``;
    subprocesses inherit them)."""
    state = tmp_path / "state"
    monkeypatch.setenv("CLOSEREAD_STATE_DIR", str(state))
    monkeypatch.setenv("CLOSEREAD_CACHE_DIR", str(tmp_path / "cache"))
    return state


@pytest.fixture(autouse=True)
def _no_early_analysis_left() -> Iterator[None]:
    """An analysis a test's layout child started and nobody read (``analysis.preload``)
    stops with the test, not when the next test opens a big document."""
    yield
    from closeread.analysis import preload

    preload.drop_early()


def _descendants(root: int) -> list[tuple[int, bool]]:
    """The processes below ``root`` (Linux ``/proc``; none elsewhere), parents first, each
    with whether it is alive (not a zombie waiting to be reaped)."""
    children: dict[int, list[tuple[int, bool]]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # it ended meanwhile
        children.setdefault(int(fields[1]), []).append((int(stat.parent.name), fields[0] != "Z"))
    found: list[tuple[int, bool]] = []
    todo = [root]
    while todo:
        for pid, alive in children.get(todo.pop(), []):
            found.append((pid, alive))
            todo.append(pid)
    return found


def _command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    line = raw.replace(b"\0", b" ").decode("utf-8", "replace").strip()[:200]
    with contextlib.suppress(OSError):  # where it waits, for whoever reads the CI log
        line += f" (waiting in {Path(f'/proc/{pid}/wchan').read_text() or 'nothing'})"
    return line


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Nothing a test started outlives the test process: a forked child (a layout or
    analysis child still writing a cache, say) would hold the output pipe of whoever runs
    the suite, and CI would wait for it. Each one found is killed and named on stderr."""
    config = session.config
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        return  # pytest-xdist's controller: its children are the workers
    leftovers = _descendants(os.getpid())
    for pid, alive in leftovers:
        if not alive:
            continue  # it ended; only reaped below
        name = _command_line(pid)
        try:
            os.kill(pid, 9)
        except OSError:
            continue
        os.write(2, f"\n[tests] killed a leftover process {pid}: {name}\n".encode())
    for pid, _alive in leftovers:
        with contextlib.suppress(OSError):  # not our child, or reaped already
            os.waitpid(pid, 0)
