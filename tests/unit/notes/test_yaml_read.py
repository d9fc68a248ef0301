"""Reading from libyaml's events gives what the composing path gives, or steps aside."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.errors import NotesFileError
from closeread.notes.model import DocumentRef, Note
from closeread.notes.schema import MAX_DEPTH, NotesData, compose_yaml, dump, load_yaml, parse
from closeread.notes.yaml_read import load_events

from .test_notes_schema import _unique, links, notes

pytestmark = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml: the events path is off"
)
PATH = Path("notes.yaml")


def _shape(value: Any, lines: dict[int, int]) -> Any:
    """``value`` with each mapping's line beside it, NaN made comparable."""
    if isinstance(value, dict):
        return ("map", lines.get(id(value)), [(k, _shape(v, lines)) for k, v in value.items()])
    if isinstance(value, list):
        return ["list", *(_shape(v, lines) for v in value)]
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return (type(value).__name__, value)


def same_as_composed(text: str) -> bool:
    """True if the events path read ``text`` exactly as the composing path does, False if
    it stepped aside; fails if it read something different."""
    fast = load_events(text, MAX_DEPTH)
    if fast is None:
        return False
    slow = compose_yaml(text, PATH)
    assert _shape(*fast) == _shape(*slow)
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    many=st.lists(notes, max_size=6).map(_unique),
    corrections=st.lists(links, max_size=2),
    title=st.text(max_size=30),
)
def test_files_closeread_writes_are_read_from_events_alike(
    many: list[Note], corrections: list[Any], title: str
) -> None:
    data = NotesData(DocumentRef("doc.txt", title, "ab" * 32, fingerprint="f"), many, corrections)
    assert same_as_composed(dump(data))


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "yes",
            "No",
            "ON",
            "~",
            "null",
            "0x1F",
            "0o17",
            "017",
            "+12",
            "-0",
            "1_000",
            "1:20",
            "0b101",
            ".inf",
            "-.Inf",
            ".NaN",
            "1e3",
            "2026-01-05",
            "2026-1-5 10:00:00",
            "2026-11-25T10:00:00Z",
            "2026-11-25t10:00:00.123456789+02:30",
            "<<",
            "=",
            "!x",
            "&a",
            "*a",
            "0000-01-01T00:00:00Z",
            "2026-13-45T00:00:00Z",
        ]
    ),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, flow=st.sampled_from([None, False, True]), strings=st.booleans())
def test_any_plain_yaml_reads_alike(tree: Any, flow: bool | None, strings: bool) -> None:
    """Values PyYAML writes plain or quoted (``yes``, ``0x1F``, ``1:20``, dates) come back
    as the same types; what the events path does not build, it leaves to the composer."""
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=strings)
    assert same_as_composed(text)  # what PyYAML writes is all plain YAML
    plain = yaml.safe_dump(tree, default_style=None)
    same_as_composed(plain.replace("'", ""))  # unquoted: the resolver decides


READ_ALIKE = [
    "",
    "# only a comment\n",
    "---\n",
    "---\n...\n",
    "a: 012\nb: +12\nc: 1_000\nd: 1:20\ne: 0x1F\nf: -0b11\n",
    "a: 2026-1-5 10:00:00\nb: 2026-11-25T10:00:00.5+02:00\nc: 2026-11-25\n",
    "a: Yes\nb: OFF\nc: ~\nd:\ne: .NaN\nf: -.inf\ng: 1e3\n",
    "a: {b: [1, 2, {c: d}]}\nlist:\n- - x\n  - y\n",
    "a: 1\na: 2\n",  # the last wins, as in PyYAML
    "'quoted': \"12\"\nplain: 12\n",
    "just text\n",
    "- 1\n- two\n",
]
STEP_ASIDE = [
    "a: &x 1\nb: *x\n",
    "a: !!str 12\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!python/object:os.system x\n",
    "base: &b {x: 1}\nc:\n  <<: *b\n",
    "c:\n  <<: {x: 1}\n",
    "? [a, b]\n: c\n",
    "? {a: b}\n: c\n",
    "a: =\n",
    "a: 1\n---\nb: 2\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "a: 2026-13-45T00:00:00Z\n",
    "a: 0000-01-01T00:00:00Z\n",
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "! a\n",
]


@pytest.mark.parametrize("text", READ_ALIKE)
def test_plain_yaml_is_read_from_events(text: str) -> None:
    assert same_as_composed(text)


@pytest.mark.parametrize("text", STEP_ASIDE)
def test_anything_else_goes_the_composing_way(text: str) -> None:
    assert load_events(text, MAX_DEPTH) is None
    try:
        expected: Any = compose_yaml(text, PATH)
    except NotesFileError as exc:
        expected = str(exc)
    try:
        got: Any = load_yaml(text.encode(), PATH)
    except NotesFileError as exc:
        got = str(exc)
    if isinstance(expected, str):
        assert got == expected  # the same one-line error
    else:
        assert _shape(*got) == _shape(*expected)


def test_errors_name_the_same_line_either_way() -> None:
    """A shape error found after the events path read the file names the mapping's line."""
    text = "closeread: 1\ndocument:\n  path: d.txt\nnotes:\n- id: n-1\n  kind: sermon\n"
    with pytest.raises(NotesFileError, match="line 5: note n-1"):
        parse(text.encode(), PATH)
