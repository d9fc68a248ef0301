"""A claim's text is shown as prose: links as their anchor text, offsets left exact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from closeread.analysis import Analysis
from closeread.analysis.model import Claim
from closeread.document import load_text
from closeread.document.links import prose
from closeread.export import export_notes


def test_links_become_their_anchor_text() -> None:
    assert prose("As [Reuters](https://news.example/a) reported.") == "As Reuters reported."
    assert prose("See [the report][2] and [more][].") == "See the report and more."
    assert prose("Two [a](https://x.example) [b](https://y.example/(c)) links") == "Two a b links"
    assert prose("Plain [brackets] and (parentheses) stay.") == (
        "Plain [brackets] and (parentheses) stay."
    )


def test_a_span_cut_inside_a_link_shows_no_link_syntax() -> None:
    assert prose("the council, said [Reuters](https://news.exa") == "the council, said Reuters"
    assert prose("uters](https://news.example/a) reported it.") == "uters reported it."


@given(st.text(alphabet=st.characters(blacklist_characters="[]"), max_size=200))
def test_text_without_brackets_is_unchanged(text: str) -> None:
    assert prose(text) == text


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abc ,.", min_size=1, max_size=20),
            st.text(alphabet="xyz", min_size=1, max_size=10),
        ),
        max_size=5,
    )
)
def test_every_url_goes_and_every_anchor_stays(links: list[tuple[str, str]]) -> None:
    text = " and ".join(f"[{a}](https://{u}.example/p)" for a, u in links)
    shown = prose(text)
    assert "https://" not in shown and "](" not in shown
    assert shown == " and ".join(a for a, _ in links)


_TEXT = (
    "The pier will close in March, officials told [Reuters](https://news.example/pier) on "
    "Tuesday, and the council agrees.\n"
)


def _claimed() -> tuple[object, Analysis, Claim]:
    doc = load_text(_TEXT, fmt="markdown")
    start, end = 0, doc.text.index("agrees.") + len("agrees.")
    claim = Claim("k1", start, end, doc.text[start:end])
    return doc, Analysis(claims=[claim], complete=True), claim


def test_reports_show_the_claim_as_prose_and_the_analysis_keeps_the_exact_text() -> None:
    doc, analysis, claim = _claimed()
    for fmt in ("markdown", "html"):
        report = export_notes(fmt, doc, analysis, [])  # type: ignore[arg-type]
        assert "officials told Reuters on Tuesday" in report, fmt
        assert "news.example" not in report, fmt
    assert claim.text == doc.text[claim.start : claim.end]  # type: ignore[attr-defined]
    assert "[Reuters](https://news.example/pier)" in claim.text


def test_the_claims_panel_row_shows_the_anchor_text() -> None:
    from closeread.tui.widgets.claims_panel import claim_row

    _, _, claim = _claimed()
    first, _, _ = claim_row(claim, {}, width=200)
    assert "officials told Reuters" in first.plain
    assert "](" not in first.plain and "news.example" not in first.plain


def test_note_quotes_show_as_prose_in_the_notes_panel_and_the_reports() -> None:
    from closeread.notes.model import Note, Target
    from closeread.tui.widgets.notes_panel import describe_note, note_lines

    doc, analysis, claim = _claimed()
    target = Target.from_span(doc.text, claim.start, claim.end)  # type: ignore[attr-defined]
    note = Note("n1", "comment", target, body="Check the wire copy.")
    assert "[Reuters](" in note.target.quote  # the exact text is kept
    shown = [describe_note(note), note_lines(note, note.target.quote)[0].plain]
    for fmt in ("markdown", "html"):
        report = export_notes(fmt, doc, analysis, [note])  # type: ignore[arg-type]
        shown.append(report.split("Check the wire copy.")[0])  # the note's quote and heading
    for text in shown:
        assert "news.example" not in text and "](" not in text, text
    assert "officials told Reuters" in shown[1]
