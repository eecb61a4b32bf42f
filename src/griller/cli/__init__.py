"""The ``griller`` command line (Typer). Commands are thin: parse, call a service, render."""

from griller.cli.app import app, main

__all__ = ["app", "main"]
