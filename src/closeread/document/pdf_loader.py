"""PDF with a text layer: pages of lines re-made into paragraphs.

The text of each page comes from **pypdfium2** (PDFium, the PDF engine of Chrome; Apache-2.0
/ BSD), else from **pypdf** (BSD, pure Python) where pypdfium2 is not installed. Measured on
a 50-page report (2-core machine): pypdfium2 0.2 s, pypdf 1.6 s, so ``closeread analyze``
stays well under 2 s with pypdfium2. PyMuPDF is AGPL: not used. A PDF has lines, not
paragraphs, so:

- running headers and footers (a line repeated at the top or bottom of most pages, digits
  ignored) and page numbers ("12", "Page 3 of 9", "- 4 -") are dropped;
- lines are joined into paragraphs; a paragraph ends at a vertical gap wider than the
  usual line pitch (pypdfium2 gives each line's box), at a line that ends a sentence and
  stops well short of the usual line width, after a short line that ends no sentence (a
  title, an author line, a heading), or before a line that starts a reference entry
  ("[12] ...") or a list item; a paragraph runs on across a page break;
- a one-line paragraph that reads like a section heading ("2.1 Methods", "References")
  becomes a Markdown heading, so it is not taken for a list item or a claim;
- a word hyphenated at a line end ("informa-" / "tion") is joined without its hyphen;
- a superscript marker (raised digits, *, †) whose note stands in a small font at the
  foot of the page becomes ``[^N]``, and the note a ``[^N]: ...`` paragraph after the
  paragraph that cites it (pypdfium2 only: pypdf gives no boxes); a superscript number
  without a note on its page (a numbered citation) becomes superscript digits, which the
  analysis looks up in the reference list.

A PDF without any text (a scan) is refused with one line, and so is an encrypted one that
an empty password does not open.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from io import BytesIO
from itertools import pairwise
from pathlib import Path
from typing import Any

from closeread.document.formats import Extracted, missing_extra
from closeread.errors import InputError

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[ivxlcdm]{1,6}",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_HYPHENATED = re.compile(r"[A-Za-z\u00c0-\u024f]-$")
_STARTS_ENTRY = re.compile(r"\[\d{1,4}\]\s|\d{1,3}\.\s+[A-Z]|[\u2022\u25aa\u2013*-]\s")
_ENDS_SENTENCE = re.compile(
    r"[.!?:;\u2026][\"'\u201d\u2019)\]]*(?:\[\^\w+\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)?$"
)
_SPACE = re.compile(r"[ \t\u00a0]+")
_LINE = re.compile(r"[^\r\n\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")
"""A line of PDFium's text: it runs a word hyphenated at a line end on (U+FFFE or STX
after its first part), which ends the line here."""


def _lines(page_text: str) -> list[str]:
    """The page's lines; "" marks a paragraph gap (never first or last, never repeated)."""
    out: list[str] = []
    for raw in page_text.splitlines():
        line = _SPACE.sub(" ", raw).strip()
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def _running(pages: list[list[str]]) -> set[str]:
    """Lines (digits masked) found at the top or bottom of at least half of the pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page if line]
        edge = {_DIGITS.sub("#", line) for line in lines[:2] + lines[-2:]}
        counts.update(edge)
    return {line for line, n in counts.items() if n >= max(3, len(pages) // 2)}


def _clean_pages(pages: list[list[str]]) -> list[list[str]]:
    running = _running(pages)
    out = []
    for lines in pages:
        text_at = [i for i, line in enumerate(lines) if line]
        edges = set(text_at[:2] + text_at[-2:])
        kept = [
            line
            for i, line in enumerate(lines)
            if not line
            or (
                _DIGITS.sub("#", line) not in running
                and not (i in edges and _PAGE_NUMBER.fullmatch(line))
            )
        ]
        while kept and not kept[0]:  # the gap under a running header is no paragraph break
            kept.pop(0)
        while kept and not kept[-1]:
            kept.pop()
        out.append(kept)
    return out


def paragraphs(pages: list[list[str]]) -> list[str]:
    """The pages' lines (headers, footers, numbers already dropped) as paragraphs."""
    lengths = [len(line) for lines in pages for line in lines if line]
    if not lengths:
        return []
    width = statistics.median(lengths)
    paras: list[str] = []
    current = ""
    previous = ""
    for lines in pages:
        for line in lines:
            if not line:  # a vertical gap: a new paragraph
                if current:
                    paras.append(current)
                current = previous = ""
                continue
            if current and (
                _STARTS_ENTRY.match(line)
                or (_ENDS_SENTENCE.search(previous) and len(previous) < 0.8 * width)
                or (_heading_like(previous, width) and line[:1].isupper())
                or (
                    _ENDS_SENTENCE.search(previous)
                    and _SECTION.match(line)
                    and _heading_like(line, width)
                )
            ):
                paras.append(current)
                current = ""
            if not current:
                current = line
            elif _HYPHENATED.search(current) and line[:1].islower():
                current = current[:-1] + line
            else:
                current += " " + line
            previous = line
    if current:
        paras.append(current)
    return [f"## {p}" if _SECTION.match(p) and _heading_like(p, width) else p for p in paras]


_SECTION = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+\S"
    r"|(?:abstract|introduction|background|methods?|results|discussion|conclusions?"
    r"|references|bibliography|acknowledge?ments|appendix|notes)\b",
    re.IGNORECASE,
)
"""How a section heading of a paper or report begins: a number ("2.", "3.1", "IV.") or
one of the usual section names."""


def _heading_like(line: str, width: float) -> bool:
    """A line that stands alone: well short of the usual width, not ending a sentence or
    running on (comma, hyphen), few words: a title, a heading, an author line."""
    return (
        len(line) < 0.6 * width
        and len(line.split()) <= 12
        and not _ENDS_SENTENCE.search(line)
        and not line.endswith((",", "-", "\u2013", "\u2014"))
    )


_ENCRYPTED = "is encrypted (password-protected): closeread cannot read it"


def _damaged(exc: object, where: object) -> InputError:
    # PDFium says "Failed to load document (PDFium: Data format error)."; keep the reason.
    reason = re.sub(r"^.*\(PDFium: (.*)\)\.?$", r"\1", str(exc))
    return InputError(f"is not a valid PDF (damaged: {reason})", path=where)


def _date(value: str) -> str:
    """``D:20240501...`` (a PDF date) -> ``2024-05-01``; "" when it is not one."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value or "")
    if m is None:
        return ""
    return "-".join(x for x in m.groups() if x)


GAP = 1.4
"""A vertical gap this many times the page's usual line pitch separates paragraphs."""


_MARK = "\ue000"
"""Brackets a superscript marker in a row's text until the page's footnotes are known."""
_MARKED = re.compile(f"{_MARK}(.*?){_MARK}")
_MARKER_TEXT = re.compile(r"\d{1,3}(?:[,\u2013-]\d{1,3}){0,3}|[*\u2020\u2021\u00a7]{1,3}")
_NOTE_START = re.compile(r"\ue000?(?P<n>\d{1,3}|[*\u2020\u2021\u00a7]{1,3})\ue000?\.?\s*(?=\S)")
_SUPERSCRIPTS = str.maketrans(
    "0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)
_SYMBOL_LABELS = str.maketrans({"*": "a", "\u2020": "d", "\u2021": "dd", "\u00a7": "s"})
"""Footnotes marked *, †, ‡, § get labels of letters (``[^a]``, ``[^d]``): a Markdown
footnote label is a word."""
SMALL = 0.88
"""Footnotes: rows at the foot of a page in a font under this share of the page's body."""


def _page_text(textpage: Any) -> tuple[str, list[tuple[str, str]]]:
    """A page's text line by line, with an empty line where a vertical gap separates two
    paragraphs, and its footnotes ``(label, text)``.

    The lines are PDFium's own (its text in reading order, a line break where a line ends),
    and each line's box comes from the characters it holds, so a line is one call to
    PDFium and not one per line of the page. Where the text and the characters do not line
    up (a page whose text PDFium cannot index), the lines are made from the boxes instead.

    A superscript (a short run of digits or *, †, ‡, § in a raised or smaller box) is a
    marker: PDFium ends its line after one, and the rest of the row follows as another
    line, which is put back on its row. Small-font rows at the foot of the page that start
    with a marker found in the text above are its footnotes: the marker becomes ``[^N]``
    and the note leaves the page's text (``extract_pdf`` puts it after its paragraph). A
    superscript number with no footnote on the page (a numbered citation) becomes Unicode
    superscript digits, which the analysis reads against the reference list.
    """
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():
        return _page_text_by_boxes(textpage), []
    rows: list[list[Any]] = []  # [bottom, top, right, size, text] of each row
    for m in _LINE.finditer(text):
        start, end = m.span()
        boxes = [textpage.get_rect(k) for k in range(textpage.count_rects(start, end - start))]
        if not boxes:
            continue
        line = m.group()
        main = max(boxes, key=lambda b: b[2] - b[0])
        height = max(main[3] - main[1], 1.0)
        raised = [b for b in boxes if b is not main and _superscript(b, main)]
        found = [(b, textpage.get_text_bounded(*b).strip()) for b in raised]
        markers = [(b, t) for b, t in found if _MARKER_TEXT.fullmatch(t)]
        if markers:
            line = _mark(line, [t for _, t in markers])
            boxes = [b for b in boxes if not any(b is x for x, _ in markers)]
        bottom = min(b[1] for b in boxes)
        if max(b[1] for b in boxes) - bottom > 0.5 * height:
            return _page_text_by_boxes(textpage), []  # a "line" over two rows: use the boxes
        top, left, right = (
            max(b[3] for b in boxes),
            min(b[0] for b in boxes),
            max(b[2] for b in boxes),
        )
        previous = rows[-1] if rows else None
        if (
            previous is not None
            and previous[2] - 2.0 <= left < previous[2] + height
            and min(top, previous[1]) - max(bottom, previous[0]) > 0.5 * min(top - bottom, height)
        ):  # on the row before, right after it: PDFium ends a line after a superscript
            if _MARKER_TEXT.fullmatch(line.strip()) and bottom - previous[0] > 0.2 * height:
                line = f"{_MARK}{line.strip()}{_MARK}"  # a superscript alone
            elif _MARKER_TEXT.fullmatch(previous[4].replace(_MARK, "").strip()):
                previous[0] = bottom  # the row began with a superscript alone: its baseline
            previous[2] = right
            previous[4] += line
            continue
        size = _font_size(textpage, start + len(m.group()) // 2)
        rows.append([bottom, top, right, size, line])
    rows, notes = _footnotes(rows)
    return _with_gaps([(row[0], row[4]) for row in rows]), notes


def _superscript(box: Any, main: Any) -> bool:
    """Whether ``box`` holds a superscript beside the line's ``main`` box: narrow, smaller,
    and raised (its bottom a fifth of the line's height above the line's, under its top)."""
    height = max(main[3] - main[1], 1.0)
    return bool(
        box[2] - box[0] < 2.5 * height
        and box[3] - box[1] < 0.9 * height
        and 0.2 * height < box[1] - main[1] < height
    )


def _mark(line: str, markers: list[str]) -> str:
    """``line`` with each superscript marker (in order) bracketed by ``_MARK``."""
    at = 0
    for marker in markers:
        i = line.find(marker, at)
        if i < 0:
            continue
        line = f"{line[:i]}{_MARK}{marker}{_MARK}{line[i + len(marker) :]}"
        at = i + len(marker) + 2
    return line


def _font_size(textpage: Any, index: int) -> float:
    import pypdfium2.raw as raw

    return float(raw.FPDFText_GetFontSize(textpage.raw, index))


def _footnotes(rows: list[list[Any]]) -> tuple[list[list[Any]], list[tuple[str, str]]]:
    """The page's rows less its footnotes, and the footnotes; markers resolved."""
    sizes = [row[3] for row in rows if len(row[4].strip()) >= 20] or [row[3] for row in rows]
    notes: list[tuple[str, str]] = []
    labels: dict[str, str] = {}  # a note's marker -> its label in the text
    foot = len(rows)
    if sizes:
        body = statistics.median(sizes)
        end = len(rows)
        for _ in range(2):  # a running footer or a page number may sit below the notes
            if end and (
                rows[end - 1][3] >= SMALL * body or _PAGE_NUMBER.fullmatch(rows[end - 1][4].strip())
            ):
                end -= 1
        start = end
        while start and 0 < rows[start - 1][3] < SMALL * body:
            start -= 1
        marked = {m for row in rows[:start] if _MARK in row[4] for m in _MARKED.findall(row[4])}
        first = next((i for i in range(start, end) if _note_label(rows[i][4]) in marked), None)
        if first is not None:
            last = first
            for i in range(first, end):
                row = rows[i]
                label = _note_label(row[4])
                if label in marked and label not in labels:
                    line = row[4].strip()
                    m = _NOTE_START.match(line)
                    assert m is not None
                    labels[label] = label.translate(_SYMBOL_LABELS)
                    notes.append((labels[label], _clean_note(line[m.end() :])))
                elif rows[i - 1][0] - row[1] < 0.6 * max(row[1] - row[0], 1.0):
                    before = notes[-1][1]  # a note's next line (no gap above it)
                    joined = before[:-1] if _HYPHENATED.search(before) else before + " "
                    notes[-1] = (notes[-1][0], joined + _clean_note(row[4]))
                else:
                    break  # a gap: what follows is no note (a footer)
                last = i + 1
            rows = rows[:first] + rows[last:]
            foot = first

    def marker(m: re.Match[str]) -> str:
        label = m.group(1)
        if label in labels:
            return f"[^{labels[label]}]"
        return label.translate(_SUPERSCRIPTS)  # a numbered citation: ¹, ¹²,¹³

    for i, row in enumerate(rows):
        if _MARK in row[4]:  # (a marker left below the notes is no marker)
            row[4] = _MARKED.sub(marker, row[4]) if i < foot else row[4].replace(_MARK, "")
    return rows, notes


def _note_label(line: str) -> str:
    m = _NOTE_START.match(line.strip())
    return m.group("n") if m else ""


def _clean_note(text: str) -> str:
    return _SPACE.sub(" ", text.replace(_MARK, "")).strip()


def _with_gaps(rows: list[tuple[float, str]]) -> str:
    """The rows' text, one a line, with "" where a vertical gap wider than ``GAP`` times
    the page's usual line pitch separates two of them."""
    pitches = [a[0] - b[0] for a, b in pairwise(rows) if a[0] > b[0]]
    pitch = statistics.median(pitches) if pitches else 0.0
    lines: list[str] = []
    for i, (bottom, text) in enumerate(rows):
        if i and pitch and rows[i - 1][0] - bottom > GAP * pitch:
            lines.append("")
        # PDFium marks a hyphen it took for a soft one (U+FFFE, or STX in a box's text):
        # keep it a hyphen, which the paragraph rule joins at a line end.
        lines.append(text.replace("\ufffe", "-").replace("\x02", "-"))
    return "\n".join(lines)


def _page_text_by_boxes(textpage: Any) -> str:
    """``_page_text`` from PDFium's text boxes: boxes on one baseline make a line, whose
    text is what lies inside them (slower: one call per line)."""
    boxes: list[list[float]] = []  # [left, bottom, right, top] of each line
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        if boxes and abs(boxes[-1][1] - bottom) < 0.5 * max(top - bottom, 1.0):
            box = boxes[-1]  # another piece of the same line
            box[0], box[2] = min(box[0], left), max(box[2], right)
            box[1], box[3] = min(box[1], bottom), max(box[3], top)
        else:
            boxes.append([left, bottom, right, top])
    return _with_gaps([(b[1], textpage.get_text_bounded(*b)) for b in boxes])


Pages = list[tuple[str, list[tuple[str, str]]]]
"""Each page's text and footnotes ``(label, text)``."""


def _read_pdfium(data: bytes, where: object) -> tuple[Pages, dict[str, str]] | None:
    """Page texts, footnotes and metadata with pypdfium2; None when it is not installed."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(_ENCRYPTED, path=where) from None
        raise _damaged(exc, where) from None
    try:
        texts = [_page_text(doc[i].get_textpage()) for i in range(len(doc))]
        info = doc.get_metadata_dict()
    except pdfium.PdfiumError as exc:
        raise _damaged(exc, where) from None
    finally:
        doc.close()
    meta = {
        "title": " ".join(info.get("Title", "").split()),
        "author": " ".join(info.get("Author", "").split()),
        "date": _date(info.get("CreationDate", "")),
    }
    return texts, meta


def _info(reader: Any, name: str) -> str:
    try:
        meta = reader.metadata
        value = getattr(meta, name, None) if meta is not None else None
    except Exception:  # a damaged info dictionary is no reason to refuse the text
        return ""
    return " ".join(str(value).split()) if value else ""


def _read_pypdf(data: bytes, where: object) -> tuple[Pages, dict[str, str]]:
    """Page texts and metadata with pypdf (no footnotes: it gives no font sizes)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise missing_extra("pdf", "pypdfium2 or pypdf", where) from None
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # pypdf's DependencyError (no AES library) and others
                opened = False
            if not opened:
                raise InputError(_ENCRYPTED, path=where)
        texts: Pages = [(page.extract_text() or "", []) for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, OSError, KeyError, TypeError) as exc:
        raise _damaged(exc, where) from None
    except Exception as exc:  # pypdf raises many kinds on damaged content streams
        raise _damaged(exc, where) from None
    meta = {"title": _info(reader, "title"), "author": _info(reader, "author"), "date": ""}
    try:
        info = reader.metadata
        meta["date"] = _date(str(info.get("/CreationDate", ""))) if info is not None else ""
    except Exception:  # an unreadable info dictionary is no reason to refuse the text
        pass
    return texts, meta


def _unique_labels(pages: Pages) -> Pages:
    """``pages`` with a footnote label used before (numbering restarts on each page or
    chapter) made unique: ``3`` on page 12 becomes ``3p12``, in the text and the note."""
    used: set[str] = set()
    out: Pages = []
    for number, (text, notes) in enumerate(pages, 1):
        renamed = []
        for label, note in notes:
            new = label if label not in used else f"{label}p{number}"
            if new != label:
                text = text.replace(f"[^{label}]", f"[^{new}]")
            used.add(new)
            renamed.append((new, note))
        out.append((text, renamed))
    return out


def _with_notes(paras: list[str], notes: list[tuple[str, str]]) -> list[str]:
    """``paras`` with each footnote as a ``[^N]: note`` paragraph after the paragraph that
    holds its marker (the order a reader meets them)."""
    if not notes:
        return paras
    pending = dict(notes)
    out = []
    for para in paras:
        out.append(para)
        for label in re.findall(r"\[\^(\w+)\](?!:)", para):
            if label in pending:
                out.append(f"[^{label}]: {pending.pop(label)}")
    out += [f"[^{label}]: {note}" for label, note in pending.items()]
    return out


def extract_pdf(data: bytes, path: Path | None = None, url: str = "") -> Extracted:
    """The text of the PDF in ``data`` as paragraphs, with its document information."""
    where = path if path is not None else (url or "<input>")
    read = _read_pdfium(data, where)
    loader = "pypdfium2"
    if read is None:
        read, loader = _read_pypdf(data, where), "pypdf"
    texts, meta = read
    texts = _unique_labels(texts)
    pages = [_lines(text) for text, _ in texts]
    if not any(pages):
        raise InputError(
            "has no text layer (a scanned or image-only PDF): closeread needs text", path=where
        )
    paras = _with_notes(paragraphs(_clean_pages(pages)), [n for _, notes in texts for n in notes])
    title = meta["title"] or (paras[0] if paras and len(paras[0]) <= 120 else "")
    return Extracted(
        text="\n\n".join(paras),
        format="pdf",
        loader=loader,
        title=title,
        author=meta["author"],
        date=meta["date"],
        url=url,
    )
