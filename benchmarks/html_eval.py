"""Main-content extraction from saved web pages: closeread against the libraries, one run.

    python benchmarks/html_eval.py [CORPUS_DIR]     (default: ../shared/corpus/html/dev)
    python benchmarks/html_eval.py --articles DIR   (a held-out set: see below)

Scores every system with the tokeniser, F1 and title rule of
``shared/tools/score_html_extraction.py`` (imported from there, so the numbers are the
scorer's), in this process: the time column is extraction time per page, without the
start of a process. Prints a Markdown table for the README.

``--articles DIR`` scores a held-out set never used to develop the extraction: the 181
news and blog articles of Zyte's article-extraction-benchmark (github.com/scrapinghub/
article-extraction-benchmark, MIT; ``DIR`` holds its ``ground-truth.json`` and
``html/*.html.gz``, as in the repository). Its gold is the article body a person marked
(no title, no captions), so its numbers are not comparable with dev's, only the systems
with each other; it has no titles to score.
"""

from __future__ import annotations

import importlib.util
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "score_html", SHARED / "tools" / "score_html_extraction.py"
    )
    if spec is None or spec.loader is None:
        raise SystemExit("shared/tools/score_html_extraction.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def closeread_system(data: bytes) -> tuple[str, str]:
    from closeread.document.html_loader import extract_html

    ext = extract_html(data)
    return ext.text, ext.title


def closeread_default_system(data: bytes) -> tuple[str, str]:
    """closeread as a plain install has it: without trafilatura (the ``html`` extra)."""
    from closeread.document import html_loader

    fallback = html_loader._trafilatura
    html_loader._trafilatura = lambda html, base, path: ""
    try:
        return closeread_system(data)
    finally:
        html_loader._trafilatura = fallback


def trafilatura_system(data: bytes) -> tuple[str, str]:
    import trafilatura

    html = data.decode("utf-8", errors="replace")
    text = trafilatura.extract(html, output_format="markdown", include_links=True) or ""
    meta = trafilatura.extract_metadata(html)
    return text, (meta.title or "") if meta is not None else ""


def readability_system(data: bytes) -> tuple[str, str]:
    import lxml.html
    from readability import Document

    doc = Document(data.decode("utf-8", errors="replace"))
    summary = doc.summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content(), doc.short_title()


def strip_tags_system(data: bytes) -> tuple[str, str]:
    html = data.decode("utf-8", errors="replace")
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    title = re.search(r"(?is)<title[^>]*>(.*?)</title>", html)
    return re.sub(r"<[^>]+>", " ", html), title.group(1).strip() if title else ""


SYSTEMS: dict[str, Callable[[bytes], tuple[str, str]]] = {
    "closeread with `[html]` (readability-lxml + trafilatura fallback)": closeread_system,
    "closeread, plain install (readability-lxml)": closeread_default_system,
    "trafilatura alone (markdown, links)": trafilatura_system,
    "readability-lxml alone": readability_system,
    "strip all tags": strip_tags_system,
}


Page = tuple[str, Callable[[], bytes], str, str]
"""name, the page's bytes (read when scored), gold text, gold title ("" when none)."""


def dev_pages(corpus: Path) -> list[Page]:
    pages = sorted(p for p in corpus.iterdir() if (p / "expected.txt").is_file())
    return [
        (
            p.name,
            (p / "source.html").read_bytes,
            (p / "expected.txt").read_text(encoding="utf-8"),
            json.loads((p / "expected-metadata.json").read_text(encoding="utf-8")).get("title")
            or "",
        )
        for p in pages
    ]


def article_pages(folder: Path) -> list[Page]:
    """The pages of Zyte's article-extraction-benchmark (``--articles``)."""
    import gzip

    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for key, item in sorted(truth.items()):
        plain, packed = folder / "html" / f"{key}.html", folder / "html" / f"{key}.html.gz"
        read = (
            plain.read_bytes
            if plain.exists()
            else (lambda f=packed: gzip.decompress(f.read_bytes()))
        )
        pages.append((key, read, item.get("articleBody") or "", ""))
    return pages


def main() -> int:
    args = sys.argv[1:]
    articles = args[:1] == ["--articles"]
    corpus = Path(args[-1]) if args else SHARED / "corpus" / "html" / "dev"
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    sc = _scorer()
    pages = article_pages(corpus) if articles else dev_pages(corpus)
    print(f"{len(pages)} pages of {corpus}\n")
    print("| system | mean F1 | P | R | titles | ms/page |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, system in SYSTEMS.items():
        f1s, ps, rs, titles, times = [], [], [], 0, []
        for page, read, gold_text, gold_title in pages:
            data = read()
            gold = sc.tokens(gold_text)
            t0 = time.perf_counter()
            try:
                text, title = system(data)
            except Exception as exc:  # a library failing on a page scores 0 there
                print(f"  {name}: {page}: {exc}", file=sys.stderr)
                text, title = "", ""
            times.append(time.perf_counter() - t0)
            p, r, f = sc.prf(sc.tokens(sc._MD_DEST.sub("]", text)), gold)
            ps.append(p)
            rs.append(r)
            f1s.append(f)
            titles += bool(gold_title) and sc.title_match(title, gold_title)
        title_cell = "—" if articles else f"{titles}/{len(pages)}"
        print(
            f"| {name} | {statistics.fmean(f1s):.3f} | {statistics.fmean(ps):.3f} | "
            f"{statistics.fmean(rs):.3f} | {title_cell} | "
            f"{1000 * statistics.fmean(times):.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
