"""The event-built YAML of a note (``notes.yaml_events``) is byte for byte ``yaml.dump``'s."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.notes import schema
from closeread.notes.model import Note, Target
from closeread.notes.yaml_cache import _DUMP_ARGS
from closeread.notes.yaml_events import dump_item

DUMPERS = [schema.dumper_for(False), schema.dumper_for(True)]

# Texts that stress the emitter's choices: YAML words and numbers, indicators, blank
# lines, spaces at the ends, other line breaks, controls, emoji.
tricky = st.sampled_from(
    [
        "",
        " ",
        "true",
        "No",
        "null",
        "~",
        "12",
        "1.5",
        "0x1f",
        "2026-01-01",
        "<<",
        "=",
        "- a",
        "a: b",
        "a #b",
        "#x",
        "'q'",
        '"q"',
        "[x]",
        "{y}",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "%",
        "@",
        "`",
        "a\nb",
        "a\n\nb\n",
        "\nlead",
        "trail\n",
        "tab\tin",
        "x\x85y",
        "x\u2028y",
        "\x1b[2J",
        "caf\u00e9",
        "\U0001f600",
        "\ufeffbom",
        " \n ",
        "...",
        "---",
        "? q",
        ": c",
    ]
)
texts = st.one_of(tricky, st.text(max_size=40), st.lists(tricky, max_size=4).map(" ".join))
times = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(timezone.utc)
)
scalars = st.one_of(texts, st.integers(), st.booleans(), st.none(), times)
extras = st.dictionaries(
    st.sampled_from(["x-tool", "colour", "n", "when", "nested"]),
    st.one_of(
        scalars,
        st.lists(scalars, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b"]), scalars, max_size=2),
    ),
    max_size=3,
)


@st.composite
def notes(draw: st.DrawFn) -> Note:
    start = draw(st.one_of(st.none(), st.integers(0, 10**6)))
    created = draw(times)
    return Note(
        id=draw(st.one_of(st.just("n-3f9a2c"), texts.filter(bool))),
        kind=draw(st.sampled_from(["comment", "question", "highlight", "verdict"])),
        target=Target(
            draw(texts),
            draw(texts),
            draw(texts),
            start,
            None if start is None else start + draw(st.integers(1, 500)),
        ),
        body=draw(texts),
        tags=draw(st.lists(texts, max_size=4)),
        verdict=draw(st.one_of(st.none(), texts)),
        created=created,
        modified=created + timedelta(seconds=draw(st.integers(0, 10**6))),
        extra=draw(extras),
    )


@pytest.mark.parametrize("dumper", DUMPERS, ids=["libyaml", "python"])
@settings(max_examples=300, deadline=None)
@given(note=notes())
def test_the_events_write_what_yaml_dump_writes(dumper: type[yaml.SafeDumper], note: Note) -> None:
    item = schema.note_dict(note)
    assert dump_item(item, dumper) == yaml.dump([item], Dumper=dumper, **_DUMP_ARGS)


def test_values_it_does_not_write_are_left_to_yaml_dump() -> None:
    note = Note("n-1", "comment", Target("q"), extra={"score": 1.5})
    assert dump_item(schema.note_dict(note), DUMPERS[0]) is None
    note.extra = {"map": {1: "a"}}
    assert dump_item(schema.note_dict(note), DUMPERS[0]) is None


def test_a_saved_file_reads_back() -> None:
    note = Note(
        "n-1",
        "comment",
        Target("true", "12", "null", 3, 7),
        body="a\nb",
        tags=["No", "1.5"],
        extra={"x-tool": [True, None, "~"]},
    )
    text = "closeread: 1\ndocument: {path: a.txt}\nnotes:\n" + (
        dump_item(schema.note_dict(note), DUMPERS[0]) or ""
    )
    data: dict[str, Any] = yaml.safe_load(text)
    [back] = data["notes"]
    assert back["target"] == {
        "quote": "true",
        "prefix": "12",
        "suffix": "null",
        "start": 3,
        "end": 7,
    }
    assert (back["body"], back["tags"], back["x-tool"]) == (
        "a\nb",
        ["No", "1.5"],
        [True, None, "~"],
    )
