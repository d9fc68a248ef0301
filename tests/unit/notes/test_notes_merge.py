"""Two instances on one notes file, any interleaving of changes: nothing is lost."""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.notes import Note, NotesStore, Target, utc_now

TEXT = " ".join(f"Sentence number {i} of the document says something." for i in range(40))

T0 = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
operations = st.lists(
    st.tuples(
        st.sampled_from("AB"),
        st.sampled_from(["add", "edit", "delete", "undo", "reload"]),
        st.integers(0, 1000),
    ),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # doc_factory is a class
@given(ops=operations, frozen=st.booleans())
def test_interleaved_changes_of_two_instances_all_survive(
    ops: list[tuple[str, str, int]], frozen: bool, doc_factory: Any
) -> None:
    # With a frozen clock every change happens "in the same second": all the ties that
    # whole-second timestamps allow, which a real clock only hits by chance.
    clock = (
        mock.patch("closeread.notes.store.utc_now", return_value=T0)
        if frozen
        else (contextlib.nullcontext())
    )
    with tempfile.TemporaryDirectory() as tmp, clock:
        doc = doc_factory(TEXT, Path(tmp) / "doc.txt")
        notes_dir = Path(tmp) / "notes"
        stores = {w: NotesStore.open(doc, notes_dir=notes_dir) for w in "AB"}
        expected: dict[str, str] = {}  # id -> body, what the file must end up holding
        owner: dict[str, str] = {}
        counter = 0
        for who, op, k in ops:
            store = stores[who]
            mine = sorted(i for i in expected if owner[i] == who)
            if op == "add":
                counter += 1
                start = (k * 7) % (len(TEXT) - 30)
                now = T0 if frozen else utc_now()
                note = Note(
                    f"n-{who}{counter}",
                    "comment",
                    Target.from_span(TEXT, start, start + 25),
                    body="v0",
                    created=now,
                    modified=now,
                )
                store.add(note)
                expected[note.id], owner[note.id] = "v0", who
            elif op == "edit" and mine:
                nid = mine[k % len(mine)]
                current = store.get(nid)
                assert current is not None, "an instance lost its own note"
                store.update(replace(current, body=f"v{k}"))
                expected[nid] = f"v{k}"
            elif op == "delete" and mine:
                nid = mine[k % len(mine)]
                store.delete(nid)
                del expected[nid]
            elif op == "undo":
                restored = store.undo()
                if restored is not None:
                    expected[restored.id] = restored.body
            elif op == "reload":
                store.reload()
            assert store.save_error is None
        fresh = NotesStore.open(doc, notes_dir=notes_dir)
        assert {n.id: n.body for n in fresh.notes} == expected
        for store in stores.values():
            store.reload()
            assert {n.id: n.body for n in store.notes} == expected
