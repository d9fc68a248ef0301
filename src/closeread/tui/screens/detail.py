"""Detail views: a claim with why it is (not) supported, a citation with its quote and URL.

``i`` in the reader opens the one under the cursor. A claim's view lists its citations;
``enter`` on one opens that citation's view on top (escape comes back). A citation's view
shows the quote, the lead-in, the title, the source and the URL, with ``y`` to copy the URL
(OSC 52, Textual's ``copy_to_clipboard``) and ``o`` to open it (``App.open_url``: the
system browser in a terminal, a new tab in browser mode; tests replace it).

Everything shown here is article text: plain ``Text``, never markup.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from closeread.analysis.model import Analysis, Citation, Claim
from closeread.analysis.support import citation_role, source_names, support_reason
from closeread.document.links import prose
from closeread.tui.screens.dialogs import DIALOG_CSS, FittedDialog
from closeread.tui.screens.fit import Part, natural_height
from closeread.tui.visible import visible
from closeread.tui.widgets.sources_panel import KIND_LABELS, shorten

OPENABLE = ("http", "https")
"""URL schemes ``o`` opens: an address in an article is data, so no ``file:``,
``javascript:`` or custom scheme is handed to the browser."""

DETAIL_CSS = (
    DIALOG_CSS
    + """
    & VerticalScroll { height: auto; }
    & .detail-field { margin-bottom: 1; }
    & #detail-reason { margin-bottom: 1; }
"""
)


def citation_line(citation: Citation) -> Text:
    """``c1  block quote · The Guardian — “the quote…”`` on one line."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{citation.id}  ", style="dim")
    line.append(KIND_LABELS.get(citation.kind, citation.kind), style="cyan")
    line.append(visible(f" · {citation.source_name or 'unattributed'}"))
    if citation.quote:
        line.append(visible(" — “" + shorten(citation.quote, 60) + "”"), style="italic")
    return line


def field(label: str, value: str, style: str = "") -> Text:
    """``label: value`` with the value as plain text."""
    text = Text()
    text.append(f"{label}: ", style="bold")
    text.append(visible(value), style=style)
    return text


def openable(url: str) -> bool:
    """Whether ``o`` may hand ``url`` to the browser (http and https only)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in OPENABLE and bool(parts.netloc)


class ClaimDetail(FittedDialog[None]):
    """A claim, why it is or is not supported, and its citations. On a short terminal the
    claim's text scrolls and the list shortens; the reason and the keys stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i,q", "close", "Close", show=False),
    ]
    DEFAULT_CSS = "ClaimDetail {" + DETAIL_CSS + "}"

    def __init__(self, claim: Claim, analysis: Analysis, number: str = "") -> None:
        """``number`` is the claim's place ("3/31"), shown in the title."""
        super().__init__()
        self.claim = claim
        self.analysis = analysis
        self.number = number
        self.reason = support_reason(claim)

    def compose(self) -> ComposeResult:
        claim, reason = self.claim, self.reason
        names = source_names(self.analysis)
        citations = [c for cid in claim.citations if (c := self.analysis.citation(cid))]
        with Vertical() as box:
            box.border_title = f"Claim {claim.id}" + (f" · {self.number}" if self.number else "")
            with VerticalScroll(id="detail-scroll"):
                yield Static(
                    Text(visible(" ".join(prose(claim.text).split()))),
                    id="detail-text",
                    classes="dialog-text",
                )
            status = Text()
            if reason.supported:
                status.append("✓ supported: ", style="bold green")
            else:
                status.append("✗ unsupported: ", style="bold red")
            status.append(visible(reason.text(names)))
            yield Static(status, id="detail-reason")
            if citations:
                yield OptionList(
                    *(Option(citation_line(c), id=c.id) for c in citations), id="detail-citations"
                )
            yield Label(
                ("enter citation details · " if citations else "") + "escape close",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        if lists := self.query(OptionList):
            # Focus on the first choice, so arrows and enter work at once.
            lists.first().highlighted = 0
            lists.first().focus()

    def flexible_parts(self) -> list[Part]:
        scroll = self.query_one("#detail-scroll", VerticalScroll)
        parts: list[Part] = [(scroll, 2, natural_height(scroll))]
        if lists := self.query(OptionList):
            most = natural_height(lists.first())
            parts.insert(0, (lists.first(), min(3, most), most))
        return parts

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        citation = self.analysis.citation(event.option.id or "")
        if citation is not None:
            self.app.push_screen(CitationDetail(citation, self.analysis))

    def action_close(self) -> None:
        self.dismiss(None)


class CitationDetail(FittedDialog[None]):
    """A citation: source, title, URL (copy with ``y``, open with ``o``), lead-in, quote and
    the claims it backs; on a short terminal the fields scroll (arrows), the keys stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i,q", "close", "Close", show=False),
        Binding("o", "open_url", "Open URL", show=False),
        Binding("y,c", "copy_url", "Copy URL", show=False),
    ]
    DEFAULT_CSS = "CitationDetail {" + DETAIL_CSS + "}"

    def __init__(self, citation: Citation, analysis: Analysis, number: str = "") -> None:
        super().__init__()
        self.citation = citation
        self.analysis = analysis
        self.number = number

    def compose(self) -> ComposeResult:
        c = self.citation
        kind = KIND_LABELS.get(c.kind, c.kind)
        source = self.analysis.source(c.source) if c.source else None
        who = c.source_name or "unattributed"
        if source is not None and source.kind not in ("", "unknown"):
            who += f" ({source.kind})"
        with Vertical() as box:
            box.border_title = f"Citation {c.id} · {kind}" + (
                f" · {self.number}" if self.number else ""
            )
            with VerticalScroll(id="detail-scroll"):
                yield Static(field("source", who), classes="detail-field", id="detail-source")
                if c.title:
                    yield Static(field("title", f"“{c.title}”"), classes="detail-field")
                yield Static(
                    field("URL", c.url or "none given in the text"),
                    id="detail-url",
                    classes="detail-field",
                )
                if c.lead_in:
                    yield Static(
                        field("lead-in", " ".join(c.lead_in.split())),
                        classes="detail-field",
                        id="detail-lead-in",
                    )
                yield Static(
                    field("quote", "“" + " ".join(c.quote.split()) + "”", "italic"),
                    classes="detail-field",
                    id="detail-quote",
                )
                yield Static(field("claims", citation_role(c, self.analysis)), id="detail-role")
            hint = "o open URL · y copy URL · " if c.url else ""
            hint += "↑/↓ scroll · escape close"
            yield Label(hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#detail-scroll", VerticalScroll).focus()  # arrows scroll the fields

    def flexible_parts(self) -> list[Part]:
        scroll = self.query_one("#detail-scroll", VerticalScroll)
        return [(scroll, 3, natural_height(scroll))]

    def action_open_url(self) -> None:
        url = self.citation.url
        if not url:
            self.notify("This citation gives no URL.", severity="warning")
        elif not openable(url):
            self.notify(
                "Only http and https addresses are opened (y copies it).",
                severity="warning",
                markup=False,
            )
        else:
            self.app.open_url(url)
            self.notify(f"Opening {url}", markup=False)

    def action_copy_url(self) -> None:
        url = self.citation.url
        if not url:
            self.notify("This citation gives no URL.", severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
