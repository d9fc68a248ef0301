"""closeread: a terminal reader for close reading."""

from __future__ import annotations

__version__ = "0.1.0"

#: Version of the notes YAML schema this release reads and writes (VISION §5).
SCHEMA_VERSION = 1
