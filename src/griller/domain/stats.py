"""Progress over weeks: streaks, trends, shrinking gaps, percentiles, and a little gamification.

Pure: it takes per-session aggregates (computed in SQL by the caller) and returns ``Progress``.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, Field

from griller.domain.models import DIMENSIONS
from griller.domain.rubric import BankQuestion, Rubric
from griller.domain.summary import DRILLS

RECENT = 5  # sessions that count as "recent" when comparing against earlier ones


class SessionPoint(BaseModel):
    id: str
    started_at: str
    answers: int = 0
    overall: float | None = None
    dimensions: dict[str, float] = Field(default_factory=dict)


class GapTrend(BaseModel):
    id: str
    title: str
    count: int
    recent_rate: float  # per answer, in the last RECENT sessions
    earlier_rate: float  # per answer, before them
    shrinking: bool | None  # None when there is no earlier history to compare with


class Challenge(BaseModel):
    question: str
    focus: str
    tip: str


class Progress(BaseModel):
    sessions: int = 0
    answers: int = 0
    streak_days: int = 0
    longest_streak: int = 0
    overall: float | None = None
    dimensions: dict[str, float] = Field(default_factory=dict)
    trends: dict[str, float] = Field(default_factory=dict)  # recent minus earlier average, per dimension
    history: list[SessionPoint] = Field(default_factory=list)
    gaps: list[GapTrend] = Field(default_factory=list)
    last_percentile: float | None = None
    xp: int = 0
    level: int = 1
    next_level_xp: int = 0
    badges: list[str] = Field(default_factory=list)
    challenge: Challenge | None = None


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current streak ending today or yesterday, longest streak) in days with practice."""
    if not days:
        return 0, 0
    longest = run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today if today in days else today - timedelta(days=1)
    while cursor in days:
        current += 1
        cursor -= timedelta(days=1)
    return current, longest


def level_for(xp: int) -> tuple[int, int]:
    """Level from XP on a gentle square-root curve, and the XP the next level needs."""
    level = int(math.sqrt(xp / 50)) + 1
    return level, 50 * level * level


def percentile(value: float, population: Sequence[float]) -> float:
    """Share of the population at or below ``value``, 0–100."""
    if not population:
        return 0.0
    return round(100 * sum(1 for p in population if p <= value) / len(population), 1)


@dataclass
class ProgressInput:
    """Aggregates the caller computed (in SQL) over the sessions in scope, oldest first."""

    sessions: int
    answers: int
    practice_days: set[date]
    overall: float | None
    dimensions: dict[str, float]
    recent_dimensions: dict[str, float]  # the last RECENT graded sessions
    earlier_dimensions: dict[str, float] | None  # the graded sessions before them; None if there are none
    session_overalls: list[float]  # one per graded session, oldest first
    history: list[SessionPoint]  # the last 30 sessions
    gap_counts: dict[str, int]
    recent_gap_counts: dict[str, int]
    recent_answers: int
    overall_sum: float  # sum of every answer's overall score, for XP


def compute_progress(data: ProgressInput, rubric: Rubric, today: date) -> Progress:
    progress = Progress(sessions=data.sessions, answers=data.answers)
    progress.streak_days, progress.longest_streak = streaks(data.practice_days, today)
    if data.overall is not None:
        progress.overall = round(data.overall, 1)
        progress.dimensions = {d: round(data.dimensions.get(d, 0.0), 1) for d in DIMENSIONS}
        if data.earlier_dimensions:
            progress.trends = {
                d: round(data.recent_dimensions.get(d, 0.0) - data.earlier_dimensions.get(d, 0.0), 1)
                for d in DIMENSIONS
            }
    if data.session_overalls:
        progress.last_percentile = percentile(data.session_overalls[-1], data.session_overalls)
    progress.history = data.history
    earlier_answers = data.answers - data.recent_answers
    for gap_id, count in sorted(data.gap_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:6]:
        recent_count = data.recent_gap_counts.get(gap_id, 0)
        recent_rate = recent_count / data.recent_answers if data.recent_answers else 0.0
        earlier_rate = (count - recent_count) / earlier_answers if earlier_answers else 0.0
        gap = rubric.gap(gap_id)
        progress.gaps.append(
            GapTrend(
                id=gap_id,
                title=gap.title if gap else gap_id,
                count=count,
                recent_rate=round(recent_rate, 2),
                earlier_rate=round(earlier_rate, 2),
                shrinking=(recent_rate < earlier_rate) if earlier_answers else None,
            )
        )
    progress.xp = 10 * data.answers + int(data.overall_sum) // 10
    progress.level, progress.next_level_xp = level_for(progress.xp)
    progress.badges = _badges(progress, data.session_overalls)
    progress.challenge = daily_challenge(rubric, today, progress.gaps[0].id if progress.gaps else None)
    return progress


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _badges(progress: Progress, session_overalls: list[float]) -> list[str]:
    earned = []
    if progress.sessions >= 1:
        earned.append("First session")
    if progress.sessions >= 10:
        earned.append("Ten sessions")
    if progress.longest_streak >= 3:
        earned.append("Three-day streak")
    if progress.longest_streak >= 7:
        earned.append("Week-long streak")
    if any(o >= 80 for o in session_overalls):
        earned.append("80+ session")
    if progress.answers >= 100:
        earned.append("Hundred answers")
    if any(g.shrinking for g in progress.gaps):
        earned.append("Gap closer")
    return earned


def daily_challenge(rubric: Rubric, today: date, focus_gap: str | None) -> Challenge | None:
    """One question a day, the same all day, aimed at the most frequent gap when there is one."""
    bank: list[BankQuestion] = list(rubric.questions)
    if not bank:
        return None
    pick = bank[zlib.crc32(today.isoformat().encode()) % len(bank)]
    gap = rubric.gap(focus_gap) if focus_gap else None
    focus = gap.title if gap else "a complete STAR answer"
    tip = DRILLS.get(focus_gap or "", "Situation, what you did, the result in numbers, and what you learned.")
    return Challenge(question=pick.text, focus=focus, tip=tip)
