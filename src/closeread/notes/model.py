"""The reader's notes and corrections (pure core). YAML shape: VISION §5."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from closeread.document.normalise import visible_controls

NoteKind = Literal["comment", "question", "highlight", "verdict"]
NOTE_KINDS: tuple[NoteKind, ...] = ("comment", "question", "highlight", "verdict")
VERDICTS: tuple[str, ...] = ("supported", "unsupported", "misleading", "needs-source", "ok")
AnchorStatus = Literal["anchored", "moved", "fuzzy", "orphan"]
CONTEXT_CHARS = 32


def utc_now() -> datetime:
    """Now, in UTC, to the second (what the YAML stores)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def new_note_id() -> str:
    """A stable, random note id such as ``n-3f9a2c``."""
    import secrets  # here, not at the top: it loads OpenSSL, ~1.5 ms of the reader's start

    return f"n-{secrets.token_hex(3)}"


@dataclass(slots=True)
class Target:
    """Where a note is anchored: the quote, its context, and its last known position."""

    quote: str
    prefix: str = ""
    """Up to 32 characters before the quote."""
    suffix: str = ""
    """Up to 32 characters after the quote."""
    start: int | None = None
    """Code-point offsets into the normalised text; None for an orphan."""
    end: int | None = None

    @classmethod
    def from_span(cls, text: str, start: int, end: int) -> Target:
        """A target for ``text[start:end]`` with its context."""
        return cls(
            quote=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )


@dataclass(slots=True)
class Note:
    """One note of the reader's."""

    id: str
    kind: NoteKind
    target: Target
    body: str = ""
    tags: list[str] = field(default_factory=list)
    verdict: str | None = None
    created: datetime = field(default_factory=utc_now)
    modified: datetime = field(default_factory=utc_now)
    status: AnchorStatus = "anchored"
    """Set by anchoring on load; not stored in the YAML."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys of the note's YAML mapping this version does not know; written back unchanged."""
    guess: tuple[int, int] | None = None
    """Set by anchoring for an orphan: the likeliest place, whose evidence was too thin to
    attach the note there. Offered to the reader, never applied; not stored in the YAML."""

    @property
    def is_orphan(self) -> bool:
        """True when the note's text was not found in the current document."""
        return self.target.start is None or self.target.end is None


def show_controls(note: Note) -> Note:
    """Make control characters in ``note``'s texts visible (``␛`` for ESC), in place.

    A note written by another tool or by hand may hold an escape sequence; shown raw it
    would drive the user's terminal. The document's own text went through the same
    mapping, so a quote copied from the raw file still anchors.
    """
    t = note.target
    t.quote, t.prefix, t.suffix = (
        visible_controls(t.quote),
        visible_controls(t.prefix),
        visible_controls(t.suffix),
    )
    note.body = visible_controls(note.body)
    note.tags = [visible_controls(tag) for tag in note.tags]
    if note.verdict is not None:
        note.verdict = visible_controls(note.verdict)
    return note


@dataclass(slots=True)
class SpanRef:
    """A span referred to by quote and position (claims and citations in corrections)."""

    quote: str
    start: int
    end: int


@dataclass(slots=True)
class LinkCorrection:
    """The reader's fix to the analysis: link (``add``) or unlink (``remove``) a claim
    and a citation."""

    claim: SpanRef
    citation: SpanRef
    action: Literal["add", "remove"] = "add"


@dataclass(slots=True)
class QuoteCorrection:
    """The reader's fix to the analysis: mark a span as a quote (``add``, attributed to
    ``source`` when given, else by the analysis' lead-in rules) or as not a quote
    (``remove``)."""

    span: SpanRef
    action: Literal["add", "remove"] = "add"
    source: str = ""


@dataclass(slots=True)
class DocumentRef:
    """The identity of the document a notes file belongs to."""

    path: str
    title: str = ""
    sha256: str = ""
    url: str = ""
    """The web address of a page read from the web (its snapshot is ``path``)."""
    fingerprint: str = ""
    """Similarity fingerprint of the text (``notes.identity``); "" in files written before it."""


@dataclass(slots=True)
class Tombstone:
    """A deleted note's id and when it was deleted, so another instance's merge drops it too."""

    id: str
    time: datetime
