"""Session replay: the transcript turn by turn with scores and gaps, and a timeline of events to jump through."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from griller.coach.replay import Replay, ReplayTurn, TimelineEntry, offset
from griller.domain.text import shorten
from griller.report.terminal import safe, score_style
from griller.tui.keys import bind
from griller.tui.render import evaluation_view
from griller.tui.timing import clock_text

EVENT_LABELS = {
    "session_started": "started", "session_resumed": "resumed", "session_finished": "finished",
    "asked": "asked", "follow_up_asked": "follow-up asked", "answered": "answered", "skipped": "skipped",
    "paused": "paused", "resumed": "resumed", "silence_nudge": "silence nudge", "ended_early": "ended early",
    "question_spoken": "read aloud", "speaker_problem": "speaker problem",
}


def _detail(entry: TimelineEntry, turns: dict[str, ReplayTurn]) -> Text:
    data = entry.detail
    if entry.kind == "answered" and data.get("score") is not None:
        return Text(f"score {data['score']}", style=score_style(int(data["score"])))
    if entry.kind in ("asked", "follow_up_asked") and entry.turn_id in turns:
        return safe(turns[entry.turn_id].question, 28)
    if entry.kind == "silence_nudge" and isinstance(data.get("after_s"), int | float):
        return Text(f"after {data['after_s']:g} s")
    parts = [f"{k} {v}" for k, v in data.items() if v is not None and not isinstance(v, dict | list)]
    return safe(", ".join(parts), 40)


class ReviewScreen(Screen[None]):
    """Replays one stored session. ``n``/``p`` walk the timeline; arrows walk the turns."""

    DEFAULT_CSS = """
    ReviewScreen #head { padding: 0 1; height: auto; }
    ReviewScreen #left { width: 2fr; }
    ReviewScreen #turns { height: 1fr; border: round $primary; }
    ReviewScreen #timeline { height: 1fr; border: round $secondary; }
    ReviewScreen #detail { width: 3fr; border: round $accent; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("next_event", "event(1)"),
        bind("prev_event", "event(-1)"),
        bind("close", "close"),
    ]

    def __init__(self, replay: Replay) -> None:
        super().__init__()
        self.replay = replay
        self.entries = replay.timeline()
        self._turn_index = {t.id: i for i, t in enumerate(replay.turns)}
        self._turns = {t.id: t for t in replay.turns}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._head(), id="head")
        with Horizontal():
            with Vertical(id="left"):
                yield DataTable(id="turns", cursor_type="row", zebra_stripes=True)
                yield DataTable(id="timeline", cursor_type="row")
            with VerticalScroll(id="detail"):
                yield Static(id="turn-detail")
        yield Footer()

    def _head(self) -> Text:
        s = self.replay.session
        summary = self.replay.summary or {}
        started = s["started_at"][:16].replace("T", " ")
        text = Text.assemble(("Session ", "bold"), safe(s["id"]), (f" · {started}", "dim"),
                             (f" · {s['status']} · {s['engine']}", "dim"))
        if summary.get("overall") is not None:
            text.append(" · overall ")
            text.append(f"{summary['overall']}/100", style=f"bold {score_style(int(summary['overall']))}")
        return text

    def on_mount(self) -> None:
        self.sub_title = f"replay · session {self.replay.id}"
        turns = self.query_one("#turns", DataTable)
        turns.border_title = "Transcript"
        turns.add_columns("#", "score", "question")
        for turn in self.replay.turns:
            question = safe(turn.question, 26)
            if turn.depth:
                question = Text.assemble(("↳ ", "cyan"), safe(turn.question, 24))
            turns.add_row(Text(str(turn.row["ordinal"])), self._score(turn), question, key=turn.id)
        timeline = self.query_one("#timeline", DataTable)
        timeline.border_title = "Timeline (n / p)"
        timeline.add_columns("time", "event", "detail")
        start = self.replay.session["started_at"]
        for entry in self.entries:
            timeline.add_row(Text(offset(start, entry.at), style="dim"), Text(EVENT_LABELS.get(entry.kind, entry.kind)),
                             _detail(entry, self._turns))
        turns.focus()
        if self.replay.turns:
            self._show(self.replay.turns[0])

    @staticmethod
    def _score(turn: ReplayTurn) -> Text:
        if turn.skipped:
            return Text("skip", style="dim")
        if turn.evaluation is None:
            return Text("—", style="dim")
        return Text(str(turn.evaluation.overall), style=score_style(turn.evaluation.overall))

    def _show(self, turn: ReplayTurn) -> None:
        r = turn.row
        meta = f"{r['kind'].replace('_', ' ')} · {r['difficulty']}"
        if turn.depth:
            meta += f" · follow-up {turn.depth}"
        if r.get("think_ms") is not None:
            meta += f" · thought {clock_text(r['think_ms'] / 1000)}"
        if r.get("answer_ms") is not None:
            meta += f" · answered in {clock_text(r['answer_ms'] / 1000)}"
        parts: list[RenderableType] = [Text("Question", style="bold"), safe(turn.question), Text(meta, style="dim"),
                                       Text(""), Text("Answer", style="bold")]
        if turn.skipped:
            parts.append(Text("(skipped)", style="dim"))
        elif turn.answer is None:
            parts.append(Text("(not answered: the session stopped here)", style="dim"))
        else:
            parts.append(safe(shorten(turn.answer, 1200)))
        if turn.evaluation is not None:
            parts += [Text(""), evaluation_view(turn.evaluation, label="Score")]
        self.query_one("#turn-detail", Static).update(Group(*parts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "turns" and 0 <= event.cursor_row < len(self.replay.turns):
            self._show(self.replay.turns[event.cursor_row])
        elif event.data_table.id == "timeline" and 0 <= event.cursor_row < len(self.entries):
            self._jump_to_turn(self.entries[event.cursor_row])

    def _jump_to_turn(self, entry: TimelineEntry) -> None:
        index = self._turn_index.get(entry.turn_id or "")
        if index is not None:
            self.query_one("#turns", DataTable).move_cursor(row=index)
            self._show(self.replay.turns[index])

    def action_event(self, step: int) -> None:
        timeline = self.query_one("#timeline", DataTable)
        if not self.entries:
            return
        row = min(max(timeline.cursor_row + step, 0), len(self.entries) - 1)
        timeline.move_cursor(row=row)
        self._jump_to_turn(self.entries[row])

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()
