"""Rich renderables for the TUI: prompts, evaluations, summaries.

Every piece of résumé, answer or model text goes through ``safe`` (sanitised, never parsed as
markup) into ``Text`` objects; nothing here builds markup strings from data.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from griller.domain.interview import Prompt
from griller.domain.models import DIMENSIONS, Evaluation
from griller.domain.summary import SessionSummary
from griller.report.terminal import safe, score_style

BAR_WIDTH = 10


def dimension_title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def bar(score: float, scale: int = 10, width: int = BAR_WIDTH) -> Text:
    """A horizontal bar for a score out of ``scale``, coloured by how good it is."""
    filled = max(0, min(width, round(score / scale * width)))
    return Text("█" * filled + "·" * (width - filled), style=score_style(round(score * 10 / scale), 10))


def bars(scores: Mapping[str, float]) -> Table:
    """The seven dimension bars, in rubric order."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(min_width=11)
    grid.add_column()
    grid.add_column(justify="right")
    for d in DIMENSIONS:
        value = scores.get(d, 0)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        grid.add_row(Text(dimension_title(d)), bar(value), Text(shown, style=score_style(round(value), 10)))
    return grid


def prompt_title(prompt: Prompt, probing: str = "") -> Text:
    """``Question 2 of 5 · follow-up 1 · behavioral · medium`` (and what a follow-up probes)."""
    text = Text(f"Question {prompt.number} of {prompt.total}", style="bold")
    if prompt.is_follow_up:
        text.append(f" · follow-up {prompt.depth}", style="bold cyan")
    text.append(f" · {prompt.kind.replace('_', ' ')} · {prompt.difficulty}", style="dim")
    if prompt.is_follow_up and probing:
        text.append(" · probing: ", style="dim")
        text.append_text(safe(probing, 60))
    return text


def overall_line(evaluation: Evaluation, label: str) -> Text:
    return Text.assemble(
        (label, "bold"),
        " ",
        (f"{evaluation.overall}/100", f"bold {score_style(evaluation.overall)}"),
        (f"  {evaluation.engine}", "dim"),
    )


def quote(text: str, limit: int = 160) -> Text:
    return Text.assemble(("“", "dim"), safe(text, limit), ("”", "dim"))


def evaluation_view(
    evaluation: Evaluation, *, pending: bool = False, label: str = "", answer: str = ""
) -> RenderableType:
    """An evaluation: overall, the seven bars, gaps with their quotes, strengths with theirs."""
    parts: list[RenderableType] = []
    heading = label or ("Instant check" if pending else "Graded")
    parts.append(overall_line(evaluation, heading))
    if answer:
        parts.append(Text.assemble(("You said ", "dim"), quote(answer, 160)))
    if pending:
        parts.append(Text("The judge is grading… the full evaluation follows.", style="italic dim"))
    parts.append(bars(evaluation.scores))
    if evaluation.gaps:
        parts.append(Text("Gaps", style="bold red"))
    for gap in evaluation.gaps[:4]:
        line = Text.assemble(("✗ ", "red"), (gap.title or gap.id, "bold"), " — ")
        line.append_text(quote(gap.evidence) if gap.quoted else Text.assemble(("(", "dim"), safe(gap.evidence, 160),
                                                                             (")", "dim")))
        parts.append(line)
    if evaluation.strengths:
        parts.append(Text("Strengths", style="bold green"))
    for strength in evaluation.strengths[:3]:
        parts.append(Text.assemble(("✓ ", "green"), safe(strength.text, 80), " — ", quote(strength.evidence)))
    for flag in evaluation.flags[:3]:
        parts.append(Text(f"! {flag.replace('_', ' ')}", style="magenta"))
    return Group(*parts)


def summary_view(summary: SessionSummary) -> RenderableType:
    """The end-of-interview summary: scores, top gaps and strengths with quotes, next drills."""
    parts: list[RenderableType] = []
    if summary.overall is None:
        parts.append(Text("No graded answers in this session.", style="bold"))
    else:
        parts.append(
            Text.assemble(
                ("Overall ", "bold"),
                (f"{summary.overall}/100", f"bold {score_style(summary.overall)}"),
                (f"  {summary.answered} answered · {summary.skipped} skipped · {summary.follow_ups} follow-ups",
                 "dim"),
            )
        )
        parts += [Text(""), bars(summary.dimensions)]
    if summary.top_gaps:
        parts += [Text(""), Text("Top gaps", style="bold red")]
        for gap in summary.top_gaps:
            # The stored example is a quote when the answer had one, else a description of the absence.
            parts.append(Text.assemble(("✗ ", "red"), (gap.title, "bold"), (f" ×{gap.count} — ", "dim"),
                                       safe(gap.quote, 160)))
    if summary.strengths:
        parts += [Text(""), Text("Strengths", style="bold green")]
        for strength in summary.strengths:
            parts.append(Text.assemble(("✓ ", "green"), safe(strength.text, 80), " — ", quote(strength.evidence)))
    if summary.drills:
        parts += [Text(""), Text("Next drills", style="bold cyan")]
        for number, drill in enumerate(summary.drills, 1):
            parts.append(Text.assemble((f"{number}. ", "cyan"), safe(drill, 240)))
    if summary.best is not None:
        parts += [Text(""), Text("Best answer", style="bold"), safe(summary.best.text, 200),
                  quote(summary.best.evidence, 240)]
    return Group(*parts)


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], lo: float = 0, hi: float = 10) -> str:
    """A one-line trend of ``values`` between ``lo`` and ``hi``."""
    span = max(hi - lo, 1e-9)
    return "".join(SPARK[min(len(SPARK) - 1, max(0, int((v - lo) / span * (len(SPARK) - 1) + 0.5)))] for v in values)
