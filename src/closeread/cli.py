"""Command line (PLACEHOLDER: the full CLI of VISION §4 replaces this)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    print("closeread: not built yet", file=sys.stderr)
    return 1
