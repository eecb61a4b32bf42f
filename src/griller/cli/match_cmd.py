"""``griller match`` and ``griller plan``: a résumé against a job, and the questions to ask."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from griller.cli.common import fail, rubric, settings, stderr, stdout
from griller.cli.ingest_cmd import DbOption, open_database

if TYPE_CHECKING:
    import sqlite_utils

ResumeOption = Annotated[
    str, typer.Option("--resume", help="Résumé: an ingested id (or prefix) or a file path.", metavar="ID|PATH")
]


def _document(database: sqlite_utils.Database, db_path: Path, ref: str, kind: Literal["resume", "job"]) -> str:
    """An id for ``ref``; a file that was never ingested is ingested first."""
    from griller.coach.ingesting import Ingestor
    from griller.coach.library import LibraryError, resolve
    from griller.ingest.errors import IngestError

    path = Path(ref).expanduser()
    if path.is_file():
        # A file: use the stored document with the same content, else ingest (or update) it now.
        import hashlib

        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        row = database.execute("select id from documents where sha256 = ? and kind = ?", [digest, kind]).fetchone()
        if row:
            return str(row[0])
    else:
        try:
            return resolve(database, ref, kind)
        except LibraryError as exc:
            fail(str(exc))
    try:
        result = Ingestor(database, db_path).ingest(Path(ref), kind)
    except IngestError as exc:
        fail(str(exc))
    stderr().print(f"ingested {ref} as {result.document_id}")
    return result.document_id


def match(
    resume: ResumeOption,
    job: Annotated[
        str, typer.Option("--job", help="Job description: an ingested id or a file path.", metavar="ID|PATH")
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print the match report as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Score a résumé against a job description: each requirement matched (quoting the résumé
    line that proves it) or missing, a score from 0 to 100, and the job's key terms the résumé
    never mentions.

    Example: griller match --resume resume.pdf --job jd.txt
    """
    from griller.cli.ingest_view import render_match
    from griller.coach.matching import match_documents

    database, db_path = open_database(db)
    resume_id = _document(database, db_path, resume, "resume")
    job_id = _document(database, db_path, job, "job")
    report, mode = match_documents(database, db_path, resume_id, job_id)
    if json_out:
        sys.stdout.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    else:
        render_match(stdout(), report, mode)


def plan(
    resume: ResumeOption,
    job: Annotated[
        str | None, typer.Option("--job", help="Job description (id or path) to aim the plan at.", metavar="ID|PATH")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--type", help="behavioral, technical, system_design, situational or mixed (default: config)."),
    ] = None,
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", help="easy, medium or hard (default: config).")
    ] = None,
    questions: Annotated[
        int | None, typer.Option("--questions", "-n", min=1, max=50, help="Number of questions (default: config).")
    ] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="Rubric domain (backend, frontend, ml...).")] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", help="Rubric industry (fintech, healthcare...).")
    ] = None,
    persona: Annotated[str | None, typer.Option("--persona", help="Interviewer persona.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Plan an interview from your résumé (and a job): claims worth probing first, requirements
    the résumé does not show, and bank questions, each with the grounding that explains it.

    Example: griller plan --resume res-1a2b --job jd.txt --type mixed -n 8
    """
    from pydantic import ValidationError

    from griller.cli.ingest_view import render_plan
    from griller.coach.planning import plan_interview
    from griller.domain.plan import PlanSettings

    config = settings()
    rules = rubric(config)
    chosen = {
        "type": kind or config.interview.type,
        "difficulty": difficulty or config.interview.difficulty,
        "questions": questions or config.interview.questions,
        "domain": domain or config.interview.domain,
        "industry": industry or config.interview.industry,
        "persona": persona or config.interview.persona,
    }
    for name, table in (("domain", rules.domains), ("industry", rules.industries), ("persona", rules.personas)):
        if chosen[name] not in table:
            fail(f"unknown {name} {chosen[name]!r}; choose from {', '.join(sorted(table))}")
    try:
        plan_settings = PlanSettings.model_validate(chosen)
    except ValidationError as exc:
        error = exc.errors()[0]
        fail(f"--{error['loc'][0]}: {error['msg']}")
    database, db_path = open_database(db)
    resume_id = _document(database, db_path, resume, "resume")
    job_id = _document(database, db_path, job, "job") if job else None
    result = plan_interview(database, db_path, rules, plan_settings, resume_id, job_id)
    if json_out:
        sys.stdout.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    else:
        render_plan(stdout(), result)
