"""Character-level normalisation: newlines, BOM, tabs, control characters.

Everything here is whole-text C-level string work (``str.replace``, ``str.translate``,
one regex pass), so it costs a few milliseconds on a 3 MB book. Block-level work (joining
hard-wrapped lines, repairing broken paragraphs) is in ``blocks``.

Bump ``NORMALISATION_VERSION`` whenever the normalised text of some input changes: notes
store offsets into the normalised text, and the version tells a later reader why they moved.
"""

from __future__ import annotations

import re

NORMALISATION_VERSION = 2
"""Version of the rules in this module and in ``blocks``/``markdown``/``mojibake``.

2: mojibake repaired (``mojibake.repair`` runs before ``clean_text``)."""

TAB_SIZE = 4

# C0 controls (except \n) become their visible Unicode "control pictures" (U+2400 + code),
# DEL becomes U+2421: an ESC sequence from a terminal capture shows as "␛[31m", it is never
# sent to the user's terminal. C1 controls have no pictures: U+FFFD. Vertical tab, form feed
# (page breaks in PEPs and old texts), NEL and LINE SEPARATOR end a line; PARAGRAPH
# SEPARATOR ends a paragraph. Lone surrogates (possible in a str, not in UTF-8) become U+FFFD
# so the text can always be encoded for its sha256.
_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(32)}
_TABLE.update({0x7F: "\u2421", 0x0A: "\n", 0x0B: "\n", 0x0C: "\n", 0x85: "\n"})
_TABLE.update({c: "\ufffd" for c in range(0x80, 0xA0) if c != 0x85})
_TABLE.update({0x2028: "\n", 0x2029: "\n\n", 0xFEFF: ""})
del _TABLE[0x09]  # tabs are expanded per line first
_SPECIALS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def _special(match: re.Match[str]) -> str:
    char = match.group()
    return _TABLE.get(ord(char), "\ufffd")


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 32 else ("\u2421" if code == 0x7F else "\ufffd")


def visible_controls(text: str) -> str:
    """``text`` with control characters (but ``\n`` and ``\t``) shown as control pictures.

    For text that did not come through :func:`clean_text` (a note's body, a tag, a file
    name) on its way to a terminal or a report: an ESC sequence prints as "␛[2J" instead
    of clearing the user's screen.
    """
    return _CONTROLS.sub(_picture, text) if _CONTROLS.search(text) else text


def clean_text(text: str) -> str:
    """Unify newlines, drop BOMs, expand tabs, make controls visible, strip line ends.

    Idempotent: ``clean_text(clean_text(t)) == clean_text(t)``.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.expandtabs(TAB_SIZE)
    if _SPECIALS.search(text) is not None:
        text = _SPECIALS.sub(_special, text)
    if " \n" in text or text.endswith(" "):
        # Per line in C (str.rstrip) is ten times faster than a MULTILINE regex here.
        text = "\n".join([line.rstrip(" ") for line in text.split("\n")])
    return text
