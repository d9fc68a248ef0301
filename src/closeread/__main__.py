"""Allow ``python -m closeread``."""

from __future__ import annotations

from closeread.cli import main

raise SystemExit(main())
