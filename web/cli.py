"""The ``kgqa`` command: thin shells over the library calls, one clear line per error."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from ingest.errors import IngestError

# Modules that add their own subcommands: each has ``register(subparsers)``; a command's
# handler raises a named exception, which ``main`` turns into one line on stderr.
COMMAND_MODULES = ["web.cli_ingest", "web.cli_graph", "web.cli_store", "web.cli_qa", "web.cli_build", "web.cli_serve"]


class CommandError(Exception):
    """A command failed for a reason the user can fix; the message is the one line printed."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="kgqa",
        description="Knowledge-graph question answering over committee reports. "
                    "With no PATH, every command works on the bundled London Assembly report.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that area is not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args) or 0
    except (IngestError, CommandError) as exc:
        print(f"kgqa {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kgqa {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"kgqa {args.command}: error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "),
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    # Run as web.cli, not as __main__: the commands raise web.cli.CommandError, which main() must recognise.
    from web.cli import main as cli_main

    sys.exit(cli_main())
