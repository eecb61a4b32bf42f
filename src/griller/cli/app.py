"""The Typer application and its command registry. Heavy modules are imported inside commands."""

from __future__ import annotations

from typing import Annotated

import typer

from griller import __version__

app = typer.Typer(
    name="griller",
    help=(
        "Grill yourself before the interview does.\n\n"
        "griller asks questions grounded in your résumé, grades every answer on a published rubric, "
        "quotes the words behind each score, and follows up on the gaps. It runs fully offline "
        "with its built-in grader; a local or remote model makes it sharper.\n\n"
        "Start with `griller review answers.jsonl` to grade transcripts, or `griller doctor` to see what works here."
    ),
    rich_markup_mode=None,  # plain help: Rich's help renderer alone costs ~170 ms of start-up
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"griller {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Grill yourself before the interview does."""


def _register() -> None:
    from griller.cli import config_cmd, doctor_cmd, eval_cmd, models_cmd, review_cmd

    app.command("review", rich_help_panel="Practice")(review_cmd.review)
    app.command("eval", rich_help_panel="Measure")(eval_cmd.eval_command)
    app.add_typer(config_cmd.app, name="config", rich_help_panel="Setup")
    app.command("doctor", rich_help_panel="Setup")(doctor_cmd.doctor)
    app.add_typer(models_cmd.app, name="models", rich_help_panel="Setup")
    from griller.cli import ingest_cmd, match_cmd

    app.command("ingest", rich_help_panel="Prepare")(ingest_cmd.ingest)
    app.command("match", rich_help_panel="Prepare")(match_cmd.match)
    app.command("plan", rich_help_panel="Prepare")(match_cmd.plan)


_register()


def main() -> None:
    app()
