"""``griller ingest``: résumés and job descriptions in; ``--list`` and ``--remove`` to manage them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from griller.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, fail, settings, stderr, stdout

if TYPE_CHECKING:
    import sqlite_utils

    from griller.coach.ingesting import IngestResult

DbOption = Annotated[
    str | None, typer.Option("--db", help="SQLite database file (default: the data dir; GRILLER_DB).", metavar="PATH")
]


def open_database(db: str | None) -> tuple[sqlite_utils.Database, Path]:
    from griller.store.db import StoreError, open_db

    path = settings().db_path(db)
    try:
        return open_db(path), path
    except StoreError as exc:
        fail(str(exc))


def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Résumé files: PDF, Markdown (.md), plain text (.txt) or JSON Resume (.json).", show_default=False
        ),
    ] = None,
    job: Annotated[
        list[Path] | None,
        typer.Option("--job", help="A job description (text, Markdown or PDF). Repeatable.", metavar="PATH"),
    ] = None,
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume", help="With --job: also print the match against this ingested résumé (id or path).", metavar="ID"
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the parsed documents as JSON.")] = False,
    list_docs: Annotated[bool, typer.Option("--list", help="List ingested documents.")] = False,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", help="Remove a document (rows and vectors) by id. Repeatable.", metavar="ID"),
    ] = None,
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or warnings on stderr.")] = False,
) -> None:
    """Ingest résumés and job descriptions: parse them into a profile (roles, bullets as claims,
    skills), store them with their sha256 (ingesting the same file again updates it), and index
    them for hybrid search (SQLite FTS5 + offline MiniLM vectors in ChromaDB).

    Exit codes: 0 all ingested, 1 some files failed, 2 bad input or usage.

    \b
    Examples:
      griller ingest resume.pdf
      griller ingest resume.pdf --job jd.txt
      griller ingest --list
      griller ingest --remove res-1a2b3c4d
    """
    paths, job = paths or [], job or []
    if sum(bool(x) for x in (paths or job, list_docs, remove)) > 1:
        fail("use files, --list or --remove, one at a time")
    database, db_path = open_database(db)
    if list_docs:
        _list(database, json_out)
        return
    if remove:
        _remove(database, db_path, remove)
        return
    if not paths and not job:
        fail("nothing to ingest: name résumé files, or --job FILE (see griller ingest --help)")
    if resume and not job:
        fail("--resume goes with --job: it names the résumé to match the job against")
    results, failures = _run(database, db_path, [(p, "resume") for p in paths] + [(p, "job") for p in job], quiet)
    _print_results(results, json_out, quiet)
    if job and (resume or any(r.kind == "resume" for r in results)) and results:
        _print_matches(database, db_path, results, resume, json_out)
    if failures and not results:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)


def _run(
    database: sqlite_utils.Database, db_path: Path, todo: list[tuple[Path, str]], quiet: bool
) -> tuple[list[IngestResult], list[str]]:
    from griller.coach.ingesting import Ingestor
    from griller.ingest.errors import IngestError

    ingestor = Ingestor(database, db_path)
    err = stderr()
    results, failures = [], []
    progress = None
    if len(todo) > 1 and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        progress = Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
        )
        progress.start()
    task = progress.add_task("", total=len(todo)) if progress else None
    try:
        for path, kind in todo:
            if progress is not None and task is not None:
                progress.update(task, description=path.name)
            try:
                results.append(ingestor.ingest(path, kind))  # type: ignore[arg-type]
            except IngestError as exc:
                failures.append(str(exc))
                _error(err, str(exc))
            if progress is not None and task is not None:
                progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()
    if len(todo) == 1 and failures:
        raise typer.Exit(EXIT_USAGE)  # the one line is already printed
    return results, failures


def _error(err: object, message: str) -> None:
    from rich.markup import escape

    # soft_wrap: a long path must not be broken into several lines when stderr is a pipe.
    err.print(f"[red]griller: error:[/red] {escape(message)}", soft_wrap=True)  # type: ignore[attr-defined]


def _print_results(results: list[IngestResult], json_out: bool, quiet: bool) -> None:
    from griller.cli.ingest_view import render_result

    err = stderr()
    if not quiet:
        from rich.markup import escape

        for warning in dict.fromkeys(w for r in results for w in r.warnings):
            err.print(f"[yellow]warning:[/yellow] {escape(warning)}", soft_wrap=True)
    if json_out:
        payload = [r.public() for r in results]
        sys.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n")
        return
    out = stdout()
    for result in results:
        render_result(out, result)


def _print_matches(
    database: sqlite_utils.Database, db_path: Path, results: list[IngestResult], resume: str | None, json_out: bool
) -> None:
    from griller.cli.ingest_view import render_match
    from griller.coach.library import LibraryError, resolve
    from griller.coach.matching import match_documents

    try:
        resume_id = (
            resolve(database, resume, "resume")
            if resume
            else next(r.document_id for r in results if r.kind == "resume")
        )
    except LibraryError as exc:
        fail(str(exc))
    for result in (r for r in results if r.kind == "job"):
        report, mode = match_documents(database, db_path, resume_id, result.document_id)
        if json_out:
            sys.stdout.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        else:
            render_match(stdout(), report, mode)


def _list(database: sqlite_utils.Database, json_out: bool) -> None:
    from griller.store.documents import list_documents

    docs = list_documents(database)
    if json_out:
        sys.stdout.write(json.dumps(docs, ensure_ascii=False, indent=2) + "\n")
        return
    from griller.cli.ingest_view import render_list

    render_list(stdout(), docs)


def _remove(database: sqlite_utils.Database, db_path: Path, refs: list[str]) -> None:
    from griller.coach.ingesting import Ingestor
    from griller.store.documents import resolve_id

    ingestor = Ingestor(database, db_path)
    ids = []
    for ref in refs:
        found = resolve_id(database, ref)
        if found is None:
            fail(f"no document {ref!r}; see griller ingest --list")
        ids.append(found)
    out = stdout()
    for document_id in ids:
        _, note = ingestor.remove(document_id)
        out.print(f"removed {document_id}" + (f" ({note})" if note else ""))
