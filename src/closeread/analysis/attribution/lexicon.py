"""Word lists the attribution rules decide with (written here, general English).

The verbs are listed by lemma with their inflections generated, so one list serves
"says", "said", "saying" and "has said". Which lemmas count as cues of *reported speech*
and which of a reported *attitude* ("believes", "wants", "polls show") is kept apart:
the first introduce citations wherever the structure fits, the second only with a clear
subject and a "that"-clause or a named source.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files

# Irregular forms: lemma -> (3rd person, past, past participle, gerund)
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "feel": ("feels", "felt", "feeling"),
    "know": ("knows", "knew", "known", "knowing"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "see": ("sees", "saw", "seen", "seeing"),
    "hold": ("holds", "held", "holding"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "speak of": ("speaks of", "spoke of", "speaking of"),
    "read": ("reads", "read", "reading"),
    "go on": ("goes on", "went on", "going on"),
    "put": ("puts", "put", "putting"),
    "deny": ("denies", "denied", "denying"),
    "reply": ("replies", "replied", "replying"),
    "testify": ("testifies", "testified", "testifying"),
    "cry": ("cries", "cried", "crying"),
    "worry": ("worries", "worried", "worrying"),
    "say so": ("says so", "said so"),
    "bet": ("bets", "bet", "betting"),
    "forecast": ("forecasts", "forecast", "forecasting"),
    "broadcast": ("broadcasts", "broadcast", "broadcasting"),
    "quip": ("quips", "quipped", "quipping"),
    "admit": ("admits", "admitted", "admitting"),
    "vow": ("vows", "vowed", "vowing"),
    "plan": ("plans", "planned", "planning"),
    "regret": ("regrets", "regretted", "regretting"),
    "commit": ("commits", "committed", "committing"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "snap": ("snaps", "snapped", "snapping"),
}

SPEECH_LEMMAS = """
    say tell add note explain argue claim insist warn write report state announce
    declare acknowledge admit deny suggest predict promise pledge vow recall respond
    reply answer urge describe tweet post testify confirm assert contend maintain allege
    complain concede emphasize emphasise stress observe remark mention joke quip boast
    brag charge accuse criticize criticise blast slam praise recount reveal disclose
    proclaim exclaim shout yell scream whisper mutter counter retort rebut dispute
    reject dismiss conclude propose recommend advise caution reiterate repeat elaborate
    speculate estimate lament concur acknowledge agree disagree question wonder ask
    demand threaten assure remind inform write post announce signal hint indicate
    forecast predict protest object complain comment continue cite reference explain
    blame endorse echo assail denounce lambaste decry applaud hail tout commend mock
    ridicule defend rebuke sing chant
    fume laugh marvel gush scoff sigh grouse grumble gripe snap deadpan opine posit muse
    remember reminisce
    theorize theorise
    summarize summarise characterize characterise label brand dub call
""".split()

ATTITUDE_LEMMAS = """
    believe think feel know hope fear worry expect want plan intend doubt suspect assume
    consider find show suggest indicate conclude determine decide understand realize
    realise recognize recognise acknowledge insist guess imagine bet envision see
    predict
""".split()

MULTIWORD = {
    "point out": ("points out", "pointed out", "pointing out"),
    "go on": ("goes on", "went on", "going on"),
    "call for": ("calls for", "called for", "calling for"),
    "call on": ("calls on", "called on", "calling on"),
    "put it": ("puts it", "put it", "putting it"),
    "make the case": ("makes the case", "made the case", "making the case"),
    "speak of": ("speaks of", "spoke of", "speaking of"),
    "speak about": ("speaks about", "spoke about", "speaking about"),
    "talk about": ("talks about", "talked about", "talking about"),
    "write about": ("writes about", "wrote about", "writing about"),
}


def _forms(lemma: str) -> set[str]:
    if lemma in _IRREGULAR:
        return {lemma, *_IRREGULAR[lemma]}
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("sh", "ch", "s", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def _all(lemmas: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma in lemmas:
        for form in _forms(lemma):
            out.setdefault(form, lemma)
    return out


def _learned() -> dict[str, dict[str, object]]:
    """Cue forms learned from PolNeAR's train split (``benchmarks/train_cues.py``)."""
    try:
        raw = files("closeread.analysis.attribution").joinpath("cues.json").read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


LEARNED_SPEECH_SHARE = 0.2
LEARNED_OTHER_SHARE = 0.35


def _learned_forms(cls: str, share: float) -> dict[str, str]:
    out: dict[str, str] = {}
    for form, info in _learned().items():
        if not isinstance(info, dict) or info.get("class") != cls:
            continue
        value = info.get("share", 0)
        got = float(value) if isinstance(value, (int, float, str)) else 0.0
        if got < share or form.endswith("ly") or " " in form:
            continue
        if not form.endswith(("ed", "s", "ing", "ote", "old", "aid", "ought", "ew", "ead")):
            continue  # verb forms only (nouns such as "criticism" are not cues)
        out[form] = form
    return out


SPEECH_FORMS: dict[str, str] = {
    **_learned_forms("speech", LEARNED_SPEECH_SHARE),
    **_all(SPEECH_LEMMAS),
}
"""Every inflected form of a speech verb -> its lemma (lemmas written here, plus forms
learned from the train split, which are their own lemma)."""
ATTITUDE_FORMS: dict[str, str] = {
    k: v
    for k, v in {**_learned_forms("other", LEARNED_OTHER_SHARE), **_all(ATTITUDE_LEMMAS)}.items()
    if k not in SPEECH_FORMS
}
"""Forms of verbs of belief, wish and finding (not of saying) -> lemma."""
ATTITUDE_FORMS.update(
    {
        adj: f"be {adj}"
        for adj in (
            "afraid concerned confident convinced hopeful certain optimistic skeptical "
            "sceptical sure fearful adamant"
        ).split()
    }
)
"""Adjectives of attitude ("are afraid that …"): the copula is skipped like an auxiliary."""
MULTIWORD_FORMS: dict[str, str] = {
    f: lemma for lemma, fs in MULTIWORD.items() for f in (lemma, *fs)
}

# Verbs that need an object or a "that" clause to report anything ("he added that ...",
# not "he added fuel"); and those that take a person object before the content.
NEEDS_THAT = frozenset(
    """
        add note show find see know feel hold read post charge call signal hint label
        brand dub describe question answer ask demand object comment praise blast slam
        criticize criticise accuse counter reject dismiss dispute protest concur agree
        disagree want plan intend decide determine understand recognize recognise guess
        imagine consider regret bet envision recall repeat
    """.split()
)
BARE_OK = frozenset(
    """
        say tell call describe cite question criticize criticise praise blast slam
        condemn accuse deny announce reject dismiss claim write post tweet report ask
        urge warn promise pledge vow demand recall mention reference predict estimate
        note acknowledge admit reveal confirm recount quip joke explain testify
    """.split()
) | {
    "call for",
    "call on",
    "point out",
    "speak of",
    "speak about",
    "talk about",
    "write about",
    "blame",
    "endorse",
    "echo",
    "assail",
    "denounce",
    "lambaste",
    "decry",
    "applaud",
    "hail",
    "tout",
    "commend",
    "mock",
    "ridicule",
    "defend",
    "rebuke",
}
"""Verbs whose content may be a plain object ("cited derogatory comments"), not a clause."""
TAKES_PERSON = frozenset(
    """
    tell inform assure remind warn urge ask advise promise
""".split()
) | {"call on"}

# Speech nouns: "in a statement", "in an interview", "his spokesman's statement".
SPEECH_NOUNS = frozenset(
    """
        statement interview speech remarks remark tweet post letter op-ed editorial
        column report memo email press release briefing conference announcement
        testimony comments comment address
    """.split()
)

PRONOUNS_MALE = frozenset({"he", "him", "his"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})

TITLES_MALE = frozenset({"mr", "sir", "lord", "king", "prince", "father", "brother"})
TITLES_FEMALE = frozenset(
    {"mrs", "ms", "miss", "madam", "lady", "queen", "princess", "sister", "dame"}
)
TITLES = frozenset(
    """
        mr mrs ms miss dr sen senator rep representative gov governor president vice
        secretary sec gen general rev reverend prof professor sir lady lord judge
        justice mayor speaker chairman chairwoman attorney candidate nominee former pres
        pope lt col capt sgt adm cmdr maj minister prime chancellor ambassador
        commissioner sheriff chief director dame king queen prince princess father
        sister brother congressman congresswoman councilman councilwoman assemblyman st
    """.split()
)

# Common English given names by usual gender (for "he"/"she" agreement; a small list we
# wrote, not a data set): enough for the usual news names; unknown names fit either.
MALE_NAMES = frozenset(
    """
        aaron adam alan albert alex alexander andrew anthony antonio arthur barack ben
        benjamin bernie bill billy bob bobby brad bradley brandon brian bruce carl
        carlos charles chris christopher chuck colin craig dan daniel darrell dave david
        dennis derek dick don donald doug douglas drew ed eddie edward elijah eric
        ernest evan frank fred gary george gerald glenn gordon greg gregory harold harry
        henry howard ian isaac jack jacob jake james jared jason jeb jeff jeffrey jeremy
        jerry jesse jim jimmy joe joel john johnny jon jonathan jordan jose joseph josh
        joshua juan justin keith ken kenneth kevin kyle larry lawrence lee leon louis
        luis marco mark martin matt matthew michael mike mitch mitt nathan neil newt
        nicholas nick noah oliver patrick paul peter phil philip ralph randy ray raymond
        reince richard rick rob robert roger ron ronald roy rudy rudolph rush russell
        ryan sam samuel scott sean sergei seth stephen steve steven ted terry thomas tim
        timothy todd tom tommy tony travis tyler vice victor vincent vladimir walter
        wayne william willie xi zach bernard boris emmanuel francois hassan hugo ivan
        jacques jean-claude kim ali ahmed mohammed muhammad omar recep rodrigo shinzo
        viktor benjamin marine
    """.split()
) - {"marine", "kim", "vice", "jean-claude"}
FEMALE_NAMES = frozenset(
    """
        abigail alice alicia amanda amy andrea angela ann anna anne barbara betty
        beverly brenda carly carol caroline catherine cheryl christina christine claire
        cynthia dana debbie deborah debra denise diana diane donna dorothy elizabeth
        ellen emily emma eva evelyn frances gennifer gina gloria grace hannah heather
        helen hillary huma ivanka jacqueline jan jane janet janice jean jennifer jessica
        jill joan joanne joyce judith judy julia julie karen kate katherine kathleen
        kathy katie kay kellyanne kelly kim kimberly laura lauren linda lisa loretta
        lori louise lynn madeleine margaret maria marie marilyn martha mary megan
        melania melissa michele michelle monica nancy nicole nikki olivia pamela
        patricia paula rachel rebecca rose ruth sally samantha sandra sara sarah sharon
        shirley sophia stephanie susan suzanne tammy teresa theresa tiffany tina valerie
        victoria virginia wendy angela theresa nicola marine aung hillary condoleezza
        sheryl
    """.split()
)

ORG_WORDS = frozenset(
    """
        committee party department ministry agency office council commission court
        university college institute center centre foundation association union
        administration government campaign company corporation inc corp group bank fund
        news times post journal tribune herald press reuters network cnn msnbc nbc abc
        cbs fox bbc afp ap bureau service services organization organisation board
        authority house senate congress parliament assembly police fbi cia nsa faa imf
        nato un eu agency coalition alliance league federation club team republicans
        democrats gop pac magazine daily review channel radio television tv poll survey
        study report
    """.split()
)

# Common nouns that head a speaker phrase ("a campaign spokesman", "the report").
SPEAKER_NOUNS = frozenset(
    """
        spokesman spokeswoman spokesperson official officials aide aides adviser
        advisers advisor advisors source sources expert experts analyst analysts
        economist economists lawyer lawyers attorney attorneys critic critics supporter
        supporters voter voters witness witnesses police officer officers investigator
        investigators prosecutor prosecutors researcher researchers scientist scientists
        historian historians observer observers leader leaders member members resident
        residents report reports study studies survey surveys poll polls data statement
        letter document documents memo filing lawsuit complaint ruling court judge
        campaign administration government agency department committee ministry
        newspaper paper daily outlet network website group groups organizers organiser
        organizers activists activist advocates democrats republicans people person man
        woman men women candidate nominee president governor senator congressman mayor
        minister secretary director chief executive chairman manager owner founder
        professor teacher student students doctor doctors family relatives friend
        friends neighbor neighbors colleague colleagues staff staffer staffers
        spokespeople representative representatives employee employees worker workers
        protesters demonstrators officials parents mother father son daughter wife
        husband campaigns estimates figures records analysis review commentators pundits
        authorities authority
        narrator announcer host anchor moderator reporter reporters correspondent
        star actor actress singer comedian author writer columnist editor pastor
        strategist strategists consultant consultants pollster pollsters lawmaker
        lawmakers legislator legislators congresswoman senators governors candidates
        insiders delegates executives chairwoman authors writers editors columnists
        hosts anchors actors singers comedians directors chairmen spokesmen spokeswomen
        diplomat diplomats ambassador ambassadors
        businessman businessmen businesswoman billionaire mogul tycoon entrepreneur
        entrepreneurs frontrunner front-runner contender contenders hopeful hopefuls
        challenger incumbent politician politicians
""".split()
)

DETERMINERS = frozenset(
    """
        the a an his her their its our this that these those some many several most
    """.split()
)

STOP_CAPS = frozenset(
    """
        The A An In On At For But And Or So If When While After Before As Since Although
        Though Because Yet Still Also Then There This That These Those It He She They We
        I You His Her Their Its Our My Your What Who Why How Where Which Monday Tuesday
        Wednesday Thursday Friday Saturday Sunday January February March April May June
        July August September October November December However Meanwhile Asked
        According Earlier Later Last Next Now Today Yesterday Tomorrow Instead Even Just
        Only All Both Each Every Many Much More Most Some Such No Not Yes One Two Three
        Here Despite During Under Over With Without From Into Through Among Between Like
        Unlike Like Let Having Being Given Do Does Did Is Are Was Were Has Have Had Will
        Would Could Should Can May Might Must Moreover Furthermore Additionally
        Nevertheless Nonetheless Therefore Thus Indeed Besides Otherwise Perhaps Maybe
        Whether Whatever Whoever Regardless Again Finally First Second Third Overall
        Conversely Similarly Likewise Ultimately Eventually Hence Consequently Accordingly
        Notably Importantly Specifically Separately Altogether To By Rather Upon Within
        Beyond Toward Towards Against Around Behind Near Per Via Everyone Everybody Nobody
        Someone Somebody Anyone Anybody Nothing Everything Something Another Unless Probably
        Certainly Possibly Hopefully Clearly Obviously Apparently Actually
        Sometimes Often Always Never Soon Once Twice Already Almost Until Till Whenever
        Wherever Everywhere Somewhere Anywhere Nowhere Above Below Across Amid Amidst
        Beneath Beside Outside Inside Throughout Whilst Except Afterwards Afterward
        Meantime Neither Nor Either Of Several Other Mondays Tuesdays Wednesdays Thursdays
        Fridays Saturdays Sundays
    """.split()
)

WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w\u2019'\-.]*")

NOT_LABELS = frozenset(
    """
        Note Notes Update Updated Updates Correction Corrections Clarification Editor Editors
        Related Read Watch Listen Photo Photos Video Videos Image Images Source Sources
        Credit Credits Caption Tags Topics Share Posted Filed By Contact Email Phone Subject
        Re Warning Disclaimer Summary Background Context Analysis Opinion Commentary
        Editorial Transcript Excerpt Example Examples Step Chapter Part Section Figure Table
        Breaking Exclusive Live Developing Advertisement Sponsored Keywords Abstract
        Introduction Conclusion Conclusions Methods Results Discussion References Appendix
        Definition Tip Tips Important Caution Answer Question Pros Cons See Also
        Location Date Time Address Price Cost Status Author Authors Title Publisher
        Book Volume Epilogue Prologue Preface Foreword Act Scene Canto Letter Appendix
    """.split()
)
"""Run-in headings that look like a speaker's label ("Update:", "Photo:") but name no one."""

# What may follow the head noun of a speaker's noun phrase: a phrase ("official familiar
# with the talks", "staff for the committee") or a relative clause ("groups that endorsed
# him"): phrases.py's post-modified noun phrases.
POSTMOD_OPENERS = frozenset(
    """
    for of at from in on inside within outside near across throughout familiar close
    involved working representing based who that
""".split()
)
# Words that open a noun phrase before its modifiers ("the", "their", "some").
NP_OPENERS = frozenset(
    """
    the a an his her their its our this that these those some many
""".split()
)
# Words that cannot open, or close, a speaker's noun phrase.
NOT_NP_START = frozenset(
    """
    and or but in on at of to for from with by as if when while after before since
    because though although than that which who what where whether within without behind
    during across among amid despite toward towards upon into through throughout
""".split()
)
NOT_NP_END = frozenset(
    """
    the a an his her their its our this that these those some many other another each
    and or but yet so then of to for in on at by with from as than
""".split()
)
# Finite verbs of saying: a cue word right before one is its subject's noun ("the report says").
FINITE_SPEECH = frozenset(
    """
    says said say told tells reports reported claims claimed argues argued notes noted
    states stated shows showed finds found suggests suggested concludes concluded adds added
    warns warned writes wrote
""".split()
)

# Headlines in title case (headlines.py).
HEADLINE_LEMMAS = frozenset(
    "say claim warn insist admit argue predict vow promise suggest reveal confirm".split()
)
"""Lemmas of the verbs read in a headline: each reports a clause."""
HEADLINE_MINOR = frozenset(
    "a an the of to in on at by for and or but as with from into over vs via is are be".split()
)
"""Words a title-cased headline may leave in lower case."""
HEADLINE_ADVERBS = frozenset(
    """Just Now Also Still Finally Again Even Already Officially Reportedly Actually
    Quietly Secretly Publicly Privately Repeatedly Once Then""".split()
)
"""Adverbs between a headline's speaker and verb ("Donald Trump Just Revealed …")."""
HEADLINE_AUXILIARIES = frozenset(
    """May Might Must Not Never Have Has Had Will Would Could Should Can Cannot Did Does
    Do Is Was Were Are Be Been""".split()
)
"""A speaker holding one of these is part of a verb phrase ("Trump May Not Have
Suggested …"): hedged or negated, not a claim reported."""


# Words that cannot modify a noun after a name ("FEC filings", "Gay rights groups"): a
# function word, an auxiliary, a verb of saying or a quantifier ends the look.
NOT_MODIFIERS = frozenset(
    """
    and or but nor of to in on at for with by from as than into about after before
    is was are were be been has have had will would could should may might can must
    did does do not the a an who whom whose which that this these those said says say
    told tells also still just then now all some many most both each every no any few
    several other others such
""".split()
)
