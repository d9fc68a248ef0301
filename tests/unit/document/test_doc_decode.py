"""Loading files: every bad input is one clear InputError (exit 2); odd encodings decode."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from closeread.document import decode, load
from closeread.errors import InputError


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as info:
        load(tmp_path / "nope.txt")
    assert info.value.exit_code == 2
    assert "nope.txt" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        load(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", b"hello")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            load(path)
    finally:
        path.chmod(0o644)


def test_unreadable_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "secret.txt", b"hello")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError, match="permission denied") as info:
        load(path)
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), bytes(range(32)) * 20],
)
def test_binary(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        load(_write(tmp_path, "image.txt", data))


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n", codecs.BOM_UTF8 + b"\n"])
def test_empty_or_blank(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        load(_write(tmp_path, "empty.txt", data))


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="too large") as info:
        load(_write(tmp_path, "big.txt", b"word " * 100))
    assert "limit" in str(info.value)


def test_only_markup_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no readable text"):
        load(_write(tmp_path, "fm.md", b"---\ntitle: x\n---\n"))


def test_utf8_with_bom(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "bom.txt", codecs.BOM_UTF8 + "Caf\u00e9 au lait.".encode()))
    assert doc.text == "Caf\u00e9 au lait."
    assert doc.encoding == "utf-8-sig"
    assert doc.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le", "utf-16-be"])
def test_utf16_and_utf32(tmp_path: Path, encoding: str) -> None:
    text = "Na\u00efve r\u00e9sum\u00e9 \u201cquoted\u201d.\n\nSecond paragraph."
    doc = load(_write(tmp_path, "wide.txt", text.encode(encoding)))
    assert doc.text == text
    assert doc.encoding.startswith(encoding[:6])


def test_invalid_utf8_falls_back_to_cp1252_with_warning(tmp_path: Path) -> None:
    data = "\u201cSmart quotes\u201d and caf\u00e9 \u20ac5.".encode("cp1252")
    doc = load(_write(tmp_path, "legacy.txt", data))
    assert doc.text == "\u201cSmart quotes\u201d and caf\u00e9 \u20ac5."
    assert doc.encoding == "cp1252"
    assert any("cp1252" in w for w in doc.warnings)


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "odd.txt", b"abc \x81\x8d def and more words here"))
    assert doc.encoding == "latin-1"
    assert any("latin-1" in w for w in doc.warnings)
    assert "abc" in doc.text


def test_crlf_and_original_untouched(tmp_path: Path) -> None:
    data = b"First line\r\nsame paragraph.\r\n\r\nSecond.\r\n"
    path = _write(tmp_path, "crlf.txt", data)
    doc = load(path)
    assert doc.text == "First line same paragraph.\n\nSecond."
    assert path.read_bytes() == data


def test_escape_sequences_become_control_pictures(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "ansi.txt", b"plain \x1b[31mred\x1b[0m text.\x07"))
    assert "\x1b" not in doc.text and "\x07" not in doc.text
    assert doc.text == "plain \u241b[31mred\u241b[0m text.\u2407"


def test_markdown_chosen_by_suffix(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "a.md", b"# Heading\n\nBody text.\n"))
    assert doc.format == "markdown"
    assert doc.title == "Heading"
    assert [b.kind for b in doc.blocks] == ["title", "paragraph"]
