"""The answer timer line: think time, answer time, paused, and the silence nudge."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from griller.tui.timing import AnswerTimer, clock_text

NUDGE = "Still thinking? Start with the situation: where you were, and what was at stake."


class TimerLine(Static):
    """``Thinking 0:04`` then ``Answering 1:12 · thought 0:04``; a nudge after the think time."""

    DEFAULT_CSS = """
    TimerLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.nudge = False

    def show_time(self, timer: AnswerTimer, now: float, *, busy: str = "") -> None:
        if not timer.running:
            self.update(Text(busy, style="italic"))
            return
        if timer.paused_at is not None:
            text = Text("⏸ Paused", style="bold yellow")
        elif timer.typed_at is None:
            text = Text.assemble(("⏱ Thinking ", "bold"), clock_text(timer.thinking(now)))
        else:
            text = Text.assemble(("⏱ Answering ", "bold"), clock_text(timer.answering(now)),
                                 (f" · thought {clock_text(timer.thinking(now))}", "dim"))
        if busy:
            text.append(f"  {busy}", style="italic")
        if self.nudge and timer.typed_at is None:
            text.append("  " + NUDGE, style="yellow")
        self.update(text)
