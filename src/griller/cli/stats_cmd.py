"""``griller stats``: progress over weeks, in the terminal or as JSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from griller.cli.common import fail, rubric, settings, stdout

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], lo: float = 0, hi: float = 100) -> str:
    if not values:
        return ""
    span = max(hi - lo, 1e-9)
    return "".join(SPARK[min(len(SPARK) - 1, max(0, int((v - lo) / span * (len(SPARK) - 1) + 0.5)))] for v in values)


def stats(
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Only sessions from this date (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="Database file (default: GRILLER_DB or the data dir).")
    ] = None,
    tui: Annotated[bool, typer.Option("--tui", help="Open the stats screen of the terminal app.")] = False,
) -> None:
    """Show your progress: sessions, streak, per-dimension trends, shrinking gaps, XP and today's challenge."""
    import json

    from griller.coach.progress import load_progress
    from griller.store.db import StoreError, open_db

    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            fail(f"--since expects a date like 2026-11-01, not {since!r}")
    config = settings()
    rules = rubric(config)
    try:
        database = open_db(config.db_path(db))
    except StoreError as exc:
        fail(str(exc))
    if tui:
        from griller.tui.app import run_stats

        run_stats(database, rules, since=since, config=config)
        return
    progress = load_progress(database, rules, since=since)
    if json_out:
        typer.echo(json.dumps(progress.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    render(progress)


def render(progress) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table
    from rich.text import Text

    from griller.domain.models import DIMENSIONS

    console = stdout()
    if not progress.sessions:
        console.print("No sessions yet. Start one with [bold]griller interview[/bold].")
        return
    overall = f"{progress.overall:.0f}" if progress.overall is not None else "—"
    console.print(
        f"[bold]{progress.sessions}[/bold] sessions · [bold]{progress.answers}[/bold] answers · overall "
        f"[bold]{overall}[/bold] · streak [bold]{progress.streak_days}[/bold] day(s) (best {progress.longest_streak})"
    )
    if progress.last_percentile is not None:
        console.print(f"Your last session beat or matched {progress.last_percentile:.0f}% of your own sessions.")
    trend = sparkline([p.overall for p in progress.history if p.overall is not None])
    if trend:
        console.print(Text.assemble("Overall by session  ", (trend, "cyan")))
    table = Table(title="Dimensions", title_justify="left")
    for column in ("dimension", "average", "trend", "history"):
        table.add_column(column, justify="left" if column in ("dimension", "history") else "right")
    for d in DIMENSIONS:
        change = progress.trends.get(d)
        shown = "—" if change is None else f"{change:+.1f}"
        style = "green" if (change or 0) > 0.2 else "red" if (change or 0) < -0.2 else ""
        values = [p.dimensions[d] for p in progress.history if d in p.dimensions]
        table.add_row(d, f"{progress.dimensions.get(d, 0):.1f}", Text(shown, style=style), sparkline(values, 0, 10))
    console.print(table)
    if progress.gaps:
        gaps = Table(title="Most frequent gaps", title_justify="left")
        for column in ("gap", "count", "recent / answer", "earlier / answer", ""):
            gaps.add_column(column)
        for g in progress.gaps:
            verdict = "shrinking" if g.shrinking else "growing" if g.shrinking is False else "—"
            gaps.add_row(
                g.title,
                str(g.count),
                f"{g.recent_rate:.2f}",
                f"{g.earlier_rate:.2f}",
                Text(verdict, style="green" if g.shrinking else "red" if g.shrinking is False else "dim"),
            )
        console.print(gaps)
    console.print(f"Level [bold]{progress.level}[/bold] · {progress.xp} XP (next level at {progress.next_level_xp})")
    if progress.badges:
        console.print("Badges: " + ", ".join(progress.badges))
    if progress.challenge:
        console.print(Text.assemble(("Today's challenge: ", "bold"), progress.challenge.question))
        console.print(Text(f"Focus on {progress.challenge.focus}: {progress.challenge.tip}", style="dim"))
