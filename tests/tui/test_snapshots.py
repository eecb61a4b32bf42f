"""Snapshot tests: every screen at 110x36, no cursor blink, frozen clock, fixed ids and dates, heuristic judge.

Update after an intended change with ``pytest tests/tui --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from textual.pilot import Pilot
from textual.widgets import TextArea

from griller.coach.interview_setup import InterviewRequest
from griller.coach.judges import HeuristicJudge
from griller.coach.replay import load_replay
from griller.domain.rubric import Rubric
from griller.tui.app import GrillerApp
from griller.tui.clock import FrozenClock
from griller.tui.devices import Capabilities, Capability
from griller.tui.screens.review import ReviewScreen
from griller.tui.screens.setup import SetupScreen
from griller.tui.screens.stats import StatsScreen
from griller.tui.starting import SessionStarter

from .pilot import SIZE, interview_app, settle
from .support import STRONG, WEAK, Ids, sample_progress, seed_session, start

DOCUMENTS = [
    {"id": "res-1a2b3c4d", "kind": "resume", "name": "Ada Lovelace — CV [2026].pdf"},
    {"id": "res-9f8e7d6c", "kind": "resume", "name": "ada-short.md"},
    {"id": "job-5e6f7a8b", "kind": "job", "name": "Senior Backend Engineer, Payments"},
]
NO_DEVICES = Capabilities(
    voice=Capability(False, "Voice input needs the voice extra: pip install 'griller[voice]'."),
    camera=Capability(False, "Eye-contact coaching needs the vision extra: pip install 'griller[vision]'."),
)


def app_for(screen: Any) -> GrillerApp:
    return GrillerApp(lambda: screen, clock=FrozenClock(), cursor_blink=False)


def test_setup(snap_compare: Any, db: sqlite_utils.Database, rubric: Rubric) -> None:
    starter = SessionStarter(db, ":memory:", rubric, HeuristicJudge(rubric))
    screen = SetupScreen(starter, rubric, InterviewRequest(), DOCUMENTS, NO_DEVICES)
    assert snap_compare(app_for(screen), terminal_size=SIZE)


def test_mid_answer(snap_compare: Any, db: sqlite_utils.Database, rubric: Rubric, fixed_ids: Ids) -> None:
    clock = FrozenClock()
    app = interview_app(start(db, rubric), clock=clock)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        clock.advance(4)
        pilot.app.screen.query_one("#answer", TextArea).insert(STRONG[:180])
        await pilot.pause()  # the first keystroke is noted at 0:04 of thinking
        clock.advance(38)
        pilot.app.screen._tick()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_evaluation_and_follow_up(snap_compare: Any, db: sqlite_utils.Database, rubric: Rubric,
                                  fixed_ids: Ids) -> None:
    app = interview_app(start(db, rubric))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.screen.query_one("#answer", TextArea).insert(WEAK)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_summary(snap_compare: Any, db: sqlite_utils.Database, rubric: Rubric, fixed_ids: Ids) -> None:
    app = interview_app(start(db, rubric, count=2))

    async def run_before(pilot: Pilot[Any]) -> None:
        for text in (WEAK, STRONG, STRONG):
            await settle(pilot)
            pilot.app.screen.query_one("#answer", TextArea).insert(text)
            await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_review(snap_compare: Any, db: sqlite_utils.Database, rubric: Rubric, fixed_ids: Ids) -> None:
    from .support import START

    session = seed_session(db, rubric, START, [WEAK, None, STRONG])
    replay = load_replay(db, session)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("n", "n", "n")  # walk the timeline to the follow-up being asked

    assert snap_compare(app_for(ReviewScreen(replay)), terminal_size=SIZE, run_before=run_before)


def test_stats(snap_compare: Any) -> None:
    assert snap_compare(app_for(StatsScreen(sample_progress())), terminal_size=SIZE)


def test_help(snap_compare: Any, db: sqlite_utils.Database, rubric: Rubric, fixed_ids: Ids) -> None:
    app = interview_app(start(db, rubric), keys={"skip": "f2"})

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
