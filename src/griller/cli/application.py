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
    from griller.cli import (
        config_cmd,
        doctor_cmd,
        eval_cmd,
        forget_cmd,
        interview_cmd,
        models_cmd,
        review_cmd,
        stats_cmd,
    )

    app.command("interview", rich_help_panel="Practice")(interview_cmd.interview)
    app.command("stats", rich_help_panel="Practice")(stats_cmd.stats)
    app.command("forget", rich_help_panel="Setup")(forget_cmd.forget)
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


# Options whose value may be left out, and what an omitted value means.
OPTIONAL_VALUES = {("interview", "--continue"): "last", ("interview", "-c"): "last"}


def with_optional_values(argv: list[str]) -> list[str]:
    """Fill in omitted optional values (`interview --continue` means `--continue last`).

    Typer has no optional-value options, so the default is supplied before parsing.
    """
    command = next((a for a in argv if not a.startswith("-")), None)
    out: list[str] = []
    for i, arg in enumerate(argv):
        out.append(arg)
        default = OPTIONAL_VALUES.get((command or "", arg))
        if default is not None and (i + 1 == len(argv) or argv[i + 1].startswith("-")):
            out.append(default)
    return out


def main() -> None:
    import sys

    app(args=with_optional_values(sys.argv[1:]), prog_name="griller")
