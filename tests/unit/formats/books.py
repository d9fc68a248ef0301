"""Small EPUB and PDF files built for the tests (our own text)."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>"""

OPF = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:1234</dc:identifier>
<dc:title>The Keeper of the Pier</dc:title>
<dc:creator>Ada Writer</dc:creator><dc:creator>Bo Second</dc:creator>
<dc:date>2025-03-01</dc:date><dc:publisher>Harbour Press</dc:publisher>
<dc:language>en</dc:language>
</metadata>
<manifest>
<item id="c2" href="text/chapter2.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="text/chapter1.xhtml" media-type="application/xhtml+xml"/>
<item id="n" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
</manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="n"/></spine>
</package>"""

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title></head><body>{body}</body></html>"""

CHAPTER1 = """<h1>Chapter One</h1>
<p>The keeper climbed the stairs every night.<a epub:type="noteref" href="#fn1">1</a>
The lamp had not failed in forty years.</p>
<aside epub:type="footnote" id="fn1"><p>The stairs numbered one hundred and twelve.</p></aside>
<p>See <a href="https://harbour.example/history">the harbour history</a> for more.</p>"""

CHAPTER2 = """<h1>Chapter Two</h1>
<p>Storms came in the autumn, as the almanac had said.<a id="r2"
href="notes.xhtml#n2"><sup>2</sup></a></p>"""

NOTES = """<h2>Notes</h2>
<p id="n2"><a href="chapter2.xhtml#r2">2</a> The almanac of 1921, page 40.</p>"""


def epub(
    chapters: dict[str, str] | None = None,
    *,
    opf: str = OPF,
    encryption: str | None = None,
) -> bytes:
    chapters = chapters or {"chapter1": CHAPTER1, "chapter2": CHAPTER2, "notes": NOTES}
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", CONTAINER)
        if encryption is not None:
            z.writestr("META-INF/encryption.xml", encryption)
        z.writestr("OEBPS/content.opf", opf)
        for name, body in chapters.items():
            z.writestr(f"OEBPS/text/{name}.xhtml", XHTML.format(title=name, body=body))
    return buf.getvalue()


DRM = """<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
 xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
<enc:CipherData><enc:CipherReference URI="OEBPS/text/chapter1.xhtml"/></enc:CipherData>
</enc:EncryptedData></encryption>"""


PARAGRAPHS = [
    [
        "The harbour board has published its annual report on the state of",
        "the old pier. The report finds that the structure has lost much of",
        "its strength, and that the informa-",
        "tion given to the council last year was incomplete.",
    ],
    [
        "Repairs were estimated at four million, but the new survey gives a",
        "figure closer to nine million (Smith, 2019), which the board calls",
        "unaffordable.",
    ],
]


def pdf(pages: list[list[list[str]]] | None = None, *, encrypt: str | None = None) -> bytes:
    """A PDF whose pages hold the given paragraphs (lists of lines), with a running header
    and a page-number footer on every page."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "The Pier Review - Annual Report", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    doc = Doc()
    doc.set_title("State of the Pier")
    doc.set_author("Harbour Board")
    if encrypt is not None:
        doc.set_encryption(owner_password="owner", user_password=encrypt)
    for page in pages if pages is not None else [PARAGRAPHS, PARAGRAPHS[::-1], PARAGRAPHS]:
        doc.add_page()
        doc.set_font("Helvetica", size=11)
        for para in page:
            for line in para:
                doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            doc.ln(4)
    return bytes(doc.output())


FOOTNOTED = [
    # (paragraph with {n} where a superscript marker goes, its footnote or None)
    (
        "The harbour board has published its annual report on the state of the old pier, "
        "and finds that the structure has lost half of its strength in a decade{n}, which "
        "the engineers of the board had not expected so soon after the last repairs were "
        "made to the deck and to the piles that carry it.",
        "Harbour Board, Annual Report 2023, page 12.",
    ),
    (
        "Repairs were estimated at four million, but the new survey gives a figure closer "
        "to nine million, which the board calls unaffordable for a town of this size, and "
        "the council has asked for a second opinion before any money is spent on the work "
        "or on the temporary closure of the pier to visitors.",
        None,
    ),
    (
        "The council disputes the figure and says that the survey overstates the damage "
        "done by the winter storms.{n} A second survey is due in the spring, when the "
        "tides are lower and the divers can inspect the piles below the waterline, and its "
        "results will be published in full on the council website.",
        "Survey by Lindqvist and Okafor, commissioned in 2022 and published the next "
        "spring by the harbour press office, with an appendix of photographs.",
    ),
]


def footnoted_pdf(pages: int = 2, cite: bool = False, marks: tuple[str, str] = ("1", "2")) -> bytes:
    """A PDF of ``pages`` pages of ``FOOTNOTED``: superscript markers in the text (numbered
    from 1 on every page), the notes in a small font at the foot of the page, a running
    header and a page number; ``marks`` are the two markers. With ``cite``, the second
    paragraph ends with a superscript ``3`` that is a numbered citation (no footnote) and a
    reference list follows."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "The Pier Review - Annual Report", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    doc = Doc()
    doc.set_title("State of the Pier")

    def sup(marker: str) -> None:
        doc.char_vpos = "SUP"
        doc.write(6, marker)
        doc.char_vpos = "LINE"

    openers = ["The harbour board", "This spring the harbour board", "Once again the board"]
    for page in range(pages):
        doc.add_page()
        notes = []
        for text, note in FOOTNOTED:
            # Each page opens differently: a line on every page would be a running header.
            text = text.replace("The harbour board", openers[page % 3])
            doc.set_font("Helvetica", size=11)
            if cite and note is None:
                text = text.replace("visitors.", "visitors.{c}")  # no note 3 there
            for k, part in enumerate(re.split(r"(\{[nc]\})", text)):
                if part == "{n}":
                    notes.append(note)
                    sup(marks[len(notes) - 1])
                elif part == "{c}":
                    sup("3")
                elif k % 2 == 0:
                    doc.write(6, part)
            doc.ln(10)
        doc.set_y(-45)
        doc.set_font("Helvetica", size=8)
        for mark, note in zip(marks, notes, strict=True):
            doc.multi_cell(0, 4, f"{mark} {note}", new_x="LMARGIN", new_y="NEXT")
    if cite:
        doc.add_page()
        doc.set_font("Helvetica", size=11)
        doc.cell(0, 6, "References", new_x="LMARGIN", new_y="NEXT")
        doc.ln(4)
        doc.cell(0, 6, "[3] Moreau, K. On the cost of repairs. Harbour Press, 2017.")
    return bytes(doc.output())
