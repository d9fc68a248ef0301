"""Attribution cues: a verb of saying or of attitude, "according to", a possessive claim
noun — and what each reads from the sentence around it (its speaker phrase, its mode,
its content span)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from closeread.analysis.attribution.entities import name_after, name_before
from closeread.analysis.attribution.headlines import headline
from closeread.analysis.attribution.lexicon import (
    ATTITUDE_FORMS,
    BARE_OK,
    FINITE_SPEECH,
    HEADLINE_LEMMAS,
    MULTIWORD_FORMS,
    SPEECH_FORMS,
    TAKES_PERSON,
)
from closeread.analysis.attribution.marks import QuoteSpan
from closeread.analysis.attribution.patterns import (
    _ACC_NP,
    _AUTHOR_TAIL,
    _CORE_SPEECH,
    _CUE_WORDS,
    _INVERSION_END,
    _LOWER_WORDS,
    _MULTI_FIRST,
    _NEXT_WORD,
    _NOUN_CUES,
    _NOUNISH,
    _OBJECT,
    _OPEN_QUOTE,
    _POSSESSOR,
    _QUOTE_NEXT,
    _THAT_AFTER_ASIDE,
    _THAT_AFTER_OBJECT,
    _THAT_NEXT,
    _THAT_SOON,
    _TIME_ADJUNCT,
    MIN_CONTENT_WORDS,
    _clause_boundary,
    _is_title,
    _occurrences,
    _sentence_rest,
    _trim,
    has_words,
    noun_before,
)
from closeread.analysis.attribution.phrases import (
    NOMINATIVE,
    Phrase,
    is_share,
    sentence_subject,
    skip_aux_back,
    subject_after,
    subject_before,
    subject_opens,
)
from closeread.analysis.attribution.places import PLACES
from closeread.analysis.quotes import NOTHING_SAID

_SELF_REFERENCE = re.compile(
    r"(?:this|these|the[^\S\n]+(?:previous|preceding|following|next|present))[^\S\n]+"
    r"(?:article|section|paper|chapter|essay|post|proposal|pep|piece|page|document|thesis)s?\b",
    re.IGNORECASE,
)
"""A text speaking of itself ("this section describes", "the previous sections have
described"): not a source. ("this report" or "this study" may be one the text cites.)"""


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


def _splits_word(text: str, i: int) -> bool:
    """Whether offset ``i`` falls between two letters of one ``_LOWER_WORDS`` word."""
    return 0 < i < len(text) and text[i - 1] in _ASCII_LETTERS and text[i] in _ASCII_LETTERS


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LETTERS_ONLY = bytes(c if chr(c) in _ASCII_LETTERS else 32 for c in range(256))
"""A byte table keeping the ASCII letters and turning every other byte into a space."""
_CUE_BYTES = frozenset(w.encode("ascii") for w in _CUE_WORDS)


def _cue_words_in(paragraph: str) -> frozenset[str]:
    """``_CUE_WORDS.intersection(_LOWER_WORDS.findall(paragraph))`` with bytes operations
    (a quarter cheaper on a novel's paragraphs): encoding with "replace" turns each other
    character into one "?", which, like every byte but a letter, then splits words, as
    ``[A-Za-z]+`` does."""
    words = paragraph.encode("ascii", "replace").translate(_LETTERS_ONLY).split()
    return frozenset(w.decode("ascii") for w in _CUE_BYTES.intersection(words))


def _outside_quotes(text: str, bs: int, be: int, quotes: Sequence[QuoteSpan]) -> str:
    """The paragraph ``text[bs:be]`` without its quotations, for ``_cue_words_in``: a word
    that opens inside a quotation (after its opening mark, before its end) is never a cue
    (``CueReader.cues`` skips it), so only the words of the rest need be known. A word
    that opens at a quotation's start (a paragraph continuing an unclosed quotation
    begins with it) is kept whole; none runs past a closing mark (no letter)."""
    if not quotes:
        return text[bs:be]
    parts = []
    cursor = bs
    for q in quotes:
        a = q.outer_start
        if a >= be:
            break
        if a > cursor or (a == cursor and text[a] in _ASCII_LETTERS):
            end = a
            while end < be and text[end] in _ASCII_LETTERS:
                end += 1  # (the word that opens at the quotation's start, whole)
            parts.append(text[cursor:end])
        cursor = max(cursor, q.outer_end)
    parts.append(text[cursor:be])
    return " ".join(parts)


class CueReader:
    """Finds the cues of one sentence; the engine tells it the paragraph being read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.block_start = 0
        self.block_end = 0
        self._hits_of = (-1, -1)
        self._hits: frozenset[str] = frozenset()
        self.block_quotes: Sequence[QuoteSpan] = ()
        """The quotations of the paragraph (``pair_quotes``), when the engine tells them:
        the paragraph's cue words are then read outside them only."""
        self._hits_quotes: Sequence[QuoteSpan] = ()
        self.sentence_cue_speaker: Phrase | None = None
        """Speaker of the last cue found in the current sentence (for "…, saying …")."""
        self._tails: list[int] = []
        self._occ_of = (-1, -1)
        self._occ: list[tuple[int, str]] = []
        self._occ_starts: list[int] = []
        self._occ_hits: frozenset[str] = frozenset()
        self._tails_from = 0
        self._tails_end = -1

    def cues(self, s: int, e: int, quotes: Sequence[QuoteSpan]) -> list[Cue]:
        text = self.text
        out: list[Cue] = []
        self.sentence_cue_speaker = None
        # (the quotations that overlap the sentence, as spans: most sentences have none,
        # and each word below is tested against them)
        inside = [
            (q.outer_start, q.outer_end) for q in quotes if q.outer_end >= s and q.outer_start <= e
        ]
        if inside and any(a < s and e <= b for a, b in inside):
            return out  # (a sentence inside a quotation: every word of it would be skipped)
        hits = self._cue_words(s, e)
        if not hits:
            return out  # no cue word at all (most sentences of a novel): skip the scan

        # One pass over the words with set look-ups (a regex alternation of every verb
        # form costs ten times more on a book).
        for vs, raw in self._occurrences(s, e, hits):
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
            if (
                (vs > 0 and text[vs - 1] == "-")
                or (text.startswith("-", ve) and text[ve + 1 : ve + 2].isalpha())
            ) and w not in MULTIWORD_FORMS:
                continue  # "the tax-writing committee", "his post-Iowa humility": a compound
            if inside and any(a < vs < b for a, b in inside):
                continue
            nxt = _NEXT_WORD.match(text, ve, e)
            if (
                nxt is not None
                and nxt.group(1) in FINITE_SPEECH
                and w not in MULTIWORD_FORMS
                and w not in _NEVER_NOUNS
                and not w.endswith("ed")
            ):
                continue  # "the annual report says": a noun, the subject of the next verb
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
                    cue = self._noun_cue(
                        owner.start("nwho"), owner.group("nwho"), vs, that.end(), e
                    )
                    if cue:
                        out.append(cue)
                    continue
            word = w
            if nxt is not None and f"{w} {nxt.group(1).lower()}" in MULTIWORD_FORMS:
                word = f"{w} {nxt.group(1).lower()}"
                ve = nxt.end()
            if (
                word not in MULTIWORD_FORMS
                and word not in SPEECH_FORMS
                and word not in ATTITUDE_FORMS
            ):
                continue
            lemma = MULTIWORD_FORMS.get(word) or SPEECH_FORMS.get(word) or ATTITUDE_FORMS[word]
            speech = word in SPEECH_FORMS or word in MULTIWORD_FORMS
            if raw == "Asked" and vs == s:
                cue = self._asked_opening(s, e, vs, ve)
                if cue is not None:
                    out.append(cue)
                continue
            if raw[:1].isupper() and vs > s:
                # "Says" in a title-cased headline ("Trump Says He Never Pledged …"), or
                # inside a name or a title
                if lemma in HEADLINE_LEMMAS and (read := headline(text, s, e, vs, ve)):
                    out.append(Cue(vs, ve, lemma, speech, "head", read[0], read[1]))
                continue
            if noun_before(text, max(s, vs - 12), vs):
                continue  # "the West's claims", "his remarks": a noun, not a verb
            cue = self._verb_cue(s, e, vs, ve, lemma, speech, quotes)
            if cue is not None:
                out.append(cue)
                if cue.speaker is not None:
                    self.sentence_cue_speaker = cue.speaker
        return out

    def _asked_opening(self, s: int, e: int, vs: int, ve: int) -> Cue | None:
        """ "Asked on Monday whether …, Mrs. Clinton shook her head": the question is
        reported, and whoever the main clause is about was asked it."""
        text = self.text
        m = _ASKED_WHAT.match(text, ve, e)
        if m is None:
            return None
        cs, ce = _trim(text, m.start("what"), m.end("what"))
        if not _has_words(text, cs, ce, MIN_CONTENT_WORDS):
            return None
        who = subject_after(text, m.end(), e) or sentence_subject(text, m.end(), e)
        return Cue(vs, ve, "ask", True, "head", who, (cs, ce))

    def _cue_words(self, s: int, e: int) -> frozenset[str]:
        """The cue words of the paragraph holding ``text[s:e]`` (read once per paragraph:
        ``_occurrences`` then finds those of the sentence), or of ``text[s:e]`` itself."""
        text, bs, be = self.text, self.block_start, self.block_end
        if not bs <= s <= e <= be or _splits_word(text, s) or _splits_word(text, e):
            # (a sentence edge inside a word: the sentence's words are not the paragraph's)
            return _CUE_WORDS.intersection(_LOWER_WORDS.findall(text, s, e))
        return self.paragraph_cue_words()

    def paragraph_cue_words(self) -> frozenset[str]:
        """The cue words of the paragraph being read, outside its quotations (read once)."""
        text, bs, be = self.text, self.block_start, self.block_end
        if self._hits_of != (bs, be) or self._hits_quotes is not self.block_quotes:
            self._hits_of = (bs, be)
            self._hits_quotes = self.block_quotes
            self._hits = _cue_words_in(_outside_quotes(text, bs, be, self.block_quotes))
        return self._hits

    def _occurrences(self, s: int, e: int, hits: frozenset[str]) -> list[tuple[int, str]]:
        """``_occurrences(text, s, e, hits)``: those of the paragraph's cue words found once
        for the whole paragraph (a long paragraph's sentences each searched every word of
        it), those in the sentence taken. Where the sentence's first or last character
        follows or precedes a letter, a word there is whole in the sentence but maybe not
        in the paragraph: such a sentence is searched alone."""
        text, bs, be = self.text, self.block_start, self.block_end
        if (
            hits is not self._hits
            or (s != bs and text[s - 1].isalpha())
            or (e != be and text[e].isalpha())
        ):
            return _occurrences(text, s, e, hits)
        occ = self._paragraph_occurrences(hits)
        out = []
        for k in range(bisect_left(self._occ_starts, s), len(occ)):
            i, w = occ[k]
            if i >= e:
                break
            if i + len(w) <= e:
                out.append(occ[k])
        return out

    def _paragraph_occurrences(self, hits: frozenset[str]) -> list[tuple[int, str]]:
        """``_occurrences`` of ``hits`` in the whole paragraph (found once)."""
        bs, be = self.block_start, self.block_end
        if self._occ_of != (bs, be) or self._occ_hits is not hits:
            self._occ_of = (bs, be)
            self._occ_hits = hits
            self._occ = _occurrences(self.text, bs, be, hits)
            self._occ_starts = [i for i, _ in self._occ]
        return self._occ

    def may_hold_cues(self, s: int, e: int) -> bool:
        """False when ``cues(s, e, …)`` is sure to find none, for want of a cue word: the
        sentence's words are its paragraph's (no letter just outside it), and none of the
        paragraph's cue words (read once, outside its quotations) stands in it. (Most
        sentences of a novel: a paragraph's "said" is in one of them.)"""
        text, bs, be = self.text, self.block_start, self.block_end
        if (
            not bs <= s <= e <= be
            or (s != bs and text[s - 1].isalpha())
            or (e != be and text[e].isalpha())
        ):
            return True  # (``cues`` reads such a sentence's own words)
        hits = self.paragraph_cue_words()
        if not hits:
            return False
        occ = self._paragraph_occurrences(hits)
        for k in range(bisect_left(self._occ_starts, s), len(occ)):
            i, w = occ[k]
            if i >= e:
                break
            if i + len(w) <= e:
                return True
        return False

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
            # (the noun phrase goes on: "according to a spokesman for the company")
            m = _ACC_NP.match(text, ve, e)
            if m is None or (who is not None and m.end("np") < who.end):
                # ("according to F.A.A. records": a full stop inside the name)
                if who is None:
                    return None
            else:
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
        if lemma == "ask" and text.startswith(" by ", ve):
            return self._asked_by(s, e, vs, ve, lemma)
        before = text[max(s, vs - 3) : vs]
        # Inverted tail: ""…," said X" / "…, said X."
        if _INVERSION_MARK.search(before) or vs == s:
            who = subject_after(text, ve, self.block_end)
            if (
                who is not None
                and speech
                # ("…, told her supporters": "told" takes its object after it, not its
                # subject; but ""…?" asked the German")
                and lemma not in _OBJECT_FIRST
                and (vs > s or text[who.end : who.end + 1] in (":", ","))
                and _INVERSION_END.match(text, who.end, self.block_end)
                # ("…, said Fiorina "was personally …"": the name opens the reported clause)
                and not _OPEN_QUOTE_NO_COMMA.match(text, who.end, self.block_end)
            ):
                return Cue(vs, ve, lemma, speech, "tail", who, self._tail_content(s, vs, quotes))
        pre = text[max(s, vs - 16) : vs]
        participle = text[vs:ve].endswith("ing") and _PARTICIPLE_AFTER.search(pre)
        if participle and self.sentence_cue_speaker is not None:
            content = self._head_content(ve, e, lemma, speech)
            return Cue(vs, ve, lemma, speech, "head", self.sentence_cue_speaker, content)
        noun_like = text[vs:ve].lower() in _NOUNISH
        if noun_like and text.startswith(" of ", ve):
            return None  # "One of the central claims of the speech": a noun
        if lemma == "add" and _ADD_TO.match(text, ve):
            return None  # "The latest hiccup adds to the drama": no words added
        subj = (
            None
            if participle
            else subject_before(
                text,
                s,
                vs,
                strict=noun_like,
                # "a notebook describing ideas": a reduced relative, not a speaker
                any_noun=lemma in _CORE_SPEECH and not text[vs:ve].endswith("ing"),
            )
        )
        if subj is not None and lemma not in ("say", "tell") and is_share(subj):
            subj = None
        if subj is not None and _SELF_REFERENCE.match(subj.text):
            subj = None  # "This section describes …": the text speaks of itself
        if (
            subj is not None
            and text[vs:ve] in _BASE_NOUNS
            and subj.kind != "pronoun"
            and subj.end >= vs - 1
            and not subj.text.endswith("s")
            and " and " not in subj.text
            and _AND_BUT_END.search(text, max(s, subj.start - 12), subj.start) is None
            and (
                _SINGULAR_DET.match(subj.text) is not None
                or _DET_END.search(text, max(s, subj.start - 5), subj.start) is not None
            )
        ):
            # "the new report demonstrates …", "The IG report cited …": after a singular
            # noun phrase a base form is its noun (the verb would be "reports")
            return None
        if subj is None:
            if (
                (word_ing := text[vs:ve].endswith("ing"))
                # ("a remark—showing that …": after a dash only a verb of saying)
                and (_COMMA_END.search(pre) or (speech and _DASH_END.search(pre)))
            ) or (
                # "and later said" (the adverbs skipped only when no comma came first)
                _AND_BUT_END.search(text, max(s, vs - 40), skip_aux_back(text, s, vs))
            ):
                subj = sentence_subject(text, s, vs)
                if subj is not None:
                    content = self._head_content(ve, e, lemma, speech)
                    if content is not None or word_ing:
                        return Cue(vs, ve, lemma, speech, "head", subj, content)
            elif text[vs:ve].endswith("ing") and _WORD_END.search(pre):
                # "Trump unleashed a series of tweets early Friday saying that …"
                subj = sentence_subject(text, s, vs)
                if subj is not None and (
                    subj.kind == "name"
                    # ("Trump's campaign entered … believing …": a noun phrase of a name)
                    or (subj.kind == "np" and name_after(text, subj.start, subj.end) is not None)
                ):
                    content = self._head_content(ve, e, lemma, speech)
                    if content is not None:
                        return Cue(vs, ve, lemma, speech, "head", subj, content)
            if text[vs:ve].endswith("ing") and _QUOTE_SOON.match(text, ve, e):
                # "footage of Hillary Clinton asking, "…"": the name before the participle
                nb = name_before(text, s, vs)
                if nb is not None and nb[0] + len(nb[1]) >= vs - 1:
                    who = Phrase(nb[0], nb[0] + len(nb[1]), nb[1], "name")
                    return Cue(vs, ve, lemma, speech, "head", who, None)
            return None
        # A tail: the subject follows a comma or a closing quotation mark.
        det = _DET_END.search(text[max(s, subj.start - 5) : subj.start])
        if det is not None:  # ", the IMF said."
            subj = Phrase(subj.start - (len(det.group())), subj.end, subj.text, subj.kind)
        lead = text[max(self.block_start, subj.start - 5) : subj.start]
        after_quote = not _STOP_QUOTE_END.search(lead) and _AFTER_QUOTE_END.search(lead)
        closer = max(
            (q.outer_end for q in quotes if s - 3 <= q.outer_end <= subj.start), default=-1
        )
        full_stop = closer >= 0 and re.search(
            r"\.[^\S\n]*(?:[\u201d\"]|'')$", text[max(self.block_start, closer - 4) : closer]
        )
        content_end = subj.start
        if closer >= 0 and not after_quote and not full_stop:
            gap = text[closer : subj.start]
            after_quote = (
                None
                if _CONJUNCTION_IN.search(gap)
                else re.fullmatch(
                    r"[^\S\n]*[,\u2014]?[^\S\n]*(?:[\w\-.'\u2019]+[^\S\n]+){0,6}", gap
                )
            )
            if after_quote and gap.strip(" ,\u2014"):
                # ""We need it," Trump senior adviser Jason Miller said": the words before
                # the name describe the speaker; what was said ends with the quotation
                content_end = closer
        # A comma right after the cue, and no participle after it (not ", pointing to his
        # ears": a participle adds to the cue): the cue interrupts its sentence.
        interrupting = _COMMA_NEXT.match(text, ve, e) is not None and not _COMMA_PARTICIPLE.match(
            text, ve, e
        )
        comma_tail = (
            _COMMA_DASH_END.search(lead)
            and _sentence_rest(text, self._past_object(ve, e, lemma), e)
            and not _THAT_SOON.match(text, ve, e)
            and (
                _has_words(text, s, subj.start, MIN_CONTENT_WORDS)
                # "This campaign, he says, is different": a cue that interrupts its
                # sentence reports all of it, however short the part before it
                or (interrupting and _has_words(text, ve, e, 2))
            )
        )
        if after_quote and closer >= 0 and not _sentence_rest(text, ve, e):
            before_q = [q for q in quotes if q.outer_end == closer]
            if (
                before_q
                and before_q[0].outer_start > s
                and _is_title(text[before_q[0].start : before_q[0].end].rstrip(","))
            ):
                # "On "Face the Nation," Paul Ryan said the spate …": a title, then a head
                after_quote = None
        own_relative = (
            _RELATIVE_END.search(text, max(s, vs - 30), skip_aux_back(text, s, vs)) is not None
            # (with a clause to report: not ", who endorsed Mr. Rubio on Tuesday")
            and (
                _THAT_SOON.match(text, ve, e) is not None
                or _OWN_CLAUSE.match(text, ve, e) is not None
            )
        )
        if (
            (subj.start > s or after_quote)
            and (after_quote or (comma_tail and not _QUOTE_NEXT.match(text, ve, e)))
            # (""…," said Nicky Driscoll, 24, who said …": the second verb is the
            # relative clause's, a head)
            and not own_relative
        ):
            # (", Mayor Kranz boasted, "…"": a quotation opening after the verb is its
            # content, a head despite the comma before the speaker)
            content = self._tail_content(s, content_end, quotes)
            if (
                interrupting
                # (the words after the cue are needed where those before are too few to
                # be the content alone: "This campaign, he says, is different")
                # (not after a quotation that opens the sentence, which is what was said:
                # ""Yes," he said, softly and distinctly", ""What?" he answered, not
                # recognizing Borís"; but "Nancy's "…," Anthony says, a job …" is one)
                and not any(
                    q.outer_start <= s + 1 and s - 3 <= q.outer_end <= subj.start for q in quotes
                )
                and (
                    _has_words(text, ve, e, 4)
                    or not _has_words(text, s, subj.start, MIN_CONTENT_WORDS)
                )
            ):
                # "Climate change, Mr. Obama often says, is the greatest threat": the
                # sentence around the parenthetical cue is the content.
                content = _trim(text, s, e)
            elif (
                _ADJUNCT_ONLY.fullmatch(text, *content)
                and not _COMMA_NEXT.match(text, ve, e)
                and len(text[content[0] : content[1]].split()) <= ADJUNCT_WORDS
            ):
                # "Walking to the next address, Ebeling reminisced about …" (but "Seeing his
                # brother suffering led him to …, he said": a clause that long has a verb)
                return None
            return Cue(vs, ve, lemma, speech, "tail", subj, content)
        if text[vs:ve].endswith("ed") and _PASSIVE_AUX.search(text, subj.end, vs):
            return None  # "was first reported by …", "has been endorsed by …": passive
        relative = _WHO_WHICH.search(text[subj.end : vs]) is not None
        if (
            subj.start > s
            and subj.kind != "name"
            and not (subj.text in NOMINATIVE and subject_opens(text, s, subj.start))
            and not relative
            and not _clause_boundary(text, s, subj.start)
        ):
            return None
        if _WHAT_BEFORE.search(text[max(s, subj.start - 12) : subj.start]):
            # "what the West called "rebels"": a quoted phrase, no reported clause.
            return Cue(vs, ve, lemma, speech, "head", subj, None)
        content = self._head_content(ve, e, lemma, speech)
        if content is None:
            if self._says_nothing(ve, e):
                # "said nothing about the bridge" (but "said nothing had changed"): no words
                # reported; the speaker still acts in the sentence ("…, telling them …")
                self.sentence_cue_speaker = subj
                return None
            if _QUOTE_NEXT.match(text, ve, e) or (speech and subj.kind in ("name", "np")):
                # "as The New Yorker put it, "the operator."": the quotation is the content;
                # "Dr. Chen described the results." introduces the quotation that follows.
                return Cue(vs, ve, lemma, speech, "head", subj, None)
            return None
        return Cue(vs, ve, lemma, speech, "head", subj, content)

    def _past_object(self, ve: int, e: int, lemma: str) -> int:
        """Where an adjunct may start after a tail cue: past the person told ("…, the
        secretary told a Senate panel on Wednesday.", "…, Smith told POLITICO.")."""
        if lemma == "tell":  # (not "urged the opposite tactic in …": a head, no tail)
            ob = _TOLD_OBJECT.match(self.text, ve, e)
            if ob is not None:
                return ob.end()
        return ve

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
        if NOTHING_SAID.match(text, pos, e):
            return None
        # (the cheap test first: most clauses after a verb have no "that" at all)
        that = _THAT_SOON.match(text, pos, e) if text.find("that", pos, e) >= 0 else None
        has_that = False
        if that and not _OPENING_MARK.search(that.group()):
            pos = that.end()
            has_that = True
        elif that is None and (aside := self._that_after_aside(pos, e)) is not None:
            pos, has_that = aside, True
        elif lemma in TAKES_PERSON:
            ob = _OBJECT.match(text, pos, e)
            if ob:
                pos = ob.end()
                t2 = _THAT_AFTER_OBJECT.match(text, pos, e)
                if t2:
                    pos, has_that = t2.end(), True
        if not has_that and lemma in _ASKING and _WH_SOON.match(text, pos, e):
            has_that = True  # "asked Sanders whether …": an indirect question is the content
        # Without "that", only a clause with its own subject: "believes he can win".
        if (
            not has_that
            and (not speech or lemma not in BARE_OK)
            and not _OWN_CLAUSE.match(text, pos, e)
        ):
            return None
        while pos < e and text[pos] in " \t,:":
            pos += 1
        cut = self._author_tail(pos, e)
        if cut is not None and _has_words(text, pos, cut, MIN_CONTENT_WORDS):
            e = cut  # "…, although he again refused …": the author's words again
        cs, ce = _trim(text, pos, e)
        if not _has_words(text, cs, ce, MIN_CONTENT_WORDS) and not _OPEN_QUOTE.match(text, cs, e):
            return None
        return cs, ce

    def _asked_by(self, s: int, e: int, vs: int, ve: int, lemma: str) -> Cue | None:
        """ "Sanders was asked by host John Dickerson whether …", "when asked by a
        reporter whether …": whoever asked is the speaker of the question."""
        text = self.text
        who = subject_after(text, ve + 3, e)
        if who is None or who.kind == "pronoun" or not _WH_SOON.match(text, who.end, e):
            return None
        if _WHEN_BEFORE.search(text, max(s, vs - 24), vs):
            # "When asked by a reporter whether …, Trump said": the question ends the
            # subordinate clause
            comma = text.find(",", who.end, e)
            e = comma if comma > 0 else e
        content = self._head_content(who.end, e, lemma, True)
        return Cue(vs, ve, lemma, True, "head", who, content) if content else None

    def _that_after_aside(self, pos: int, e: int) -> int | None:
        """Where the reported clause starts after an aside and its "that" ("said,
        however, that …", "said Sunday in Madison, Wisconsin, that …"), else None."""
        text = self.text
        if text.find("that", pos, min(e, pos + 200)) < 0:
            return None
        m = _THAT_AFTER_ASIDE.match(text, pos, e)
        if m is None:
            return None
        if m.group("words").strip() and not (
            m.group("open") == "," and " ".join(m.group("aside").split()).casefold() in PLACES
        ):
            return None
        if not _ASIDE_CUES.isdisjoint(_LOWER_WORDS.findall(m.group())):
            # "The documents indicate, he said in a telephone interview, that …": the
            # aside is a cue of its own, whose clause this is
            return None
        return m.end()

    def _says_nothing(self, ve: int, e: int) -> bool:
        """The verb ending at ``ve`` reports no words: "said nothing to her", "said
        something in French" (a pronoun for them, then no clause)."""
        m = _TIME_ADJUNCT.match(self.text, ve, e)
        return NOTHING_SAID.match(self.text, m.end() if m else ve, e) is not None

    def _author_tail(self, pos: int, e: int) -> int | None:
        """Start of the first ``_AUTHOR_TAIL`` at or after ``pos`` before ``e``; the matches
        of a sentence are found once (a sentence of many cues stays linear)."""
        if self._tails_end != e or pos < self._tails_from:
            self._tails_from, self._tails_end = pos, e
            self._tails = [m.start() for m in _AUTHOR_TAIL.finditer(self.text, pos, e)]
        k = bisect_left(self._tails, pos)
        return self._tails[k] if k < len(self._tails) else None

    def vague(self, cue: Cue) -> bool:
        """Content that reports nothing citable: a lead-in ("X wrote in her report:"), or a
        finding of an unnamed source ("a large survey found that ...")."""
        text = self.text
        if cue.content is None:
            return True
        _, ce = cue.content
        if _COLON_NEXT.match(text, ce, ce + 3):
            return True
        sp = cue.speaker
        return bool(
            not cue.speech and sp is not None and sp.kind == "np" and _INDEFINITE.match(sp.text)
        )

    # -- paragraphs ---------------------------------------------------------------------


# (compiled once: ``_verb_cue`` runs for every verb of saying in a book)
_COMMA_NEXT = re.compile(r"[^\S\n]*,")
_COLON_NEXT = re.compile(r"[^\S\n]*:")
_INDEFINITE = re.compile(r"(?:a|an|one)\b", re.IGNORECASE)
_PARTICIPLE_AFTER = re.compile(r",[^\S\n]*(?:(?:even|also|then|while|before|after|by)[^\S\n]+)?$")
"""A comma (and an adverb) before a participle: "…, saying", "…, even while insisting"."""
_WHAT_BEFORE = re.compile(r"\bwhat[^\S\n]+(?:(?:the|a|an|his|her|their|its)[^\S\n]+)?$")
_INVERSION_MARK = re.compile(r"[,\u201d\"'\u2014\u2015][^\S\n]*$")
_COMMA_END = re.compile(r",[^\S\n]*$")
_DASH_END = re.compile(r"(?:[\u2014\u2013]|[^\S\n]-)[^\S\n]*$")
"""Before a participle that adds to its sentence: ", saying", " — saying"."""
_WORD_END = re.compile(r"[a-z][^\S\n]+$")
_DET_END = re.compile(r"\b(?:the|a|an|The)[^\S\n]+$")
_ADD_TO = re.compile(r" to (?:the|a|an|its|his|her|their|this|that) ")
_BASE_NOUNS = frozenset(["report", "claim", "call", "comment", "reply", "estimate"])
"""Base forms of verbs of saying that are also singular nouns."""
_SINGULAR_DET = re.compile(r"(?:the|a|an|this|that|his|her|its|The|A|An|This|That|His|Her|Its)\b")
_STOP_QUOTE_END = re.compile(r"\.(?:[\u201d\"]|'')[^\S\n]*$")
_COMMA_DASH_END = re.compile(r"[,\u2014][^\S\n]*$")
_WHO_WHICH = re.compile(r"\b(?:who|which)\b")
_ASIDE_CUES = _CUE_WORDS - _NOUN_CUES
"""Words that make an aside a cue of its own (its verbs)."""
_RELATIVE_END = re.compile(r"\b(?:who|which)(?:[^\S\n]+[a-z]+ly)?[^\S\n]*$")
"""A relative pronoun that is the verb's own subject ("…, who later said")."""
_AND_BUT_END = re.compile(r"\b(?:and|but)[^\S\n]*$")
_COMMA_PARTICIPLE = re.compile(r"[^\S\n]*,[^\S\n]*[a-z]+ing\b")
_OPENING_MARK = re.compile(r"[\"\u201c]")
_AFTER_QUOTE_END = re.compile(
    r"(?:[\u201d\"]|'')[^\S\n]*[,\u2014]?[^\S\n]*$|,(?:[\u201d\"]|'')[^\S\n]*$"
)

_FINITE_AUX = r"is|are|was|were|will|would|can|could|should|has|have|had|must|might|may|did|does|do"
"""Auxiliaries that make a clause finite (a regex alternation)."""
_NEVER_NOUNS = frozenset(["said", "told", "wrote", "spoke", "thought", "knew", "felt", "heard"])
"""Past forms that are never the noun subject of a verb of saying after them: "said
states will …" is "said" and its content."""

_OWN_CLAUSE = re.compile(
    r"[^\S\n]*(?:(?:he|she|they|it|we|I|there|the|this|[A-Z][a-z]+)\b[^.!?]{0,60}?\b"
    rf"(?:{_FINITE_AUX}|"
    r"isn['\u2019]t|aren['\u2019]t|wasn['\u2019]t|weren['\u2019]t|won['\u2019]t|"
    r"can['\u2019]t|don['\u2019]t|doesn['\u2019]t|didn['\u2019]t|hasn['\u2019]t|"
    r"haven['\u2019]t|hadn['\u2019]t|couldn['\u2019]t|wouldn['\u2019]t|shouldn['\u2019]t)\b"
    r"|(?:he|she|they|we|I)(?:['\u2019](?:s|re|ll|d|ve|m)\b|[^\S\n]+[a-z]{2,}(?:ed|es)\b))"
)
"""A clause with its own subject and verb (what a cue without "that" must be followed by)."""


_ASKED_WHAT = re.compile(
    r"(?:[^\S\n]+(?:on|by|at|in|during|about|later|again|repeatedly|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|[A-Z][\w.\u2019'\-]*|[a-z]+ly)){0,6}[^\S\n]+"
    r"(?P<what>(?:whether|if|why|how|what|who|whom|when|where|which|about)\b[^,;\n]{3,300}),"
)
"""After a sentence-opening "Asked": who asked (an adjunct), the question, a comma."""
_ASKING = frozenset(("ask", "wonder", "question"))
_WHEN_BEFORE = re.compile(
    r"\b(?:[Ww]hen|[Ii]f|[Aa]fter|[Oo]nce|[Ww]hile)[^\S\n]+(?:(?:he|she|they)[^\S\n]+)?"
    r"(?:(?:was|were|is|are|being)[^\S\n]+)?$"
)
_ADJUNCT_ONLY = re.compile(
    r"(?:[A-Z][a-z]+ing|Behind|In|Within|After|During|At|On|Before|Since|Until|Over|Under|"
    r"Inside|Outside|Across|Along|Among|Amid|Following|Upon|Without)\b"
    rf"(?![^,;:\"\u201c\u201d]*\b(?:{_FINITE_AUX})\b)[^,;:\"\u201c\u201d]*"
)
"""What stands before a comma and a speaker when it is no clause: a participle's or a
preposition's phrase ("Walking to the next address, Ebeling reminisced"; "Behind the
scenes, trusted aides have talked"), not something said."""
ADJUNCT_WORDS = 8
"""At most this many words: a longer opening has a verb of its own ("Seeing his brother
suffering led him to …, he said")."""
_CONJUNCTION_IN = re.compile(
    r"\b(?:and|but|or|while|whereas|because|though|although|so|yet|after|before|since|if)\b",
)
"""Between a quotation and a speaker, a conjunction opens a new clause: ""leading from
behind" and Donald Trump says he's …" is a head, not the quotation's tail. (Not "as": "…,"
as Cruz said, is one; nor a capitalised one after a quotation that ends its sentence:
""Why does she bother me?" And she added" still says who asked.)"""
_WH_SOON = re.compile(r"[^\S\n]*,?[^\S\n]*(?:whether|if|why|how|what|who|whom|when|where|which)\b")
"""An indirect question after a verb of asking ("asked whether …", "wondered why …")."""


_OBJECT_FIRST = frozenset(["tell", "inform", "assure", "remind", "call on"])
"""Verbs whose first noun phrase after them is whom they address, never their subject."""
_OPEN_QUOTE_NO_COMMA = re.compile(r"[^\S\n]*(?:``|[\u201c\"]|''(?=\w))")
"""A quotation opening right after a name, with no comma between."""
_OBJECT_WORD = r"(?!(?:he|she|they|we|it|I|that|to|and|is|was|will|would|had|has)\b)[\w\-.&]+"
_TOLD_OBJECT = re.compile(
    r"[^\S\n]*(?:him|her|them|us|me|reporters|journalists|"
    rf"(?:the|a|an|his|her|their)(?:[^\S\n]+{_OBJECT_WORD}){{1,4}}|"
    r"[A-Z][\w\-.&]*(?:[^\S\n]+[A-Z][\w\-.&]*){0,4})\b"
)
"""Whom a tail "told" names before its adjuncts: "reporters", "a Senate panel", "POLITICO"."""


def _has_words(text: str, a: int, b: int, n: int) -> bool:
    """At least ``n`` words in ``text[a:b]`` (counted only as far as needed)."""
    return has_words(text, a, b, n)


_QUOTE_SOON = re.compile(r"[^\S\n]*(?:[^.;:!?\n\u201c\"]{0,40}?,)?[^\S\n]*(?:``|''|[\u201c\"])")
"""A quotation right after a participle, or after a short adjunct and a comma ("saying
during the debate last week, "…"")."""


_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|be|been|being)[^\S\n]+(?:[a-z]+[^\S\n]+)?$")
"""A form of "to be" right before the verb (an adverb between allowed): the verb is
passive and its subject is no speaker."""
