"""What every command shares: consoles, settings, the rubric, and failing with a clear message."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from griller.config import Settings
    from griller.domain.rubric import Rubric

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``griller: error: ...`` to stderr (escaped: messages can quote user text) and exit.

    One line however long: a path or message is never hard-wrapped at the terminal width.
    """
    from rich.markup import escape

    stderr().print(f"[red]griller: error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


def settings() -> Settings:
    from griller.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        fail(str(exc))


def rubric(config: Settings) -> Rubric:
    from griller.domain.rubric import RubricError, load_rubric

    try:
        return load_rubric(config.rubric_path())
    except RubricError as exc:
        fail(f"rubric: {exc}")
