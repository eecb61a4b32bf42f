"""Deterministic material for TUI tests: fixed questions, answers, ids, dates and a seeded history."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import sqlite_utils

from griller.coach.interviewing import LiveInterview, SessionOptions
from griller.coach.judges import HeuristicJudge
from griller.domain.models import AnswerInput
from griller.domain.plan import Grounding, PlannedQuestion
from griller.domain.rubric import Rubric
from griller.domain.stats import Challenge, GapTrend, Progress, SessionPoint
from griller.store import sessions as store

QUESTIONS = [
    ("behavioral", "Tell me about a time you improved the performance of a system."),
    ("technical", "How would you find the cause of a slow database query?"),
    ("situational", "What would you do if a release broke checkout on a Friday evening?"),
]
WEAK = "We made it faster."
STRONG = (
    "I led the migration of our billing service from a monolith to three services. The situation: checkout p99 "
    "latency was 900 ms and we lost 3% of carts. I profiled the hot path, found an N+1 query, rewrote it as a "
    "single join and added a Redis cache with a 60 second TTL behind a feature flag. As a result p99 dropped "
    "from 900 ms to 120 ms and cart abandonment fell by 2 points within a month. I learned to measure first."
)
INJECTION = "[bold red]I owned it[/bold red] \x1b[31mand we shipped\x07 it [link=http://x]click[/link]"
START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def options(count: int = 3, max_follow_ups: int = 1) -> SessionOptions:
    questions = [
        PlannedQuestion(id=f"q{i}", text=text, kind=kind, difficulty="medium", source="bank",  # type: ignore[arg-type]
                        grounding=[Grounding(type="bank", ref=f"b{i}", quote=text)], reason="from the question bank")
        for i, (kind, text) in enumerate(QUESTIONS[:count], 1)
    ]
    return SessionOptions(questions=questions, reserve=[], persona="professional_hr", max_follow_ups=max_follow_ups)


def start(db: sqlite_utils.Database, rubric: Rubric, count: int = 3) -> LiveInterview:
    return LiveInterview.start(db, rubric, HeuristicJudge(rubric, "general"), options(count))


class Ids:
    """Replaces ``store.new_id`` and ``store.now``: ids and timestamps that are the same on every run."""

    def __init__(self, start: datetime = START) -> None:
        self.counter = itertools.count(1)
        self.clock = start

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self.counter):06d}"

    def now(self) -> str:
        self.clock += timedelta(seconds=7)
        return self.clock.isoformat(timespec="milliseconds")


def iso(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds")


def seed_session(db: sqlite_utils.Database, rubric: Rubric, started: datetime, answers: list[str | None],
                 *, finish: bool = True) -> str:
    """A stored session with fixed timestamps: one turn per answer (None = skipped), a follow-up on weak ones."""
    judge = HeuristicJudge(rubric, "general")
    session_id = store.create_session(db, options(len(answers)).to_json(), started_at=iso(started))
    store.add_event(db, session_id, "session_started", {"questions": len(answers)}, at=iso(started))
    at, ordinal = started, 0
    for index, answer in enumerate(answers):
        kind, question = QUESTIONS[index % len(QUESTIONS)]
        at += timedelta(seconds=5)
        ordinal += 1
        turn = store.add_turn(db, session_id, ordinal=ordinal, question=question, kind=kind, difficulty="medium",
                              depth=0, planned_id=f"q{index + 1}", grounding=[], asked_at=iso(at))
        if answer is None:
            store.mark_skipped(db, turn)
            store.add_event(db, session_id, "skipped", turn_id=turn, at=iso(at + timedelta(seconds=3)))
            continue
        nudge_at = iso(at + timedelta(seconds=5))
        store.add_event(db, session_id, "silence_nudge", {"after_s": 5.0}, turn_id=turn, at=nudge_at)
        at += timedelta(seconds=40)
        store.record_answer(db, turn, answer, think_ms=6000, answer_ms=34000, answered_at=iso(at))
        evaluation = judge.grade(AnswerInput(id=turn, question=question, answer=answer, kind=kind))  # type: ignore[arg-type]
        store.record_evaluation(db, turn, evaluation)
        if evaluation.follow_up and evaluation.overall < 75:
            at += timedelta(seconds=2)
            ordinal += 1
            follow = store.add_turn(db, session_id, ordinal=ordinal, question=evaluation.follow_up, kind=kind,
                                    difficulty="medium", depth=1, planned_id=f"q{index + 1}", grounding=[],
                                    parent_id=turn, asked_at=iso(at))
            at += timedelta(seconds=30)
            reply = "I chose it because the query ran 40 times per request; I measured it with EXPLAIN."
            store.record_answer(db, follow, reply, think_ms=3000, answer_ms=25000, answered_at=iso(at))
            store.record_evaluation(db, follow, judge.grade(AnswerInput(id=follow, question=evaluation.follow_up,
                                                                        answer=reply, kind=kind)))  # type: ignore[arg-type]
    if finish:
        from griller.domain.summary import summarize

        evaluations = store.evaluations_by_turn(db, session_id)
        rows = store.turns(db, session_id)
        summary = summarize([(r, evaluations.get(r["id"])) for r in rows], rubric)
        store.finish_session(db, session_id, summary.model_dump(mode="json"))
        store.add_event(db, session_id, "session_finished", {"status": "finished"}, at=iso(at + timedelta(seconds=1)))
    return session_id


def seed_history(db: sqlite_utils.Database, rubric: Rubric) -> list[str]:
    """Eight sessions over ten days, getting better: enough for trends, a streak and badges."""
    plans = [
        [WEAK, WEAK], [WEAK, None], [WEAK, STRONG], [STRONG, WEAK], [WEAK, STRONG, STRONG],
        [STRONG, STRONG], [STRONG, WEAK, STRONG], [STRONG, STRONG, STRONG],
    ]
    days = [0, 1, 3, 5, 6, 7, 8, 9]
    return [seed_session(db, rubric, START + timedelta(days=d), plan) for d, plan in zip(days, plans, strict=True)]


def sample_progress() -> Progress:
    """Stats as ``load_progress`` returns them, written out: the stats screen's rendering, isolated from SQL."""
    overall = [38, 45, 41, 52, 58, 55, 63, 71]
    history = [
        SessionPoint(id=f"s_{i:06d}", started_at=f"2026-03-{2 + i:02d}T09:30:00.000+00:00", answers=3, overall=o,
                     dimensions={d: round(min(10, o / 10 + (j - 3) * 0.4), 1) for j, d in enumerate(
                         ("relevance", "clarity", "structure", "specificity", "depth", "impact", "ownership"))})
        for i, o in enumerate(overall)
    ]
    return Progress(
        sessions=8, answers=24, streak_days=4, longest_streak=5, overall=52.9,
        dimensions={"relevance": 6.1, "clarity": 5.8, "structure": 5.0, "specificity": 5.4, "depth": 4.6,
                    "impact": 4.9, "ownership": 6.3},
        trends={"relevance": 0.8, "clarity": 1.2, "structure": 1.5, "specificity": 0.1, "depth": -0.4,
                "impact": 2.0, "ownership": 0.6},
        history=history,
        gaps=[
            GapTrend(id="no_metrics", title="No numbers", count=9, recent_rate=0.2, earlier_rate=0.6, shrinking=True),
            GapTrend(id="no_situation", title="No context", count=6, recent_rate=0.27, earlier_rate=0.22,
                     shrinking=False),
            GapTrend(id="too_short", title="Too brief", count=4, recent_rate=0.07, earlier_rate=0.33, shrinking=True),
        ],
        last_percentile=100.0, xp=388, level=3, next_level_xp=450,
        badges=["First session", "Three-day streak", "Gap closer"],
        challenge=Challenge(question="Tell me about a project that failed. What was your part in it?",
                            focus="No numbers", tip="Before each story, write down two numbers."),
    )
