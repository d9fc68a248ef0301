"""How long finding a document's notes takes in a notes folder of 1,000 files (issue 11).

    .venv/bin/python benchmarks/notes_lookup.py            # 1,000 files, median of 5
    .venv/bin/python benchmarks/notes_lookup.py -n 3000 -r 9

Builds a notes folder of N notes files (invented documents, 20 notes each, written by the
real store's YAML writer, each with its digest and fingerprint), then times
``closeread.notes.lookup.find_notes`` for the four cases of VISION §5 and
``NotesStore.open`` of the sample article. Prints a Markdown table. Timings stay out of
the test suite (machines are noisy); ``startup.py --notes-files N`` measures the reader's
first screen with such a folder.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from closeread.document import load
from closeread.notes import identity, schema
from closeread.notes.lookup import find_notes
from closeread.notes.model import DocumentRef, Note, Target
from closeread.notes.store import NotesStore
from closeread.paths import mark_workspace

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample" / "west-leverages-paris-attacks.txt"
WORDS = (  # noqa: SIM905 - easier to read as a sentence
    "harbour council budget river school ferry bridge mayor winter market railway museum "
    "tower garden library tunnel station festival hospital clinic orchard quarry canal "
    "village forest meadow glacier valley island lantern compass signal engine ledger"
).split()


def invented_text(seed: int, sentences: int = 60) -> str:
    rnd = random.Random(seed)
    return " ".join(
        f"The {' '.join(rnd.choices(WORDS, k=10))} stood still on day {i}."
        for i in range(sentences)
    )


def make_folder(folder: Path, count: int, notes_per_file: int = 20) -> None:
    """``count`` notes files of invented documents in ``folder`` (a marked workspace)."""
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)
    mark_workspace(folder)
    for i in range(count):
        text = invented_text(i)
        notes = []
        for k in range(notes_per_file):
            start = text.index(f"day {k}.")
            notes.append(
                Note(
                    f"n-{i:04x}{k:02x}",
                    "comment",
                    Target.from_span(text, start, start + 6),
                    body=f"note {k}",
                )
            )
        ref = DocumentRef(
            f"docs/doc-{i}.txt",
            f"Document {i}",
            hashlib.sha256(text.encode()).hexdigest(),
            identity.fingerprint(text),
        )
        data = schema.NotesData(ref, notes)
        (folder / f"doc-{i}.yaml").write_text(schema.dump(data), encoding="utf-8")


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--files", type=int, default=1000, help="notes files")
    parser.add_argument("-r", "--repeat", type=int, default=5, help="runs per measure")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="closeread-lookup-") as tmp:
        root = Path(tmp)
        os.environ["CLOSEREAD_CACHE_DIR"] = str(root / "cache")  # not the user's cache
        folder = root / "notes"
        t0 = time.perf_counter()
        make_folder(folder, args.files)
        built = time.perf_counter() - t0
        docs = root / "docs"
        docs.mkdir()
        # the document of doc-7.yaml, under its own name, renamed, and renamed + edited
        text = invented_text(7)
        (docs / "doc-7.txt").write_text(text)
        (docs / "renamed.txt").write_text(text)
        edited = text.replace("day 3.", "the third day.")
        (docs / "edited.txt").write_text(edited)
        sample = load(SAMPLE)

        def sha(t: str) -> str:
            import hashlib

            return hashlib.sha256(t.encode()).hexdigest()

        def fp(t: str) -> Callable[[], str]:
            return lambda: identity.fingerprint(t)

        cases = [
            (
                "same name, same text (no scan)",
                lambda: find_notes(docs / "doc-7.txt", sha(text), folder, fp(text)),
                "exact",
            ),
            (
                "renamed: scan, found by digest",
                lambda: find_notes(docs / "renamed.txt", sha(text), folder, fp(text)),
                "exact",
            ),
            (
                "renamed + edited: scan, fingerprint compared",
                lambda: find_notes(docs / "edited.txt", sha(edited), folder, fp(edited)),
                "new",
            ),
            (
                "a new document: scan, nothing similar",
                lambda: find_notes(SAMPLE, sample.sha256, folder, fp(sample.text)),
                "new",
            ),
            (
                "NotesStore.open of the sample (new document)",
                lambda: NotesStore.open(sample, folder),
                None,
            ),
        ]
        kib = sum(f.stat().st_size for f in folder.iterdir()) // 1024
        print(
            f"{args.files} notes files of 20 notes ({kib} KiB), "
            f"built in {built:.1f} s; median of {args.repeat} (min-max), ms\n"
        )
        print("| lookup | ms | range | result |")
        print("|---|---:|---|---|")
        for name, fn, expect in cases:
            result = fn()
            kind = getattr(result, "kind", None)
            if expect is not None and kind != expect:
                print(f"unexpected result for {name}: {result}", file=sys.stderr)
                return 1
            extra = ""
            if kind == "new" and getattr(result, "candidates", ()):
                c = result.candidates[0]  # type: ignore[union-attr]
                extra = f"; offers {c.entry.file.name} ({c.similarity:.0%})"
            med, lo, hi = median_ms(fn, args.repeat)
            print(f"| {name} | {med:.1f} | {lo:.1f}-{hi:.1f} | {kind or 'opened'}{extra} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
