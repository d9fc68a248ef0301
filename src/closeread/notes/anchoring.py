"""Re-anchoring a note's target in a (possibly edited) text.

In order, cheapest first (VISION §5):

1. **anchored** — the stored position still holds the quote *and* its stored context
   (prefix and suffix), or no other occurrence of the quote matches more of the context
   (an edit can move another occurrence of a repeated word onto the stored offset);
2. **moved** — the exact quote occurs elsewhere: the occurrence whose surroundings match
   the stored prefix/suffix best wins, ties going to the one nearest the old position.
   A match must rest on enough evidence (quote + matching context >= ``MIN_EVIDENCE``
   characters), so a short quote is not pinned to an arbitrary repeat of it, and must
   beat the next occurrence by ``MOVED_MARGIN`` characters of context (the quote "https"
   of a deleted link is not moved onto another link);
3. **fuzzy** — the quote changed a little: rapidfuzz alignment, first in a window around
   the old position, then over the whole text at candidate places found cheaply by exact
   search for fragments of the quote and its context; scored on the quote and its context,
   accepted only above ``MIN_QUOTE_SCORE`` / ``MIN_SCORE`` and only if it beats the best
   match elsewhere (outside the span found) by ``FUZZY_MARGIN`` points: when the line a
   note was on is deleted, a near-identical line ("PR #11924" / "PR #11917") is a guess,
   not a place;
4. **orphan** — not found: no position, the note is kept; ``AnchorResult.guess`` offers
   the place a refused match pointed at (shown to the reader, never applied by itself).

The fuzzy stage is for a quote that *changed*, in place: when the quote is still in the
text word for word with one side of its context (the exact stage refused it as
ambiguous), a fuzzy match elsewhere or across it is no place either (in a repetitive text
a shifted or truncated span can outscore the quote's own); the span found is trimmed of
spaces and line breaks the quote lacks at its ends, needs one side of its context whole
and ``OTHER_SIDE`` characters of the other, and is refused where the stored prefix and
suffix meet with only spaces between them (the quote was deleted there, and what follows
merely resembles it).

Measured by ``benchmarks/reanchor_torture.py`` (notes x realistic edits, wrong places
counted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from closeread.notes.model import CONTEXT_CHARS, AnchorStatus, Target

MIN_EVIDENCE = 20
"""Characters of quote plus matching context an exact (moved) match must rest on."""
MIN_QUOTE_SCORE = 75.0
"""Lowest rapidfuzz ratio (0-100) between the stored quote and the text found for it."""
MIN_SCORE = 80.0
"""Lowest combined score (quote and context, weighted by length) for a fuzzy match."""
GOOD_SCORE = 92.0
"""A fuzzy match near the old position this good ends the search (no whole-text pass)."""
MIN_FUZZY_CHARS = 6
"""Quotes shorter than this are never matched fuzzily: there is too little to compare."""
NEAR_CHARS = 2000
"""Half-width of the window around the old position searched first."""
SHORT_QUOTE = 12
"""A quote shorter than this (a word, a number) moves only with one side of its context
whole and ``MOVED_MARGIN`` characters of the other: alone it is found all over a text."""
OTHER_SIDE = 16
"""Characters of the second side of the context a short quote or a far place needs."""
MOVED_MARGIN = 8
"""Context characters by which a moved match must beat the next occurrence of its quote."""
FUZZY_MARGIN = 6.0
"""Points by which a fuzzy match must beat the best match elsewhere."""
MAX_OCCURRENCES = 200_000
MAX_FRAGMENT_HITS = 40
MAX_CANDIDATES = 48


@dataclass(frozen=True, slots=True)
class AnchorResult:
    """Where a target was found: status, span (None for an orphan) and score (0-100)."""

    status: AnchorStatus
    start: int | None
    end: int | None
    score: float
    guess: tuple[int, int] | None = None
    """For an orphan: the place a refused match pointed at (never applied by itself)."""


ORPHAN = AnchorResult("orphan", None, None, 0.0)


def _orphan(guess: tuple[int, int] | None) -> AnchorResult:
    return ORPHAN if guess is None else AnchorResult("orphan", None, None, 0.0, guess)


def anchor(target: Target, text: str, hint: int | None = None) -> AnchorResult:
    """Find ``target`` in ``text`` (see the module docstring for the rules).

    ``hint`` is where the old position has probably moved to (see ``anchor_many``); the
    searches start there and ties go to the occurrence nearest to it.
    """
    quote = target.quote
    if not quote:
        return ORPHAN
    s, e = target.start, target.end
    if s is not None and e is not None and 0 <= s <= e <= len(text) and text[s:e] == quote:
        if _context_holds(target, text, s, e):
            return AnchorResult("anchored", s, e, 100.0)
        # The quote is there but its context is not: another occurrence may have been moved
        # onto the offset (a repeated word), or an edit touched the context.
        found = _recheck_in_place(target, text, s, e)
        if found is not None:
            return found
    old = hint if hint is not None else s
    old = old if old is not None and 0 <= old <= len(text) else None
    exact, guess = _exact(target, text, old)
    if exact is not None:
        return exact
    if len(quote) < MIN_FUZZY_CHARS:
        return _orphan(guess)
    found, fuzzy_guess = _fuzzy(target, text, old)
    return found or _orphan(guess or fuzzy_guess)


def anchor_many(targets: Sequence[Target], text: str) -> list[AnchorResult]:
    """Anchor the targets of one document, in the order given.

    An edit shifts the notes after it alike, so the targets are visited by old position and
    each one's search starts at its old position plus the shift of the previous one found:
    after an insertion or deletion the notes are found by the cheap near search instead of
    a whole-text one.
    """
    results = [ORPHAN] * len(targets)
    order = sorted(
        range(len(targets)), key=lambda i: (targets[i].start is None, targets[i].start or 0)
    )
    shift = 0
    for i in order:
        t = targets[i]
        hint = None if t.start is None or not shift else max(0, t.start + shift)
        found = anchor(t, text, hint)
        if found.start is not None and t.start is not None:
            shift = found.start - t.start
        results[i] = found
    return results


# ---- exact ---------------------------------------------------------------------------


def _recheck_in_place(target: Target, text: str, s: int, e: int) -> AnchorResult | None:
    """The quote is at its stored offset but its context is not all there.

    With one side of the context whole (an edit on the other side) it stays, unless another
    occurrence has all of its context (the note's own text, moved). A long quote without a
    whole side stays unless an occurrence elsewhere has one whole side and ``MOVED_MARGIN``
    more characters of context. A short one (a word) without a whole side is searched for
    like a moved note (None).
    """
    here_before, here_after = _context_sides(target, text, s, e)
    whole_here = _full_side(here_before, target.prefix) or _full_side(here_after, target.suffix)
    if not whole_here and e - s < SHORT_QUOTE:
        return None
    positions = _occurrences(text, target.quote, 0, len(text))
    (ctx, pos), _ = _best_exact(target, text, positions, s)
    full = 2 * CONTEXT_CHARS
    here = here_before + here_after
    if pos != s and ctx >= full:
        return AnchorResult("moved", pos, pos + len(target.quote), _exact_score(ctx))
    if (
        not whole_here
        and pos != s
        and ctx >= here + MOVED_MARGIN
        and _one_side_whole(target, text, pos, pos + e - s, s)
    ):
        return AnchorResult("moved", pos, pos + len(target.quote), _exact_score(ctx))
    return AnchorResult("anchored", s, e, 100.0)


def _context_holds(target: Target, text: str, s: int, e: int) -> bool:
    """Whether the stored prefix and suffix are next to ``[s, e)`` exactly."""
    p, q = target.prefix, target.suffix
    if not p and not q:
        return True  # nothing to check (an imported quote without context)
    # One side empty and the other not: the quote was at the start (or end) of the text.
    before = s >= len(p) and text.startswith(p, s - len(p)) if p else s == 0
    return before and (text.startswith(q, e) if q else e == len(text))


def _context_chars(target: Target, text: str, pos: int, end: int) -> int:
    before, after = _context_sides(target, text, pos, end)
    return before + after


def _context_sides(target: Target, text: str, pos: int, end: int) -> tuple[int, int]:
    """Characters of the stored prefix/suffix matching the text next to ``[pos, end)``.

    A stored context shorter than CONTEXT_CHARS met a text boundary; finding the same
    boundary at the same distance counts as a full match.
    """
    prefix, suffix = target.prefix, target.suffix
    n = 0
    i = 1
    while i <= len(prefix) and i <= pos and text[pos - i] == prefix[-i]:
        i += 1
    n += i - 1
    if i - 1 == len(prefix) == pos and len(prefix) < CONTEXT_CHARS:
        n = CONTEXT_CHARS
    j = 0
    limit = min(len(suffix), len(text) - end)
    while j < limit and text[end + j] == suffix[j]:
        j += 1
    if j == len(suffix) == len(text) - end and len(suffix) < CONTEXT_CHARS:
        j = CONTEXT_CHARS
    return n, j


def _full_side(matched: int, stored: str) -> bool:
    return matched >= CONTEXT_CHARS or (0 < len(stored) <= matched)


def _one_side_whole(
    target: Target, text: str, s: int, e: int, old: int | None, *, strict: bool = False
) -> bool:
    """Enough context for a place that lacks some of it: one side whole (an edit next to a
    quote leaves the other side as it was), and ``OTHER_SIDE`` characters of the other side
    too for a short quote or a place far from the old one (where a near-copy of the
    passage, not the passage itself, is the likelier find)."""
    if not target.prefix and not target.suffix:
        return True
    before, after = _context_sides(target, text, s, e)
    near = any(x is not None and abs(s - x) <= NEAR_CHARS for x in (old, target.start))
    need = 0 if near and e - s >= SHORT_QUOTE and not strict else OTHER_SIDE
    return (_full_side(before, target.prefix) and after >= min(need, len(target.suffix))) or (
        _full_side(after, target.suffix) and before >= min(need, len(target.prefix))
    )


def _sandwich(target: Target, text: str, old: int | None) -> bool:
    """Whether the stored prefix and suffix are both still at the old place with something
    else between them: the quote itself was edited there, so an exact copy of it elsewhere
    is not where the note went."""
    p, q, n = target.prefix, target.suffix, len(target.quote)
    if old is None or len(p) < 8 or len(q) < 8:
        return False
    for at in {old, target.start or old}:
        if at >= len(p) and text.startswith(p, at - len(p)):
            stop = at + 2 * n + 16 + len(q)
            found = text.find(q, at, stop)
            if found < 0 or target.quote in text[at:found]:
                continue
            # In a repetitive text the suffix can also occur inside the quote: the quote
            # intact with its suffix right after it (text put in before it) is no sandwich.
            if any(text.startswith(q, i + n) for i in _occurrences(text, target.quote, at, stop)):
                continue
            return True
    return False


def _occurrences(text: str, quote: str, lo: int, hi: int) -> list[int]:
    out: list[int] = []
    i = text.find(quote, lo, hi)
    while i != -1 and len(out) < MAX_OCCURRENCES:
        out.append(i)
        i = text.find(quote, i + 1, hi)
    return out


def _best_exact(
    target: Target, text: str, positions: list[int], old: int | None
) -> tuple[tuple[int, int], int]:
    """((context chars, position) of the best occurrence: most context, then nearest
    ``old``; context chars of the runner-up, -1 if there is none)."""
    n = len(target.quote)
    ref = old if old is not None else 0
    best = (-1, 0)
    second = -1
    best_dist = 0
    for pos in positions:
        ctx = _context_chars(target, text, pos, pos + n)
        dist = abs(pos - ref)
        if ctx > best[0] or (ctx == best[0] and dist < best_dist):
            second = max(second, best[0])
            best, best_dist = (ctx, pos), dist
        else:
            second = max(second, ctx)
    return best, second


def _exact(
    target: Target, text: str, old: int | None
) -> tuple[AnchorResult | None, tuple[int, int] | None]:
    """The moved match, if one is sure; else (None, the best occurrence refused, if any)."""
    quote = target.quote
    n = len(quote)
    full = 2 * CONTEXT_CHARS
    if old is not None:
        # Near the old position first: an occurrence there with all its context cannot be
        # beaten (equal context, and nothing outside the window is nearer).
        lo, hi = max(0, old - NEAR_CHARS), min(len(text), old + n + NEAR_CHARS)
        near = _occurrences(text, quote, lo, hi)
        if near:
            (ctx, pos), _ = _best_exact(target, text, near, old)
            if ctx >= full:
                return AnchorResult("moved", pos, pos + n, _exact_score(ctx)), None
    positions = _occurrences(text, quote, 0, len(text))
    if not positions:
        return None, None
    (ctx, pos), second = _best_exact(target, text, positions, old)
    guess = (pos, pos + n)
    no_context = not target.prefix and not target.suffix
    if n + ctx < MIN_EVIDENCE and not (no_context and len(positions) == 1):
        return None, guess
    if ctx < full:
        if _sandwich(target, text, old):
            return None, None  # the quote was edited in place: the fuzzy stage's case
        if not _one_side_whole(target, text, pos, pos + n, old):
            return None, guess
        if second >= 0 and ctx - second < MOVED_MARGIN:
            return None, guess  # two places fit about as well: which one is a guess
    return AnchorResult("moved", pos, pos + n, _exact_score(ctx)), None


def _exact_score(ctx: int) -> float:
    return round(70.0 + 30.0 * min(ctx, 2 * CONTEXT_CHARS) / (2 * CONTEXT_CHARS), 1)


# ---- fuzzy ---------------------------------------------------------------------------


def _score(target: Target, text: str, s: int, e: int) -> tuple[float, float]:
    """(combined, quote) scores of the span ``[s, e)`` for ``target``.

    The combined score averages the quote and its context weighted by their lengths: every
    character is evidence, so a short quote only counts when its surroundings agree. A side
    of the context that was clearly rewritten (ratio < 50 while the other side agrees,
    >= 80) is left out, so that one local edit next to the quote does not sink a good match.
    """
    n = len(target.quote)
    q = fuzz.ratio(target.quote, text[s:e])
    sides: list[tuple[int, float]] = []
    if target.prefix:
        sides.append(
            (
                len(target.prefix),
                fuzz.ratio(target.prefix, text[max(0, s - len(target.prefix)) : s]),
            )
        )
    if target.suffix:
        sides.append(
            (len(target.suffix), fuzz.ratio(target.suffix, text[e : e + len(target.suffix)]))
        )
    if len(sides) == 2 and min(r for _, r in sides) < 50 <= 80 <= max(r for _, r in sides):
        sides = [max(sides, key=lambda side: side[1])]
    weight = sum(length for length, _ in sides)
    return (n * q + sum(length * r for length, r in sides)) / (n + weight), q


def _refine(target: Target, text: str, s: int, e: int) -> tuple[float, float, int, int]:
    """Adjust the ends of an alignment to maximise the combined score."""
    d = min(max(4, len(target.quote) // 8), 24)
    best = (*_score(target, text, s, e), s, e)
    for _ in range(2):
        changed = False
        for cand_s in range(max(0, best[2] - d), min(best[3], best[2] + d) + 1):
            sc = _score(target, text, cand_s, best[3])
            if sc[0] > best[0]:
                best, changed = (*sc, cand_s, best[3]), True
        for cand_e in range(max(best[2] + 1, best[3] - d), min(len(text), best[3] + d) + 1):
            sc = _score(target, text, best[2], cand_e)
            if sc[0] > best[0]:
                best, changed = (*sc, best[2], cand_e), True
        if not changed:
            break
    return best


def _align(
    target: Target, text: str, lo: int, hi: int, ref: int | None = None
) -> tuple[float, float, int, int] | None:
    """Best fuzzy match of the quote inside ``text[lo:hi]``, refined; None below the minimum.

    Two alignments are tried: of the quote with its context (which tells apart passages
    that differ only around the quote) and of the quote alone (which wins when the
    context was rewritten); the better one after refinement is kept.
    """
    window = text[lo:hi]
    found: list[tuple[float, float, int, int]] = []
    al = fuzz.partial_ratio_alignment(target.quote, window, score_cutoff=MIN_QUOTE_SCORE - 10)
    if al is not None:
        found.append(_refine(target, text, lo + al.dest_start, lo + al.dest_end))
    if target.prefix or target.suffix:
        whole = target.prefix + target.quote + target.suffix
        al = fuzz.partial_ratio_alignment(whole, window, score_cutoff=50)
        if al is not None:
            s = lo + al.dest_start + len(target.prefix)
            e = max(s + 1, lo + al.dest_end - len(target.suffix))
            found.append(_refine(target, text, min(s, len(text)), min(e, len(text))))
    # Highest combined score; on a tie, the place nearest the expected position.
    near = ref if ref is not None else lo
    return max(found, key=lambda f: (round(f[0], 6), -abs(f[2] - near)), default=None)


def _candidates(target: Target, text: str) -> list[int]:
    """Likely start positions of the quote, from exact hits of fragments of it and its context."""
    quote = target.quote
    n = len(quote)
    size = min(16, max(MIN_FUZZY_CHARS, n // 4))
    frags: list[tuple[str, int]] = []  # (fragment, offset of the quote start from the fragment)
    for k in range(5):
        off = (n - size) * k // 4
        frags.append((quote[off : off + size], -off))
    if len(target.prefix) >= MIN_FUZZY_CHARS:
        tail = target.prefix[-size:]
        frags.append((tail, len(tail)))
    if len(target.suffix) >= MIN_FUZZY_CHARS:
        frags.append((target.suffix[:size], -n))
    votes: dict[int, int] = {}
    bucket = max(n // 2, 16)
    for frag, delta in frags:
        hits = _occurrences_capped(text, frag, MAX_FRAGMENT_HITS + 1)
        if not frag or len(hits) > MAX_FRAGMENT_HITS:
            continue  # too common to say where the quote is
        for h in hits:
            key = max(0, h + delta) // bucket
            votes[key] = votes.get(key, 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])[:MAX_CANDIDATES]
    return [key * bucket for key, _ in ranked]


def _occurrences_capped(text: str, frag: str, cap: int) -> list[int]:
    out: list[int] = []
    i = text.find(frag)
    while i != -1 and len(out) < cap:
        out.append(i)
        i = text.find(frag, i + 1)
    return out


Region = tuple[int, int, "tuple[float, float, int, int] | None"]


def _fuzzy(
    target: Target, text: str, old: int | None
) -> tuple[AnchorResult | None, tuple[int, int] | None]:
    """The fuzzy match, if one is sure; else (None, the best match refused, if any)."""
    n = len(target.quote)
    pad = max(n, 64)
    best: tuple[float, float, int, int] | None = None
    regions: list[Region] = []
    if old is not None:
        lo, hi = max(0, old - NEAR_CHARS), min(len(text), old + n + NEAR_CHARS)
        best = _align(target, text, lo, hi, old)
        regions.append((lo, hi, best))
        if best is not None and best[0] >= GOOD_SCORE and best[1] >= MIN_QUOTE_SCORE:
            return _unrivalled(target, text, best, regions, old)
    for c in _candidates(target, text):
        lo, hi = max(0, c - pad), min(len(text), c + n + pad)
        found = _align(target, text, lo, hi, old)
        regions.append((lo, hi, found))
        if found is not None and (
            best is None
            or found[0] > best[0] + 1e-9
            or (
                abs(found[0] - best[0]) <= 1e-9
                and old is not None
                and abs(found[2] - old) < abs(best[2] - old)
            )
        ):
            best = found
    if best is None or best[0] < MIN_SCORE or best[1] < MIN_QUOTE_SCORE:
        return None, None
    return _unrivalled(target, text, best, regions, old)


def _trim(quote: str, text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` without the spaces and line breaks at its ends that the quote lacks (an
    alignment can take in the break before a paragraph: the place is the paragraph)."""
    if quote[:1] and not quote[0].isspace():
        while s < e - 1 and text[s].isspace():
            s += 1
    if quote[-1:] and not quote[-1].isspace():
        while e > s + 1 and text[e - 1].isspace():
            e -= 1
    return s, e


def _deleted_at(target: Target, text: str, s: int, e: int) -> bool:
    """Whether the stored prefix and suffix meet, with only spaces between them, at the
    span ``[s, e)`` found: the quote was deleted there, and what follows merely resembles
    it (a sentence deleted, the next one alike)."""
    p, q = target.prefix.rstrip()[-16:], target.suffix.lstrip()[:16]
    if len(p) < 8 or len(q) < 8:
        return False
    lo, hi = max(0, s - len(target.prefix) - 8), min(len(text), e + len(q) + 8)
    return re.search(re.escape(p) + r"\s*" + re.escape(q), text[lo:hi]) is not None


def _unrivalled(
    target: Target,
    text: str,
    best: tuple[float, float, int, int],
    regions: list[Region],
    old: int | None,
) -> tuple[AnchorResult | None, tuple[int, int] | None]:
    """The fuzzy match ``best`` if nothing elsewhere scores within ``FUZZY_MARGIN`` of it.

    Only regions whose own best came within the margin can hold a rival; the one holding
    ``best`` is searched again on each side of it. A match with its whole stored context
    exactly around it needs no margin: only the quote changed. Never a match while the
    quote is still in the text word for word with one side of its context: the exact
    stage found that place ambiguous, and a fuzzy one is no surer.
    """
    s, e = _trim(target.quote, text, best[2], best[3])
    refused = None, (s, e)
    n = len(target.quote)
    if _deleted_at(target, text, s, e):
        return refused
    if text[s:e] == target.quote or any(
        (p, p + n) != (s, e) and _one_side_whole(target, text, p, p + n, old)
        for p in _occurrences(text, target.quote, 0, len(text))
    ):
        return refused
    if (target.prefix or target.suffix) and _context_holds(target, text, s, e):
        # The whole stored context is there, exactly, around the edited quote.
        return AnchorResult("fuzzy", s, e, round(best[0], 1)), None
    if not _one_side_whole(target, text, s, e, old, strict=True):
        return refused  # the quote changed and so did all around it: no place to be sure of
    rival = 0.0
    searched: set[tuple[int, int]] = set()
    for lo, hi, found in regions:
        if found is None or found[0] < best[0] - FUZZY_MARGIN:
            continue
        if found[3] <= s or found[2] >= e:  # a match elsewhere
            rival = max(rival, found[0])
            continue
        for a, b in ((lo, s), (e, hi)):
            if b - a < max(MIN_FUZZY_CHARS, len(target.quote) // 2) or (a, b) in searched:
                continue
            searched.add((a, b))
            other = _align(target, text, a, b)
            if other is not None and (other[3] <= s or other[2] >= e):
                rival = max(rival, other[0])
    if best[0] - rival < FUZZY_MARGIN:
        return refused
    return AnchorResult("fuzzy", s, e, round(best[0], 1)), None
