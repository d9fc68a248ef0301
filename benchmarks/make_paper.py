"""Write a long text PDF shaped like a paper, for ``startup.py`` and ``closeread analyze``.

    .venv/bin/python benchmarks/make_paper.py OUT.pdf [--pages 50]

The text is generated here (numbered sections of sentences built from a small word list,
author-year and numbered citations, superscript footnote markers with their notes at the
foot of the page, a reference list), so no corpus text is copied. Each page after the
first has a running header, every page a page number; paragraphs are justified (those
with a footnote marker flow ragged right). Needs fpdf2 (the ``test`` extra).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SUBJECTS = (
    "The survey",
    "Our model",
    "The harbour board",
    "The second sample",
    "Earlier work",
    "The council",
    "This estimate",
    "The control group",
)
VERBS = ("shows", "suggests", "does not support", "overstates", "confirms", "questions")
OBJECTS = (
    "the cost of repairs",
    "a decline in traffic",
    "the effect of the storms",
    "a rise in maintenance",
    "the reported figures",
    "the size of the deficit",
    "a link between tides and erosion",
    "the value of the survey",
)
TAILS = (
    "in every district we examined",
    "once the seasonal effect is removed",
    "when the older records are included",
    "for the period after 2010",
    "although the sample is small",
    "as the appendix explains in detail",
)
AUTHORS = ("Smith", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Haddad", "Novak", "Reyes")


def sentence(rng: random.Random, refs: int) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    roll = rng.random()
    if roll < 0.15:
        s += f" ({rng.choice(AUTHORS)}, {rng.randint(1990, 2024)})"
    elif roll < 0.25:
        s += f" [{rng.randint(1, refs)}]"
    return s + "."


MAX_NOTES = 3
"""Footnotes at most on one page (the bottom margin leaves room for them)."""


def footnote(rng: random.Random) -> str:
    """A one-line footnote: a source and a remark."""
    who, year = rng.choice(AUTHORS), rng.randint(1990, 2024)
    return f"See {who} ({year}) on {rng.choice(OBJECTS)}, {rng.choice(TAILS)}."


def paper(pages: int, seed: int = 7) -> bytes:
    from fpdf import FPDF

    rng = random.Random(seed)
    refs = 40
    notes: list[tuple[int, int, str]] = []  # (number, page, text) of each footnote

    class Doc(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("Times", "I", 9)
                self.cell(
                    0,
                    8,
                    "Journal of Pier Studies 12 (2026)",
                    align="C",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )

        def footer(self) -> None:
            here = [(n, text) for n, page, text in notes if page == self.page_no()]
            if here:  # the page's footnotes, small, above the page number
                self.set_y(-17 - 4 * len(here))
                self.set_font("Times", size=8)
                for n, text in here:
                    self.cell(0, 4, f"{n} {text}", new_x="LMARGIN", new_y="NEXT")
            self.set_y(-15)
            self.set_font("Times", size=9)
            self.cell(0, 8, str(self.page_no()), align="C")

    doc = Doc(format="A4")
    doc.set_title("Tides, Piers and Public Money")
    doc.set_author("Ada Writer; Bo Second")
    doc.set_auto_page_break(True, margin=20 + 4 * MAX_NOTES)
    doc.add_page()
    doc.set_font("Times", "B", 16)
    doc.multi_cell(0, 8, "Tides, Piers and Public Money", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Times", size=11)
    doc.multi_cell(0, 6, "Ada Writer and Bo Second", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    section = 0
    while doc.page_no() <= pages - 2:
        section += 1
        doc.set_font("Times", "B", 12)
        doc.multi_cell(0, 7, f"{section}. Section {section}", new_x="LMARGIN", new_y="NEXT")
        doc.set_font("Times", size=11)
        for _ in range(rng.randint(3, 6)):
            text = " ".join(sentence(rng, refs) for _ in range(rng.randint(4, 9)))
            on_page = sum(page == doc.page_no() for _, page, _ in notes)
            if rng.random() < 0.3 and on_page < MAX_NOTES - 1:
                # A footnote: the paragraph flows (ragged right) with a superscript marker
                # after its first sentence; the note goes to the foot of that page.
                first, _, rest = text.partition(". ")
                doc.write(5.5, first + ".")
                doc.char_vpos = "SUP"
                doc.write(5.5, str(len(notes) + 1))
                doc.char_vpos = "LINE"
                notes.append((len(notes) + 1, doc.page_no(), footnote(rng)))
                doc.write(5.5, " " + rest if rest else "")
                doc.ln(5.5)
            else:
                doc.multi_cell(0, 5.5, text, align="J", new_x="LMARGIN", new_y="NEXT")
            doc.ln(2.5)
    doc.set_font("Times", "B", 12)
    doc.multi_cell(0, 7, "References", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Times", size=10)
    for n in range(1, refs + 1):
        entry = (
            f"[{n}] {rng.choice(AUTHORS)}, {chr(65 + n % 26)}. "
            f"On {rng.choice(OBJECTS)}. Harbour Press, {rng.randint(1990, 2024)}."
        )
        doc.multi_cell(0, 5, entry, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=50)
    args = ap.parse_args()
    args.out.write_bytes(paper(args.pages))


if __name__ == "__main__":
    main()
