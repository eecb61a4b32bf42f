"""``griller forget``: really delete sessions or documents (rows, vectors and files)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from griller.cli.common import EXIT_USAGE, fail, settings, stderr, stdout


def forget(
    session: Annotated[
        str | None, typer.Argument(help="A session id (or prefix), or `last`.", show_default=False)
    ] = None,
    resume: Annotated[
        str | None, typer.Option("--resume", help="Forget an ingested résumé or job description (id or path).")
    ] = None,
    all_data: Annotated[
        bool, typer.Option("--all", help="Delete the whole database, vector index and recordings.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (for scripts).")] = False,
    db: Annotated[
        Path | None, typer.Option("--db", help="Database file (default: GRILLER_DB or the data dir).")
    ] = None,
) -> None:
    """Delete what griller stored about you. Nothing is kept: rows, vectors and recordings go."""
    from griller.coach.forgetting import ForgetError, forget_all, forget_document, forget_session

    if sum(bool(x) for x in (session, resume, all_data)) != 1:
        fail("say what to forget: a SESSION id, --resume ID, or --all", EXIT_USAGE)
    config = settings()
    path = config.db_path(db)
    what = (
        "EVERYTHING griller stored (database, vectors, recordings)"
        if all_data
        else (f"session {session}" if session else f"document {resume}")
    )
    if not yes:
        if not typer.confirm(f"Really delete {what}?", default=False, err=True):
            stderr().print("nothing deleted")
            raise typer.Exit(1)
    try:
        if all_data:
            removed = forget_all(path)
        elif session:
            removed = forget_session(path, session)
        else:
            removed = forget_document(path, resume or "")
    except ForgetError as exc:
        fail(str(exc))
    stdout().print(f"deleted {removed}", markup=False)
