"""``griller eval``: measure the grader against answers labelled by people."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from griller.cli.common import EXIT_FAILED, fail, rubric, settings, stdout


def eval_command(
    files: Annotated[
        list[Path], typer.Argument(help="Labelled JSONL files (see tests/data/eval_*.jsonl).", show_default=False)
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List misranked pairs and wrong gaps.")] = False,
    domain: Annotated[str | None, typer.Option("--domain", "-d", help="Dimension weights to grade with.")] = None,
    min_ranking: Annotated[
        float | None, typer.Option("--min-ranking", help="Exit 1 if ranking accuracy is below this.")
    ] = None,
) -> None:
    """Grade labelled answers and print ranking accuracy and per-gap precision/recall/F1.

    Each line: {"id", "question_id", "question", "kind", "answer", "rank", "gaps"}, where
    rank 1 is the best answer to its question. Ranking accuracy is the share of same-question
    pairs that the overall score orders like the labels.
    """
    import json

    from rich.table import Table

    from griller.coach.evalset import evaluate, load_labelled
    from griller.coach.judges import HeuristicJudge

    config = settings()
    judge = HeuristicJudge(rubric(config), domain)
    console = stdout()
    reports = {}
    for path in files:
        if not path.is_file():
            fail(f"{path}: no such file")
        try:
            labelled = load_labelled(path)
        except ValueError as exc:
            fail(str(exc))
        reports[str(path)] = evaluate(labelled, judge)
    if json_out:
        typer.echo(json.dumps({name: r.as_dict() for name, r in reports.items()}, indent=2))
    else:
        for name, report in reports.items():
            table = Table(title=f"{name}: {report.answers} answers, {report.pairs} pairs", title_justify="left")
            for column in ("gap", "tp", "fp", "fn", "precision", "recall", "F1"):
                table.add_column(column, justify="left" if column == "gap" else "right")
            for gap, s in sorted(report.gaps.items()):
                table.add_row(
                    gap, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}"
                )
            micro = report.micro
            table.add_row(
                "[bold]micro[/bold]",
                str(micro.tp),
                str(micro.fp),
                str(micro.fn),
                f"{micro.precision:.2f}",
                f"{micro.recall:.2f}",
                f"[bold]{micro.f1:.2f}[/bold]",
            )
            console.print(table)
            console.print(
                f"ranking accuracy [bold]{report.ranking_accuracy:.3f}[/bold]   gap micro-F1 "
                f"[bold]{micro.f1:.3f}[/bold]   macro-F1 [bold]{report.macro_f1:.3f}[/bold]\n"
            )
            if errors:
                for better, worse, hi, lo in report.misranked:
                    console.print(f"  misranked: {better} ({hi}) should beat {worse} ({lo})", markup=False)
                for answer_id, gap, kind in report.gap_errors:
                    console.print(f"  {kind}: {answer_id} {gap}", markup=False)
    if min_ranking is not None and any(r.ranking_accuracy < min_ranking for r in reports.values()):
        raise typer.Exit(EXIT_FAILED)
