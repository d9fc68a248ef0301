"""Cache hints: whether a file's plain analysis was cached, from its path, size and time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from closeread.analysis import cache as acache
from closeread.analysis import cache_hint, preload
from closeread.document import load
from closeread.notes.model import QuoteCorrection, SpanRef


def test_a_hint_holds_for_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.\n", encoding="utf-8")
    assert not cache_hint.hinted(path)
    cache_hint.leave(path)
    assert cache_hint.hinted(path)
    assert cache_hint.hinted(tmp_path / "." / "a.txt")  # the same file by another name
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # touched
    assert not cache_hint.hinted(path)
    cache_hint.leave(path)
    path.write_text("Some other text.\n", encoding="utf-8")  # edited, at the same time
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert not cache_hint.hinted(path)
    copy = tmp_path / "b.txt"
    shutil.copy2(path, copy)
    assert not cache_hint.hinted(copy)


def test_no_file_or_no_folder_is_no_hint_and_no_error(tmp_path: Path) -> None:
    assert not cache_hint.hinted(None)
    assert not cache_hint.hinted(tmp_path / "missing.txt")
    cache_hint.leave(tmp_path / "missing.txt")  # nothing to say, nothing raised
    path = tmp_path / "a.txt"
    path.write_text("x\n", encoding="utf-8")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    cache_hint.leave(path, blocked / "hints")  # cannot be written: ignored
    assert not cache_hint.hinted(path, blocked / "hints")


def test_the_oldest_hints_go_above_the_cap(tmp_path: Path) -> None:
    folder = tmp_path / "hints"
    paths = []
    for i in range(6):
        p = tmp_path / f"f{i}.txt"
        p.write_text(f"{i}\n", encoding="utf-8")
        cache_hint.leave(p, folder)
        hint = folder / (cache_hint._name(p) or "")
        os.utime(hint, ns=(i * 10**9, i * 10**9))  # made in this order
        paths.append(p)
    cache_hint.trim(folder, max_hints=4)
    assert [cache_hint.hinted(p, folder) for p in paths] == [False, False, True, True, True, True]


def test_the_cache_leaves_a_hint_for_a_plain_analysis_only(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        'Title\n\n"We will not stop," said Jane Smith, the mayor.\n\nMore text here.\n',
        encoding="utf-8",
    )
    doc = load(path)
    quote = QuoteCorrection(SpanRef("We will not stop", 8, 24), "remove")
    acache.analyze_cached(doc, quote_corrections=[quote])
    assert not cache_hint.hinted(path)  # another entry: the reader's plain one is missing
    acache.analyze_cached(doc)
    assert cache_hint.hinted(path)
    shutil.rmtree(cache_hint.hint_dir())
    acache.analyze_cached(doc)  # a hit leaves it again
    assert cache_hint.hinted(path)
    shutil.rmtree(cache_hint.hint_dir())
    # The layout child's look-up (``preload``) leaves it on a hit, and says it then.
    assert not preload.likely_hit(doc)
    digest, body = preload._compute(doc)
    assert digest == doc.sha256 and body is not None
    assert preload.likely_hit(doc)


def test_a_miss_leaves_no_hint(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Title\n\nPlain words only.\n", encoding="utf-8")
    doc = load(path)
    assert preload._compute(doc)[1] is None
    assert not preload.likely_hit(doc)
