"""Repairing mojibake: UTF-8 text that was once decoded as cp1252 (or Latin-1).

"Natásha" written in UTF-8 is the bytes ``4E 61 74 C3 A1 73 68 61``; read as cp1252 they
become "NatÃ¡sha", and saved again that stays in the file (War and Peace in
``../shared/corpus`` has ~10,600 such sequences beside correct UTF-8 quotes). The repair
finds runs of characters that, mapped back to their cp1252 bytes, form well-formed UTF-8
multi-byte sequences, and decodes them ("Ã¡" -> "á", the three characters of a mojibake
apostrophe -> U+2019, "Ã" + U+0081 -> "Á"); "Ã " (the ``A0`` byte of "à" turned into a
space) -> "à". Each repaired sequence is one :class:`Edit`, so offsets in the repaired
text map back to the text exactly (:mod:`closeread.document.source_map`).

Why not ftfy: measured on War and Peace (``benchmarks/load_bench.py``), ``ftfy.fix_text``
takes 2.8 s and ``ftfy.fix_encoding`` 1.7 s on the whole text, and importing ftfy alone
costs ~70 ms (its character tables), more than the whole ``load`` budget (~50 ms). This
repair takes ~20-30 ms there, runs only when a first regex finds a lead character, and
gives the same text as ``ftfy.fix_encoding`` except in two ways, both better: "Ã " becomes
"à" instead of "à " (the space *was* the A0 byte; ftfy keeps it), and ftfy leaves "cÅ“ur"
unrepaired where this gives "cœur". The benchmark checks the agreement.

Guards against false positives in real Latin-1 text: a two-byte sequence is repaired only
when it decodes to Latin-1 Supplement / Latin Extended-A (U+00A0-U+017F: "é", "Á", "ł"),
or to Greek/Cyrillic when its second character is not punctuation ("ACCIÓN" + a closing
quote stays: it would be Cyrillic); "Spaß" + an opening quote stays (NKo). A three-byte
sequence is repaired when it decodes to punctuation or symbols (U+2000-U+22FF) or sits in
a run of several (CJK text); alone, "é" + an ellipsis + a closing quote stays. Four-byte
sequences are repaired when they decode to planes 1-3 (emoji), not to unassigned planes.
Known false positive: an accented lower-case letter followed by two cp1252 punctuation
marks, twice in one run (it reads as two CJK characters). Text encoded twice is repaired
in as many passes (``MAX_PASSES``), so normalisation stays a fixed point.
"""

from __future__ import annotations

import re
from contextlib import suppress
from functools import lru_cache
from typing import NamedTuple


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 81 8D 8F 90 9D: Latin-1's C1 control, as "sloppy" decoders do
        return chr(byte)


#: The character each byte 80-FF became when UTF-8 was read as cp1252.
_BYTE: dict[str, int] = {_cp1252(b): b for b in range(0x80, 0x100)}
_PUNCT_BYTES = frozenset(range(0x80, 0xA0))  # cp1252's quotes, dashes, ellipsis...


def _class(lo: int, hi: int) -> str:
    return "[" + "".join(re.escape(_cp1252(b)) for b in range(lo, hi + 1)) + "]"


# "Ã" before a space was "à" whose A0 byte became a space ("lÃ  le", "tÃªte-Ã -tÃªte"); the
# space is that byte. Before other whitespace the byte was lost: "Ã" alone is "à", the
# whitespace stays (BOMs, which normalisation deletes, are deleted first: see ``repair``).
# Not after a capital: "AMANHÃ " is Portuguese in capitals. Any "Ã" before whitespace must
# be decided here, before normalisation: joining lines makes "Ã" + newline into "Ã" +
# space, and the repair would then differ the second time (normalisation must stay a
# fixed point).
_NOT_CAPITAL = "(?<![A-Z\u00c0-\u00d6\u00d8-\u00de]\u00c3)"
_A_GRAVE = f"\u00c3{_NOT_CAPITAL}\\s"
_KEEP_AFTER_A = frozenset(
    c
    for c in map(chr, range(0x3000))
    if c.isspace() and c not in " \xa0"  # "Ã\xa0" is "à"
)
_KEEP_AFTER_A |= {"\u3000"}


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern[str]:
    """Runs of mojibake sequences (compiled on first use: ~1.5 ms the first screen of a
    clean text need not pay)."""
    cont = _class(0x80, 0xBF)
    lead2, lead3, lead4 = _class(0xC2, 0xDF), _class(0xE0, 0xEF), _class(0xF0, 0xF4)
    seq = f"(?:{lead2}{cont}|{_A_GRAVE}|{lead3}{cont}{{2}}|{lead4}{cont}{{3}})"
    # The first character is matched by one class (fast: no alternation tried at every
    # position of a 3 MB text), the rest of its sequence by a look-behind on it.
    return re.compile(
        "[\u00c2-\u00f4]"
        f"(?:(?<={lead2}){cont}|(?<=\u00c3){_NOT_CAPITAL}\\s"
        f"|(?<={lead3}){cont}{{2}}|(?<={lead4}){cont}{{3}})"
        f"{seq}*"
    )


_LEADS = re.compile("[\u00c2-\u00f4]")


class Edit(NamedTuple):
    """One repaired sequence: ``text[start:end]`` became ``replacement``."""

    start: int
    end: int
    replacement: str


def _plausible(char: str, second: str, size: int, triples: int) -> bool:
    """Is ``char`` what a sequence of ``size`` bytes (second one ``second``) stood for?"""
    code = ord(char)
    if size == 2:
        if 0xA0 <= code <= 0x17F:
            return True
        return 0x370 <= code <= 0x4FF and _BYTE.get(second, 0xA0) not in _PUNCT_BYTES
    if size == 3:
        # Punctuation, currency, letterlike and math symbols (apostrophe, euro); anything else
        # (CJK...) only inside a longer run: "é…”" stays (it is U+9154 in UTF-8).
        return 0x2000 <= code <= 0x22FF or triples > 1
    return code < 0x40000  # emoji, historic scripts, CJK extensions (not planes 4-16)


def _decode_run(run: str) -> tuple[tuple[int, int, str], ...]:
    """(offset, size, character) of each repairable sequence of a matched run."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(run):
        if run[i] == "\u00c3" and run[i + 1 : i + 2] in _KEEP_AFTER_A:
            found.append((i, 1, "\u00e0"))  # the whitespace after it stays
            i += 2
            continue
        lead = _BYTE[run[i]]
        size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        with suppress(UnicodeDecodeError):  # overlong forms, surrogates: leave them
            found.append((i, size, bytes(_BYTE.get(c, 0xA0) for c in run[i : i + size]).decode()))
        i += size
    triples = sum(1 for _, size, _ in found if size == 3)
    return tuple(
        (i, size, char) for i, size, char in found if _plausible(char, run[i + 1], size, triples)
    )


def find_edits(text: str) -> list[Edit]:
    """The repairs of ``text``'s mojibake, in text order (empty when there is none)."""
    if _LEADS.search(text) is None:
        return []
    edits: list[Edit] = []
    cache: dict[str, tuple[tuple[int, int, str], ...]] = {}  # War and Peace: ~60 distinct runs
    for m in _run_pattern().finditer(text):
        run, pos = m.group(), m.start()
        decoded = cache.get(run)
        if decoded is None:
            decoded = cache[run] = _decode_run(run)
        edits.extend(Edit(pos + i, pos + i + size, char) for i, size, char in decoded)
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (sorted, non-overlapping) applied."""
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


MAX_PASSES = 3
"""Text encoded twice ("ÃƒÂ©" for "é") is repaired in as many passes; the result is a
fixed point (normalising twice gives the same text)."""


_LEAD_CHARS = frozenset(_cp1252(b) for b in range(0xC2, 0xF5))
_CONT_CHARS = frozenset(_cp1252(b) for b in range(0x80, 0xC0))
_IN_SEQUENCE = _LEAD_CHARS | _CONT_CHARS


def _new_run(local: str) -> bool:
    """Whether a repaired run and its neighbours form a sequence the next pass would repair."""
    return any(_decode_run(m.group()) for m in _run_pattern().finditer(local))


def repair(text: str) -> str:
    """``text`` with its mojibake repaired (the same object when there is none).

    Equal to applying :func:`edit_passes` in turn, but in one ``re.sub`` per pass (twice as
    fast: the edits themselves are only needed by exports, through the source map). A pass
    runs again only if the last one may have made a new run: a repaired run that is itself
    mojibake (text encoded twice), or one whose edge now pairs with a neighbour into a
    sequence (a new sequence must cross one of the two edges of a repaired run).
    """
    # War and Peace: ~60 distinct runs for 10,600 matches. Per run: the repair, whether it is
    # mojibake again, whether its first character can continue a sequence and its last one
    # can start or continue one.
    cache: dict[str, tuple[str, bool, bool, bool]] = {}
    again = False

    def fixed(m: re.Match[str]) -> str:
        nonlocal again
        run = m.group()
        found = cache.get(run)
        if found is None:
            out = apply_edits(run, [Edit(i, i + size, c) for i, size, c in _decode_run(run)])
            changed = out != run
            found = cache[run] = (
                out,
                changed and _run_pattern().search(out) is not None,
                changed and out[0] in _CONT_CHARS | _KEEP_AFTER_A | {" "},
                changed and out[-1] in _IN_SEQUENCE,
            )
        out, nested, left, right = found
        if again or not (nested or left or right):
            return out
        whole, start, end = m.string, m.start(), m.end()
        after = whole[end : end + 1]
        again = nested or (
            (
                (left and start > 0 and whole[start - 1] in _IN_SEQUENCE)
                or (
                    right
                    and after != ""
                    and (after in _CONT_CHARS or (out[-1] == "\u00c3" and after.isspace()))
                )
            )
            and _new_run(whole[max(0, start - 3) : start] + out + whole[end : end + 3])
        )
        return out

    if _LEADS.search(text) is None:
        return text
    original = text
    # Normalisation deletes BOMs; deleted first, they cannot hide a sequence ("Ã" + BOM + A0)
    # that would be repaired when normalising the result again.
    text = text.replace("\ufeff", "") if "\ufeff" in text else text
    changed = False
    for _ in range(MAX_PASSES):
        again = False
        repaired = _run_pattern().sub(fixed, text)
        if repaired == text:
            break
        text, changed = repaired, True
        if not again:
            break
    return text if changed else original


def edit_passes(text: str) -> list[list[Edit]]:
    """The edits of each pass of :func:`repair`, each on the text the previous one left."""
    passes: list[list[Edit]] = []
    if _LEADS.search(text) is None:
        return passes
    if "\ufeff" in text:
        passes.append([Edit(m.start(), m.end(), "") for m in re.finditer("\ufeff", text)])
        text = apply_edits(text, passes[-1])
    for _ in range(MAX_PASSES):
        edits = find_edits(text)
        if not edits:
            break
        passes.append(edits)
        text = apply_edits(text, edits)
    return passes
