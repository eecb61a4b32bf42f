"""Rich rendering of evaluations. All user and model text is escaped: it is data, never markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from griller.domain.models import DIMENSIONS, Evaluation
from griller.domain.rubric import Rubric
from griller.domain.text import sanitize, shorten

SHORT = {
    "relevance": "Rel",
    "clarity": "Cla",
    "structure": "Str",
    "specificity": "Spe",
    "depth": "Dep",
    "impact": "Imp",
    "ownership": "Own",
}


def safe(text: str, limit: int | None = None) -> Text:
    """User/model text as a Rich Text: control characters stripped, markup never interpreted."""
    clean = sanitize(text)
    return Text(shorten(clean, limit) if limit else clean)


def score_style(score: int, scale: int = 100) -> str:
    ratio = score / scale
    return "green" if ratio >= 0.7 else "yellow" if ratio >= 0.5 else "red"


def render_results(console: Console, results: Sequence[Evaluation], rubric: Rubric, *, verbose: bool = False) -> None:
    if verbose:
        for evaluation in results:
            console.print(evaluation_panel(evaluation, rubric))
    console.print(results_table(results))
    if results:
        mean = sum(e.overall for e in results) / len(results)
        console.print(
            f"{len(results)} answer(s), mean overall [bold {score_style(round(mean))}]{mean:.0f}[/]. "
            "Use [bold]--verbose[/bold] for the evidence, [bold]--json[/bold] for scripts.",
            highlight=False,
        )


def results_table(results: Sequence[Evaluation]) -> Table:
    table = Table(title="griller review", title_justify="left", expand=False, header_style="bold")
    table.add_column("id", overflow="fold", max_width=14)
    table.add_column("overall", justify="right")
    for d in DIMENSIONS:
        table.add_column(SHORT[d], justify="right")
    table.add_column("gaps", overflow="fold", max_width=40)
    for e in results:
        table.add_row(
            safe(e.id, 14),
            Text(str(e.overall), style=f"bold {score_style(e.overall)}"),
            *[Text(str(e.scores[d]), style=score_style(e.scores[d], 10)) for d in DIMENSIONS],
            Text(", ".join(e.gap_ids) or "—", style="dim" if not e.gaps else ""),
        )
    return table


def evaluation_panel(e: Evaluation, rubric: Rubric) -> Panel:
    parts: list[Text | Table] = []
    if e.question:
        parts.append(Text.assemble(("Q ", "bold"), safe(e.question, 300)))
    bars = Table.grid(padding=(0, 1))
    for d in DIMENSIONS:
        score = e.scores[d]
        bar = Text("█" * score + "·" * (10 - score), style=score_style(score, 10))
        bars.add_row(Text(rubric.dimensions[d].title if d in rubric.dimensions else d), bar, Text(str(score)))
    parts.append(bars)
    for gap in e.gaps:
        mark = "“" if gap.quoted else ""
        parts.append(
            Text.assemble(
                ("✗ ", "red"),
                (gap.title or gap.id, "bold"),
                " — ",
                (mark, "dim"),
                safe(gap.evidence, 200),
                (mark.replace("“", "”"), "dim"),
            )
        )
    for strength in e.strengths:
        parts.append(Text.assemble(("✓ ", "green"), (strength.text, "bold"), " — “", safe(strength.evidence, 200), "”"))
    for flag in e.flags:
        parts.append(Text(f"! {flag.replace('_', ' ')}", style="magenta"))
    for item in e.overruled:
        parts.append(Text.assemble(("overruled ", "magenta"), f"{item.kind} {item.id}: ", safe(item.reason, 160)))
    if e.follow_up:
        parts.append(Text.assemble(("Follow-up: ", "bold cyan"), safe(e.follow_up, 300)))
    title = Text.assemble(
        safe(e.id, 40), "  ", (f"{e.overall}/100", f"bold {score_style(e.overall)}"), (f"  {e.engine}", "dim")
    )
    return Panel(Group(*parts), title=title, title_align="left", border_style=score_style(e.overall))


__all__ = ["evaluation_panel", "render_results", "results_table", "safe"]
