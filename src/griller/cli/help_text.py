"""Renders the top-level help exactly as Typer prints it at 80 columns; ``python -m griller.cli.help_text``
rewrites ``help.txt`` (``tests/cli/test_help_file.py`` fails when it is stale)."""

from __future__ import annotations

from pathlib import Path

HELP_FILE = Path(__file__).with_name("help.txt")


def render() -> str:
    from typer.testing import CliRunner

    from griller.cli.application import app
    from griller.cli.entry import HELP_WIDTH

    # Click wraps at the terminal width minus two when it reads the width itself (as in a real run).
    result = CliRunner().invoke(app, ["--help"], prog_name="griller", env={"COLUMNS": str(HELP_WIDTH)}, color=False,
                                terminal_width=HELP_WIDTH - 2)
    return result.output


if __name__ == "__main__":
    HELP_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {HELP_FILE}")
