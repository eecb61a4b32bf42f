"""The ``griller`` command line (Typer). Commands are thin: parse, call a service, render.

Importing this package is cheap: the Typer app is built only when a command runs (``app`` is
loaded on first access), so ``griller --help`` can answer without importing Typer at all.
"""

from __future__ import annotations

from typing import Any


def main() -> None:
    from griller.cli.entry import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        from griller.cli.application import app

        return app
    raise AttributeError(name)


__all__ = ["app", "main"]
