"""Pilot tests of the live interview: a whole session, follow-ups, skip, pause, end early, quit and resume."""

from __future__ import annotations

from typing import Any

import pytest
import sqlite_utils
from textual.pilot import Pilot
from textual.widgets import TextArea

from griller.coach.interviewing import LiveInterview
from griller.coach.judges import HeuristicJudge
from griller.domain.rubric import Rubric
from griller.store import sessions as store
from griller.tui.clock import FrozenClock
from griller.tui.screens.dialogs import ConfirmScreen, PauseScreen
from griller.tui.screens.summary import SummaryScreen
from griller.tui.widgets.feedback import FeedbackPanel
from griller.tui.widgets.question import QuestionPanel
from griller.tui.widgets.timer import NUDGE, TimerLine

from .pilot import SIZE, answer, interview_app, run, screen, settle, shown
from .support import STRONG, WEAK, start


def question_text(pilot: Pilot[Any]) -> str:
    return shown(pilot.app.screen.query_one(QuestionPanel))


def feedback_text(pilot: Pilot[Any]) -> str:
    return shown(pilot.app.screen.query_one(FeedbackPanel).body)


def test_a_whole_interview(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)

    async def scenario() -> None:
        async with interview_app(live).run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert question_text(pilot).startswith("Question 1 of 3 · behavioral · medium")
            assert "improved the performance" in question_text(pilot)

            await answer(pilot, WEAK)  # weak: instant check, then the grade and a follow-up on the worst gap
            assert feedback_text(pilot).startswith("Your last answer")
            assert "Too brief" in feedback_text(pilot)
            assert "follow-up 1" in question_text(pilot)
            assert "probing: Too brief" in question_text(pilot)
            assert screen(pilot).feedback_ms is not None

            await answer(pilot, STRONG)  # a strong follow-up answer moves on
            assert question_text(pilot).startswith("Question 2 of 3")
            assert pilot.app.screen.query_one("#answer", TextArea).text == ""

            await pilot.press("ctrl+n")  # skip
            await settle(pilot)
            assert question_text(pilot).startswith("Question 3 of 3")

            await answer(pilot, STRONG)
            assert isinstance(pilot.app.screen, SummaryScreen)
            summary = shown(pilot.app.screen.query_one("#summary"))
            assert "Overall" in summary and "1 skipped" in summary and "Top gaps" in summary

    run(scenario())
    session = store.get_session(db, live.session_id)
    assert session is not None and session["status"] == "finished"
    rows = store.turns(db, live.session_id)
    assert [(r["depth"], r["source"]) for r in rows] == [(0, "text"), (1, "text"), (0, "skipped"), (0, "text")]
    assert rows[0]["answer"] == WEAK
    assert len(store.evaluations_by_turn(db, live.session_id)) == 3


def test_quitting_mid_interview_leaves_it_resumable(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)

    async def scenario() -> None:
        async with interview_app(live).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await answer(pilot, WEAK)
            await pilot.press("ctrl+q")
            await pilot.pause()

    run(scenario())
    assert store.get_session(db, live.session_id)["status"] == "active"  # type: ignore[index]
    resumed = LiveInterview.resume(db, rubric, HeuristicJudge(rubric, "general"), "last")
    assert resumed.session_id == live.session_id
    assert resumed.machine.depth == 1  # the follow-up is still owed
    prompt = resumed.ask()
    assert prompt is not None and prompt.is_follow_up

    async def reopen() -> None:  # `--continue` opens straight on the interview screen, at that follow-up
        async with interview_app(resumed).run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "Question 1 of 3 · follow-up 1" in question_text(pilot)

    run(reopen())


def test_quitting_with_a_draft_asks_first(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)

    async def scenario() -> None:
        async with interview_app(live).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await answer(pilot, "half an answer", submit=False)
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert pilot.app.is_running and pilot.app.screen.query_one("#answer", TextArea).text == "half an answer"
            await pilot.press("ctrl+q", "y")
            await pilot.pause()
            assert not pilot.app.is_running

    run(scenario())


def test_end_early_shows_the_summary(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)

    async def scenario() -> None:
        async with interview_app(live).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await answer(pilot, STRONG)
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(pilot.app.screen, SummaryScreen)

    run(scenario())
    assert store.get_session(db, live.session_id)["status"] == "finished"  # type: ignore[index]
    assert "ended_early" in [e["type"] for e in store.events(db, live.session_id)]


def test_pause_and_the_silence_nudge_follow_the_clock(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)
    clock = FrozenClock()

    async def scenario() -> None:
        async with interview_app(live, clock=clock).run_test(size=SIZE) as pilot:
            await settle(pilot)
            interview = screen(pilot)
            clock.advance(3)
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(pilot.app.screen, PauseScreen)
            clock.advance(120)  # paused time counts toward nothing
            await pilot.press("escape")
            await pilot.pause()
            assert interview.timer.thinking(clock()) == 3
            assert NUDGE not in shown(interview.query_one(TimerLine))
            clock.advance(2.5)
            interview._tick()  # the interval timer runs every 0.5 s; call it now rather than wait
            await settle(pilot)
            assert NUDGE in shown(interview.query_one(TimerLine))
            clock.advance(4)
            await answer(pilot, STRONG, submit=False)  # first keystroke at 9.5 s of thinking
            clock.advance(20)
            await pilot.press("ctrl+s")
            await settle(pilot)

    run(scenario())
    kinds = [e["type"] for e in store.events(db, live.session_id)]
    assert {"paused", "resumed", "silence_nudge"} <= set(kinds)
    first = store.turns(db, live.session_id)[0]
    assert (first["think_ms"], first["answer_ms"]) == (9500, 20000)  # the 120 s pause is not counted


def test_a_streamed_question_arrives_token_by_token(
    db: sqlite_utils.Database, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = start(db, rubric)
    seen: list[str] = []
    original = QuestionPanel.add_token

    def spy(panel: QuestionPanel, token: str) -> None:
        seen.append(token)
        original(panel, token)

    monkeypatch.setattr(QuestionPanel, "add_token", spy)

    def tokens(prompt: Any) -> list[str]:
        words = prompt.text.split(" ")
        return [w if i == 0 else " " + w for i, w in enumerate(words)]

    async def scenario() -> None:
        async with interview_app(live, tokens=tokens).run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "improved the performance of a system." in question_text(pilot)
            assert not question_text(pilot).endswith("▍")

    run(scenario())
    assert "".join(seen) == "Tell me about a time you improved the performance of a system."
    assert len(seen) == 12


def test_a_model_written_question_streams_and_is_what_is_stored(db: sqlite_utils.Database, rubric: Rubric) -> None:
    from griller.coach.asker import Asker
    from griller.coach.prompts import Prompts
    from griller.llm.scripted import ScriptedModel
    from griller.paths import resource_dir

    live = start(db, rubric, count=1)
    model_text = "Walk me through the [bold]slowest[/bold] query you ever fixed, step by step."
    live.asker = Asker(ScriptedModel(replies=[model_text]), rubric, Prompts(resource_dir("prompts")))

    async def scenario() -> None:
        async with interview_app(live).run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "[bold]slowest[/bold]" in question_text(pilot)  # literal: model text is never markup

    run(scenario())
    assert store.turns(db, live.session_id)[0]["question"] == model_text
