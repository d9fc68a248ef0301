"""The reader's state and decisions without a terminal (``closeread.reading``), tested like
``JumpHistory``: every key's decision is a call, every message a returned string."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeread.analysis import Analysis, Citation, Claim, Source
from closeread.document import Document, load_text, segment
from closeread.notes import NotesStore
from closeread.notes.model import Note, Target
from closeread.reading import ReadingSession, edits
from closeread.reading.snapshot import snapshot

TEXT = (
    "First claim here. The Planet said “blue is green” once. Second claim too.\n\n"
    "Plain sentence. Third claim stands alone. Another plain one.\n"
)


def span(doc: Document, part: str) -> tuple[int, int]:
    start = doc.text.index(part)
    return start, start + len(part)


def analysis_of(doc: Document, *, complete: bool = True) -> Analysis:
    """One citation backing two claims; a third claim without any."""
    c1 = Citation(
        "c1",
        "inline_quote",
        *span(doc, "blue is green"),
        "blue is green",
        source="s1",
        source_name="The Planet",
    )
    claims = [
        Claim("k1", *span(doc, "First claim here."), "First claim here.", ["c1"], True),
        Claim("k2", *span(doc, "Second claim too."), "Second claim too.", ["c1"], True),
        Claim("k3", *span(doc, "Third claim stands alone."), "Third claim stands alone."),
    ]
    sources = [Source("s1", "The Planet", [], ["c1"], "publication")]
    return Analysis(segment(doc), [c1], sources, claims, 1.0 if complete else 0.5, complete)


@pytest.fixture
def doc(tmp_path: Path) -> Document:
    return load_text(TEXT, tmp_path / "planet.txt")


@pytest.fixture
def session(doc: Document, tmp_path: Path) -> ReadingSession:
    s = ReadingSession(doc, NotesStore.open(doc, tmp_path / "notes"))
    s.start()
    s.set_analysis(analysis_of(doc))
    return s


def at(s: ReadingSession) -> str:
    return s.doc.text[s.cursor[0] : s.cursor[1]]


def test_the_cursor_covers_a_block_until_its_sentences_are_known(doc: Document) -> None:
    s = ReadingSession(doc, None)
    s.start()
    assert s.cursor == (doc.blocks[0].start, doc.blocks[0].end) and s.provisional
    s.cursor_step(1)
    assert s.cursor == (doc.blocks[1].start, doc.blocks[1].end)
    s.set_analysis(analysis_of(doc))
    assert at(s) == "Plain sentence." and not s.provisional


def test_the_status_counts_paragraphs_until_the_analysis_reaches_the_cursor(
    doc: Document,
) -> None:
    s = ReadingSession(doc, None, loading=True)
    s.start()
    assert s.position() == "paragraph 1/2+"  # a big document's head: more to come
    s.cursor_step(1)
    s.set_document(doc)
    assert s.position() == "paragraph 2/2"
    s.set_analysis(analysis_of(doc))
    assert s.position() == "sentence 4/6"


def test_sentence_steps_clamp_at_both_ends(session: ReadingSession) -> None:
    assert at(session) == "First claim here."
    session.cursor_step(-1)
    assert at(session) == "First claim here."
    for _ in range(20):
        session.cursor_step(1)
    assert at(session) == "Another plain one."
    assert session.position() == f"sentence {len(session.analysis.sentences)}/6"


def test_jumps_to_claims_citations_and_unsupported_claims(session: ReadingSession) -> None:
    assert session.jump(1, "claim") is None and at(session) == "Second claim too."
    assert session.jump(-1, "citation") is None and at(session) == "blue is green"
    assert session.jump(1, "unsupported") is None and at(session) == "Third claim stands alone."
    assert session.jump(1, "claim") == "no claims after this point"
    assert session.position().startswith("claim 3/3 · unsupported: ")


def test_an_incomplete_analysis_says_it_is_still_running(doc: Document) -> None:
    s = ReadingSession(doc, None)
    s.set_analysis(analysis_of(doc, complete=False))
    s.edge(1)
    assert s.jump(1, "citation") == "no citations after this point yet (analysis is running)"


def test_history_goes_back_to_where_jumps_left_and_forward_again(
    session: ReadingSession,
) -> None:
    assert session.go_history(-1) == "no further jump history"
    session.jump(1, "unsupported")
    session.jump(-1, "citation")
    assert session.go_history(-1) is None and at(session) == "Third claim stands alone."
    assert session.go_history(-1) is None and at(session) == "First claim here."
    assert session.go_history(1) is None and at(session) == "Third claim stands alone."
    assert session.go_history(1) is None and at(session) == "blue is green"
    assert session.go_history(1) == "nothing to go forward to"


def test_follow_cycles_a_citations_claims_and_says_where_it_is(session: ReadingSession) -> None:
    session.jump(1, "citation")
    assert session.follow() == "1/2: enter again for the next"
    assert at(session) == "First claim here."
    assert session.follow() == "2/2: enter again for the next"
    assert at(session) == "Second claim too."
    session.cursor_step(1)  # moving away ends the cycle: enter starts from here
    assert session.follow() == "nothing to follow here: move to a claim (]) or a citation (})"


def test_follow_on_the_only_target_goes_back_where_it_came_from(
    session: ReadingSession,
) -> None:
    assert session.follow() is None and at(session) == "blue is green"  # k1 -> c1
    session.follow_state = None
    session.move_to(span(session.doc, "First claim here."))
    session.follow()
    assert session.follow() == "back to k1 (its only link)"
    assert at(session) == "First claim here."
    session.jump(1, "unsupported")
    assert session.follow() == "claim k3 has no citation"


def test_search_steps_wrap_and_the_status_counts(session: ReadingSession) -> None:
    session.search("CLAIM")
    assert session.search_status() == "3 matches for “CLAIM”"
    assert session.search_step(1) is None and at(session) == "claim"
    assert session.search_status() == "match 1/3 for “CLAIM”"
    assert session.target_span() == span(session.doc, "First claim here.")  # the sentence
    session.search_step(1)
    session.search_step(1)
    assert session.search_step(1) == "search wrapped to the top"
    session.clear()
    assert session.search_step(1) == "no search matches: press / to search"


def test_selections_by_unit_by_word_and_of_a_match(session: ReadingSession) -> None:
    assert session.toggle_selection()
    session.cursor_step(1)
    assert session.target_span() == (0, session.cursor[1])  # both sentences
    assert not session.toggle_selection() and session.selection() is None
    assert session.select_match() == "no search match here: / searches, n/N go to the matches"
    assert session.select_word(1) is not None  # starts on the word at the cursor
    assert session.doc.text[slice(*session.target_span())] == "The"
    session.select_word(1)
    session.select_word(1)
    assert session.doc.text[slice(*session.target_span())] == "The Planet said"
    session.select_word(-1)
    assert session.doc.text[slice(*session.target_span())] == "The Planet"


def test_the_note_under_the_cursor_is_the_chosen_else_the_innermost(
    session: ReadingSession,
) -> None:
    store, text = session.store, session.doc.text
    assert store is not None
    outer = store.add(Note(store.new_id(), "comment", Target.from_span(text, *session.cursor)))
    word = span(session.doc, "First")
    inner = store.add(Note(store.new_id(), "comment", Target.from_span(text, *word)))
    assert session.note_under_cursor() == inner
    assert session.go_to_note(outer.id) is None
    assert session.note_under_cursor() == outer
    assert session.note_under_cursor(row=inner.id) == inner  # the focused panel's row
    assert len(session.notes_here()) == 2


def test_edits_toggle_a_highlight_and_say_so(session: ReadingSession) -> None:
    store, text = session.store, session.doc.text
    assert store is not None
    assert edits.toggle_highlight(store, text, session.cursor) == "highlighted"
    assert [n.kind for n in store.notes] == ["highlight"]
    assert edits.toggle_highlight(store, text, session.cursor) == "highlight removed: z undoes"
    assert store.notes == [] and session.save_state() == "saved"


def test_notes_are_empty_until_the_store_is_open(doc: Document) -> None:
    s = ReadingSession(doc, None, loading=True)
    assert s.loading_notes and s.notes == [] and s.notes_here() == []
    assert s.note_under_cursor() is None
    s.set_document(doc)
    assert not s.loading


def test_a_failed_analysis_keeps_what_it_found_and_waits_no_more(
    session: ReadingSession,
) -> None:
    before = session.analysis
    session.set_analysis(Analysis(before.sentences, before.citations, [], before.claims, 0.4))
    session.analysis_failed()
    assert session.analysis.complete and session.analysis.progress == 0.4
    assert len(session.analysis.claims) == 3


def test_a_snapshot_does_not_change_when_the_analysis_grows(doc: Document) -> None:
    growing = analysis_of(doc, complete=False)
    copy = snapshot(growing)
    assert list(copy.sentences) == list(growing.sentences)
    assert (copy.citations, copy.claims, copy.sources) == (
        growing.citations,
        growing.claims,
        growing.sources,
    )
    growing.citations[0].source_name = "Someone else"
    growing.claims[2].citations.append("c1")
    growing.sources[0].citations.append("c9")
    growing.sentences.append(len(doc.text), len(doc.text))
    growing.claims.append(Claim("k4", 0, 1, "F"))
    assert copy.citations[0].source_name == "The Planet"
    assert copy.claims[2].citations == [] and len(copy.claims) == 3
    assert copy.sources[0].citations == ["c1"]
    assert len(copy.sentences) == len(growing.sentences) - 1
