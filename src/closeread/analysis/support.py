"""Why a claim is, or is not, supported: the words every view shows (pure core).

The analysis links a claim to citations and marks it supported or not; a reader needs the
reason in words. An unsupported claim may still be linked to a citation (a rebuttal of the
quote it discusses, a comment that goes beyond it): that must never read as if the citation
backed it. The Claims panel, the status bar and the detail view all show these strings, so
they say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from closeread.analysis.model import Analysis, Citation, Claim

SupportKind = Literal["backed", "discusses", "none"]
NO_CITATION = "no citation nearby"
CORRECTED = "corrected by you"


@dataclass(frozen=True, slots=True)
class SupportReason:
    """A claim's support state and its reason."""

    kind: SupportKind
    """``backed`` (supported by ``citations``), ``discusses`` (linked to ``citations``
    that do not back it) or ``none`` (no citation linked)."""
    citations: tuple[str, ...] = ()
    """Ids of the linked citations, in the analysis' order."""
    corrected: bool = False
    """The reader's own link corrections changed this claim's links."""

    @property
    def supported(self) -> bool:
        return self.kind == "backed"

    def text(self, names: Mapping[str, str] | None = None) -> str:
        """:meth:`words` followed by `` · corrected by you`` when the reader changed the
        links."""
        words = self.words(names)
        return f"{words} · {CORRECTED}" if self.corrected else words

    def words(self, names: Mapping[str, str] | None = None) -> str:
        """``backed by c2``, ``discusses c1 — does not back it`` or ``no citation nearby``.

        With ``names`` (citation id → source name) each id is followed by its source:
        ``backed by c2 (The Guardian)``.
        """
        ids = ", ".join(_with_name(c, names) for c in self.citations)
        if self.kind == "backed":
            words = f"backed by {ids}"
        elif self.kind == "discusses":
            words = f"discusses {ids} — does not back it"
        else:
            words = NO_CITATION
        return words


def _with_name(citation_id: str, names: Mapping[str, str] | None) -> str:
    name = (names or {}).get(citation_id, "")
    return f"{citation_id} ({name})" if name else citation_id


def support_reason(claim: Claim) -> SupportReason:
    """The reason for ``claim``'s support state, from what the analysis recorded."""
    ids = tuple(claim.citations)
    if claim.supported:
        kind: SupportKind = "backed"
    elif ids:
        kind = "discusses"
    else:
        kind = "none"
    return SupportReason(kind, ids, claim.corrected)


def source_names(analysis: Analysis) -> dict[str, str]:
    """Citation id → its source's display name (attributed citations only)."""
    return {c.id: c.source_name for c in analysis.citations if c.source_name}


def citation_role(citation: Citation, analysis: Analysis) -> str:
    """What the claims make of ``citation``: ``backs k3, k5``, ``discussed by k2 — backs
    no claim``, or ``no claim refers to it``."""
    backs = [k.id for k in analysis.claims if citation.id in k.citations and k.supported]
    discussed = [k.id for k in analysis.claims if citation.id in k.citations and not k.supported]
    parts = []
    if backs:
        parts.append("backs " + ", ".join(backs))
    if discussed:
        parts.append("discussed by " + ", ".join(discussed))
        if not backs:
            parts.append("backs no claim")
    if not parts:
        return "no claim refers to it"
    return " — ".join(parts) if not backs else " · ".join(parts)
