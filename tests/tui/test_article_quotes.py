"""Block-quote bars and captions kept per citation (``article_quotes``): after any run of
updates the layout is decorated exactly as decorating every block quote afresh would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.analysis.model import Citation
from closeread.document import Block
from closeread.tui.widgets.article_layout import ArticleLayout
from closeread.tui.widgets.article_quotes import QuoteDecorations

PARAGRAPH = "Some words of a paragraph here."
KINDS = ["paragraph", "paragraph", "quote", "list_item"]
TEXT = "\n\n".join([PARAGRAPH] * 12)
BLOCKS = [
    Block(KINDS[i % len(KINDS)], i * (len(PARAGRAPH) + 2), i * (len(PARAGRAPH) + 2) + 31, 1)
    for i in range(12)
]

citation = st.builds(
    lambda start, length, kind, name, title: Citation(
        "c", kind, start, min(start + length, len(TEXT)), "", "s1", name, title
    ),
    st.integers(0, len(TEXT) - 1),
    st.integers(1, 120),
    st.sampled_from(["block_quote", "block_quote", "inline_quote"]),
    st.sampled_from(["", "The Guardian", "Reuters"]),
    st.sampled_from(["", "A Title"]),
)
# An update: new citations appended, and earlier ones replaced (kind, span or source).
update = st.tuples(
    st.lists(citation, max_size=4),
    st.lists(st.tuples(st.integers(0, 30), citation), max_size=3),
)


def _fresh(citations: list[Citation]) -> tuple[set[int], dict[int, str]]:
    layout = ArticleLayout(TEXT, BLOCKS, 40)
    return layout.decorations([c for c in citations if c.kind == "block_quote"])


@settings(max_examples=80, deadline=None)
@given(st.lists(update, min_size=1, max_size=6), st.integers(0, 5))
def test_updates_decorate_as_a_fresh_pass_does(
    updates: list[tuple[list[Citation], list[tuple[int, Citation]]]], reset_at: int
) -> None:
    layout = ArticleLayout(TEXT, BLOCKS, 40)
    decorations = QuoteDecorations(layout)
    citations: list[Citation] = []
    for step, (new, replaced) in enumerate(updates):
        numbers = set(range(len(citations), len(citations) + len(new)))
        citations.extend(new)
        for i, c in replaced:
            if i < len(citations):
                citations[i] = c
                numbers.add(i)
        quotes = {i for i, c in enumerate(citations) if c.kind == "block_quote"}
        before = (set(layout.indented), dict(layout.captions))
        if step == reset_at:
            changed = decorations.reset(citations, quotes)
        else:
            changed = decorations.update(citations, sorted(numbers), quotes)
        assert (layout.indented, layout.captions) == _fresh(citations)
        # ``changed`` names exactly the blocks whose bar or caption changed
        moved = (before[0] ^ layout.indented) | {
            b
            for b in before[1].keys() | layout.captions.keys()
            if before[1].get(b) != layout.captions.get(b)
        }
        assert changed == moved


def test_a_renamed_source_changes_the_caption_and_nothing_else() -> None:
    layout = ArticleLayout(TEXT, BLOCKS, 40)
    decorations = QuoteDecorations(layout)
    quote = Citation("c1", "block_quote", BLOCKS[4].start, BLOCKS[5].end, "", "s1", "Reuters")
    assert decorations.reset([quote], {0}) == {4, 5}
    assert layout.captions == {5: "— Reuters"} and {4, 5} <= layout.indented
    quote.source_name = "The Guardian"
    assert decorations.update([quote], [0], {0}) == {5}
    assert layout.captions == {5: "— The Guardian"}
    assert decorations.update([quote], [0], set()) == {4, 5}  # no longer a block quote
    assert layout.captions == {} and 4 not in layout.indented and 5 not in layout.indented
