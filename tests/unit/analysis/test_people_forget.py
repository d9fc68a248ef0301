"""``People.forget`` drops only mentions that no later pronoun could resolve to."""

from closeread.analysis.attribution.entities import RESOLVE_WINDOW, People

NAMES = ["Mr. Ivan Petrov", "Mrs. Anna Pavlova", "Mr. Boris Drubetskoy", "Mrs. Vera Rostova"]


def _people(n: int) -> People:
    people = People()
    for i in range(n):
        people.mention(NAMES[i % len(NAMES)], i * 40, i // 3, subject=i % 3 == 0)
    return people


def test_forget_keeps_what_a_later_pronoun_can_reach() -> None:
    n = 5000
    kept, full = _people(n), _people(n)
    block_start = n * 40 - 100
    kept.forget(block_start)
    assert len(kept.mentions) < len(full.mentions)  # a long list was cut...
    assert kept.mentions[0].pos >= block_start - RESOLVE_WINDOW  # ...only beyond the window
    for pos in range(block_start, n * 40 + 200, 7):
        for pronoun in ("he", "she"):
            a = kept.resolve(pronoun, pos, pos // 120)
            b = full.resolve(pronoun, pos, pos // 120)
            assert (a and a.name) == (b and b.name)


def test_a_short_list_is_left_alone() -> None:
    people = _people(100)
    people.forget(10**9)
    assert len(people.mentions) == 100
