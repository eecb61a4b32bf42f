"""Pilot tests of the other screens: setup starts a session, review walks the timeline, stats, help, keys."""

from __future__ import annotations

from datetime import date

import sqlite_utils
from textual.widgets import DataTable, Input

from griller.coach.interview_setup import InterviewRequest
from griller.coach.judges import HeuristicJudge
from griller.coach.progress import load_progress
from griller.coach.replay import load_replay
from griller.domain.rubric import Rubric
from griller.store import sessions as store
from griller.tui.app import GrillerApp
from griller.tui.clock import FrozenClock
from griller.tui.devices import Capabilities, Capability
from griller.tui.screens.help import HelpScreen
from griller.tui.screens.interview import InterviewScreen
from griller.tui.screens.review import ReviewScreen
from griller.tui.screens.setup import SetupScreen
from griller.tui.screens.stats import StatsScreen
from griller.tui.starting import SessionStarter

from .pilot import SIZE, answer, interview_app, run, settle, shown
from .support import INJECTION, START, STRONG, WEAK, seed_history, seed_session, start

OFF = Capabilities(Capability(False, "no voice here"), Capability(False, "no camera here"))


def app_for(screen: object) -> GrillerApp:
    return GrillerApp(lambda: screen, clock=FrozenClock(), cursor_blink=False)  # type: ignore[arg-type,return-value]


def test_setup_starts_a_session_and_reports_bad_paths(db: sqlite_utils.Database, rubric: Rubric) -> None:
    starter = SessionStarter(db, ":memory:", rubric, HeuristicJudge(rubric))
    screen = SetupScreen(starter, rubric, InterviewRequest(questions=3), [], OFF)

    async def scenario() -> None:
        async with app_for(screen).run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen.query_one("#resume-path", Input).value = "/no/such/cv.pdf"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "Could not start" in shown(screen.query_one("#status"))
            assert not screen.starting
            screen.query_one("#resume-path", Input).value = ""
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(pilot.app.screen, InterviewScreen)
            assert pilot.app.live is not None and len(pilot.app.live.options.questions) == 3  # type: ignore[attr-defined]

    run(scenario())
    assert len(store.list_sessions(db)) == 1


def test_review_jumps_through_the_timeline(db: sqlite_utils.Database, rubric: Rubric) -> None:
    session = seed_session(db, rubric, START, [WEAK, None, STRONG])
    replay = load_replay(db, session)

    async def scenario() -> None:
        async with app_for(ReviewScreen(replay)).run_test(size=SIZE) as pilot:
            await pilot.pause()
            turns = pilot.app.screen.query_one("#turns", DataTable)
            assert turns.row_count == 4 and turns.cursor_row == 0
            for _ in range(4):  # started, asked, nudge, answered, then the follow-up is asked
                await pilot.press("n")
            await pilot.pause()
            assert turns.cursor_row == 1
            assert "follow-up 1" in shown(pilot.app.screen.query_one("#turn-detail"))
            await pilot.press("p", "p")
            await pilot.pause()
            assert turns.cursor_row == 0
            await pilot.press("escape")
            await pilot.pause()
            assert not pilot.app.is_running

    run(scenario())


def test_stats_from_the_database(db: sqlite_utils.Database, rubric: Rubric) -> None:
    seed_history(db, rubric)
    progress = load_progress(db, rubric, today=date(2026, 3, 11))

    async def scenario() -> None:
        async with app_for(StatsScreen(progress)).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert shown(pilot.app.screen.query_one("#head")).startswith("8 sessions")
            assert pilot.app.screen.query_one("#dimensions", DataTable).row_count == 7

    run(scenario())


def test_markup_and_control_characters_stay_literal(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)

    async def scenario() -> None:
        async with interview_app(live).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await answer(pilot, INJECTION)
            feedback = shown(pilot.app.screen.query_one("#feedback-body"))
            assert "[bold red]I owned it[/bold red]" in feedback
            assert "\x1b" not in feedback and "\x07" not in feedback

    run(scenario())
    assert store.turns(db, live.session_id)[0]["answer"] == INJECTION  # stored as typed; cleaned when shown
    replay = load_replay(db, live.session_id)

    async def review() -> None:
        async with app_for(ReviewScreen(replay)).run_test(size=SIZE) as pilot:
            await pilot.pause()
            detail = shown(pilot.app.screen.query_one("#turn-detail"))
            assert "[bold red]I owned it[/bold red]" in detail and "[link=http://x]click[/link]" in detail
            assert "\x1b" not in detail

    run(review())


def test_keys_are_remapped_and_unknown_ids_warn(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)
    keys = {"submit": "f5", "no_such_binding": "x", "skip": " "}

    async def scenario() -> None:
        app = interview_app(live, keys=keys)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert len(app.key_warnings) == 2
            assert "no_such_binding" in app.key_warnings[0] and "skip" in app.key_warnings[1]
            await answer(pilot, STRONG, submit=False)
            await pilot.press("ctrl+s")  # no longer the submit key
            await settle(pilot)
            assert store.turns(db, live.session_id)[0]["answer"] is None
            await pilot.press("f5")
            await settle(pilot)
            assert store.turns(db, live.session_id)[0]["answer"] == STRONG
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            table = pilot.app.screen.query_one(DataTable)
            rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            assert ["f5", "Submit", "submit"] in [r[:3] for r in rows]
            assert any(r[2] == "quit" for r in rows)

    run(scenario())
