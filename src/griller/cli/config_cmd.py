"""``griller config``: where settings live, what they are, and a commented starting file."""

from __future__ import annotations

from typing import Annotated

import typer

from griller.cli.common import fail, settings, stdout

app = typer.Typer(help="Show or create griller's configuration.", no_args_is_help=True)


@app.command("path")
def path() -> None:
    """Print the config file path (GRILLER_CONFIG overrides it)."""
    from griller import paths

    typer.echo(str(paths.config_file()))


@app.command("show")
def show(
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Print the effective settings: defaults, then the file, then GRILLER_* variables."""
    import json

    from griller import paths

    config = settings()
    data = config.model_dump(mode="json")
    data["effective"] = {
        "config_file": str(paths.config_file()),
        "config_file_exists": paths.config_file().is_file(),
        "db": str(config.db_path()),
        "rubrics": str(config.rubric_path()),
        "prompts": str(config.prompts_path()),
    }
    if json_out:
        typer.echo(json.dumps(data, indent=2))
        return
    from rich.syntax import Syntax

    stdout().print(Syntax(json.dumps(data, indent=2), "json", theme="ansi_dark", background_color="default"))


@app.command("init")
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented config file with every setting at its default."""
    from griller import paths
    from griller.config import render_example

    target = paths.config_file()
    if target.exists() and not force:
        fail(f"{target} already exists (use --force to overwrite)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_example(), encoding="utf-8")
    typer.echo(f"wrote {target}")
