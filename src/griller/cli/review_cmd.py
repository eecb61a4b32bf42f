"""``griller review``: grade transcripts in bulk, for people (a table) and for scripts (JSON)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from griller.cli.common import EXIT_FAILED, EXIT_OK, fail, rubric, settings, stderr, stdout

if TYPE_CHECKING:
    from rich.console import Console

    from griller.coach.model_judge import ModelJudge
    from griller.config import Settings
    from griller.domain.models import AnswerInput, Evaluation
    from griller.domain.rubric import Rubric

PROGRESS_THRESHOLD = 200


def review(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Transcript files (.jsonl, .json, .md) or [bold]-[/bold] for standard input.", show_default=False
        ),
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON array of results (schema 1).")] = False,
    jsonl_out: Annotated[
        bool, typer.Option("--jsonl", help="Print one JSON object per line, as each is graded.")
    ] = False,
    fail_under: Annotated[
        int | None,
        typer.Option("--fail-under", min=0, max=100, help="Exit 1 if any overall score is below N.", metavar="N"),
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option("--domain", "-d", help="Dimension weights: backend, frontend, ml, data, sre, manager, general."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="What grades: heuristic (built-in, offline), a .gguf path, local:NAME, or a litellm "
            "string such as openai/gpt-4o-mini. Default: [models] judge in config.",
            metavar="SPEC",
        ),
    ] = None,
    judge: Annotated[
        str | None, typer.Option("--judge", help="Same as --model (the judge role).", metavar="SPEC")
    ] = None,
    api_base: Annotated[
        str | None,
        typer.Option("--api-base", help="Base URL of an OpenAI-compatible server for the judge.", metavar="URL"),
    ] = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            "-j",
            min=1,
            max=64,
            help="Answers graded at once by a remote judge (a local model grades one at a time).",
            metavar="N",
        ),
    ] = 4,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show evidence, strengths, follow-ups and what the guard overruled.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")] = False,
    markdown: Annotated[
        str | None,
        typer.Option("--markdown", help="Session replay: write a Markdown report to PATH (- for stdout).",
                     metavar="PATH"),
    ] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="Database for session replays (default: GRILLER_DB or the data dir).")
    ] = None,
) -> None:
    """Grade interview answers from transcripts, or replay a stored session (SESSION id or last).

    Input: JSONL with one object per answer ([bold]{"id", "question", "answer", "kind"?, "follow_ups"?}[/bold]),
    a JSON array of those, or Markdown with [bold]**Interviewer:**[/bold]/[bold]**Candidate:**[/bold] or
    [bold]Q:[/bold]/[bold]A:[/bold] turns. Bad records are reported with their line and skipped.

    Exit codes: 0 all graded, 1 some record was unusable or a score fell under --fail-under, 2 usage error.

    [dim]Examples:[/dim]
      griller review answers.jsonl
      griller review answers.jsonl --json > results.json
      cat transcript.md | griller review - --fail-under 60
      griller review last                      (replay your last session in the TUI)
      griller review s_1a2b --markdown report.md
    """
    if len(files) == 1:
        from griller.cli.session_review import looks_like_session, review_session

        if looks_like_session(files[0], db):
            review_session(files[0], json_out=json_out, markdown=markdown, db=db)
            return
    from griller.coach.judges import HeuristicJudge
    from griller.coach.review import InputError, load_batch
    from griller.coach.review import review as run_review

    if json_out and jsonl_out:
        fail("choose one of --json and --jsonl")
    config = settings()
    rules = rubric(config)
    chosen_domain = domain or config.interview.domain
    if chosen_domain not in rules.domains:
        fail(f"unknown domain {chosen_domain!r}; choose from {', '.join(sorted(rules.domains))}")

    try:
        batch = load_batch(files, stdin_text=sys.stdin.read)
    except InputError as exc:
        fail(str(exc))

    err = stderr()
    media: dict = {}
    if any(item.audio or item.video for item in batch.items):
        # Recordings: the transcript becomes the answer; delivery and eye-contact metrics ride along.
        from griller.coach.media import enrich

        batch.items, media, unusable = enrich(batch.items, batch.bases, config)
        batch.problems.extend(unusable)
    for problem in batch.problems:
        err.print(f"[yellow]skipped[/yellow] {_escape(str(problem))}", soft_wrap=True)
    if not batch.items:
        fail("no answers to grade", EXIT_FAILED if batch.problems else 2)

    grader = _judge(config, judge or model, api_base, rules, chosen_domain)
    stream = (
        _concurrent(batch.items, grader, concurrency)
        if grader is not None and grader.concurrent and concurrency > 1
        else run_review(batch.items, grader or HeuristicJudge(rules, chosen_domain))
    )
    results = []
    show_progress = not quiet and len(batch.items) >= PROGRESS_THRESHOLD and err.is_terminal
    if show_progress:
        from rich.progress import track

        stream = track(stream, total=len(batch.items), description="Grading", console=err, transient=True)
    import json

    for evaluation in stream:
        if media:
            from griller.coach.media import attach

            evaluation = attach(evaluation, media.get(evaluation.id))
        results.append(evaluation)
        if jsonl_out:
            sys.stdout.write(json.dumps(evaluation.public(), ensure_ascii=False) + "\n")
    if json_out:
        sys.stdout.write(json.dumps([e.public() for e in results], ensure_ascii=False, indent=2) + "\n")
    elif not jsonl_out:
        from griller.report.terminal import render_results

        render_results(stdout(), results, rules, verbose=verbose)

    if grader is not None and grader.failures:
        _warn_fallback(err, grader.failures, results)
    below = [e for e in results if fail_under is not None and e.overall < fail_under]
    if not quiet and (json_out or jsonl_out):
        err.print(f"graded {len(results)} answer(s); {len(batch.problems)} skipped")
    if below:
        ids = _escape(", ".join(e.id for e in below[:10]))
        err.print(f"[red]{len(below)} answer(s) scored under {fail_under}[/red]: {ids}", soft_wrap=True)
    raise typer.Exit(EXIT_FAILED if below or batch.problems else EXIT_OK)


def _judge(config: Settings, spec: str | None, api_base: str | None, rules: Rubric, domain: str) -> ModelJudge | None:
    """The model judge for ``spec`` (default: config), or None for the heuristic grader."""
    from griller.coach.judges import model_judge
    from griller.llm.spec import SpecError

    try:
        return model_judge(spec or "", config, rules, domain, api_base)
    except SpecError as exc:
        fail(str(exc))


def _concurrent(items: list[AnswerInput], grader: ModelJudge, concurrency: int) -> Iterator[Evaluation]:
    from griller.coach.parallel import review_concurrently

    return review_concurrently(items, grader, concurrency)


def _warn_fallback(err: Console, failures: list[str], results: list[Evaluation]) -> None:
    """One line, however many answers fell back: the first reason says what to fix."""
    from griller.coach.model_judge import FALLBACK_ENGINE
    from griller.llm.redact import redact

    fell_back = sum(e.engine == FALLBACK_ENGINE for e in results)
    reason = _escape(redact(failures[0].split(": ", 1)[-1])[:240])
    if fell_back:
        what = (
            f"the model judge failed on {fell_back} of {len(results)} answer(s); those were graded by the "
            "heuristic (engine heuristic-fallback)"
        )
    else:
        what = "the judge model failed on some answers; the fallback model graded them"
    err.print(f"[yellow]warning:[/yellow] {what}. First error: {reason}", soft_wrap=True)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
