"""`specls serve`: start the language server on stdio (default) or TCP."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default)")
    parser.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP address instead of stdio, e.g. 127.0.0.1:2087")
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"],
                        help="level of the log written to stderr (default: warning)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import logging
    import sys

    logging.basicConfig(stream=sys.stderr, level=getattr(logging, args.log_level.upper()))
    from lsp.server import create_server

    server = create_server()
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not port.isdigit():
            print(f"specls serve: --tcp expects HOST:PORT, got {args.tcp!r}", file=sys.stderr)
            return 2
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
    return 0
