"""Progress stats: overall by session (a plot), per-dimension averages and trends, frequent gaps, streak, XP, badges
and the daily challenge."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static

from griller.domain.models import DIMENSIONS
from griller.domain.stats import Progress
from griller.report.terminal import safe
from griller.tui.keys import bind
from griller.tui.render import dimension_title, sparkline


def headline(progress: Progress) -> Text:
    overall = f"{progress.overall:.0f}" if progress.overall is not None else "—"
    text = Text.assemble(
        (str(progress.sessions), "bold"), " sessions · ", (str(progress.answers), "bold"), " answers · overall ",
        (overall, "bold"), " · streak ", (f"{progress.streak_days} day(s)", "bold"),
        (f" (best {progress.longest_streak})", "dim"),
    )
    if progress.last_percentile is not None:
        text.append(f" · last session beat or matched {progress.last_percentile:.0f}% of yours", style="dim")
    return text


class StatsScreen(Screen[None]):
    """``griller stats`` in the TUI."""

    DEFAULT_CSS = """
    StatsScreen #head { padding: 0 1; height: auto; }
    StatsScreen .row { height: 1fr; }
    StatsScreen #plot { width: 1fr; border: round $primary; }
    StatsScreen #dimensions { width: 1fr; border: round $primary; }
    StatsScreen #gaps { width: 1fr; border: round $secondary; }
    StatsScreen #level { width: 1fr; border: round $accent; padding: 0 1; }
    StatsScreen #level Static { width: 1fr; }
    StatsScreen ProgressBar { height: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [bind("close", "close")]

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Header()
        yield Static(headline(self.progress), id="head")
        with Horizontal(classes="row"):
            yield PlotextPlot(id="plot")
            yield DataTable(id="dimensions", cursor_type="none", zebra_stripes=True)
        with Horizontal(classes="row"):
            yield DataTable(id="gaps", cursor_type="row")
            with Vertical(id="level"):
                yield Static(id="xp")
                yield ProgressBar(total=100, show_eta=False, show_percentage=True, id="xp-bar")
                yield Static(id="badges")
                yield Static(id="challenge")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "progress"
        self._plot()
        self._dimensions()
        self._gaps()
        self._level()

    def _plot(self) -> None:
        from textual_plotext import PlotextPlot

        widget = self.query_one(PlotextPlot)
        widget.border_title = "Overall by session"
        points = [p.overall for p in self.progress.history if p.overall is not None]
        plt = widget.plt
        plt.clear_data()
        if points:
            xs = list(range(1, len(points) + 1))
            plt.plot(xs, points, marker="braille")
            plt.xticks(xs if len(xs) <= 12 else xs[:: max(1, len(xs) // 10)])
        plt.ylim(0, 100)
        plt.xlabel("session")

    def _dimensions(self) -> None:
        table = self.query_one("#dimensions", DataTable)
        table.border_title = "Dimensions"
        table.add_columns("dimension", "average", "trend", "by session")
        for d in DIMENSIONS:
            change = self.progress.trends.get(d)
            style = "green" if (change or 0) > 0.2 else "red" if (change or 0) < -0.2 else "dim"
            values = [p.dimensions[d] for p in self.progress.history if d in p.dimensions]
            table.add_row(Text(dimension_title(d)), Text(f"{self.progress.dimensions.get(d, 0):.1f}", justify="right"),
                          Text("—" if change is None else f"{change:+.1f}", style=style, justify="right"),
                          Text(sparkline(values[-16:]), style="cyan"))

    def _gaps(self) -> None:
        table = self.query_one("#gaps", DataTable)
        table.border_title = "Most frequent gaps"
        table.add_columns("gap", "count", "recent", "earlier", "")
        for g in self.progress.gaps:
            verdict = "shrinking" if g.shrinking else "growing" if g.shrinking is False else "—"
            table.add_row(safe(g.title, 32), Text(str(g.count), justify="right"), Text(f"{g.recent_rate:.2f}"),
                          Text(f"{g.earlier_rate:.2f}"),
                          Text(verdict, style="green" if g.shrinking else "red" if g.shrinking is False else "dim"))

    def _level(self) -> None:
        p = self.progress
        self.query_one("#level", Vertical).border_title = "Level"
        self.query_one("#xp", Static).update(
            Text.assemble(("Level ", "bold"), (str(p.level), "bold cyan"),
                          f" · {p.xp} XP · next level at {p.next_level_xp}")
        )
        floor = 50 * (p.level - 1) ** 2
        bar = self.query_one("#xp-bar", ProgressBar)
        bar.update(total=max(p.next_level_xp - floor, 1), progress=max(p.xp - floor, 0))
        badges = ", ".join(p.badges) if p.badges else "none yet"
        self.query_one("#badges", Static).update(Text.assemble(("Badges: ", "bold"), badges))
        if p.challenge:
            self.query_one("#challenge", Static).update(
                Text.assemble(("Today's challenge: ", "bold"), safe(p.challenge.question), "\n",
                              (f"Focus on {p.challenge.focus}: ", "dim"), safe(p.challenge.tip, 200))
            )

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()
