"""Block quotes: explicitly marked ones, and unindented ones that follow a lead-in ending in ":".

An unindented block quote starts with the paragraph right after a lead-in such as
"X stated in its article "..." that:" or "X would even report:". It runs over the
following paragraphs for as long as they read like the quoted source, and ends where
the author's own voice resumes. That is decided by evidence, not by a count: a paragraph
that is itself a lead-in (ends with ":"), a heading or list, or that carries the author's
voice (first/second person, evaluative or argumentative phrases such as "in reality",
"it is clear", "it should", a back-reference like "This ...") ends the quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from closeread.analysis.coref import pronoun_speaker
from closeread.analysis.found import Found
from closeread.analysis.names import (
    NAME,
    SPEECH_VERB,
    SUBJECT,
    clean_name,
    is_plausible_name,
    kind_hint,
    name_key,
)
from closeread.document import Block, Document

MAX_QUOTE_PARAGRAPHS = 8
"""A safety bound only; the evidence normally ends a quote much earlier."""

_LEAD_VERB = re.compile(
    rf"\b(?:{SPEECH_VERB}|response|reply|words|according\s+to|as\s+(?:reported|quoted)|"
    r"(?:in|from)\s+(?:its|his|her|their|the)\s+(?:article|essay|report|book|post|piece|"
    r"statement|introduction|paper|column|editorial|letter|speech|interview))\b",
    re.IGNORECASE,
)
_SENT_END = re.compile(r"[.!?][\"\u201d\u2019)\]]*\s+(?=[\"\u201c\[_*(]?[A-Z])")
_AS_REPORTED = re.compile(
    r"\b(?:as\s+(?:reported|quoted|noted|written|put)\s+by|according\s+to)\s+"
    rf"(?P<who>{SUBJECT})",
)
_SUBJECT_VERB = re.compile(
    rf"(?P<who>{SUBJECT})(?:,[^,\n]{{1,60}},)?\s+"
    r"(?:(?:has|have|had|would|will|also|even|then|later|once|again|recently)\s+)*"
    rf"(?P<verb>{SPEECH_VERB})\b"
)
_POSSESSIVE_RESPONSE = re.compile(
    rf"(?P<who>{SUBJECT})['\u2019]s?\s+(?:response|reply|answer|words|verdict|view)\b"
)
_CLAUSE_SUBJECT = re.compile(
    rf"(?:^|[,;]\s+|\bthat\s+)(?P<who>{NAME})(?<!['\u2019]s)\s+(?:\w+ly\s+)?[a-z]+(?:ed|s)\b"
)
_TITLE = re.compile(r"[\u201c\"](?P<t>[^\u201c\u201d\"]{3,300})[\u201d\"]")
_PUBLICATION_HINT = re.compile(r"\b(?:its|their)\s+(?:article|report|piece|editorial|story)\b")
_PERSON_HINT = re.compile(r"\b(?:his|her)\s+(?:article|essay|book|introduction|post|column)\b")

# Evidence that a paragraph is in the author's own voice rather than the quoted source's.
_EVALUATIVE = re.compile(
    r"\b(?:in reality|in fact|in truth|in all reality|it is clear|it was clear then|"
    r"it should|it must|it is obvious|it is evident|it is worth|clearly|obviously|"
    r"of course|needless to say|so-called|literally|extraordinary|absurd|ironically|"
    r"undoubtedly|surely|it should be (?:noted|mentioned)|this is (?:also )?(?:considering|"
    r"because|why|what)|regarding this|in other words|the fact (?:is|that)|we can see|"
    r"as we have seen|unfortunately|fortunately|sadly|rightly|wrongly|well[- ]founded|"
    r"unfounded|misleading|ridiculous|undeniabl[ey]|nonsense|of course)\b",
    re.IGNORECASE,
)
# "X reported that", "according to X": the author turning to another source.
_ATTRIBUTION = re.compile(
    rf"(?:\b[Aa]ccording\s+to\s+|\b[Aa]s\s+reported\s+by\s+)(?P<who1>{SUBJECT})"
    rf"|(?P<who2>{SUBJECT})\s+(?:(?:has|have|had|also)\s+)?(?:{SPEECH_VERB})\s+that\b"
)
_PERSONAL = re.compile(r"\b(?:I|we|We|our|Our|us|you|You|your|Your|my|My)\b")
_MODAL = re.compile(r"\b(?:should|must|ought)\b")
_BACK_REF = re.compile(r"^(?:This|These|That|Such|Here|Thus|Hence|So)\b")
_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"\n]{1,200}[\u201d\"]")
_PREP_BEFORE = re.compile(
    r"\b(?:of|in|for|to|with|from|at|on|about|than|like|into|over|under)\s+\Z"
)
_LIST_START = re.compile(r"^(?:[-*+•]|\d+[.)])\s")
AUTHOR_THRESHOLD = 1.5
# A reporter at work: a quotation of its own with its speaker ("…," he said. / "…," said
# Ms. Ortiz.), a run-in section heading ("SPEND LESS This step …"), a live-blog time stamp.
_NAME_WORDS = r"[A-Z][\w.'\u2019\-]+(?:[^\S\n]+[A-Z][\w.'\u2019\-]+){0,3}"
_NOUN_PHRASE = r"(?:the|a|an)[^\S\n]+(?:[a-z\-]+[^\S\n]+){0,3}"
_REPORTED_QUOTE = re.compile(
    r"[,?!]\s*(?:[\u201d\"]|'')[^\S\n]+(?:(?P<who>he|she|they|"
    rf"(?:{_NOUN_PHRASE})?{_NAME_WORDS}|{_NOUN_PHRASE}[a-z\-]+)"
    r"[^\S\n]+(?:said|says|added|told|wrote|asked)"
    rf"|(?:said|says|added)[^\S\n]+(?P<who2>{_NAME_WORDS}|the\b))"
)
_RUN_IN_HEADING = re.compile(
    r"^(?:[A-Z]{2,}(?:[^\S\n]+[A-Z]+)+[^\S\n]+[A-Z][a-z]|\d{1,2}:\d{2}[^\S\n]*[ap]\.?m\.?|_{3})"
)


@dataclass(slots=True)
class BlockQuotes:
    """The block quotes of a document and the spans of titles quoted in their lead-ins."""

    quotes: list[Found]
    title_spans: list[tuple[int, int]]


def _last_sentence_start(text: str, start: int, end: int) -> int:
    last = start
    for m in _SENT_END.finditer(text, start, end):
        if m.end() < end - 1:
            last = m.end()
    return last


def _new_voice(who: str, quoted_so_far: str) -> bool:
    """A quotation's speaker the quoted passage has not named: the author reporting (a
    quoted news article quoting the person it names goes on being the article)."""
    last = who.split()[-1].rstrip(".").lower()
    return last in ("he", "she", "they", "the") or last not in quoted_so_far.lower()


def author_voice_score(para: str, quoted_so_far: str = "") -> float:
    """How strongly a paragraph reads as the author's own voice (0 = not at all).

    ``quoted_so_far`` is the quote up to here: a paragraph that turns to a source the quote
    has not named ("The Tribune reported that ...") is the author reporting again.
    """
    score = 1.5 * min(len(_EVALUATIVE.findall(para)), 2)
    if _RUN_IN_HEADING.match(para) or any(
        _new_voice(m.group("who") or m.group("who2"), quoted_so_far)
        for m in _REPORTED_QUOTE.finditer(para)
    ):
        score += 1.5
    for m in _ATTRIBUTION.finditer(para):
        who = clean_name(m.group("who1") or m.group("who2") or "")
        key = name_key(who)
        if key and is_plausible_name(who) and key.split()[-1] not in quoted_so_far.lower():
            score += 1.5
            break
    score += 1.0 * min(len(_PERSONAL.findall(para)), 1)
    score += 1.0 * min(len(_MODAL.findall(para)), 1)
    score += 1.0 if _BACK_REF.match(para) else 0.0
    # Words in quotes without a speaker are typical of an author's scare quotes.
    score += 0.5 * min(len(_QUOTED.findall(para)), 1)
    return score


def _is_lead_in(text: str, block: Block) -> bool:
    body = text[block.start : block.end].rstrip()
    return body.endswith(":") and not body.endswith("::")


def _prose(block: Block, text: str) -> bool:
    if block.kind != "paragraph":
        return False
    body = text[block.start : block.end]
    return not (body.startswith((">", "|", "```", "    ")) or _LIST_START.match(body))


def _attribute(text: str, lead_start: int, lead_end: int, found: Found) -> None:
    """Fill the source, its kind hint and the title from a lead-in."""
    lead = text[lead_start:lead_end]
    m = _AS_REPORTED.search(lead)
    who = m.group("who") if m else ""
    if not who:
        matches = [
            x
            for x in _SUBJECT_VERB.finditer(lead)
            if is_plausible_name(x.group("who"))
            # "walking up to Pierre said": a name after a preposition is not the subject
            and not _PREP_BEFORE.search(lead, max(0, x.start() - 12), x.start())
        ]
        if matches:
            who = matches[-1].group("who")
    if not who:
        p = _POSSESSIVE_RESPONSE.search(lead)
        if p and is_plausible_name(p.group("who")):
            who = p.group("who")
    if not who:
        # No reporting verb: the named subject of the lead-in's clause ("X realised that:").
        subjects = [
            x.group("who")
            for x in _CLAUSE_SUBJECT.finditer(lead)
            if is_plausible_name(x.group("who"))
        ]
        who = subjects[0] if subjects else ""
    found.raw_source = who.strip(" ,") if who else ""
    found.source_kind = kind_hint(who)
    if _PUBLICATION_HINT.search(lead):
        found.source_kind = "publication"
    elif _PERSON_HINT.search(lead):
        found.source_kind = "person"
    t = _TITLE.search(lead)
    if t:
        found.title = " ".join(t.group("t").split()).rstrip(",.;:")


def _lead_in_span(doc: Document, index: int) -> tuple[int, int]:
    """The lead-in sentence of block ``index``; reaches into the previous block when that one
    was broken off mid-sentence (no final punctuation)."""
    text = doc.text
    block = doc.blocks[index]
    start = _last_sentence_start(text, block.start, block.end)
    if start == block.start and index > 0:
        prev = doc.blocks[index - 1]
        tail = text[prev.start : prev.end].rstrip()
        if prev.kind == "paragraph" and tail and tail[-1] not in '.!?:\u201d"\u2019)':
            start = _last_sentence_start(text, prev.start, prev.end)
    end = block.end
    return start, end


_OPENS = ("\u201c", '"')
_CLOSES = ("\u201d", '"', "\u201d)", '")')


def _quote_end(text: str, blocks: Sequence[Block], i: int) -> int:
    """Index just past the last paragraph of the unindented quote starting at block ``i``.

    Speech set in its own quotation marks ends where its marks close (dialogue: the next
    paragraph is another voice); a quotation that runs over paragraphs re-opens the mark
    on each one and closes it on the last. Unmarked quoted prose runs until the author's
    voice resumes (see the module docstring).
    """
    n = len(blocks)
    first = text[blocks[i].start : blocks[i].end].strip()
    if first.startswith(_OPENS):
        j = i + 1
        body = first
        while (
            not body.rstrip(" .,;:!?\u2026*_").endswith(_CLOSES)
            and j < n
            and (j - i < MAX_QUOTE_PARAGRAPHS)
        ):
            body = text[blocks[j].start : blocks[j].end].strip()
            if not (_prose(blocks[j], text) and body.startswith(_OPENS)):
                break
            j += 1
        return j
    j = i + 1
    while (
        j < n
        and j - i < MAX_QUOTE_PARAGRAPHS
        and _prose(blocks[j], text)
        and not _is_lead_in(text, blocks[j])
        and author_voice_score(
            text[blocks[j].start : blocks[j].end], text[blocks[i].start : blocks[j - 1].end]
        )
        < AUTHOR_THRESHOLD
    ):
        j += 1
    return j


def find_block_quotes(doc: Document) -> BlockQuotes:
    """All block quotes of ``doc`` in document order (never raises on odd text)."""
    text = doc.text
    blocks = doc.blocks
    quotes: list[Found] = []
    titles: list[tuple[int, int]] = []
    i = 0
    n = len(blocks)
    while i < n:
        block = blocks[i]
        explicit = block.kind == "quote" or (
            block.kind == "paragraph" and text.startswith(">", block.start)
        )
        lead: tuple[int, int] | None = None
        if i > 0 and _is_lead_in(text, blocks[i - 1]) and blocks[i - 1].kind == "paragraph":
            lead = _lead_in_span(doc, i - 1)
        if explicit:
            j = i + 1
            while (
                j < n
                and (
                    blocks[j].kind == "quote"
                    or (blocks[j].kind == "paragraph" and text.startswith(">", blocks[j].start))
                )
                and not text[blocks[j - 1].end : blocks[j].start].strip(" \n>")
            ):
                j += 1
        elif lead is not None and _prose(block, text) and _LEAD_VERB.search(text, lead[0], lead[1]):
            j = _quote_end(text, blocks, i)
        else:
            i += 1
            continue
        start = block.start
        stop = blocks[j - 1].end
        while start < stop and text[start] in "> ":
            start += 1
        found = Found("block_quote", start, stop)
        if lead is not None:
            found.lead_in_start, found.lead_in_end = lead
            _attribute(text, lead[0], lead[1], found)
            if not found.raw_source:
                found.raw_source = pronoun_speaker(text, lead[0], lead[1])
                if found.raw_source:
                    found.source_kind = "person"
            for t in _TITLE.finditer(text, lead[0], lead[1]):
                titles.append((t.start(), t.end()))
        if found.end > found.start:
            quotes.append(found)
        i = j
    return BlockQuotes(quotes, titles)
