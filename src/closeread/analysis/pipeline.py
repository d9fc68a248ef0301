"""Running the analysis over a document, streaming results block batch by block batch.

Sentences arrive in chunks from ``iter_sentence_chunks``; as soon as the blocks they cover
are complete, those blocks are searched for citations (block quotes are found for the
whole document up front, which is cheap) and their claims are found and linked. A batch
never ends between a block quote's lead-in and its last paragraph, so streaming gives
exactly the one-shot result. Sources are re-merged from all citations every few yields
and at the end (until then the newest citations may have no source id yet).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from closeread.analysis import prefetch
from closeread.analysis.attribution import Attributor
from closeread.analysis.attribution.entities import plausible_speaker
from closeread.analysis.blockquotes import find_block_quotes
from closeread.analysis.claims import ClaimFinder
from closeread.analysis.corrections import LinkLike, apply_corrections
from closeread.analysis.found import Found
from closeread.analysis.links import find_links, link_definitions
from closeread.analysis.model import Analysis, Citation, TextOf
from closeread.analysis.names import clean_name
from closeread.analysis.overlaps import Overlaps
from closeread.analysis.prefetch import Prefetch
from closeread.analysis.quote_fixes import QuoteFixes, QuoteLike, plan_quote_fixes
from closeread.analysis.quotes import QUOTE, find_inline_quotes, find_paraphrases
from closeread.analysis.references import (
    author_year_entries,
    find_author_year,
    find_footnotes,
    reference_entries,
)
from closeread.analysis.sources import build_sources
from closeread.document import Document, iter_sentence_chunks
from closeread.spans import SpanArray

SOURCES_EVERY = 4
SOURCES_GROWTH = 1.5
"""While the analysis streams, sources are re-merged on the first yield, then on every 4th
yield that has at least 1.5 times the citations of the last merge (a merge reads every
citation: merging at fixed intervals made a big book's analysis quadratic), and at the
end."""
NO_CITATION_BLOCKS = frozenset({"title", "byline", "publisher", "metadata", "code", "rule"})


TRAILER_SHARE = 0.3
TRAILER_BLOCK_CHARS = 600


def trailer_start(doc: Document) -> int:
    """Index of the first block of the document's trailer, or ``len(doc.blocks)``.

    A trailer is what follows a thematic break near the end when everything after it is
    short (credits, "via:" lines, translator notes, an author bio): document metadata,
    neither citations nor claims. Reference and link-definition blocks do not count.
    """
    blocks = doc.blocks
    limit = len(doc.text) * (1 - TRAILER_SHARE)
    for i, b in enumerate(blocks):
        if b.kind != "rule" or b.start < limit:
            continue
        if all(
            x.kind in ("reference", "rule") or x.end - x.start < TRAILER_BLOCK_CHARS
            for x in blocks[i + 1 :]
        ):
            return i
    return len(blocks)


_REFERENCE_HEADING = re.compile(
    r"(?:references|bibliography|works\s+cited|literature(?:\s+cited)?|sources|"
    r"notes|footnotes|endnotes|citations|further\s+reading)\W*",
    re.IGNORECASE,
)


def reference_sections(doc: Document) -> set[int]:
    """Block indices inside a "References" (bibliography, notes...) section.

    Entries there are the cited works themselves, not places that cite them: their links
    are not citations and their sentences are not claims.
    """
    out: set[int] = set()
    level = 0
    inside = False
    for i, b in enumerate(doc.blocks):
        if b.kind in ("heading", "title"):
            if inside and (b.level or 1) <= level:
                inside = False
            if _REFERENCE_HEADING.fullmatch(doc.text[b.start : b.end].strip(" #*_:")):
                inside, level = True, b.level or 1
                continue
        if inside:
            out.add(i)
    return out


def _not_overlapping(candidates: Sequence[Found], others: Sequence[Found]) -> list[Found]:
    """The candidates that overlap none of ``others`` (linear-logarithmic)."""
    spans = Overlaps((o.start, o.end) for o in others)
    return [f for f in candidates if not spans.overlap(f.start, f.end)]


def _spans_of(sents: SpanArray, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences overlapping ``[start, end)`` as ``(start, end)`` pairs."""
    idx = sents.overlapping(start, end)
    lo, hi = idx.start, idx.stop
    return list(zip(sents.starts[lo:hi], sents.ends[lo:hi], strict=True))


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (so no character is counted twice)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class _Run:
    """The state of one analysis run over one document."""

    def __init__(
        self, doc: Document, result: Analysis, quote_corrections: Sequence[QuoteLike] = ()
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.whole = TextOf(doc.text)
        self.result = result
        self.block_starts = [b.start for b in doc.blocks]
        bq = find_block_quotes(doc)
        self.fixes: QuoteFixes = plan_quote_fixes(doc, quote_corrections)
        if self.fixes:
            bq.quotes = sorted(
                [q for q in bq.quotes if not self.fixes.drops(q)]
                + [f for f in self.fixes.added if f.kind == "block_quote"],
                key=lambda f: (f.start, -f.end),
            )
        self.titles = bq.title_spans
        self.title_index = Overlaps(self.titles)
        self.quote_first: dict[int, Found] = {}
        self.quote_last: dict[int, int] = {}  # block index of a quote's last block → first
        self.lead_block: dict[int, list[int]] = {}  # block of a lead-in → quote first blocks
        self.in_quote: set[int] = set()
        for q in bq.quotes:
            first = self.block_of(q.start)
            last = self.block_of(max(q.end - 1, q.start))
            if first is None or last is None:
                continue
            self.quote_first[first] = q
            self.quote_last[last] = first
            if q.manual:  # a span marked by hand may start or end inside a paragraph
                self.in_quote.update(self.fixes.whole_blocks & set(range(first, last + 1)))
            else:
                self.in_quote.update(range(first, last + 1))
            if q.lead_in_start is not None and q.lead_in_end is not None:
                for b in {self.block_of(q.lead_in_start), self.block_of(q.lead_in_end - 1)}:
                    if b is not None:
                        self.lead_block.setdefault(b, []).append(first)
        self.lead_ins = [
            (q.lead_in_start, q.lead_in_end)
            for q in self.quote_first.values()
            if q.lead_in_start is not None and q.lead_in_end is not None
        ]
        """Lead-ins of the block quotes: never paraphrases."""
        self.lead_in_index = Overlaps(self.lead_ins)
        self.barrier: list[tuple[int, int]] = []  # (lead-in block, last quote block)
        last_of = {first: last for last, first in self.quote_last.items()}
        for lead_b, firsts in self.lead_block.items():
            for f in firsts:
                self.barrier.append((lead_b, last_of.get(f, f)))
        self.defs = link_definitions(self.text)
        self.entries = reference_entries(doc)
        self.ay_entries = author_year_entries(doc)
        self.link_skip = [(s, e) for _, s, e in self.defs.values()] + [
            (en.start, en.end) for en in self.entries.values()
        ]
        self.trailer = trailer_start(doc)
        self.references = reference_sections(doc)
        self.found: list[Found] = []
        self.quote_citation: dict[int, Citation] = {}
        self.claims = ClaimFinder(self.text, doc.byline)
        self.attributor = Attributor(self.text)
        self.attributed_blocks: set[int] = set()
        """Blocks where the attribution engine found a quotation or reported speech."""
        self.block_spans: dict[int, list[tuple[int, int]]] = {}
        """The sentences of each block of the batch being processed (read twice)."""
        self.prefetch: Prefetch | None = None
        """The second process computing each paragraph's pure part ahead, if any."""

    def block_of(self, offset: int) -> int | None:
        i = bisect_right(self.block_starts, offset) - 1
        if i >= 0 and offset < self.doc.blocks[i].end:
            return i
        return i if i >= 0 and offset == self.doc.blocks[i].end else None

    def safe_end(self, j: int) -> int:
        """Move a batch end back so no lead-in is separated from its quote."""
        for lead_b, last in self.barrier:
            if lead_b < j <= last:
                j = min(j, lead_b)
        return j

    def _find(self, a: int, b: int) -> list[Found]:
        blocks = self.doc.blocks
        text = self.text
        rs, re_ = blocks[a].start, blocks[b - 1].end
        found: list[Found] = [self.quote_first[i] for i in range(a, b) if i in self.quote_first]
        attributed = self._attribute(a, b)
        # The older detectors still read block quotes (the new engine reads the author's
        # paragraphs only): nested speakers inside a quoted source.
        ranges = self._old_detector_ranges(a, b)
        # (Only the titles and lead-ins that meet a range can matter to its detectors.)
        old_inline = [
            f
            for r0, r1 in ranges
            for f in find_inline_quotes(text, r0, r1, self.title_index.among(r0, r1))
        ]
        inline = [f for f in attributed if f.kind == "inline_quote"]
        # The older detector knows a few phrasings the new one leaves unnamed ("as X puts
        # it", what X wants): its speaker wins where the new one found none.
        named_old = [f for f in old_inline if f.raw_source]
        unnamed = _not_overlapping([f for f in inline if not f.raw_source], named_old)
        inline = [f for f in inline if f.raw_source] + unnamed
        inline += _not_overlapping(old_inline, inline)
        inline.sort(key=lambda f: (f.start, -f.end))
        if self.fixes:
            inline = [f for f in inline if not self.fixes.drops(f)] + [
                f for f in self.fixes.added if f.kind == "inline_quote" and rs <= f.start < re_
            ]
        found += inline
        paraphrases = [f for f in attributed if f.kind == "paraphrase"]
        old_para = []
        starts = [f.start for f in inline]
        for r0, r1 in ranges:
            near = inline[bisect_left(starts, r0 - 200) : bisect_left(starts, r1 + 200)]
            old_para += find_paraphrases(
                text,
                r0,
                r1,
                [(f.start, f.end) for f in near],
                self.lead_in_index.among(r0, r1),
                near,
            )
        paraphrases += _not_overlapping(old_para, paraphrases)
        found += paraphrases
        found += find_links(text, rs, re_, self.defs, self.link_skip)
        found += find_footnotes(text, rs, re_, self.entries)
        for f in find_author_year(text, rs, re_):
            title, url = self.ay_entries.get(f.key, ("", ""))
            f.title, f.url = title, url
            found.append(f)
        kept = []
        for f in found:
            bi = self.block_of(f.start)
            if (
                f.kind in ("inline_quote", "paraphrase")
                and not f.manual
                and f.raw_source
                and not plausible_speaker(clean_name(f.raw_source))
            ):
                # ("Chastened, Trump revised his plan, promising …", a speaker "000"):
                # the quotation or report stays, its speaker unnamed
                f.raw_source = ""
            if f.manual:
                kept.append(f)
            elif self.fixes.removed and self.fixes.drops(f):
                continue
            elif (
                bi is not None
                and bi < self.trailer
                and blocks[bi].kind not in NO_CITATION_BLOCKS
                and (f.kind == "footnote" or bi not in self.references)
            ):
                kept.append(f)
        kept.sort(key=lambda f: (f.start, -f.end))
        return kept

    def _old_detector_ranges(self, a: int, b: int) -> list[tuple[int, int]]:
        """Text ranges (runs of blocks among ``a``..``b``) the older detectors still read:
        block quotes (nested speakers inside a quoted source) and paragraphs where the
        attribution engine found nothing (the essay phrasings only they know: "as the book
        explains", "It claims …", reST roles). Elsewhere their finds would be dropped as
        overlapping anyway, and skipping them keeps a novel's analysis within budget."""
        out: list[tuple[int, int]] = []
        blocks = self.doc.blocks
        wanted = {i for i in range(a, b) if i in self.in_quote or i not in self.attributed_blocks}
        for i in range(a, b):
            if i not in wanted:
                continue
            if out and i - 1 in wanted and i - 1 >= a:
                out[-1] = (out[-1][0], blocks[i].end)
            else:
                out.append((blocks[i].start, blocks[i].end))
        return out

    def _attribute(self, a: int, b: int) -> list[Found]:
        """Quotations and reported speech of blocks ``a``..``b`` (see ``attribution``).

        Every block is read (names met anywhere are antecedents of later pronouns), but
        block quotes, lead-ins of block quotes, titles and metadata yield no citations here.
        """
        out: list[Found] = []
        sents = self.result.sentences
        for i in range(a, b):
            block = self.doc.blocks[i]
            if block.kind in ("code", "rule", "metadata", "reference"):
                continue
            spans = self.block_spans[i] = _spans_of(sents, block.start, block.end)
            lead = self.quote_first.get(i)
            if lead is not None and not lead.raw_source and self.attributor.colon_speaker:
                # "He said:" then a block quote: the engine knows whom "he" means.
                lead.raw_source = self.attributor.colon_speaker
            prepared = self.prefetch.prepared(i) if self.prefetch is not None else None
            found = self.attributor.block(block, spans, prepared)
            if i in self.in_quote or block.kind in NO_CITATION_BLOCKS:
                continue
            if found and all(f.raw_source for f in found if f.kind == "inline_quote"):
                self.attributed_blocks.add(i)
            for f in found:
                if self.title_index.contain(f.start):
                    continue
                if f.kind == "paraphrase" and self.lead_in_index.overlap(f.start, f.end):
                    continue
                out.append(f)
        return out

    def process(self, a: int, b: int) -> None:
        if a >= b:
            return
        text, result = self.text, self.result
        new = self._find(a, b)
        base = len(self.found)
        self.found += new
        for k, f in enumerate(new, start=base + 1):
            c = Citation.in_text(
                self.whole,
                f"c{k}",
                f.kind,
                f.start,
                f.end,
                title=f.title,
                lead_in_start=f.lead_in_start,
                lead_in_end=f.lead_in_end,
                lead_in=text[f.lead_in_start : f.lead_in_end]
                if f.lead_in_start is not None and f.lead_in_end is not None
                else "",
                url=f.url,
                manual=f.manual,
            )
            result.citations.append(c)
            if f.kind == "block_quote":
                first = self.block_of(f.start)
                if first is not None:
                    self.quote_citation[first] = c
        self._claims(a, b, result.citations[base:])
        self.block_spans.clear()

    def _claims(self, a: int, b: int, citations: Sequence[Citation]) -> None:
        text, result = self.text, self.result
        # Names as written at each citation (independent of when sources were last merged).
        base = len(self.found) - len(citations)
        names = {
            c.id: [clean_name(self.found[base + k].raw_source)] for k, c in enumerate(citations)
        }
        starts = [c.start for c in citations]
        rs, re_ = self.doc.blocks[a].start, self.doc.blocks[b - 1].end
        # Long quoted passages and attributed quotes are someone else's words; short
        # scare quotes and the titles quoted in lead-ins are not.
        titles = set(self.titles)
        quotes = _merge_spans(
            [
                (m.start(), m.end())
                for m in QUOTE.finditer(text, rs, re_)
                if text.count(" ", m.start(), m.end()) >= 7  # (the cheapest test first)
                and m.span() not in titles
                and not self.fixes.blocks_quote(m.start(), m.end())
            ]
            + [(c.start, c.end) for c in citations if c.kind == "inline_quote"]
            # Sentences inside a quote marked by hand are someone else's words.
            + [(c.start, c.end) for c in citations if c.manual and c.kind == "block_quote"]
        )
        qstarts = [q[0] for q in quotes]
        for i in range(a, min(b, self.trailer)):
            if i in self.in_quote or i in self.references:
                continue
            block = self.doc.blocks[i]
            if block.kind == "quote" and self.fixes.blocks_quote(block.start, block.end):
                block = replace(block, kind="paragraph")  # the reader: not a quote
            spans = self.block_spans.get(i)
            if spans is None:
                spans = _spans_of(result.sentences, block.start, block.end)
            lo = bisect_right(starts, block.start - 1)
            hi = bisect_right(starts, block.end)
            cits = [c for c in citations[lo:hi] if c.kind != "block_quote"]
            leads = [
                self.quote_citation[f]
                for f in self.lead_block.get(i, [])
                if f in self.quote_citation
            ]
            prev = None
            if i - 1 in self.quote_last:
                prev = self.quote_citation.get(self.quote_last[i - 1])
            qlo, qhi = bisect_right(qstarts, block.start - 1), bisect_right(qstarts, block.end)
            result.claims += self.claims.claims_for_block(
                block, prev, spans, cits, leads, names, quotes[qlo:qhi]
            )

    def rebuild_sources(self) -> None:
        sources, per = build_sources(self.found)
        by_id = {s.id: s for s in sources}
        for c, (sid, name) in zip(self.result.citations, per, strict=False):
            c.source, c.source_name = sid, name
            if sid:
                by_id[sid].citations.append(c.id)
        self.result.sources = sources


def analyze_stream(
    doc: Document,
    corrections: Sequence[LinkLike] = (),
    is_cancelled: Callable[[], bool] = lambda: False,
    quote_corrections: Sequence[QuoteLike] = (),
    *,
    partial_sources: bool = True,
    parallel: bool = False,
) -> Iterator[Analysis]:
    """Yield the analysis as it grows; every yield is the same object, further along.

    The last yield has ``complete`` True and ``progress`` 1.0. Stops early (without
    completing) when ``is_cancelled()`` turns true. ``corrections`` are the reader's link
    corrections, ``quote_corrections`` the "quote / not a quote" ones (``quote_fixes``).
    With ``partial_sources`` False the sources are merged at the end only (for a caller
    that reads the last yield alone; the result is the same). With ``parallel`` a big
    document's pure per-paragraph work runs ahead in a second process (``prefetch``; the
    result is the same).
    """
    # The second process starts first: it works while this one reads the whole document
    # for block quotes, link definitions and reference entries (``_Run``).
    ahead = prefetch.Prefetch(doc) if parallel and prefetch.available(doc) else None
    try:
        run = _Run(doc, Analysis(), quote_corrections)
        run.prefetch = ahead
        yield from _stream(run, doc, corrections, is_cancelled, partial_sources)
    finally:
        if ahead is not None:
            ahead.close()


def _stream(
    run: _Run,
    doc: Document,
    corrections: Sequence[LinkLike],
    is_cancelled: Callable[[], bool],
    partial_sources: bool,
) -> Iterator[Analysis]:
    result = run.result
    blocks = doc.blocks
    total = max(len(doc.text), 1)
    done = 0
    merged = 0  # citations at the last merge of sources
    chunks = run.prefetch.chunks() if run.prefetch is not None else iter_sentence_chunks(doc)
    for yields, chunk in enumerate(chunks, start=1):
        if is_cancelled():
            return
        result.sentences.extend(chunk)
        if len(chunk):
            upto = chunk.ends[-1]
            j = done
            while j < len(blocks) and blocks[j].end <= upto:
                j += 1
            j = run.safe_end(j)
            if j > done:
                run.process(done, j)
                done = j
            result.progress = min(upto / total, 0.99)
        # Merging sources costs time on big books: refresh them every few chunks only.
        if (
            partial_sources
            and yields % SOURCES_EVERY == 1
            and (yields == 1 or len(run.found) >= SOURCES_GROWTH * merged)
        ):
            run.rebuild_sources()
            merged = len(run.found)
        yield result
    if is_cancelled():
        return
    run.process(done, len(blocks))
    run.rebuild_sources()
    apply_corrections(doc.text, result, corrections)
    result.progress = 1.0
    result.complete = True
    yield result


def analyze(
    doc: Document,
    corrections: Sequence[LinkLike] = (),
    quote_corrections: Sequence[QuoteLike] = (),
    *,
    parallel: bool = False,
) -> Analysis:
    """The complete analysis of ``doc`` (with the reader's corrections applied; with
    ``parallel``, on two cores if it is big: see ``analyze_stream``)."""
    last = Analysis()
    for last in analyze_stream(  # noqa: B007 - every yield is one object
        doc,
        corrections,
        quote_corrections=quote_corrections,
        partial_sources=False,
        parallel=parallel,
    ):
        pass
    return last
