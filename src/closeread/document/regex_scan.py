"""``pattern.finditer`` for a pattern that opens with a look-around, found faster.

The regex engine tries such a pattern at every character; when every match starts with a
character of ``opener`` (one character class) and none is empty, a scan for ``opener``
(in C) finds the places where ``pattern`` can match, and it is tried there only. The
matches are the same, in the same order (the callers' tests compare them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def jump_matches(
    opener: re.Pattern[str], pattern: re.Pattern[str], text: str, pos: int, end: int
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text[pos:end]``, tried only where ``opener`` is."""
    find, match = opener.search, pattern.match
    while (k := find(text, pos, end)) is not None:
        m = match(text, k.start(), end)
        if m is None:
            pos = k.start() + 1
        else:
            yield m
            pos = m.end()
