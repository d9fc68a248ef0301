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
from collections.abc import Sequence
from dataclasses import dataclass

from closeread.analysis.attribution.entities import NAME, People, Person, is_org, strip_name
from closeread.analysis.attribution.lexicon import (
    ATTITUDE_FORMS,
    BARE_OK,
    MULTIWORD_FORMS,
    SPEECH_FORMS,
    TAKES_PERSON,
)
from closeread.analysis.attribution.marks import QuoteSpan, pair_quotes
from closeread.analysis.attribution.phrases import (
    Phrase,
    full_phrase_after,
    full_phrase_before,
    sentence_subject,
    subject_after,
    subject_before,
)
from closeread.analysis.found import Found
from closeread.document.model import Block


_HSPACE = " \t\u00a0\u2009\u202f"
_WORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z\-]*")
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z]+)\b")
_NOUN_CUES = frozenset(
    """claim claims assertion assertions argument statement suggestion promise pledge
    insistence contention remark remarks comment comments charge accusation allegation
    warning view belief prediction vow threat""".split()
)
_POSSESSOR = re.compile(
    r"(?P<nwho>\b(?:[Hh]is|[Hh]er|[Tt]heir)|\b[A-Z][\w\-]*(?:[^\S\n]+[A-Z][\w\-]*){0,2}['\u2019]s?)"
    r"[^\S\n]+(?:(?:repeated|latest|recent|false|earlier|own|oft-repeated)[^\S\n]+)?$"
)
_THAT_NEXT = re.compile(r"[^\S\n]+that\b")
_MULTI_FIRST = frozenset(f.split()[0] for f in MULTIWORD_FORMS)
_LOWER_WORDS = re.compile(r"[A-Za-z]+")
_CUE_WORDS = frozenset(
    {w for f in (*SPEECH_FORMS, *ATTITUDE_FORMS) for w in f.split()[:1]}
    | {w.capitalize() for f in (*SPEECH_FORMS, *ATTITUDE_FORMS) for w in f.split()[:1]}
    | set(_MULTI_FIRST)
    | {w.capitalize() for w in _MULTI_FIRST}
    | _NOUN_CUES
    | {"according", "According"}
)
"""Every word that can start a cue, as written in lower case or capitalised."""


def _occurrences(text: str, s: int, e: int, words: set[str]) -> list[tuple[int, str]]:
    """Where ``words`` occur as whole words in ``text[s:e]``, in order (``str.find`` is
    far cheaper than a regex built per sentence)."""
    out = []
    for w in words:
        i = text.find(w, s, e)
        while i >= 0:
            j = i + len(w)
            if (i == s or not text[i - 1].isalpha()) and (j >= e or not text[j].isalpha()):
                out.append((i, w))
            i = text.find(w, j, e)
    out.sort()
    return out
_THAT_SOON = re.compile(
    r"[^\S\n]*(?:(?!(?:and|but|or)\b)[^\s,.!?;:\"\u201c\u201d]+[^\S\n]+){0,6}?that\b"
)
_TIME_ADJUNCT = re.compile(
    r"[^\S\n]*(?:(?:on|last|this|late|early|in|at|during|earlier|before|after)[^\S\n]+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|"
    r"morning|afternoon|evening|today|yesterday)\b[^\S\n]*(?:night|morning|afternoon|evening)?,?"
)
_OBJECT = re.compile(
    r"[^\S\n]*(?:him|her|them|us|me|reporters|journalists|supporters|voters|the\s+crowd|"
    r"the\s+audience|(?:the|a|an|his|her|their)[^\S\n]+[\w\-]+(?:[^\S\n]+[\w\-]+)?|"
    + r"(?:[A-Z][\w\-]*(?:[^\S\n]+[A-Z][\w\-]*){0,3}))\b[^\S\n]*"
)
_OPEN_QUOTE = re.compile(r"[^\S\n]*[,:]?[^\S\n]*(?:``|''|[\u201c\"])")
_SPEAKER_COLON = re.compile(
    r"(?P<who>[A-Z][A-Z.'\-]+(?:[^\S\n]+[A-Z][A-Z.'\-]+){0,3}|"
    r"[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z.]+){0,3})(?:,[^\S\n]+[^:\n\"\u201c]{1,40})?:[^\S\n]"
)
_TITLE_WORDS = re.compile(r"^[A-Z0-9][\w'\u2019\-]*$")
_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "vs.",
        "v.",
        "is",
    ]
)
_WORDS = re.compile(r"[\w\u2019'\-]+")

_DASH_NAME = re.compile(
    r"[^\S\n]*[\u2015\u2014\u2013][^\S\n]*(?P<who>[A-Z][\w.\-\u00c0-\u024f]*(?:[^\S\n]+[A-Z][\w.\-\u00c0-\u024f]*){0,4})"
)

_ACC_NP = re.compile(r"[^\S\n]+(?P<np>[^,.;:!?\"\u201c\u201d\n()]{2,120}?)(?=[,.;:!?\u2014(]|$)")

_NOUN_BEFORE = re.compile(
    r"(?:['\u2019]s|\b(?:the|a|an|his|her|its|their|our|my|your|these|those|such|"
    r"whose|of|no))[^\S\n]+$",
    re.IGNORECASE,
)

_NOT_SPEECH_BEFORE = re.compile(
    r"(?:\[|\S*(?:://|\?|=|\{\{)\S*[^\S\n]+|(?:^|[^\w])(?:Myth|Fact|Example|Note|Update|"
    r"Warning|Tip|Question|Answer|Headline|Title|Subject|Caption|Source|Credit|Photo|"
    r"Image|Figure|Table|Step|Rule|Lesson|Motto|Slogan|Tagline)[*_]*:[^\S\n]*[*_]*)"
    r"(?:``|''|[\u201c\"])$"
)
"""Before a quotation mark: a Markdown link or image title, or a label ("Myth: "…"")."""
_PATH = re.compile(r"[/\w.:\-~#?=&%]*/[/\w.:\-~#?=&%]*")
_TITLE_BEFORE = re.compile(
    r"\b(?:article|essay|book|report|piece|paper|post|titled|entitled|headline|story|"
    r"column|film|movie|song|poem|chapter|show|program|programme|series|album|episode|"
    r"documentary|op-ed|editorial|speech|slogan|hashtag|segment|bill|act)\b[^\S\n]*,?[^\S\n]*"
    r"(?:``|''|[\u201c\"])$",
    re.IGNORECASE,
)

_AUTHOR_TAIL = re.compile(
    r"(?:,|;)[^\S\n]*(?:although|though|even though|even as|whereas|but|yet|despite|"
    r"while|a claim|an assertion|which (?:is|was)|according to)\b|[^\S\n]+\u2014[^\S\n]+"
)
"""Where the author's own words take over from a reported clause."""
_NOUNISH = frozenset(
    [
        "claims",
        "talks",
        "calls",
        "plans",
        "reports",
        "shows",
        "promises",
        "remarks",
        "comments",
        "hopes",
        "fears",
        "demands",
        "charges",
        "concerns",
        "notes",
        "points",
        "warnings",
        "questions",
        "answers",
        "requests",
        "threats",
        "pledges",
        "vows",
        "estimates",
        "forecasts",
        "reads",
        "posts",
        "tweets",
        "statements",
        "findings",
        "finds",
        "cries",
        "doubts",
    ]
)
"""Verb forms that are also plural nouns ("the Vienna talks"): their subject must open
its clause."""

_INVERSION_END = re.compile(
    r"[^\S\n]*(?:$|[,.;:!?(\u2014\u2013\"\u201c\u201d]|''|(?:\([^)\n]*\)[^\S\n]*)?"
    r"(?:in|on|at|during|after|before|of|about|to|from|with|who|when|while|as|last|this|"
    r"earlier|later|recently|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"told|added|wrote|according)\b)"
)
"""After the speaker of an inverted cue ("said Sen. Ben Sasse, R-Neb.") only an adjunct or
the sentence end may follow: "said he would …" is a subject and its clause, not an
inversion."""
_QUOTE_NEXT = re.compile(r"[^\S\n]*(?:,|:)?[^\S\n]*(?:``|''|[\u201c\"])")
_CORE_SPEECH = frozenset(
    "say tell report announce state write claim argue explain warn insist add".split()
)
"""Verbs whose subject may be any noun phrase ("the bank said")."""

MIN_CONTENT_WORDS = 3
SHORT_QUOTE_WORDS = 4
"""A quotation of at most this many words with no cue in its sentence is a scare quote."""


@dataclass(slots=True)
class Cue:
    """One attribution cue and what it reads from the text around it."""

    start: int
    end: int
    lemma: str
    speech: bool
    mode: str
    """"head", "tail" or "according"."""
    speaker: Phrase | None
    content: tuple[int, int] | None = None


def _quoted_share(quotes: Sequence[QuoteSpan], s: int, e: int) -> float:
    if e <= s:
        return 0.0
    inside = sum(max(0, min(e, q.outer_end) - max(s, q.outer_start)) for q in quotes)
    return inside / (e - s)


def _is_title(text: str) -> bool:
    """Title-like ("Meet the Press", "Crooked Hillary"): short, every main word capitalised."""
    words = _WORDS.findall(text)
    if not words or len(words) > 8:
        return False
    main = [w for w in words if w.lower() not in _SMALL]
    return bool(main) and all(_TITLE_WORDS.match(w) for w in main) and text[-1:] not in ".?!,"


class Attributor:
    """Finds quotations and reported speech in a document, paragraph after paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.people = People()
        self.person_names: set[str] = set()
        """Speaker names known to be people (a one-word quotation of a person counts)."""
        self.aliases: dict[str, str] = {}
        self.written_as: dict[str, list[str]] = {}
        """Speaker name -> the phrases that named it, as written, not yet handed out."""
        """Written form of a speaker's name -> the bare name (titles dropped)."""
        self.last_speaker = ""
        """Speaker of the last attributed quotation (for continuations)."""
        self.last_block_end = -1
        self.prev_block_open = False
        """The previous paragraph ended inside or right after an attributed quotation."""
        self.block_start = 0
        self.colon_speaker = ""
        """Speaker of a lead-in ending the previous paragraph with ":"."""
        self.block_end = 0
        self.sentence_base = 0
        """Sentences seen before the current paragraph (a global sentence number)."""

    # -- speakers ----------------------------------------------------------------------
    def speaker_name(self, phrase: Phrase | None, sentence: int) -> str:
        """Display name for a speaker phrase: a resolved pronoun, a person's fullest name."""
        if phrase is None:
            return ""
        if phrase.kind == "pronoun":
            p = self.people.resolve(phrase.text, phrase.start, sentence)
            return self._written(p) if p is not None else ""
        if phrase.kind == "name":
            if is_org(phrase.text):
                return phrase.text
            p = self.people.person(phrase.text)
            if p is not None:
                p.certain = True
                self.people.spoke(p, phrase.start, sentence)
                return self._written(p)
            return phrase.text
        return phrase.text

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
            aliases=tuple(dict.fromkeys(aliases)),
        )

    def _register(self, s: int, e: int, quotes: Sequence[QuoteSpan], sentence: int) -> None:
        text = self.text
        for m in NAME.finditer(text, s, e):
            if quotes and any(q.outer_start <= m.start() < q.outer_end for q in quotes):
                continue
            name = strip_name(m.group())
            if not name or len(name) < 2:
                continue
            if m.start() == s and " " not in name and name.lower() in _COMMON_STARTS:
                continue
            pos = m.start() + m.group().find(name)
            subject = _subject_position(text, s, pos)
            self.people.mention(name, pos, sentence, subject)

    # -- cues ---------------------------------------------------------------------------
    def _cues(self, s: int, e: int, quotes: Sequence[QuoteSpan]) -> list[Cue]:
        text = self.text
        out: list[Cue] = []
        self.sentence_cue_speaker: Phrase | None = None
        hits = _CUE_WORDS.intersection(_LOWER_WORDS.findall(text, s, e))
        if not hits:
            return out  # no cue word at all (most sentences of a novel): skip the scan

        # One pass over the words with set look-ups (a regex alternation of every verb
        # form costs ten times more on a book).
        for vs, raw in _occurrences(text, s, e, hits):
            w = raw.lower()
            if not (
                w in SPEECH_FORMS
                or w in ATTITUDE_FORMS
                or w in _MULTI_FIRST
                or w in _NOUN_CUES
                or w == "according"
            ):
                continue
            ve = vs + len(raw)
            if any(q.outer_start < vs < q.outer_end for q in quotes):
                continue
            nxt = _NEXT_WORD.match(text, ve, e)
            if w == "according":
                if nxt is not None and nxt.group(1) == "to":
                    cue = self._according(s, e, vs, nxt.end())
                    if cue:
                        out.append(cue)
                continue
            if w in _NOUN_CUES:
                that = _THAT_NEXT.match(text, ve, e)
                owner = _POSSESSOR.search(text, max(s, vs - 60), vs) if that else None
                if that is not None and owner is not None:
                    cue = self._noun_cue(owner.start("nwho"), owner.group("nwho"), vs, that.end(), e)
                    if cue:
                        out.append(cue)
                    continue
            word = w
            if nxt is not None and f"{w} {nxt.group(1).lower()}" in MULTIWORD_FORMS:
                word = f"{w} {nxt.group(1).lower()}"
                ve = nxt.end()
            if word not in MULTIWORD_FORMS and word not in SPEECH_FORMS and word not in ATTITUDE_FORMS:
                continue
            lemma = MULTIWORD_FORMS.get(word) or SPEECH_FORMS.get(word) or ATTITUDE_FORMS[word]
            speech = word in SPEECH_FORMS or word in MULTIWORD_FORMS
            if raw[:1].isupper() and vs > s:
                continue  # "Says" inside a headline-cased name or title
            if _NOUN_BEFORE.search(text, max(s, vs - 12), vs):
                continue  # "the West's claims", "his remarks": a noun, not a verb
            cue = self._verb_cue(s, e, vs, ve, lemma, speech, quotes)
            if cue is not None:
                out.append(cue)
                if cue.speaker is not None:
                    self.sentence_cue_speaker = cue.speaker
        return out

    def _noun_cue(self, who_start: int, who: str, noun_start: int, end: int, e: int) -> Cue | None:
        """ "Trump's claim that …", "his warning that …": the possessor speaks."""
        kind = "pronoun" if who.lower() in ("his", "her", "their") else "name"
        if kind == "name":
            text = re.sub(r"['\u2019]s?$", "", who)
        else:
            text = {"his": "he", "her": "she", "their": "they"}[who.lower()]
        phrase = Phrase(who_start, who_start + len(text), text, kind)
        cs, ce = _trim(self.text, end, e)
        if ce - cs < 10:
            return None
        return Cue(noun_start, end, "claim", True, "head", phrase, (cs, ce))

    def _according(self, s: int, e: int, vs: int, ve: int) -> Cue | None:
        text = self.text
        who = subject_after(text, ve, e)
        if who is None or who.kind == "np":
            m = _ACC_NP.match(text, ve, e)
            if m is None:
                return None
            np = m.group("np")
            who = Phrase(m.start("np"), m.start("np") + len(np), np, "np")
        after = who.end
        # extend over ", R-Ky.," style tails until the comma that ends the phrase
        before = text[s:vs].strip()
        if not before or (before.endswith((",", "\u2014")) and vs - s < 3):
            # "According to X, content."
            comma = text.find(",", after, e)
            if comma < 0:
                return None
            return Cue(vs, ve, "according", True, "according", who, _trim(text, comma + 1, e))
        if not before:
            return None
        # "content, according to X."
        cs, ce = s, vs
        return Cue(vs, ve, "according", True, "according", who, _trim(text, cs, ce))

    def _verb_cue(
        self,
        s: int,
        e: int,
        vs: int,
        ve: int,
        lemma: str,
        speech: bool,
        quotes: Sequence[QuoteSpan],
    ) -> Cue | None:
        text = self.text
        if not speech and self._head_content(ve, e, lemma, speech) is None:
            # A verb of attitude reports only with a clause after it ("believes that …",
            # "thinks he can win"); checking that first spares most verbs of a novel.
            return None
        before = text[max(s, vs - 3) : vs]
        # Inverted tail: ""…," said X" / "…, said X."
        if re.search(r"[,\u201d\"'\u2014\u2015][^\S\n]*$", before) or vs == s:
            who = subject_after(text, ve, self.block_end)
            if (
                who is not None
                and speech
                and (vs > s or text[who.end : who.end + 1] in (":", ","))
                and _INVERSION_END.match(text, who.end, self.block_end)
            ):
                return Cue(vs, ve, lemma, speech, "tail", who, self._tail_content(s, vs, quotes))
        pre = text[max(s, vs - 6) : vs]
        pre = text[max(s, vs - 16) : vs]
        participle = text[vs:ve].endswith("ing") and re.search(
            r",[^\S\n]*(?:(?:even|also|then|while|before|after|by)[^\S\n]+)?$", pre
        )
        if participle and self.sentence_cue_speaker is not None:
            content = self._head_content(ve, e, lemma, speech)
            return Cue(vs, ve, lemma, speech, "head", self.sentence_cue_speaker, content)
        noun_like = text[vs:ve].lower() in _NOUNISH
        subj = (
            None
            if participle
            else subject_before(text, s, vs, strict=noun_like, any_noun=lemma in _CORE_SPEECH)
        )
        if subj is None:
            if ((word_ing := text[vs:ve].endswith("ing")) and re.search(r",[^\S\n]*$", pre)) or (
                re.search(r"\b(?:and|but)[^\S\n]+$", pre)
            ):
                subj = sentence_subject(text, s, vs)
                if subj is not None:
                    content = self._head_content(ve, e, lemma, speech)
                    if content is not None or word_ing:
                        return Cue(vs, ve, lemma, speech, "head", subj, content)
            return None
        # A tail: the subject follows a comma or a closing quotation mark.
        det = re.search(r"\b(?:the|a|an|The)[^\S\n]+$", text[max(s, subj.start - 5) : subj.start])
        if det is not None:  # ", the IMF said."
            subj = Phrase(subj.start - (len(det.group())), subj.end, subj.text, subj.kind)
        lead = text[max(self.block_start, subj.start - 5) : subj.start]
        after_quote = not re.search(r"\.(?:[\u201d\"]|'')[^\S\n]*$", lead) and re.search(
            r"(?:[\u201d\"]|'')[^\S\n]*[,\u2014]?[^\S\n]*$|,(?:[\u201d\"]|'')[^\S\n]*$", lead
        )
        closer = max(
            (q.outer_end for q in quotes if s - 3 <= q.outer_end <= subj.start), default=-1
        )
        full_stop = closer >= 0 and re.search(
            r"\.[^\S\n]*(?:[\u201d\"]|'')$", text[max(s - 3, closer - 4) : closer]
        )
        if closer >= 0 and not after_quote and not full_stop:
            gap = text[closer : subj.start]
            after_quote = re.fullmatch(
                r"[^\S\n]*[,\u2014]?[^\S\n]*(?:[\w\-.'\u2019]+[^\S\n]+){0,6}", gap
            )
        if (subj.start > s or after_quote) and (
            after_quote or (re.search(r"[,\u2014][^\S\n]*$", lead) and _sentence_rest(text, ve, e))
        ):
            content = self._tail_content(s, subj.start, quotes)
            rest = text[ve:e]
            if re.match(r"[^\S\n]*,", rest) and len(_WORDS.findall(rest)) >= 4:
                # "Climate change, Mr. Obama often says, is the greatest threat": the
                # sentence around the parenthetical cue is the content.
                content = _trim(text, s, e)
            return Cue(vs, ve, lemma, speech, "tail", subj, content)
        if subj.start > s and subj.kind != "name" and not _clause_boundary(text, s, subj.start):
            return None
        if re.search(
            r"\bwhat[^\S\n]+(?:(?:the|a|an|his|her|their|its)[^\S\n]+)?$",
            text[max(s, subj.start - 12) : subj.start],
        ):
            # "what the West called "rebels"": a quoted phrase, no reported clause.
            return Cue(vs, ve, lemma, speech, "head", subj, None)
        content = self._head_content(ve, e, lemma, speech)
        if content is None:
            if _QUOTE_NEXT.match(text, ve, e):
                # "as The New Yorker put it, "the operator."": the quotation is the content.
                return Cue(vs, ve, lemma, speech, "head", subj, None)
            return None
        return Cue(vs, ve, lemma, speech, "head", subj, content)

    def _tail_content(self, s: int, upto: int, quotes: Sequence[QuoteSpan]) -> tuple[int, int]:
        text = self.text
        # The content runs back to the sentence start, or to the quotation it closes.
        return _trim(text, s, upto)

    def _head_content(self, ve: int, e: int, lemma: str, speech: bool) -> tuple[int, int] | None:
        text = self.text
        pos = ve
        m = _TIME_ADJUNCT.match(text, pos, e)
        if m:
            pos = m.end()
        that = _THAT_SOON.match(text, pos, e)
        has_that = False
        if that and not re.search(r"[\"\u201c]", that.group()):
            pos = that.end()
            has_that = True
        elif lemma in TAKES_PERSON:
            ob = _OBJECT.match(text, pos, e)
            if ob:
                pos = ob.end()
                t2 = _THAT_SOON.match(text, pos, e)
                if t2:
                    pos, has_that = t2.end(), True
        if not has_that:
            if not speech or lemma not in BARE_OK:
                # Only a clause with its own subject: "believes he can win".
                if not re.match(
                    r"[^\S\n]*(?:he|she|they|it|we|I|there|the|this|[A-Z][a-z]+)\b[^.!?]{0,60}?\b"
                    r"(?:is|are|was|were|will|would|can|could|should|has|have|had|must|might|"
                    r"isn['\u2019]t|aren['\u2019]t|wasn['\u2019]t|weren['\u2019]t|won['\u2019]t|"
                    r"can['\u2019]t|don['\u2019]t|doesn['\u2019]t|didn['\u2019]t|"
                    r"may|did|does|do)\b",
                    text[pos:e],
                ):
                    return None
        while pos < e and text[pos] in " \t,:":
            pos += 1
        cut = _AUTHOR_TAIL.search(text, pos, e)
        if cut is not None and len(_WORDS.findall(text[pos : cut.start()])) >= MIN_CONTENT_WORDS:
            e = cut.start()  # "…, although he again refused …": the author's words again
        cs, ce = _trim(text, pos, e)
        if len(_WORDS.findall(text[cs:ce])) < MIN_CONTENT_WORDS and not _OPEN_QUOTE.match(
            text, cs, e
        ):
            return None
        return cs, ce

    def _vague(self, cue: Cue) -> bool:
        """Content that reports nothing citable: a lead-in ("X wrote in her report:"), or a
        finding of an unnamed source ("a large survey found that ...")."""
        text = self.text
        if cue.content is None:
            return True
        cs, ce = cue.content
        if re.match(r"[^\S\n]*:", text[ce : ce + 3]):
            return True
        sp = cue.speaker
        return bool(
            not cue.speech
            and sp is not None
            and sp.kind == "np"
            and re.match(r"(?:a|an|some|many|one|several)\b", sp.text, re.IGNORECASE)
        )

    # -- paragraphs ---------------------------------------------------------------------
    def block(self, block: Block, sentences: Sequence[tuple[int, int]]) -> list[Found]:
        """The quotations and reported speech of one paragraph."""
        text = self.text
        bs, be = block.start, block.end
        self.block_start, self.block_end = bs, be
        quotes = pair_quotes(text, bs, be)
        sents = [(max(a, bs), min(b, be)) for a, b in sentences if b > bs and a < be] or [(bs, be)]
        found: list[Found] = []
        speaker_of: dict[int, str] = {}
        claimed: set[int] = set()
        direct: set[int] = set()
        """Quotations tied closely to their cue (a tail, or right after a verb of saying)."""
        block_speaker = ""
        continuing = self.prev_block_open and bool(quotes) and quotes[0].outer_start - bs <= 1
        if self.colon_speaker and quotes and quotes[0].outer_start - bs <= 1:
            # "Sanders made the following comment:" then a paragraph that is a quotation.
            speaker_of[0] = self.colon_speaker
            claimed.add(0)
            direct.add(0)
        self.colon_speaker = ""
        # Transcript style: "PENCE: …" or "Howard Kurtz, Fox News: "…"" names the speaker.
        for k, q in enumerate(quotes):
            m = _SPEAKER_COLON.match(text, q.start, q.end)
            if m and len(m.group("who")) > 1:
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
        for si0, (s, e) in enumerate(sents):
            si = self.sentence_base + si0
            self._register(s, e, quotes, si)
            cues = self._cues(s, e, quotes)
            sent_quotes = [
                k for k, q in enumerate(quotes) if s <= q.start < e or (q.start < s < q.end)
            ]
            # A head cue's content stops where a coordinated cue takes over
            # ("said the plan … and warned that delays …").
            for c1 in cues:
                if c1.mode != "head" or c1.content is None:
                    continue
                cs1, ce1 = c1.content
                for c2 in cues:
                    if cs1 < c2.start < ce1:
                        stop = c2.start
                        if c2.speaker is not None and cs1 < c2.speaker.start < c2.start:
                            stop = c2.speaker.start
                        cut = re.search(
                            r"[,;]?[^\S\n]*\b(?:and|but|while)[^\S\n]*$", text[cs1:stop]
                        )
                        end = cs1 + cut.start() if cut is not None else stop
                        c1.content = _trim(text, cs1, end)
                        break
            for cue in cues:
                name = self.speaker_name(cue.speaker, si)
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
                        elif q.outer_start >= cue.end and q.outer_start - cue.end < 200:
                            speaker_of[k] = name
                            claimed.add(k)
                if cue.content is not None and not self._vague(cue):
                    cs, ce = cue.content
                    share = _quoted_share(quotes, cs, ce)
                    unnamed_ok = (
                        cue.speech
                        and cue.speaker is not None
                        and cue.speaker.kind == "pronoun"
                        and cue.speaker.text.lower() in ("he", "she", "they")
                    )
                    if (
                        share < 0.5
                        and len(_WORDS.findall(text[cs:ce])) >= MIN_CONTENT_WORDS
                        and (name or unnamed_ok)
                    ):
                        if not (cue.mode == "tail" and _ends_with_quote(text, quotes, cs, ce)):
                            found.append(self.found("paraphrase", cs, ce, name, _kind(cue)))
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
            # continuations: quotes of this sentence still unclaimed
            for k in sent_quotes:
                qk = quotes[k]
                starts_sentence = qk.outer_start <= s + 1 or qk.unopened
                if k in claimed or (
                    len(_WORDS.findall(text[qk.start : qk.end])) <= SHORT_QUOTE_WORDS
                    and not starts_sentence
                ):
                    continue
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
        for k, q in enumerate(quotes):
            who = speaker_of.get(k)
            qtext = text[q.start : q.end]
            nwords = len(_WORDS.findall(qtext))
            if (
                qtext.startswith("[")
                or _TITLE_BEFORE.search(text, max(bs, q.outer_start - 40), q.start)
                or _NOT_SPEECH_BEFORE.search(text, max(bs, q.outer_start - 80), q.start)
                or _PATH.fullmatch(qtext)
            ):
                continue  # a linked title, a named work's title, a label, a path
            if who is None:
                if _is_title(qtext) or nwords <= SHORT_QUOTE_WORDS:
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


_COMMON_STARTS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "but",
        "and",
        "or",
        "so",
        "if",
        "when",
        "while",
        "after",
        "before",
        "as",
        "since",
        "although",
        "though",
        "because",
        "yet",
        "still",
        "also",
        "then",
        "there",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "what",
        "who",
        "why",
        "how",
        "where",
        "which",
        "however",
        "meanwhile",
    ]
)


def _kind(cue: Cue) -> str:
    if cue.speaker is None:
        return "unknown"
    if cue.speaker.kind == "name":
        return "organisation" if is_org(cue.speaker.text) else "person"
    return "unknown"


def _ends_with_quote(text: str, quotes: Sequence[QuoteSpan], s: int, e: int) -> bool:
    return any(q.outer_end >= e - 2 and q.outer_start >= s - 1 for q in quotes)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,:;\u2014":
        s += 1
    while e > s and text[e - 1] in " \t\n,.;:!?\u2014":
        e -= 1
    return s, e


_ADJUNCT_START = re.compile(
    r"[^\S\n]*(?:[.!?,;\u2014)]|$|(?:in|on|at|during|after|before|of|about|via|through|"
    r"when|while|as|last|this|earlier|later|recently|yesterday|today|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|late|early|in|from|with|without|"
    r"outside|inside|near|following|afterward|afterwards|told|tweeted|wrote|added|"
    r"adding|saying|according|referring|speaking|noting|according|again|then|"
    r"under|over|for|by|according|once|previously|repeatedly|flatly|publicly|privately)\b)"
)


def _sentence_rest(text: str, ve: int, e: int) -> bool:
    """After a tail cue only an adjunct may follow ("… said in a statement on Monday.")."""
    rest = text[ve:e]
    if not _ADJUNCT_START.match(rest):
        return False
    return len(_WORDS.findall(rest)) <= 25


_BOUNDARY_CHARS = frozenset(",;:(\u2014\"\u201c\u201d.!?")
_BOUNDARY_WORDS = frozenset(
    "and but while as because though although when after before since if so yet which who "
    "where that".split()
)


def _subject_position(text: str, s: int, pos: int) -> bool:
    """Whether a name at ``pos`` opens a clause (cheap form of ``_clause_boundary``)."""
    i = pos
    while i > s and text[i - 1] in _HSPACE:
        i -= 1
    if i <= s or text[i - 1] in _BOUNDARY_CHARS:
        return True
    j = i
    while j > s and text[j - 1].isalpha():
        j -= 1
    return text[j:i].lower() in _BOUNDARY_WORDS


def _clause_boundary(text: str, s: int, pos: int) -> bool:
    before = text[max(s, pos - 14) : pos]
    return bool(
        re.search(
            r"(?:[,;:(\u2014\"\u201c\u201d]|\b(?:and|but|while|as|because|though|although|"
            r"when|after|before|since|if|so|yet|which|who|where|that)\b)[^\S\n]*$",
            before,
            re.IGNORECASE,
        )
    )
