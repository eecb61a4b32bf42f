"""The stored top-level help (served without importing Typer) must equal Typer's own rendering."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from griller.cli.help_text import HELP_FILE, render


def test_stored_help_matches_the_live_app() -> None:
    assert HELP_FILE.read_text(encoding="utf-8") == render(), (
        "src/griller/cli/help.txt is stale: run `python -m griller.cli.help_text`"
    )


def test_help_is_served_without_importing_typer() -> None:
    code = (
        "import sys; sys.argv = ['griller', '--help']\n"
        "from griller.cli import main; main()\n"
        "print('TYPER' if 'typer' in sys.modules else 'NO-TYPER')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.rstrip().endswith("NO-TYPER")
    assert out.startswith(Path(HELP_FILE).read_text(encoding="utf-8")[:40])
