"""Schema migrations of the notes file: a chain of functions, one per version step.

A file of schema ``n`` (1 <= n < SCHEMA_VERSION) is upgraded in memory by applying
``MIGRATIONS[n]``, ``MIGRATIONS[n + 1]``, ... until it reaches the current version; it is
only written back (as the current version, with the old file kept as ``.bak``) when the
reader changes something. Files newer than SCHEMA_VERSION are refused before this point
and never overwritten. See docs/notes-format.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from closeread import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: ``MIGRATIONS[n]`` turns a schema-``n`` mapping into a schema-``n+1`` mapping.
#: Empty while schema 1 is the only one; e.g. ``MIGRATIONS[1] = _v1_to_v2`` later.
MIGRATIONS: dict[int, Migration] = {}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Upgrade the top-level mapping of a schema-``version`` file to SCHEMA_VERSION."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["closeread"] = version
    return data
