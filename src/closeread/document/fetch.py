"""Reading a web page: fetch a URL once, keep a snapshot, read the snapshot ever after.

``open_url(url, folder)`` returns the path of the page's snapshot in ``folder`` (the
``snapshots/`` folder beside the notes): ``<name>.html`` (the bytes as served, or
``.pdf``/``.epub``), ``<name>.md`` (the document text the notes anchor to: the W3C export's
selectors are exact in it) and
``<name>.json`` (the URL, the address after redirects, content type, time fetched). A URL
with a snapshot is not fetched again, so the reading reopens offline and notes anchor to
a text that does not change under them. Everything is checked (reachable, not too big, a
page with readable text) before anything is written: a failure writes nothing.

The standard library's ``urllib`` is enough here (redirects, timeouts, proxies from the
environment); no HTTP library is added for one GET.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from closeread.errors import InputError

TIMEOUT = 20.0
"""Seconds to wait for the server (connect and each read)."""
MAX_BYTES = 20 * 1024 * 1024
"""Larger responses are refused."""
SNAPSHOTS = "snapshots"
_URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)
_CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/epub+zip": ".epub",
}
_SLUG = re.compile(r"[^a-z0-9]+")


def is_url(text: str) -> bool:
    """Whether a FILE argument is a web address (http or https)."""
    return bool(_URL.match(text))


def _slug(url: str) -> str:
    """A file name for the snapshot of ``url``: host and last path part, plus a hash."""
    rest = re.sub(r"^https?://(www\.)?", "", url.lower()).split("?")[0].split("#")[0]
    parts = [p for p in rest.split("/") if p]
    words = _SLUG.sub("-", "-".join(parts[:1] + parts[-1:])).strip("-")[:60] or "page"
    return f"{words}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"


def snapshot_url(path: Path) -> str:
    """The URL a snapshot file was fetched from; "" when ``path`` is not a snapshot."""
    record = path.with_suffix(".json")
    if path.parent.name != SNAPSHOTS or not record.is_file():
        return ""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and is_url(url) else ""


def find_snapshot(url: str, folder: Path) -> Path | None:
    """The snapshot of ``url`` in ``folder``, if one was taken."""
    stem = _slug(url)
    for suffix in (".html", ".pdf", ".epub"):
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file() and snapshot_url(candidate) == url:
            return candidate
    return None


def fetch(url: str, timeout: float | None = None) -> tuple[bytes, str, str]:
    """``(body, final URL, content type)`` of ``url``; ``InputError`` (one line) on failure.
    ``timeout`` (seconds) defaults to ``TIMEOUT``."""
    timeout = TIMEOUT if timeout is None else timeout
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url, headers={"User-Agent": "closeread (terminal reader)", "Accept": "text/html,*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            ctype = (response.headers.get_content_type() or "").lower()
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise InputError(_too_big(int(declared)), path=url)
            body = response.read(MAX_BYTES + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # urllib gives up on a loop, or after 10 redirects
            raise InputError(
                f"redirects in a loop or too many times (HTTP {exc.code}); the page was not read",
                path=url,
            ) from None
        said = " ".join(str(exc.reason).split())
        raise InputError(f"the server answered HTTP {exc.code} {said}", path=url) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise InputError(f"no answer within {timeout:g} s (timed out)", path=url) from None
        raise InputError(f"cannot reach the page ({reason}); offline?", path=url) from None
    except TimeoutError:
        raise InputError(f"no answer within {timeout:g} s (timed out)", path=url) from None
    except (OSError, ValueError) as exc:  # connection reset, bad URL, HTTP protocol errors
        raise InputError(f"cannot fetch the page: {exc}", path=url) from None
    if len(body) > MAX_BYTES:  # no Content-Length, or a wrong one: read up to the limit
        raise InputError(f"too large (more than the limit of {_size(MAX_BYTES)})", path=url)
    return body, final, ctype


def _too_big(size: int) -> str:
    return f"too large ({_size(size)}; the limit is {_size(MAX_BYTES)})"


def _size(n: int) -> str:
    """``n`` bytes in MB (one decimal), or in KB under a megabyte."""
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB"


def _suffix(ctype: str, body: bytes, url: str) -> str:
    if ctype in _CONTENT_TYPES:
        return _CONTENT_TYPES[ctype]
    from closeread.document.formats import sniff

    sniffed = sniff(None, body[:1024])
    if sniffed is not None:
        return "." + sniffed
    raise InputError(f"is not a web page (the server sent {ctype or 'no content type'})", path=url)


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def open_url(url: str, folder: Path, timeout: float | None = None) -> Path:
    """The snapshot of ``url`` in ``folder``: the one taken before, else a new one."""
    existing = find_snapshot(url, folder)
    if existing is not None:
        return existing
    body, final, ctype = fetch(url, timeout)
    if not body:
        raise InputError("the server sent an empty page", path=url)
    suffix = _suffix(ctype, body, url)
    from closeread.document.formats import extract
    from closeread.document.load import load_extracted

    extracted = extract(body, suffix[1:], None, url)  # raises for a page with no text
    text = load_extracted(extracted).text
    path = folder / f"{_slug(url)}{suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        record = {
            "url": url,
            "final_url": final,
            "content_type": ctype,
            "fetched": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sha256": hashlib.sha256(body).hexdigest(),
            "loader": extracted.loader,
        }
        _write_atomic(path.with_suffix(".md"), text.encode("utf-8"))
        _write_atomic(path.with_suffix(".json"), json.dumps(record, indent=2).encode() + b"\n")
        _write_atomic(path, body)  # last: a snapshot is complete once its page is there
    except OSError as exc:
        raise InputError(
            f"cannot save the snapshot in {folder}: {exc.strerror or exc}", path=url
        ) from None
    return path
