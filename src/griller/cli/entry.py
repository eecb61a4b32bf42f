"""The console entry point, kept light for the two commands where start-up shows.

- The top-level ``--help`` is served from a file generated from the real Typer app (``help.txt``;
  a test regenerates it and fails on any difference): a Python start-up rather than importing Typer
  and every command module.
- ``griller interview`` on a terminal paints its loading frame (``tui.splash``) before Typer and
  Textual are imported, which is most of the half second before the app can draw.
"""

from __future__ import annotations

import os
import sys

HELP_WIDTH = 80


def main() -> None:
    args = sys.argv[1:]
    if args in (["--help"], ["-h"]) and _wide_enough():
        try:
            with open(os.path.join(os.path.dirname(__file__), "help.txt"), encoding="utf-8") as fh:
                sys.stdout.write(fh.read())
            return
        except OSError:
            pass  # a broken install: let Typer render it
    from griller.tui import splash

    if splash.wanted(args):
        splash.show()
    from griller.cli.application import main as run

    run()


def _wide_enough() -> bool:
    """The stored help is wrapped at 80 columns; narrower terminals get Typer's own rendering."""
    if not sys.stdout.isatty():
        return True
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns >= HELP_WIDTH
    except OSError:
        return True
