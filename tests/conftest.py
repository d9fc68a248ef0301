"""Fixtures shared by every test level."""

from __future__ import annotations

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
