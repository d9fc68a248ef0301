"""Document text as drawn in the terminal: nothing in it hides, and every terminal agrees on
its width.

A document may hold characters that draw nothing (a zero-width space, a byte-order mark, Unicode
"tag" characters that can smuggle text), characters that reorder what is drawn (a right-to-left
override can make ``evil`` read ``live``), and emoji sequences that terminals measure
differently from Rich (tmux draws "👍🏽" four cells wide, kitty two, Rich counts two): one such
row pushes the rest of the line, the panel divider included, out of place. So each character
is drawn as at most one glyph of a width Rich and terminals agree on:

- control characters become their Control Pictures symbol (``␛``), a tab a space (a line
  break stays: the article's rows never hold one, a dialog's text may);
- invisible format characters (zero-width space, joiner and non-joiner, word joiner, BOM,
  tag characters, line and paragraph separators) become ``◌`` (HIDDEN);
- direction controls (LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI) become
  ``⇄`` (DIRECTION);
- emoji presentation selectors (VS15, VS16) and skin-tone modifiers are not drawn: the emoji
  shows in its default form, two cells everywhere.

The article styles the placeholders dim. One character never becomes more than one glyph, so
document offsets, wrapping and clicks still map character by character.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import get_character_cell_size
from rich.text import Text

HIDDEN = "\u25cc"
"""``◌``, drawn for an invisible character."""
DIRECTION = "\u21c4"
"""``⇄``, drawn for a text-direction control."""

_DIRECTION_CHARS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_HIDDEN_CHARS = (
    "\u034f\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_DROPPED_CHARS = "\ufe0e\ufe0f\U0001f3fb-\U0001f3ff"

PLACEHOLDER = re.compile(f"[{_DIRECTION_CHARS}{_HIDDEN_CHARS}]")
"""Characters drawn as a placeholder (``◌`` or ``⇄``)."""
_CONTROL_CHARS = "\x00-\x09\x0b-\x1f\x7f-\x9f"
_CHANGED = re.compile(f"[{_CONTROL_CHARS}{_DIRECTION_CHARS}{_HIDDEN_CHARS}{_DROPPED_CHARS}]")


def _ranges(chars: str) -> list[int]:
    """Code points of a regex character class body such as ``"a-c\\u200b"``."""
    points: list[int] = []
    i = 0
    while i < len(chars):
        if i + 2 < len(chars) and chars[i + 1] == "-":
            points.extend(range(ord(chars[i]), ord(chars[i + 2]) + 1))
            i += 3
        else:
            points.append(ord(chars[i]))
            i += 1
    return points


_TABLE: dict[int, int | None] = {c: 0x2400 + c for c in range(32) if c != 0x0A}
_TABLE |= {0x7F: 0x2421, 0x09: 0x20}
_TABLE |= {c: 0xFFFD for c in range(0x80, 0xA0)}
_TABLE |= {c: ord(HIDDEN) for c in _ranges(_HIDDEN_CHARS)}
_TABLE |= {c: ord(DIRECTION) for c in _ranges(_DIRECTION_CHARS)}
_TABLE |= {c: None for c in _ranges(_DROPPED_CHARS)}


def visible(text: str) -> str:
    """``text`` as drawn: placeholders for invisible and direction characters, control
    symbols, no presentation selectors or skin-tone modifiers (never longer than ``text``)."""
    return text.translate(_TABLE) if _CHANGED.search(text) else text


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """Cells the one character ``char`` takes once drawn (0 when it is not drawn)."""
    drawn = char.translate(_TABLE)
    return get_character_cell_size(drawn) if drawn else 0


def visible_text(text: Text, placeholder_style: str = "dim") -> Text:
    """``text`` (document text in a Rich ``Text``) as drawn, its spans kept; placeholders get
    ``placeholder_style``. Returns ``text`` itself when nothing changes."""
    plain = text.plain
    if not _CHANGED.search(plain):
        return text
    cuts = sorted({i for m in _CHANGED.finditer(plain) for i in (m.start(), m.end())})
    out = text.blank_copy()
    for piece in text.divide(cuts):
        if len(piece) == 1 and _CHANGED.match(piece.plain):
            drawn = visible(piece.plain)
            if not drawn:
                continue
            placeholder = PLACEHOLDER.match(piece.plain) is not None
            piece.plain = drawn  # one character for one: the spans still fit
            if placeholder:
                piece.stylize(placeholder_style)
        out.append_text(piece)
    return out
