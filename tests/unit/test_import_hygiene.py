"""The pure core must not pull in the terminal layer (STYLE: pure core, thin TUI)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "closeread.document",
    "closeread.analysis",
    "closeread.notes",
    "closeread.export",
    "closeread.navigation",
    "closeread.reading",
    "closeread.spans",
    "closeread.lazy",
    "closeread.paths",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_ui(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('closeread.tui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} imports UI modules: {out.stdout.strip()}"


def test_cli_analyze_path_does_not_import_textual() -> None:
    """``closeread analyze`` must not pay Textual's import time."""
    code = (
        "import sys\n"
        "import closeread.cli\n"
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def test_import_linter_contracts_hold() -> None:
    """The ``[tool.importlinter]`` contracts in pyproject.toml (core never imports the UI)."""
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", LINT],
        capture_output=True,
        text=True,
        cwd=repo,
    )
    assert "Contracts: 3 kept, 0 broken." in out.stdout, out.stdout + out.stderr
