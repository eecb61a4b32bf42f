"""The summary screen: overall and per-dimension scores, top gaps and strengths with quotes, next drills."""

from __future__ import annotations

from typing import ClassVar

import sqlite_utils
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from griller.domain.rubric import Rubric
from griller.domain.summary import SessionSummary
from griller.tui.keys import bind
from griller.tui.render import summary_view


class SummaryScreen(Screen[None]):
    """Shown when an interview ends. ``r`` replays the session; escape leaves."""

    DEFAULT_CSS = """
    SummaryScreen VerticalScroll { padding: 1 2; }
    SummaryScreen #resume-hint { color: $text-muted; padding: 0 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [bind("review", "review"), bind("close", "close")]

    def __init__(self, summary: SessionSummary, db: sqlite_utils.Database, rubric: Rubric, session_id: str) -> None:
        super().__init__()
        self.summary = summary
        self.db = db
        self.rubric = rubric
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(summary_view(self.summary), id="summary")
        yield Static(f"Replay it any time: griller review {self.session_id}", id="resume-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"summary · session {self.session_id}"

    def action_review(self) -> None:
        from griller.coach.replay import load_replay
        from griller.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(load_replay(self.db, self.session_id)))

    def action_close(self) -> None:
        self.app.exit()
