"""``griller doctor``: what works on this machine, and how to fix what does not."""

from __future__ import annotations

from typing import Annotated

import typer

from griller.cli.common import stdout


def doctor(
    json_out: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
) -> None:
    """Check settings, rubric, database and optional extras, with a fix for each problem."""
    import json

    from rich.table import Table
    from rich.text import Text

    from griller.coach.doctor import run_checks

    checks = run_checks()
    if json_out:
        typer.echo(json.dumps([c.as_dict() for c in checks], indent=2))
    else:
        table = Table(title="griller doctor", title_justify="left")
        for column in ("check", "status", "detail", "fix"):
            table.add_column(column, overflow="fold")
        for c in checks:
            status = {"ok": "[green]ok[/green]", "missing": "[yellow]missing[/yellow]", "error": "[red]error[/red]"}[
                c.status
            ]
            table.add_row(Text(c.name), Text.from_markup(status), Text(c.detail), Text(c.fix or ""))
        stdout().print(table)
    if any(c.status == "error" for c in checks):
        raise typer.Exit(1)
