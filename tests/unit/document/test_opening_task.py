"""The child that lays a big document out also reads its cached analysis, or analyses the
text at once on a miss (``document.opening`` task, ``analysis.preload``): the reader gets
exactly the cached analysis or the pipeline's, never at the document's expense."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from closeread.analysis import analyze, child, preload
from closeread.analysis import cache as acache
from closeread.analysis.delta import LiveAnalysis, to_analysis
from closeread.document import load, opening
from closeread.notes.model import LinkCorrection, QuoteCorrection, SpanRef

pytestmark = pytest.mark.skipif(not hasattr(opening.os, "fork"), reason="needs fork")


def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.txt"
    paragraphs = [
        f"Paragraph {i}: the minister said that “the plan will work,” critics disagree."
        for i in range(1500)
    ]
    path.write_text("A Long Book\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > 3 * opening.HEAD_CHARS
    return path


def _data(doc: Any, an: Any) -> Any:
    return acache.to_data(an, doc.text)


def test_a_cached_analysis_comes_with_the_layout(tmp_path: Path) -> None:
    path = book(tmp_path)
    full = load(path)
    expected = acache.analyze_cached(full)  # fills the cache
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None and pending.pid is not None
    doc = pending.wait()
    assert doc.text == full.text
    got = preload.take(doc)
    assert got is not None and _data(doc, got) == _data(doc, expected)
    assert preload.take(doc) is None  # taken once


def test_without_an_entry_or_with_quote_corrections_the_worker_looks_itself(
    tmp_path: Path,
) -> None:
    path = book(tmp_path)
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is None  # nothing cached yet
    acache.analyze_cached(load(path))
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None
    doc = pending.wait()
    quote = QuoteCorrection(SpanRef("Paragraph 3", 0, 11))
    assert preload.take(doc, [quote]) is None
    assert _data(doc, analyze(doc)) == _data(doc, acache.analyze_cached(doc))


def test_a_failing_task_never_costs_the_document(tmp_path: Path) -> None:
    path = book(tmp_path)
    got: list[Any] = []

    def boom(doc: Any) -> Any:
        raise RuntimeError("no")

    _head, pending = opening.open_document(path, task=(boom, got.append))
    assert pending is not None
    assert pending.wait().text == load(path).text
    assert got and got[0]() is None


def _link(doc: Any) -> LinkCorrection:
    """Link the first claim to the last citation (an earlier claim changes at the end)."""
    an = analyze(doc)
    claim, cit = an.claims[0], an.citations[-1]
    assert cit.id not in claim.citations
    return LinkCorrection(
        SpanRef(claim.text, claim.start, claim.end), SpanRef(cit.quote, cit.start, cit.end)
    )


def _entries(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "cache").rglob(f"*{acache.SUFFIX}"))


def test_on_a_miss_the_layout_child_analyses_at_once(tmp_path: Path) -> None:
    """The child analyses the text it laid out; the reader's copy, fed its deltas, is the
    analysis with the notes' link corrections, and the cache gets the one without."""
    path = book(tmp_path)
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is None
    link = _link(doc)
    early = preload.early(doc)
    assert early is not None
    live = LiveAnalysis()
    for delta in child.follow_stream(doc, *early, [link]):
        live.apply(delta)
    assert live.analysis.complete
    assert _data(doc, live.analysis) == _data(doc, analyze(doc, [link]))
    assert preload.early(doc) is None  # taken once
    deadline = time.monotonic() + 60  # the child stores the analysis after its last delta
    while not _entries(tmp_path):
        assert time.monotonic() < deadline, "the child wrote no cache entry"
        time.sleep(0.05)
    cached = acache.load(acache.cache_key(doc), doc.text)
    assert cached is not None and _data(doc, cached) == _data(doc, analyze(doc))


def test_the_reader_stream_takes_the_early_analysis_or_runs_its_own(tmp_path: Path) -> None:
    path = book(tmp_path)
    for quotes in ([], [QuoteCorrection(SpanRef("Paragraph 3", 0, 11))]):
        _head, pending = opening.open_document(path, task=preload.task())
        assert pending is not None
        doc = pending.wait()
        link = _link(doc)
        got = to_analysis(child.reader_stream(doc, [link], quote_corrections=quotes))
        expected = analyze(doc, [link], quote_corrections=quotes)
        assert _data(doc, got) == _data(doc, expected)


def test_a_cancelled_reader_reads_nothing_more(tmp_path: Path) -> None:
    path = book(tmp_path)
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None
    doc = pending.wait()
    early = preload.early(doc)
    assert early is not None
    assert list(child.follow_stream(doc, *early, [], is_cancelled=lambda: True)) == []
    assert not _entries(tmp_path)  # it left without storing a half analysis


def test_the_full_document_holds_no_copy_of_the_files_bytes(tmp_path: Path) -> None:
    """The source exports point into is read again when asked (a 50 MB book's bytes are
    not held while it is read); if the file changed meanwhile, the text itself."""
    path = tmp_path / "book.txt"
    body = "\n\n".join(f"Paragraph {i}: the minister\nsaid so.   " for i in range(4000))
    path.write_bytes(("A Long Book\n\n\n\n" + body + "\n").encode("utf-8"))
    assert path.stat().st_size > 3 * opening.HEAD_CHARS
    kept = load(path)
    assert kept.source != kept.text  # (the layout changed the text: a real test)
    _head, pending = opening.open_document(path)
    assert pending is not None and pending.pid is not None
    doc = pending.wait()
    assert pending.data == b""
    assert doc.source_text is None
    assert doc.source == kept.source
    assert doc.to_source(100, 120) == kept.to_source(100, 120)
    _head, pending = opening.open_document(path)
    assert pending is not None
    changed = pending.wait()
    path.write_bytes(b"Something else entirely.\n")
    assert changed.source == changed.text


def _upper(text: str) -> str:
    return f"{len(text)}:{text[:12].upper()}"


def test_after_a_hit_the_child_computes_on_hit_for_the_reader(tmp_path: Path) -> None:
    """``task(on_hit)``: the child that handed a cached analysis over computes
    ``on_hit(text)`` (the notes file's fingerprint, in the reader) and the reader reads it
    once; nothing on a miss, nothing after ``drop_early``."""
    path = book(tmp_path)
    full = load(path)
    acache.analyze_cached(full)
    _head, pending = opening.open_document(path, task=preload.task(_upper))
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is not None
    assert preload.hit_extra() == _upper(full.text)
    assert preload.hit_extra() is None  # once

    _head, pending = opening.open_document(path, task=preload.task(_upper))
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is not None
    preload.drop_early()  # the reader ran the analysis itself (corrections): let it go
    assert preload.hit_extra() is None


def test_on_a_miss_nothing_extra_comes(tmp_path: Path) -> None:
    path = book(tmp_path)
    _head, pending = opening.open_document(path, task=preload.task(_upper))
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is None
    assert preload.hit_extra() is None
    preload.drop_early()


def test_the_child_analyses_only_once_the_reader_drew_its_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a miss the layout child waits for ``preload.first_frame`` (the reader's first
    frame drawn) before it analyses: its analysis does not take the CPU that frame needs;
    it then streams the same analysis."""
    import select

    monkeypatch.setattr(preload, "GO_WAIT", 60.0)  # (the child is forked with it)
    path = book(tmp_path)
    _head, pending = opening.open_document(path, task=preload.task())
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is None
    early = preload.early(doc)
    assert early is not None
    frames = early[0]
    assert select.select([frames], [], [], 1.5)[0] == []  # nothing analysed yet
    preload.first_frame()
    assert select.select([frames], [], [], 60)[0] == [frames]
    live = LiveAnalysis()
    for delta in child.follow_stream(doc, *early, []):
        live.apply(delta)
    assert live.analysis.complete
    assert _data(doc, live.analysis) == _data(doc, analyze(doc))


def test_after_a_hit_the_child_computes_its_extra_once_the_analysis_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After handing a cached analysis over, the child computes ``on_hit``'s result (the
    notes' fingerprint) only once the reader says the analysis is on screen
    (``preload.shown``), not while the reader draws its first frame and panels."""
    import select

    monkeypatch.setattr(preload, "SHOWN_WAIT", 60.0)  # (the child is forked with it)
    path = book(tmp_path)
    acache.analyze_cached(load(path))
    _head, pending = opening.open_document(path, task=preload.task(lambda text: "fp"))
    assert pending is not None
    doc = pending.wait()
    assert preload.take(doc) is not None
    extra = preload._extra[0]
    preload.first_frame()  # the first frame is not enough
    assert select.select([extra], [], [], 1.5)[0] == []
    preload.shown()
    assert preload.hit_extra() == "fp"
