"""The code stays formatted and lint-clean: ruff, configured in pyproject.toml, is a test
extra pinned to one minor version (a new ruff may format differently)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ruff_main = pytest.importorskip("ruff.__main__", reason="ruff is not installed")


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ruff_main.find_ruff_bin(), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_code_is_formatted() -> None:
    result = _ruff("format", "--check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_passes_the_linter() -> None:
    result = _ruff("check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr
