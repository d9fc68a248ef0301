"""``closeread --serve [FILE] [--port N] [--notes-dir DIR]``: the reader in a browser tab.

textual-serve runs ``python -m closeread FILE`` for each browser tab and relays its terminal
over a websocket. It listens on 127.0.0.1 only: the reader writes notes files on this
machine, so no other machine may drive it (there is no option for another interface).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from closeread.cli_parser import UsageError, file_path

HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve_command(path: Path, notes_dir: Path | None) -> str:
    """The shell command textual-serve runs for each browser tab."""
    argv = [sys.executable, "-m", "closeread"]
    if notes_dir is not None:
        argv += ["--notes-dir", str(notes_dir.resolve())]
    argv += ["--", str(path.resolve())]
    return shlex.join(argv)


def parse_serve(argv: list[str]) -> tuple[Path | None, int, Path | None]:
    """``(file, port, notes dir)`` from the arguments (``--serve`` among them)."""
    from closeread.cli_parser import _parser

    p = _parser(prog="closeread --serve", description="Serve the reader on localhost.")
    p.add_argument("--serve", action="store_true", required=True)
    p.add_argument("file", type=file_path, nargs="?", metavar="FILE")
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port on {HOST} (default {DEFAULT_PORT})",
    )
    p.add_argument("--notes-dir", type=Path, default=None, metavar="DIR")
    args = p.parse_args(argv)
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: not a port number (1-65535)")
    return args.file, args.port, args.notes_dir


def cmd_serve(path: Path, port: int, notes_dir: Path | None) -> int:
    """Serve ``path`` until ctrl+c; the caller has checked that it is readable."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError("--serve needs textual-serve: pip install textual-serve") from None
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise UsageError(
                f"port {port} is in use on {HOST}: choose another with --port"
            ) from None
    server = Server(serve_command(path, notes_dir), host=HOST, port=port, title="closeread")
    print(f"closeread: serving {path} at http://{HOST}:{port} (ctrl+c stops)", flush=True)
    server.serve()
    return 0
