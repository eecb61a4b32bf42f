"""``griller interview``: the live grilling loop, in the TUI or as plain lines of text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from griller.cli.common import EXIT_USAGE, fail, rubric, settings

KINDS = "behavioral|technical|system_design|situational|mixed"


def interview(
    resume: Annotated[
        str | None,
        typer.Option("--resume", "-r", help="Your résumé: a file (ingested on the fly), an ingested id, or `sample`."),
    ] = None,
    job: Annotated[str | None, typer.Option("--job", "-j", help="A job description: a file or an ingested id.")] = None,
    kind: Annotated[str | None, typer.Option("--type", "-t", help=f"Question kind: {KINDS}.", metavar="KIND")] = None,
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", help="Starting difficulty: easy|medium|hard (it adapts).")
    ] = None,
    questions: Annotated[
        int | None, typer.Option("--questions", "-n", min=1, max=50, help="Main questions to ask.")
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", min=1, max=240, help="Time box: about 3 minutes per question.")
    ] = None,
    persona: Annotated[
        str | None, typer.Option("--persona", help="friendly_mentor, professional_hr, challenging_lead, curious_peer.")
    ] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", "-d", help="backend, frontend, ml, data, sre, manager, general.")
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", help="fintech, healthcare, ecommerce, startup, general.")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", "-m", help="Model for asking and grading (default: built-in, model-free).")
    ] = None,
    resume_session: Annotated[
        str | None,
        typer.Option(
            "--continue",
            "-c",
            help="Resume an interrupted session: the last one (the default), or the id given.",
            metavar="[SESSION]",
        ),
    ] = None,
    plain: Annotated[bool, typer.Option("--plain", help="Line-based text on stdin/stdout instead of the TUI.")] = False,
    db: Annotated[
        Path | None, typer.Option("--db", help="Database file (default: GRILLER_DB or the data dir).")
    ] = None,
) -> None:
    """Start a mock interview: questions grounded in your résumé, graded as you answer.

    With no résumé it uses the built-in question bank. Everything is saved as you go: if the
    process dies, `griller interview --continue` picks up at the first unanswered question.

    \b
    Examples:
      griller interview --resume cv.pdf --job jd.txt
      griller interview --type technical --questions 3 --persona challenging_lead
      griller interview --plain < answers.txt
      griller interview --continue
    """
    from griller.coach.interview_setup import InterviewRequest, SetupError, options_for, plan_for
    from griller.coach.interviewing import LiveInterview, SessionError
    from griller.store.db import StoreError, open_db

    config = settings()
    rules = rubric(config)
    path = config.db_path(db)
    try:
        database = open_db(path)
    except StoreError as exc:
        fail(str(exc))
    judge = _judge(config, rules, domain or config.interview.domain, model)

    setup_options = (resume, job, kind, difficulty, questions, minutes, persona, domain, industry)
    on_terminal = not plain and sys.stdin.isatty() and sys.stdout.isatty()
    if on_terminal and not resume_session and all(option is None for option in setup_options):
        # Nothing chosen on the command line: let the TUI's setup screen ask.
        from griller.tui.app import run_setup
        from griller.tui.starting import SessionStarter

        defaults = InterviewRequest(
            type=config.interview.type,
            difficulty=config.interview.difficulty,
            questions=config.interview.questions,
            persona=config.interview.persona,
            domain=config.interview.domain,
            industry=config.interview.industry,
        )
        run_setup(SessionStarter(database, path, rules, judge, _asker(config, rules, model)), config, defaults)
        return

    if resume_session:
        try:
            live = LiveInterview.resume(database, rules, judge, resume_session)
        except SessionError as exc:
            fail(str(exc))
    else:
        count = questions or (max(1, minutes // 3) if minutes else config.interview.questions)
        request = InterviewRequest(
            type=kind or config.interview.type,
            difficulty=difficulty or config.interview.difficulty,
            questions=count,
            persona=persona or config.interview.persona,
            domain=domain or config.interview.domain,
            industry=industry or config.interview.industry,
        )
        if request.type not in KINDS.split("|"):
            fail(f"--type must be one of {KINDS.replace('|', ', ')}")
        if request.difficulty not in ("easy", "medium", "hard"):
            fail("--difficulty must be easy, medium or hard")
        request.resume_id = _document(database, path, resume, "resume") if resume else None
        request.job_id = _document(database, path, job, "job") if job else None
        try:
            plan = plan_for(request, rules, database, path)
            options = options_for(request, rules, plan)
            live = LiveInterview.start(database, rules, judge, options)
        except (SetupError, SessionError) as exc:
            fail(str(exc))
    live.asker = _asker(config, rules, model)
    persona_rules = rules.personas.get(live.options.persona)
    if plain or not sys.stdin.isatty() or not sys.stdout.isatty():
        from griller.cli.plain import run_plain

        run_plain(
            live,
            sys.stdin,
            sys.stdout,
            greeting=persona_rules.greeting if persona_rules else "",
            closing=persona_rules.closing if persona_rules else "",
        )
        return
    from griller.tui.app import run_interview

    run_interview(live, config)


def _judge(config, rules, domain, model):  # type: ignore[no-untyped-def]
    from griller.coach.judges import HeuristicJudge, build_judge

    spec = model or config.models.judge
    if spec in ("", "heuristic"):
        return HeuristicJudge(rules, domain)
    from griller.llm.spec import SpecError

    try:
        return build_judge(spec, config, rules, domain)
    except SpecError as exc:
        fail(str(exc))


def _asker(config, rules, model):  # type: ignore[no-untyped-def]
    """A model asker when `-m` or `[models] asker` names a model; None keeps planned questions as they are."""
    spec = model or config.models.asker
    if spec in ("", "heuristic"):
        return None
    from griller.coach.asker import make_asker
    from griller.llm.spec import SpecError

    try:
        return make_asker(config, rules, spec=spec)
    except SpecError as exc:
        fail(str(exc))


def _document(database, db_path: Path, ref: str, kind: str) -> str:  # type: ignore[no-untyped-def]
    """An ingested document id for a path (ingested now if needed) or an id."""
    from griller.coach.library import LibraryError, resolve
    from griller.samples import sample_path

    candidate = sample_path(ref) or Path(ref).expanduser()
    if candidate.is_file():
        from griller.coach.ingesting import Ingestor
        from griller.ingest.errors import IngestError

        try:
            return Ingestor(database, db_path).ingest(candidate, kind).document_id  # type: ignore[arg-type]
        except IngestError as exc:
            fail(str(exc))
    try:
        return resolve(database, ref, kind)
    except LibraryError as exc:
        fail(str(exc))
    raise typer.Exit(EXIT_USAGE)
