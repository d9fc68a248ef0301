"""The reading state file: positions per text, theme, atomic and forgiving (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

from closeread import state as st


def test_positions_by_text_then_by_path(tmp_path: Path) -> None:
    file = tmp_path / "s" / "reading-state.json"
    s = st.ReadingState.load(file)
    assert s.warning is None and s.place("abc") is None
    doc = tmp_path / "book.txt"
    s.remember("abc", st.Place(1234, "claims"), doc)
    s.theme = "nord"
    assert s.save() is None
    again = st.ReadingState.load(file)
    assert again.place("abc") == st.Place(1234, "claims") and again.theme == "nord"
    # the same text elsewhere: found by its digest; an edited text: found by its path
    assert again.place("abc", tmp_path / "copy.txt") == st.Place(1234, "claims")
    assert again.place("edited", doc) == st.Place(1234, "claims")
    # remembering the edited text replaces the old text's entry for that path
    again.remember("edited", st.Place(7), doc)
    again.save()
    assert set(st.ReadingState.load(file).documents) == {"edited"}


def test_two_windows_keep_each_others_positions(tmp_path: Path) -> None:
    file = tmp_path / "reading-state.json"
    a, b = st.ReadingState.load(file), st.ReadingState.load(file)
    a.remember("one", st.Place(1))
    b.remember("two", st.Place(2))
    a.save()
    b.save()
    assert set(st.ReadingState.load(file).documents) == {"one", "two"}


def test_corrupt_or_odd_files_are_warnings_not_errors(tmp_path: Path) -> None:
    file = tmp_path / "reading-state.json"
    for bad in (b"{not json", b"[1, 2]", b'{"documents": 3}', b"\xff\xfe"):
        file.write_bytes(bad)
        s = st.ReadingState.load(file)
        assert s.warning and str(file) in s.warning and s.documents == {}
    file.write_text(json.dumps({"documents": {"x": {"offset": -3}, "y": {"offset": True}}}))
    s = st.ReadingState.load(file)
    assert s.place("x") is None and s.place("y") is None
    s.remember("z", st.Place(5, "bogus-panel"))
    assert s.save() is None
    assert st.ReadingState.load(file).place("z") == st.Place(5, "notes")


def test_only_the_most_recent_documents_are_kept(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(st, "MAX_DOCUMENTS", 3)
    s = st.ReadingState.load(tmp_path / "r.json")
    for i in range(5):
        s.documents[f"d{i}"] = {"offset": i, "time": i}
    s.save()
    assert set(st.ReadingState.load(tmp_path / "r.json").documents) == {"d2", "d3", "d4"}


def test_an_unwritable_state_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    s = st.ReadingState.load(blocker / "reading-state.json")
    s.remember("a", st.Place(1))
    error = s.save()
    assert error and "cannot save the reading state" in error
