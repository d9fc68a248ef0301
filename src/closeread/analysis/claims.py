"""Claims: the author's own assertive sentences, and the citations that back them.

Which sentences are claims: sentences of the author's paragraphs and list items that
assert something — not questions, not inside quoted material (block quotes, or sentences
that are mostly an attributed quote), not headings, bylines, metadata or code, not bare
transitions (fewer than four words, or a sentence ending in ":" that introduces a list or
code rather than a cited quote), not pure lead-ins: a sentence ending in ":" that
introduces a block quote and, once the attribution (source, reporting verb, title, "that")
and framing ("Regarding this point,") are removed, asserts nothing of its own
(``lead_ins``). A lead-in that does assert something ("However, to explain the West's
apparent failure to prioritize, the Guardian claims:") stays a claim.

How a claim is linked to citations (what a fact-checker would want to follow):

1. A citation inside the sentence (a quote, paraphrase, link, footnote, author-year).
2. The block quote the sentence introduces (a lead-in with its own assertion), and the
   block quote introduced by the next sentence of the same paragraph (the claim the quote
   is brought in to show: "X was reportedly aligned with Y. Z would report that:"). A
   pure lead-in that opens its paragraph brings the quote in for the point made just
   before it: the last sentence of the previous author paragraph.
3. The block quote it comments on: the first sentence of the author's paragraph right
   after a block quote refers back to it.
4. A citation in the same paragraph of a source the sentence names.

When is it *supported*: a claim is supported only when a linked citation offers evidence
for it (reported speech whose speaker is left unnamed does not). Rules 1, 2 and 4 count as
evidence (the sentence reports or rests on the cited material) — except a lead-in's own
assertion, backed only when the quote it introduces restates it (see below). Rule 3 links
a comment to the quote it discusses, but a comment that opens by contradicting it ("In
reality, …", "However, …", "But …", or a negation that echoes the quote's own words in
quotation marks) rebuts the source rather than resting on it: it stays linked — so the
reader can follow the disagreement — and is marked unsupported, because a rebuttal without
its own evidence is exactly what a fact-checker must flag. Likewise a comment that goes
beyond the quote — most of its content words (stems of words of four letters or more) are
not in the quote, so it brings facts or conclusions of its own — stays linked but is
unsupported: the quote does not back what it adds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from closeread.analysis.lead_ins import OWN_WORDS, own_assertion
from closeread.analysis.model import Citation, Claim, TextOf
from closeread.analysis.names import strip_markup
from closeread.document import Block

CLAIM_BLOCKS = frozenset({"paragraph", "list_item"})
_WORD = re.compile(r"[^\W\d_][\w\u2019'\-]*")
_URLISH = re.compile(r"\S*(?:https?://|www\.)\S*|\[[^\]\n]*\]:\s*\S+")
_CONTRAST = re.compile(
    r"^(?:In (?:all )?reality|In fact|In truth|However|But|Yet|Contrary|On the contrary|"
    r"Actually|Rather|Nonetheless|Nevertheless|Far from)\b"
)
_NEGATION = re.compile(r"\b(?:not|no|never|nor)\b|n['\u2019]t\b")
_QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"\n]{2,200})[\u201d\"]")
_FULL_STOPS = frozenset(".!:;")
_CLOSERS = '"\u201d\u2019)]*_'
"""What may follow a sentence's full stop (quotation marks, brackets, emphasis)."""
# Footnote markers after the full stop ("... should.[^1]", "... night.²", "... [4]_").
_TRAILING_MARKERS = re.compile(
    r"(?:\s*(?:\[\^?\w{1,20}\]_?|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+))+$"
)
_MARKER_ENDS = frozenset("]_\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079")
"""The last characters of a footnote marker: a sentence ending otherwise has none."""


_CONTENT = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    str.split(
        "that this these those there their them they then than with from have has had were "
        "been being which while what when where would could should will shall also even only "
        "into onto over under about after before such very more most much many some other "
        "just like does did done your ours said says"
    )
)
RESTATES = 0.5
"""Share of a comment's content words the quote must hold for the comment to rest on it."""


def _stems(text: str) -> set[str]:
    return {w[:5] for w in (m.group().lower() for m in _CONTENT.finditer(text)) if w not in _STOP}


def restates(sentence: str, quote: str) -> bool:
    """Whether most of ``sentence``'s content is already in ``quote``."""
    own = _stems(sentence)
    return not own or len(own & _stems(quote)) >= RESTATES * len(own)


def _is_rebuttal(sentence: str, quote: str) -> bool:
    if _CONTRAST.match(sentence):
        return True
    if _NEGATION.search(sentence):
        for m in _QUOTED.finditer(sentence):
            phrase = m.group(1).strip(" ,.").lower()
            if phrase and phrase in quote.lower():
                return True
    return False


def _names_word(sentence: str, name: str) -> bool:
    """Whether ``name`` stands in ``sentence`` as a whole word (or words)."""
    return name in sentence and _word_pattern(name).search(sentence) is not None


@lru_cache(maxsize=4096)
def _word_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(name)}\b")


def is_claim_text(sentence: str, is_lead_in: bool) -> bool:
    """Whether a sentence's wording makes it a claim (the block/quote checks are separate)."""
    s = sentence.strip()
    if not s or s.endswith("?") or s.startswith(("[#]", "<!--", "|")):
        return False
    if s.endswith(":") and not is_lead_in:
        return False
    bare = _TRAILING_MARKERS.sub("", s) if s[-1] in _MARKER_ENDS else s
    # A full stop, "!", ":" or ";", then only closing marks.
    if bare.rstrip(_CLOSERS)[-1:] not in _FULL_STOPS:
        return False  # headings and labels have no closing punctuation
    # No character of Markdown or reST markup ("[", "_", "*", "`", "/"): plain prose, the
    # fast path. (Five scans with ``in`` cost a fifth of one with a regex class.)
    if not ("[" in s or "_" in s or "*" in s or "`" in s or "/" in s):
        return len(s.split(maxsplit=3)) >= 4  # (four words?)
    words = _WORD.findall(strip_markup(_URLISH.sub(" ", s)))
    return len(words) >= 4


class ClaimFinder:
    """Finds claims sentence by sentence; keeps the state needed across blocks."""

    def __init__(self, text: str, byline: str = "") -> None:
        self.text = text
        self._whole = TextOf(text)
        self.count = 0
        # A closing author bio ("Jane Doe, a writer based in ...") is metadata, not a claim.
        self.byline = byline.strip()
        self._last: Claim | None = None
        """The claim ending the last author block, if its last sentence was one."""
        self._last_end = 0

    def claims_for_block(
        self,
        block: Block,
        prev_quote: Citation | None,
        sentences: Sequence[tuple[int, int]],
        citations: Sequence[Citation],
        lead_ins: Sequence[Citation],
        source_names: dict[str, list[str]],
        quote_spans: Sequence[tuple[int, int]],
    ) -> list[Claim]:
        """Claims among ``sentences`` of ``block``.

        ``citations`` are those overlapping the block, ``lead_ins`` the block quotes whose
        lead-in lies in the block, ``prev_quote`` the block quote that ends right before it,
        ``source_names`` citation id → its source's names, ``quote_spans`` inline-quote
        spans in the block.
        """
        if block.kind not in CLAIM_BLOCKS:
            return []
        text = self.text
        out: list[Claim] = []
        first = True

        def leading(s: int, e: int) -> list[Citation]:
            return [
                c
                for c in lead_ins
                if c.lead_in_start is not None and c.lead_in_start < e and s < (c.lead_in_end or 0)
            ]

        # The last claim of the author's paragraph right before this block (nothing but
        # blank space between), for a lead-in that opens its own paragraph.
        adjacent = not text[self._last_end : block.start].strip()
        before = self._last if adjacent else None
        self._last, self._last_end = None, block.end
        for n, (s, e) in enumerate(sentences):
            sentence = text[s:e]
            leads = leading(s, e) if lead_ins else []
            # The sentence right before a lead-in states what the quote is brought to show.
            ahead = (
                leading(*sentences[n + 1])
                if lead_ins and n + 1 < len(sentences) and not leads
                else []
            )
            own = ""
            if leads and sentence.rstrip().endswith(":"):
                names = [x for c in leads for x in source_names.get(c.id, [])]
                own = own_assertion(sentence, names)
                if len(own.split()) < OWN_WORDS:
                    # A pure lead-in: the citation's, not a claim. A lead-in opening its
                    # paragraph brings the quote in for the point just made before it.
                    if n == 0 and before is not None:
                        for c in leads:
                            if c.id not in before.citations:
                                before.citations.append(c.id)
                                before.supported = True
                    first = False
                    continue
            if not is_claim_text(sentence, bool(leads)) or (
                self.byline and sentence.startswith(self.byline)
            ):
                first = False
                continue
            quoted = (
                sum(min(e, qe) - max(s, qs) for qs, qe in quote_spans if qs < e and s < qe)
                if quote_spans
                else 0
            )
            if not leads and quoted > 0.7 * (e - s):
                first = False
                continue  # mostly someone else's words
            inside = [c for c in citations if c.start < e and s < c.end] if citations else []
            linked: list[str] = [c.id for c in inside]
            # Reported speech of nobody in particular ("They insisted that …", the speaker
            # left unnamed) is linked but is no evidence.
            supported = bool(inside) and any(
                c.kind not in ("paraphrase", "inline_quote") or any(source_names.get(c.id, []))
                for c in inside
            )
            for c in leads + ahead:
                if c.id not in linked:
                    linked.append(c.id)
                    # A lead-in that asserts something of its own is backed only when
                    # the quote it introduces says what it asserts.
                    supported = supported or not own or restates(own, c.quote)
            if first and prev_quote is not None and not leads:
                linked.append(prev_quote.id)
                if not _is_rebuttal(sentence, prev_quote.quote) and restates(
                    sentence, prev_quote.quote
                ):
                    supported = True
            if not linked:
                for c in citations:
                    names = source_names.get(c.id, [])
                    if any(len(n) > 3 and _names_word(sentence, n) for n in names):
                        linked.append(c.id)
                        supported = True
                        break
            first = False
            self.count += 1
            claim = Claim.in_text(self._whole, f"k{self.count}", s, e, linked, supported)
            out.append(claim)
            self._last = claim if n == len(sentences) - 1 else None
        return out
