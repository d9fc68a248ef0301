"""``is_claim_text`` decides as its first, all-regular-expression version did (the fast
checks of a sentence's ending must not change which sentences are claims)."""

import re

from hypothesis import given
from hypothesis import strategies as st

from closeread.analysis.claims import _URLISH, _WORD, is_claim_text
from closeread.analysis.names import strip_markup

_TERMINAL = re.compile(r"[.!:;][\"\u201d\u2019)\]*_]*$")
_MARKERS = re.compile(r"(?:\s*(?:\[\^?\w{1,20}\]_?|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+))+$")


def reference(sentence: str, is_lead_in: bool) -> bool:
    s = sentence.strip()
    if not s or s.endswith("?") or s.startswith(("[#]", "<!--", "|")):
        return False
    if s.endswith(":") and not is_lead_in:
        return False
    if not _TERMINAL.search(_MARKERS.sub("", s)):
        return False
    if not any(ch in s for ch in "[_*`/"):
        return len(s.split()) >= 4
    return len(_WORD.findall(strip_markup(_URLISH.sub(" ", s)))) >= 4


ENDINGS = st.text(alphabet='ab .!:;?"\u201d\u2019)]*_[^1\u00b2\u2075/\n\t', max_size=16)


@given(st.sampled_from(["", "One two three", "Word", "See [x](y) and"]), ENDINGS, st.booleans())
def test_same_decision_as_the_regular_expressions(start: str, tail: str, lead_in: bool) -> None:
    sentence = start + tail
    assert is_claim_text(sentence, lead_in) is reference(sentence, lead_in)


def test_examples() -> None:
    assert is_claim_text("The bridge opened in 1932 after years of debate.", False)
    assert is_claim_text("The bridge opened in 1932, the council says.[^4]", False)
    assert is_claim_text("The bridge opened in 1932 after years of debate.\u00b2", False)
    assert not is_claim_text("The bridge and its long history", False)
    assert not is_claim_text("The bridge and its long history [3]", False)
