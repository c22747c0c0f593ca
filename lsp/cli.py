"""The `specls` command line: `check` (lint specs for CI), `plan` (generate or update plan.md), `serve`
(the language server). Each subcommand lives in its own module and is imported only when used, so
`specls check` never pays for pygls.

Exit codes: 0 success, 1 findings at or above `--fail-on` (check) or a missing/stale plan (plan --check),
2 usage or I/O errors.
"""

from __future__ import annotations

import argparse
import sys

from analysis import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specls", description="Language server and CLI for spec files (spec-kit, OpenSpec, Kiro).")
    parser.add_argument("--version", action="version", version=f"specls {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    from lsp import check_command, plan_command, serve_command

    check_command.add_arguments(commands.add_parser("check", help="check spec files and report findings",
                                                    description="Check spec files (spec-kit, OpenSpec, Kiro) and report findings."))
    plan_command.add_arguments(commands.add_parser("plan", help="generate or update the backend plan of a spec",
                                                   description="Infer a backend architecture plan from a spec and print or write plan.md."))
    serve_command.add_arguments(commands.add_parser("serve", help="run the language server",
                                                    description="Run the specls language server (stdio by default)."))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["serve"]:
        # The language server must answer `initialize` fast: do not import the other subcommands (and the whole
        # analysis core with them); the server loads the core itself right after initializing.
        from lsp import serve_command

        parser = argparse.ArgumentParser(prog="specls serve", description="Run the specls language server (stdio by default).")
        serve_command.add_arguments(parser)
        args = parser.parse_args(argv[1:])
        args.command = "serve"
    else:
        parser = build_parser()
        args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
