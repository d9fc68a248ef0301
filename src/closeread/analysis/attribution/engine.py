"""Who said what: direct quotations and reported speech with their speakers.

The text is read paragraph by paragraph, in order, so that people named earlier can be
the antecedents of later pronouns (``entities.People``). In each paragraph:

1. Quotation marks are paired (``marks.pair_quotes``).
2. Cues are found outside quotations: a verb of saying ("said", "told", "warned"), of
   attitude ("believes", "wants", "found"), or "according to". Each cue's structure is
   read from the text around it:
   * **head**: subject before the verb, the content after it ("X said (that) …",
     "X told reporters …", "X called him a "…"");
   * **tail**: the content before, the cue after a comma or a closing quotation mark
     (""…," X said." / "…, the source added." / ""…," said Sen. Ben Sasse.");
   * **according to X**, at the head or the tail of its sentence.
3. Every quotation takes the speaker of the cue whose content it lies in; a quotation in a
   sentence with no cue continues the speaker of the paragraph's previous quotation, and a
   paragraph that opens with a quotation continues the previous paragraph's speaker when
   that paragraph ended inside or right after a quotation (quotations over several
   paragraphs). "NAME: "…"" and "Name, Outlet: "…"" name their speaker directly.
   Titles ("Meet the Press"), nicknames and scare quotes (short, no cue) are not
   quotations of a speaker.
4. A cue whose content is not mostly quoted is reported speech (kind ``paraphrase``), its
   span the reported content. The "…, X said in a statement." tail of a quotation belongs
   to that quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from closeread.analysis.attribution.cues import Cue, CueReader, _has_words
from closeread.analysis.attribution.entities import (
    NAME,
    Mention,
    People,
    Person,
    bare,
    gender_of,
    is_org,
    iter_names,
    strip_name,
    strip_name_at,
)
from closeread.analysis.attribution.lexicon import (
    ATTITUDE_FORMS,
    NOT_LABELS,
    SPEAKER_NOUNS,
    SPEECH_FORMS,
    STOP_CAPS,
    TITLES,
)
from closeread.analysis.attribution.marks import QuoteSpan, pair_quotes
from closeread.analysis.attribution.patterns import (
    _COMMON_STARTS,
    _DASH_NAME,
    _PATH,
    _SPEAKER_COLON,
    _WORDS,
    MIN_CONTENT_WORDS,
    SHORT_QUOTE_WORDS,
    _ends_with_quote,
    _is_title,
    _occurrences,
    _quoted_share,
    _subject_position,
    _trim,
    count_words,
    not_speech_before,
    title_before,
)
from closeread.analysis.attribution.phrases import (
    Phrase,
    full_phrase_after,
    full_phrase_before,
    sentence_subject,
)
from closeread.analysis.found import Found
from closeread.document.model import Block

_CAPS_LABEL = r"Q|A|[A-Z][A-Z.'\u2019\-]+(?:[^\S\n]+[A-Z][A-Z.'\u2019\-]+){0,2}"
"""A transcript's label: "Q", "A", "TAPPER", "JAKE TAPPER"."""
_LABEL = re.compile(
    rf"[^\S\n]*(?P<who>{_CAPS_LABEL}|"
    r"[A-Z][a-z'\u2019\-]+(?:[^\S\n]+(?:[A-Z]\.|[A-Z][a-z'\u2019\-]+)){0,3}):[^\S\n]+(?=\S)"
)
"""A speaker's label opening a paragraph: "Q:", "TAPPER:", "Bernie Sanders:"."""
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_NEXT_LABEL = re.compile(
    rf"(?<=[.?!\u201d\"])[^\S\n]+(?:{_CAPS_LABEL}):[^\S\n]"
    r"|(?<=[\u201d\"])[^\S\n]+[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z]+){0,2}:[^\S\n]+[\u201c\"]"
)
"""The next label in a labelled paragraph: a transcript's ("…? FALLIN: …"), or a name
after a closing quotation mark that labels the next quotation ("… ISIS." Bush: "…")."""
_REPORT_LABELS = frozenset(
    ("Poll", "Report", "Survey", "Study", "Newspaper", "Officials", "Insiders", "Experts")
)
_SAID_SOON = (
    r"(?:[^\S\n]+[a-z]+ly)?[^\S\n]+(?:said|says|told|tells|argued|argues|wrote|writes|"
    r"added|adds|asked|asks|claimed|claims|insisted|insists|warned|warns)\b"
)
_THING = re.compile(
    r"\b(?:agency|company|firm|report|study|survey|poll|statement|campaign|committee|"
    r"department|ministry|government|administration|group|organization|organisation|"
    r"party|court|board|council|union|bank|newspaper|paper|network|magazine|station|"
    r"office|team|panel|commission|association|center|centre|institute|foundation|"
    r"university|website|site|letter|lawsuit|complaint|memo|document|analysis|review|"
    r"audit|filing|ruling|bill|plan|ad|video)$",
    re.IGNORECASE,
)
"""Heads of the noun phrases that "it" can later mean as a speaker."""


Named = tuple[str, int, bool, str]
"""A name mentioned outside quotations: the name, its offset, whether it opens a clause
(a likely subject), and what a role before it says of the person ("spokesman Lu Kang":
"m", "spokeswoman …": "f", "adviser …": "?", no role: "")."""
Prepared = tuple[list[QuoteSpan], dict[int, list[Cue]], dict[int, list[Named]]]
"""``Attributor.prepare``'s result: quotations, cues and names by sentence number."""
NOTHING_PREPARED: Prepared = ([], {}, {})
"""``prepare`` of a paragraph without quotation marks, cues or names (never mutated)."""


def _clipped(sentences: Sequence[tuple[int, int]], bs: int, be: int) -> list[tuple[int, int]]:
    """The sentences of the paragraph ``[bs, be)`` clipped to it (the paragraph itself
    when none)."""
    return [(max(a, bs), min(b, be)) for a, b in sentences if b > bs and a < be] or [(bs, be)]


def _sentence_quotes(
    quotes: Sequence[QuoteSpan], starts: Sequence[int], s: int, e: int
) -> list[int]:
    """The numbers of the quotations of the sentence ``[s, e)``: those that open in it, and
    the one it opens inside of. ``[k for k, q in enumerate(quotes) if s <= q.start < e or
    q.start < s < q.end]`` by bisection: a paragraph's quotations are disjoint and in
    order (``pair_quotes``), ``starts`` their starts, so at most one opens before ``s``
    and runs past it, the last one that opens before it."""
    lo = bisect_left(starts, s)
    out = list(range(lo, bisect_left(starts, e, lo)))
    if lo and s < quotes[lo - 1].end:
        out.insert(0, lo - 1)
    return out


def _outside(s: int, e: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``[s, e)`` before, between and after the quotations ``spans`` (outer
    spans, in order, disjoint)."""
    out = []
    cursor = s
    for a, b in spans:
        if a > cursor:
            out.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < e:
        out.append((cursor, e))
    return out


class Attributor:
    """Finds quotations and reported speech in a document, paragraph after paragraph."""

    def __init__(self, text: str) -> None:
        if "\u2015" in text:
            # The horizontal bar is an em dash in some outlets' typesetting ("PHILADELPHIA ―
            # Hillary Clinton's campaign said …"): the rules read it as one (same length,
            # so every offset holds).
            text = text.replace("\u2015", "\u2014")
        self.text = text
        self.people = People()
        self.reader = CueReader(text)
        self.person_names: set[str] = set()
        """Speaker names known to be people (a one-word quotation of a person counts)."""
        self.aliases: dict[str, str] = {}
        self.written_as: dict[str, list[str]] = {}
        """Speaker name -> the phrases that named it, as written, not yet handed out."""
        """Written form of a speaker's name -> the bare name (titles dropped)."""
        self.last_speaker = ""
        """Speaker of the last attributed quotation (for continuations)."""
        self.prev_block_open = False
        """The previous paragraph ended inside or right after an attributed quotation."""
        self.block_start = 0
        self.colon_speaker = ""
        """Speaker of a lead-in ending the previous paragraph with ":"."""
        self.block_end = 0
        self.last_thing: tuple[str, int] = ("", -9)
        """An organisation or a document that spoke (what a later "it said" means), and
        in which sentence."""
        self.sentence_base = 0
        """Sentences seen before the current paragraph (a global sentence number)."""

    # -- speakers ----------------------------------------------------------------------
    def speaker_name(self, phrase: Phrase | None, sentence: int) -> str:
        """Display name for a speaker phrase: a resolved pronoun, a person's fullest name."""
        if phrase is None:
            return ""
        if phrase.kind == "pronoun":
            if phrase.text.lower() == "it":
                # "The agency said … It said …": the organisation that spoke last, nearby
                name, when = self.last_thing
                if name and sentence - when <= 2:
                    return name
                return self._thing_subject(phrase.start, sentence)
            p = self.people.resolve(phrase.text, phrase.start, sentence)
            return self._written(p) if p is not None else ""
        if phrase.kind == "name":
            person_part, of, place = phrase.text.partition(" of ")
            if (
                of
                and len(person_part.split()) >= 2
                and is_org(place)
                and not is_org(person_part)
                and not self.people.place_or_group(person_part)
            ):
                # "Stephen Vladeck of the University of Texas School of Law": a person of
                # an organisation, not the organisation (the phrase is kept as written)
                p0 = self.people.person(person_part)
                if p0 is not None:
                    self.written_as.setdefault(self._written(p0), []).append(phrase.text)
                    phrase = Phrase(
                        phrase.start, phrase.start + len(person_part), person_part, "name"
                    )
            if (
                is_org(phrase.text)
                or self.people.place_or_group(phrase.text)
                or self._common_word(phrase.text, phrase.start)
            ):
                # an organisation, or a capitalised common word ("Delegates questioned
                # …"): it speaks, but it is no person for a later "he" or "she"
                if is_org(phrase.text):
                    self.last_thing = (phrase.text, sentence)
                return phrase.text
            person_part, of, place = phrase.text.partition(" of ")
            if of and len(person_part.split()) >= 2 and not is_org(person_part):
                # "Del. Stacey Plaskett of the Virgin Islands": the person, then a place
                # or an organisation (kept as the way the text wrote the speaker)
                phrase = Phrase(phrase.start, phrase.start + len(person_part), person_part, "name")
                written = f"{person_part} of {place}"
                p0 = self.people.person(person_part)
                if p0 is not None:
                    self.written_as.setdefault(self._written(p0), []).append(written)
            p = self.people.person(phrase.text)
            if p is not None:
                p.certain = True
                self.people.spoke(p, phrase.start, sentence)
                return self._written(p)
            return phrase.text
        if _THING.search(phrase.text) or is_org(phrase.text):
            self.last_thing = (phrase.text, sentence)
        return phrase.text

    def _label_colon(self, bs: int, be: int) -> tuple[str, int, int, bool] | None:
        """A paragraph that opens with a speaker's label: the speaker, the text it labels
        (up to the paragraph's end or the next label), and whether that is a quotation."""
        text = self.text
        if bs > self.block_start:
            while bs < be and text[bs] in ' \t.?!"\u201d':
                bs += 1  # (after an earlier label's text: "…healer? FALLIN: …")
        m = _LABEL.match(text, bs, be)
        if m is None:
            return None
        who = m.group("who")
        words = who.replace(".", " ").split()
        if who not in ("Q", "A") and any(
            w.title() in NOT_LABELS or w.capitalize() in STOP_CAPS for w in words
        ):
            return None  # "Update:", "Editor's Note:", "Photo:", "Tuesday:"
        transcript = who.isupper() and len(who) > 1
        if transcript:
            label = who.title()  # a transcript: "JAKE TAPPER:"
        elif who in ("Q", "A"):
            label = who
        elif who in _REPORT_LABELS:
            label = who  # "Poll:", "Report:"
        elif not (
            gender_of(who)
            or self._speaks_later(words[-1], m.end())
            # a headline ("Milbank: Republicans Waving The Flag …"): the article names
            # its speaker ("writes Dana Milbank")
            or (
                self.sentence_base == 0
                and len(words) <= 3
                and self._named_later(words[-1], m.end())
            )
        ):
            return None  # a run-in heading ("Retirement accounts:"), not a person
        else:
            # a person's name: "Bush:" after "Jeb Bush" is Jeb Bush
            label = self.speaker_name(
                Phrase(m.start("who"), m.end("who"), who, "name"), self.sentence_base
            )
        if self.people.place_or_group(who) or (
            is_org(who) and not transcript and who not in _REPORT_LABELS
        ):
            return None
        cs = m.end()
        nxt = _NEXT_LABEL.search(text, cs, be)
        ce = nxt.start() if nxt is not None else be
        cs, ce = _trim(text, cs, ce)
        need = 1 if transcript or label in ("Q", "A") else MIN_CONTENT_WORDS
        if not _has_words(text, cs, ce, need) or not _LETTERS.search(text, cs, ce):
            return None  # a heading ("BOOK NINE: 1812")
        return label, cs, ce, text[cs : cs + 1] in '"\u201c'

    def _speaks_later(self, surname: str, pos: int) -> bool:
        """The text names ``surname`` as the subject of a verb of saying soon after."""
        window = self.text[pos : pos + 6000]
        return re.search(rf"\b{re.escape(surname)}\b{_SAID_SOON}", window) is not None

    def _named_later(self, surname: str, pos: int) -> bool:
        """The text names ``surname`` soon after ``pos`` inside a sentence, after a first
        name or a word in lower case ("writes Dana Milbank", "said Rubio")."""
        window = self.text[pos : pos + 6000]
        return (
            re.search(rf"(?:[a-z,]|[A-Z][a-z]+\.?)[^\S\n]+{re.escape(surname)}\b", window)
            is not None
        )

    def _thing_subject(self, pos: int, sentence: int) -> str:
        """What "it" at ``pos`` means when no organisation spoke just before: the subject
        of this or the previous sentence when that is a name no one has shown to be a
        person ("System76, which …, is taking orders. It claims …")."""
        first: Mention | None = None
        for m in reversed(self.people.mentions):
            if m.pos >= pos:
                continue
            if m.sentence < sentence - 1 or (first is not None and m.sentence < first.sentence):
                break
            if m.subject:
                first = m  # the sentence's first subject, not one after "and"
        if first is None or first.person.certain or first.person.gender:
            return ""
        return first.person.name

    def _may_be_person(self, name: str) -> bool:
        """Whether ``name`` may be a person a pronoun could mean: not an organisation, a
        place or a group, nor one capitalised word that names no one known to be a person
        ("the Republican nominee", "his Democratic audience")."""
        if is_org(name) or self.people.place_or_group(name):
            return False
        words = bare(name)
        if len(words) != 1:
            return bool(words)
        known = self.people.by_last.get(words[0])
        return known is not None and (known.certain or len(known.name.split()) >= 2)

    def _known_name(self, name: str, pos: int) -> bool:
        """A name a rule without a cue may give a quotation to: a name of several words,
        or one word the text has used before ("Reid" after "Harry Reid"), and not a
        capitalised common word ("Cheeky", "Local", "Heartbeat" opening a sentence)."""
        if self._common_word(name, pos):
            return False
        if " " in name.strip():
            return True
        return bool(_occurrences(self.text, max(0, pos - 20000), pos, {name}))

    def _common_word(self, name: str, pos: int) -> bool:
        """A one-word "name" that the text also writes in lower case nearby ("Data …" and
        "the data"), and that no fuller name has used as a surname ("Price" after "Tom
        Price"): a capitalised common word, not a speaker."""
        if " " in name or not name[:1].isupper() or not name[1:].islower():
            return False
        low = name.lower()
        known = self.people.by_last.get(low)
        if known is not None and len(known.name.split()) >= 2:
            return False
        lo, hi = max(0, pos - 6000), min(len(self.text), pos + 6000)
        return bool(_occurrences(self.text, lo, hi, {low}))

    def _written(self, p: Person) -> str:
        written = p.written or p.name
        if p.gender or len(p.name.split()) >= 2:
            self.person_names.add(written)
        if written != p.name:
            self.aliases[written] = p.name
        return written

    def found(self, kind: str, s: int, e: int, who: str, source_kind: str) -> Found:
        alias = self.aliases.get(who)
        aliases = ([alias] if alias else []) + self.written_as.pop(who, [])
        return Found(
            kind,  # type: ignore[arg-type]
            s,
            e,
            raw_source=who,
            source_kind=source_kind,
            aliases=tuple(dict.fromkeys([*aliases, *_name_aliases(who)])),
        )

    def _learn_gender(self, s: int, e: int, sentence: int) -> None:
        """ "Rusty Ham spoke on the radio. He said …": a sentence opening with "He" or "She"
        right after one that opened with a person of unknown gender tells that gender."""
        mentions = self.people.mentions
        if not mentions or mentions[-1].sentence != sentence - 1:
            return  # (the cheap test first: no one was named in the sentence before)
        m = _HE_SHE.match(self.text, s, e)
        if m is None:
            return
        first_of_prev = [x for x in mentions[-6:] if x.sentence == sentence - 1]
        opener = first_of_prev[0]
        p = opener.person
        if opener.subject and not p.gender and len(p.name.split()) >= 2:
            p.gender = "m" if m.group(1).lower() == "he" else "f"
            p.certain = True

    def names(self, s: int, e: int, quotes: Sequence[QuoteSpan]) -> list[Named]:
        """The names mentioned in ``text[s:e]`` outside quotations: (name, offset, whether
        in subject position, what a role before it says: see ``Named``). Pure: reads the
        text only (see ``prepare``)."""
        text = self.text
        out: list[Named] = []
        parts: Sequence[tuple[int, int]] = ((s, e),)  # (no quotations: the whole sentence)
        if quotes:
            spans = [
                (q.outer_start, q.outer_end)
                for q in quotes
                if q.outer_end > s and q.outer_start < e
            ]
            if any(a <= s and e <= b for a, b in spans):
                return out  # (a sentence inside a quotation: every name in it is skipped)
            parts = _outside(s, e, spans)
        for lo, hi in parts:
            # Only the parts outside quotations are scanned (a name that opens at a
            # quotation mark or inside it is skipped). Where a part ends at a quotation,
            # a name may run into it; none runs past a quotation mark (no name holds
            # one), so the scan after the quotation starts fresh at its end.
            for m in iter_names(text, lo, e):
                at = m.start()
                if at >= hi:
                    break
                written = m.group()
                name = strip_name_at(text, at, written)
                if len(name) < 2:
                    continue
                if at == s and " " not in name and name.lower() in _COMMON_STARTS:
                    continue
                pos = at + written.find(name)
                out.append((name, pos, _subject_position(text, s, pos), ""))
        return heads_after_roles(text, out)

    def prepare(self, block: Block, sentences: Sequence[tuple[int, int]]) -> Prepared:
        """What ``block`` reads of a paragraph that no other paragraph changes: its
        quotations, and by sentence number (sentences with none left out) the cues and
        the names outside quotations. A pure function of the text and the paragraph, so
        ``analysis.prefetch`` can compute it ahead in a second process; ``block`` computes
        it itself otherwise."""
        return self._prepare(block.start, block.end, _clipped(sentences, block.start, block.end))

    def _prepare(self, bs: int, be: int, sents: list[tuple[int, int]]) -> Prepared:
        text = self.text
        reader = self.reader
        reader.block_start, reader.block_end = bs, be
        quotes = pair_quotes(text, bs, be)
        reader.block_quotes = quotes
        cues: dict[int, list[Cue]] = {}
        names: dict[int, list[Named]] = {}
        for k, (s, e) in enumerate(sents):
            if reader.may_hold_cues(s, e) and (found := reader.cues(s, e, quotes)):
                cues[k] = found
            if mentioned := self.names(s, e, quotes):
                names[k] = mentioned
        return quotes, cues, names

    # -- cues ---------------------------------------------------------------------------
    def block(
        self,
        block: Block,
        sentences: Sequence[tuple[int, int]],
        prepared: Prepared | None = None,
    ) -> list[Found]:
        """The quotations and reported speech of one paragraph (``prepared``: what
        ``prepare`` gives for it, if it was computed ahead)."""
        text = self.text
        bs, be = block.start, block.end
        sents = _clipped(sentences, bs, be)
        if prepared is None:
            prepared = self._prepare(bs, be, sents)
        quotes, sentence_cues, sentence_names = prepared
        self.block_start, self.block_end = bs, be
        self.reader.block_start, self.reader.block_end = bs, be
        self.people.forget(bs)
        found: list[Found] = []
        speaker_of: dict[int, str] = {}
        claimed: set[int] = set()
        direct: set[int] = set()
        """Quotations tied closely to their cue (a tail, or right after a verb of saying)."""
        block_speaker = ""
        continuing = self.prev_block_open and bool(quotes) and quotes[0].outer_start - bs <= 1
        block_reported: list[tuple[int, int]] = []
        word_counts: dict[int, int] = {}

        def words_in(k: int) -> int:
            """The words of quotation ``k``, counted up to one more than
            ``SHORT_QUOTE_WORDS`` (every rule asks "at most that many?" or fewer), once."""
            n = word_counts.get(k)
            if n is None:
                q = quotes[k]
                n = word_counts[k] = count_words(text, q.start, q.end, SHORT_QUOTE_WORDS + 1)
            return n

        at = bs
        while (labelled := self._label_colon(at, be)) is not None:
            # "TAPPER: Do you think …? FALLIN: I think …", "Q: …", "Mark Cuban: I'd
            # consider a bid": a paragraph that opens with its speaker's name and a colon
            label, cs, ce, quoted = labelled
            if not quoted:  # ("Clinton: "Our goal …"": the quotation is hers, as it is)
                found.append(self.found("paraphrase", cs, ce, label, "person"))
                block_reported.append((cs, ce))
            for k, q in enumerate(quotes):
                if cs - 1 <= q.outer_start and q.outer_end <= ce + 1:
                    speaker_of[k] = label
                    claimed.add(k)
                    if quoted:
                        direct.add(k)
            if ce >= be:
                break
            at = ce
        if self.colon_speaker and quotes and quotes[0].outer_start - bs <= 1:
            # "Sanders made the following comment:" then a paragraph that is a quotation.
            speaker_of[0] = self.colon_speaker
            claimed.add(0)
            direct.add(0)
        self.colon_speaker = ""
        # Transcript style: "PENCE: …" or "Howard Kurtz, Fox News: "…"" names the speaker.
        for k, q in enumerate(quotes):
            m = _SPEAKER_COLON.match(text, q.start, q.end)
            if m and len(m.group("who")) > 1 and not _is_title(text[q.start : q.end].rstrip(".,")):
                # ("Collapse: How Societies Choose to Fail" is a book's title, not a speaker)
                speaker_of[k] = (
                    m.group("who").title() if m.group("who").isupper() else m.group("who")
                )
                claimed.add(k)
        for k, q in enumerate(quotes):
            if k in claimed:
                continue
            dm = _DASH_NAME.match(text, q.outer_end, be)
            if dm:
                speaker_of[k] = dm.group("who")
                claimed.add(k)
        mention = self.people.mention
        quote_starts = [q.start for q in quotes]
        for si0, (s, e) in enumerate(sents):
            si = self.sentence_base + si0
            self._learn_gender(s, e, si)
            for name, pos, subject, role in sentence_names.get(si0, ()):
                mention(name, pos, si, subject, role)
            cues = sentence_cues.get(si0) or []
            sent_quotes = _sentence_quotes(quotes, quote_starts, s, e) if quotes else []
            if not cues and not sent_quotes:
                continue  # (most sentences of a novel: every rule below reads a cue or a quote)
            # A head cue's content stops where a coordinated cue takes over
            # ("said the plan … and warned that delays …").
            for i1, c1 in enumerate(cues):
                if c1.mode != "head" or c1.content is None:
                    continue
                cs1, ce1 = c1.content
                # the next few cues only: a coordinated one follows soon, and a sentence of
                # a thousand cues must not cost a million checks
                for c2 in cues[i1 + 1 : i1 + 9]:
                    if not cs1 < c2.start < ce1:
                        continue
                    stop = c2.start
                    if c2.speaker is not None and cs1 < c2.speaker.start < c2.start:
                        stop = c2.speaker.start
                    cut = _COORDINATED.search(text, max(cs1, stop - 16), stop)
                    if cut is None:
                        continue  # "said that Clinton described …": nested, not a stop
                    if c2.speaker is not None and _FRONTED_ADJUNCT.fullmatch(
                        text, cs1, cut.start()
                    ):
                        # "said that during the visit, Erdogan reiterated …": the clause's
                        # own subject after its opening adjunct
                        continue
                    c1.content = _trim(text, cs1, cut.start())
                    break
            reported: list[tuple[int, int]] = list(block_reported)
            for cue in cues:
                name = self.speaker_name(cue.speaker, si)
                if (
                    name
                    and cue.mode == "tail"
                    and cue.speaker is not None
                    and cue.speaker.kind == "name"
                    and _AFTER_QUOTE.search(
                        text, max(s, cue.start - 4), min(cue.start, cue.speaker.start)
                    )
                ):
                    self.people.as_subject(cue.speaker.start, si)
                if name and cue.speaker is not None:
                    if cue.speaker.start < cue.start:
                        full = full_phrase_before(text, s, cue.speaker, cue.start)
                    else:
                        full = full_phrase_after(text, cue.speaker, be)
                    if full and full != name:
                        self.written_as.setdefault(name, []).append(full)
                if cue.mode == "tail":
                    # quotations of the sentence before the cue, and their continuation after it
                    for k in sent_quotes:
                        q = quotes[k]
                        if k in claimed:
                            continue
                        if q.outer_end <= cue.start + 1 or (
                            q.start < cue.start and q.end <= cue.start
                        ):
                            speaker_of[k] = name
                            claimed.add(k)
                            direct.add(k)
                    # a quotation that closes right before the cue across a sentence break
                    for k, q in enumerate(quotes):
                        if (
                            k not in claimed
                            and 0 <= cue.start - q.outer_end <= 40
                            and q.outer_end <= cue.start
                        ):
                            gap = text[
                                q.outer_end : (
                                    cue.speaker.start
                                    if cue.speaker and cue.speaker.start < cue.start
                                    else cue.start
                                )
                            ]
                            if re.fullmatch(r"[\s,\u2014-]*", gap):
                                speaker_of[k] = name
                                claimed.add(k)
                    # "…," he said, "…" : the quotation after the tail continues
                    for k in sent_quotes:
                        q = quotes[k]
                        if k not in claimed and q.outer_start >= cue.end:
                            between = text[cue.end : q.outer_start]
                            if "," in between or ":" in between or len(between.strip(" ,.")) < 60:
                                speaker_of[k] = name
                                claimed.add(k)
                else:
                    c = cue.content
                    for k in sent_quotes:
                        q = quotes[k]
                        if k in claimed:
                            continue
                        if c and c[0] - 2 <= q.outer_start and q.start < c[1] + 1:
                            speaker_of[k] = name
                            claimed.add(k)
                            if (
                                cue.lemma in ("say", "tell", "add", "write", "declare")
                                and q.outer_start - cue.end < 40
                            ):
                                direct.add(k)
                        elif (
                            (
                                q.outer_start >= cue.end
                                # a cue of its own between them, outside this one's content
                                and not _cue_between(cues, c[1] if c else cue.end, q.outer_start)
                            )
                            and (
                                (c is not None and q.outer_start - cue.end < 200)
                                or (c is None and _opens_at(text, cue.end, q.outer_start))
                                or (
                                    c is None
                                    and name in self.person_names
                                    and q.outer_start - cue.end < 200
                                )
                                or (
                                    # "called him "a genius"", "likened the refugees to a "…""
                                    c is None
                                    and bool(name)
                                    and q.outer_start - cue.end < 40
                                    and not re.search(r"[.;!?]", text[cue.end : q.outer_start])
                                )
                            )
                        ):
                            # A cue with no clause of its own takes the quotation right
                            # after it ("put it, "…"", "said: "…""), or any later one of
                            # its sentence when a known person speaks.
                            speaker_of[k] = name
                            claimed.add(k)
                # reported speech inside reported speech belongs to the outer report
                nested = any(a0 <= cue.start < b0 for a0, b0 in reported)
                if cue.content is not None and not nested and not self.reader.vague(cue):
                    cs, ce = cue.content
                    share = _quoted_share(quotes, cs, ce)
                    unnamed_ok = (
                        cue.speech
                        and cue.speaker is not None
                        and cue.speaker.kind == "pronoun"
                        and cue.speaker.text.lower() in ("he", "she", "they", "it")
                    )
                    if (
                        share < 0.5
                        and _has_words(text, cs, ce, MIN_CONTENT_WORDS)
                        and (name or unnamed_ok)
                        and not (cue.mode == "tail" and _ends_with_quote(text, quotes, cs, ce))
                    ):
                        found.append(self.found("paraphrase", cs, ce, name, _kind(cue)))
                        reported.append((cs, ce))
                if name:
                    block_speaker = name
            # "Sanders made the following comment: "…"": the sentence subject speaks.
            for k in sent_quotes:
                q = quotes[k]
                if k in claimed or q.outer_start <= s:
                    continue
                if re.search(r":[^\S\n]*$", text[s : q.outer_start]):
                    subj = sentence_subject(text, s, q.outer_start)
                    name = self.speaker_name(subj, si)
                    if name:
                        speaker_of[k] = name
                        claimed.add(k)
                        direct.add(k)
            # "In an August speech, Trump attacked "…"": a quotation inside a sentence no
            # cue reads is the words of the person the sentence is about, when it opens
            # with one (a name, or a pronoun that resolves to one).
            subject_of_sentence: Phrase | None = None
            for k in sent_quotes:
                q = quotes[k]
                if k in claimed or q.outer_start <= s + 1 or q.unopened:
                    continue
                nq = words_in(k)
                if nq <= SHORT_QUOTE_WORDS and (
                    nq < 2
                    or not _SAME_CLAUSE_VERB.match(text, s, q.outer_start)
                    or not _naming_verb_before(text, max(s, q.outer_start - 45), q.outer_start)
                    or _SO_CALLED.search(text, max(s, q.outer_start - 12), q.outer_start)
                ):
                    # a short one only in the subject's own clause, soon after a verb of
                    # saying or naming ("likened the refugees to a "…""); the author's
                    # scare quotes ("toward its goal of "regime change"") stay unattributed
                    continue
                if subject_of_sentence is None:
                    subject_of_sentence = sentence_subject(text, s, q.outer_start)
                    if subject_of_sentence is None:
                        break
                subj = subject_of_sentence
                if (
                    subj.kind == "np"
                    or subj.end > q.outer_start
                    or _PASSIVE.search(text, subj.end, q.outer_start)
                    or (subj.kind == "name" and not self._known_name(subj.text, subj.start))
                ):
                    break  # ("Python is sometimes called a "…"": passive, not its words)
                name = self.speaker_name(subj, si)
                if name and not is_org(name):
                    speaker_of[k] = name
                    claimed.add(k)
            # continuations: quotes of this sentence still unclaimed
            for k in sent_quotes:
                qk = quotes[k]
                starts_sentence = qk.outer_start <= s + 1 or qk.unopened
                if k in claimed or (words_in(k) <= SHORT_QUOTE_WORDS and not starts_sentence):
                    continue
                if qk.outer_end >= e - 1 and _tail_ahead(text, qk.outer_end, be):
                    continue  # ""…?" Vitter demanded.": the next sentence names its speaker
                prev = [speaker_of[j] for j in range(k - 1, -1, -1) if j in speaker_of]
                if prev and prev[0]:
                    speaker_of[k] = prev[0]
                    claimed.add(k)
                elif k == 0 and continuing and self.last_speaker:
                    speaker_of[k] = self.last_speaker
                    claimed.add(k)
                elif block_speaker and quotes[k].outer_start <= s + 1:
                    # a sentence that is a quotation, after one that named its speaker
                    speaker_of[k] = block_speaker
                    claimed.add(k)
                elif si0 > 0 and quotes[k].outer_start <= s + 1 and qk.end >= e - 2:
                    # "Sen. Ann Ode identified … as a reason. "The younger people are …"":
                    # a sentence that is all quotation, after one about a named person
                    ps, pe = sents[si0 - 1]
                    subj = sentence_subject(text, ps, pe)
                    if (
                        subj is not None
                        and subj.kind == "name"
                        and self._known_name(subj.text, subj.start)
                        and not any(
                            ps <= q.outer_start < pe
                            and not _is_title(text[q.start : q.end].rstrip(",."))
                            for q in quotes
                        )
                    ):
                        name = self.speaker_name(subj, si - 1)
                        if name and not is_org(name):
                            speaker_of[k] = name
                            claimed.add(k)
        for k, q in enumerate(quotes):
            who = speaker_of.get(k)
            nwords = words_in(k)
            if who is None and nwords <= SHORT_QUOTE_WORDS:
                continue  # (the cheap test first: a scare quote, as below)
            qtext = text[q.start : q.end]
            if (
                qtext.startswith("[")
                or title_before(text, max(bs, q.outer_start - 40), q.start)
                or not_speech_before(text, max(bs, q.outer_start - 80), q.start)
                or ("/" in qtext and _PATH.fullmatch(qtext))
            ):
                continue  # a linked title, a named work's title, a label, a path
            if who is None:
                if nwords <= SHORT_QUOTE_WORDS or _is_title(qtext):
                    continue
                who = ""
            elif _is_title(qtext) or (
                nwords == 1 and k not in direct and who not in self.person_names
            ):
                continue  # one word a thing or a group "called": a scare quote
            found.append(self.found("inline_quote", q.start, q.end, who, "person"))
            if who:
                self.last_speaker = who
        self.sentence_base += len(sents)
        if text[bs:be].rstrip().endswith(":") and sents:
            ls, le = sents[-1]
            if not any(ls <= q.outer_start < le for q in quotes):
                subj = sentence_subject(text, ls, le)
                gerund = subj is not None and subj.text.split()[0].endswith("ing")
                named = [
                    n
                    for m in NAME.finditer(text, ls, le)
                    if (n := strip_name(m.group())) and self._may_be_person(n)
                ]
                if gerund or (subj is not None and subj.kind == "pronoun" and named):
                    # "Seeing Prince Andrew she cried:": a name in the lead-in besides the
                    # speaker makes "she" unsure; a gerund opening is no subject.
                    subj = None
                self.colon_speaker = self.speaker_name(subj, self.sentence_base)
        last_q = quotes[-1] if quotes else None
        self.prev_block_open = bool(
            last_q is not None
            and (last_q.open_end or be - last_q.outer_end <= 60)
            and speaker_of.get(len(quotes) - 1)
        )
        if not quotes and block_speaker:
            self.prev_block_open = False
        found.sort(key=lambda f: (f.start, -f.end))
        return found


def heads_after_roles(text: str, names: list[Named]) -> list[Named]:
    """``names`` (of one sentence, in order) with the names after a role read as the
    heads of their phrases: in "Trump campaign chairman Paul Manafort said" and "Florida
    delegate John Archer" the name before the role is a modifier, and the person named
    last heads the phrase (its subject, when the phrase is one), is a person, and has the
    role's gender when it tells one. Changes ``names`` in place and returns it."""
    for i in range(1, len(names)):
        n1, p1, s1, _ = names[i - 1]
        n2, p2, s2, _ = names[i]
        role = _ROLE_BETWEEN.fullmatch(text, p1 + len(n1), p2)
        if role is not None and role.group("role") in _ROLE_NOUNS:
            names[i - 1] = (n1, p1, False, "")
            names[i] = (n2, p2, s1 or s2, _ROLE_GENDER.get(role.group("role"), "?"))
    return names


def _kind(cue: Cue) -> str:
    if cue.speaker is None:
        return "unknown"
    if cue.speaker.kind == "name":
        return "organisation" if is_org(cue.speaker.text) else "person"
    return "unknown"


def _opens_at(text: str, pos: int, mark: int) -> bool:
    """Only a comma, a colon or spaces (or "as"/"of" and a few words) lie between a cue's
    end and a quotation mark."""
    return re.fullmatch(r"[^\S\n]*[,:]?[^\S\n]*", text[pos:mark]) is not None


_SAME_CLAUSE_VERB = re.compile(
    r"(?:[^;:!?\n]{0,130},[^\S\n]*)?[^,;:!?\n]{0,50}?\b[a-z]+(?:ed|s)\b[^,;:!?\n]{0,90}$"
)
"""From the sentence start (a fronted phrase allowed) to a quotation: one clause with a verb
("Trump likened the refugees to a", not "…, which the report called")."""
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)[^\S\n]+(?:[a-z]+ly[^\S\n]+)?[a-z]+(?:ed|en)\b"
)


_TAIL_AHEAD = re.compile(
    r"[^\S\n]+(?:[A-Z][\w.'\u2019\-]*(?:[^\S\n]+[A-Z][\w.'\u2019\-]*){0,3}|he|she|they)"
    r"[^\S\n]+([a-z]+)\b"
    r"|[^\S\n]+([a-z]+)[^\S\n]+(?:[A-Z]|(?:the|he|she)\b)"
)


def _tail_ahead(text: str, pos: int, end: int) -> bool:
    """A speaker and a verb of saying right after ``pos`` (a tail in the next sentence),
    or a verb of saying and its speaker (""…?" asked Vitter.", ""…?" said the count.")."""
    m = _TAIL_AHEAD.match(text, pos, end)
    return m is not None and (m.group(1) or m.group(2)) in SPEECH_FORMS


@lru_cache(maxsize=4096)
def _name_aliases(who: str) -> tuple[str, ...]:
    """The other names of speaker ``who`` that its words alone give (worked out once for
    a novel's thousands of quotations of one speaker)."""
    aliases: list[str] = []
    words = who.split()
    if len(words) >= 3 and _NATIONALITY.match(words[0]):
        aliases.append(" ".join(words[1:]))  # "Prime Minister Matteo Renzi"
    core = _personal_name(who)
    if core and core != who:
        aliases.append(core)  # "Italian Prime Minister Matteo Renzi" is "Matteo Renzi"
    return tuple(aliases)


def _personal_name(name: str) -> str:
    """The personal name at the end of a name with a role before it ("Italian Prime
    Minister Matteo Renzi" -> "Matteo Renzi"), or ""."""
    words = name.split()
    if len(words) < 3:
        return ""
    core: list[str] = []
    for w in reversed(words):
        bare_w = w.rstrip(".,").casefold()
        if not w[:1].isupper() or bare_w in TITLES or _NATIONALITY.search(w):
            break
        core.insert(0, w)
    return " ".join(core) if 2 <= len(core) < len(words) else ""


_NATIONALITY = re.compile(
    r"^(?:Italian|French|German|British|Chinese|Japanese|Russian|American|Canadian|"
    r"Mexican|Israeli|Iranian|Syrian|Turkish|Indian|Democratic|Republican|Libyan|Iraqi|"
    r"Afghan|Pakistani|Australian|Spanish|Korean|Ukrainian|Polish|Dutch|Swedish|Saudi|"
    r"Egyptian|European|Palestinian|Cuban|Brazilian|Greek|Irish|Scottish|Former|Retired)$"
)
"""Adjectives before a role ("Italian Prime Minister …"), never part of a personal name."""


def _naming_verb_before(text: str, a: int, b: int) -> bool:
    return any(
        w.lower() in SPEECH_FORMS or w.lower() in ATTITUDE_FORMS or w.lower() in _NAMING
        for w in _WORDS.findall(text, a, b)
    )


_SO_CALLED = re.compile(r"\bso-called[^\S\n]*$", re.IGNORECASE)
_NAMING = frozenset(["exhorted", "admires", "admired", "used", "uses", "rated", "rates"])
"""Verbs that put someone's words in quotation marks besides the cue lexicon's."""
_FRONTED_ADJUNCT = re.compile(
    r"(?:during|in|on|at|after|before|since|when|while|as|if|despite|following|amid|"
    r"without|under|over|until|once|because|although|though|unlike|like)\b[^,;\n\u2014]{1,80}",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    r"(?:[,;]?[^\S\n]*\b(?:and|but|while)|[,;]|[^\S\n][\u2014\u2015\u2013-]{1,2})[^\S\n]*$"
)
"""What ends a head cue's content before a second cue: "and", "but", "while", a comma, a
semicolon or a dash ("said the plan … and warned that …")."""
_NP_PREPOSITION = re.compile(r"[^\S\n]+(?:in|from|at|of|near|with|on|for)[^\S\n]")


def _described_person(np: str) -> bool:
    """A noun phrase that describes a person: an article, then a person's noun before any
    preposition ("a woman in Worcester", "the spokesman for the port"; not "her face",
    "remembering what the governor's wife")."""
    words = _NP_PREPOSITION.split(np, maxsplit=1)[0].split()
    return (
        len(words) >= 2
        and words[0].lower() in ("a", "an", "the")
        and words[-1].lower() in SPEAKER_NOUNS
    )


def _cue_between(cues: Sequence[Cue], after: int, q_start: int) -> bool:
    """A head cue between ``after`` and a quotation at ``q_start`` that takes it: a named
    speaker's, or a described person's whose own clause holds the quotation ("…, and a
    woman in Portland told him she worries he is "too nice"")."""
    return any(
        after <= c2.start < q_start
        and c2.speaker is not None
        and c2.mode == "head"
        and (
            c2.speaker.kind == "name"
            or (
                c2.speaker.kind == "np"
                and _described_person(c2.speaker.text)
                and c2.content is not None
                and c2.content[0] <= q_start < c2.content[1]
            )
        )
        for c2 in cues
    )


_ROLE_BETWEEN = re.compile(
    r"[^\S\n]+(?:[a-z][a-z\-]*[^\S\n]+){0,3}?(?P<role>[a-z][a-z\-]*)[^\S\n]+"
)
"""Up to four words in lower case between two names, the last a role ("campaign
chairman", "senior communications adviser")."""
_NOT_ROLES = """
    report reports study studies survey surveys poll polls data statement letter document
    documents memo filing lawsuit complaint ruling court campaign administration government
    agency department committee ministry newspaper paper daily outlet network website group
    groups campaigns estimates figures records analysis review authority authorities people
    family
"""
_ROLE_NOUNS = (SPEAKER_NOUNS - frozenset(_NOT_ROLES.split())) | frozenset(
    ("boss", "delegate", "chair", "commentator", "co-host", "co-anchor", "operative")
)
"""Nouns of a person's role before their name ("spokesman", "adviser", "delegate")."""
_MALE_ROLES = "spokesman spokesmen congressman chairman man father son husband actor"
_FEMALE_ROLES = "spokeswoman congresswoman chairwoman woman mother daughter wife actress"
_ROLE_GENDER = {
    **dict.fromkeys(_MALE_ROLES.split(), "m"),
    **dict.fromkeys(_FEMALE_ROLES.split(), "f"),
}
"""Roles that tell a person's gender."""


_AFTER_QUOTE = re.compile(r"[\u201d\"'],?[^\S\n]*$")
"""A closing quotation mark (and a comma) right before a tail's verb or speaker."""
_HE_SHE = re.compile(
    r"[^\S\n]*(?:[\u201c\"]?)(?:(?:And|But|So|Yet|Still|Now|Then)[^\S\n]+)?([Hh]e|[Ss]he)\b"
)
