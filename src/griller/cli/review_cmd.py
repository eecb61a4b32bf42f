"""``griller review``: grade transcripts in bulk, for people (a table) and for scripts (JSON)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from griller.cli.common import EXIT_FAILED, EXIT_OK, fail, rubric, settings, stderr, stdout

PROGRESS_THRESHOLD = 200


def review(
    files: Annotated[
        list[str],
        typer.Argument(help="Transcript files (.jsonl, .json, .md) or [bold]-[/bold] for standard input.", show_default=False),
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON array of results (schema 1).")] = False,
    jsonl_out: Annotated[bool, typer.Option("--jsonl", help="Print one JSON object per line, as each is graded.")] = False,
    fail_under: Annotated[
        int | None, typer.Option("--fail-under", min=0, max=100, help="Exit 1 if any overall score is below N.", metavar="N")
    ] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", "-d", help="Dimension weights: backend, frontend, ml, data, sre, manager, general.")
    ] = None,
    model: Annotated[
        str, typer.Option("--model", "-m", "--judge", help="What grades: [bold]heuristic[/bold] (built-in, offline).")
    ] = "heuristic",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show evidence, strengths and follow-ups per answer.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")] = False,
) -> None:
    """Grade interview answers from transcripts.

    Input: JSONL with one object per answer ([bold]{"id", "question", "answer", "kind"?, "follow_ups"?}[/bold]),
    a JSON array of those, or Markdown with [bold]**Interviewer:**[/bold]/[bold]**Candidate:**[/bold] or
    [bold]Q:[/bold]/[bold]A:[/bold] turns. Bad records are reported with their line and skipped.

    Exit codes: 0 all graded, 1 some record was unusable or a score fell under --fail-under, 2 usage error.

    [dim]Examples:[/dim]
      griller review answers.jsonl
      griller review answers.jsonl --json > results.json
      cat transcript.md | griller review - --fail-under 60
    """
    from griller.coach.judges import HeuristicJudge
    from griller.coach.review import InputError, load_batch
    from griller.coach.review import review as run_review

    if json_out and jsonl_out:
        fail("choose one of --json and --jsonl")
    config = settings()
    if model != "heuristic":
        fail(f"unknown grader {model!r}: only 'heuristic' is available in this version")
    rules = rubric(config)
    chosen_domain = domain or config.interview.domain
    if chosen_domain not in rules.domains:
        fail(f"unknown domain {chosen_domain!r}; choose from {', '.join(sorted(rules.domains))}")

    try:
        batch = load_batch(files, stdin_text=sys.stdin.read)
    except InputError as exc:
        fail(str(exc))

    err = stderr()
    for problem in batch.problems:
        err.print(f"[yellow]skipped[/yellow] {_escape(str(problem))}")
    if not batch.items:
        fail("no answers to grade", EXIT_FAILED if batch.problems else 2)

    judge = HeuristicJudge(rules, chosen_domain)
    results = []
    stream = run_review(batch.items, judge)
    show_progress = not quiet and len(batch.items) >= PROGRESS_THRESHOLD and err.is_terminal
    if show_progress:
        from rich.progress import track

        stream = track(stream, total=len(batch.items), description="Grading", console=err, transient=True)
    import json

    for evaluation in stream:
        results.append(evaluation)
        if jsonl_out:
            sys.stdout.write(json.dumps(evaluation.public(), ensure_ascii=False) + "\n")
    if json_out:
        sys.stdout.write(json.dumps([e.public() for e in results], ensure_ascii=False, indent=2) + "\n")
    elif not jsonl_out:
        from griller.report.terminal import render_results

        render_results(stdout(), results, rules, verbose=verbose)

    below = [e for e in results if fail_under is not None and e.overall < fail_under]
    if not quiet and (json_out or jsonl_out):
        err.print(f"graded {len(results)} answer(s); {len(batch.problems)} skipped")
    if below:
        err.print(f"[red]{len(below)} answer(s) scored under {fail_under}[/red]: {_escape(', '.join(e.id for e in below[:10]))}")
    raise typer.Exit(EXIT_FAILED if below or batch.problems else EXIT_OK)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


