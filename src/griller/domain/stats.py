"""Progress over weeks: streaks, trends, shrinking gaps, percentiles, and a little gamification.

Pure: it takes per-session aggregates (computed in SQL by the caller) and returns ``Progress``.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
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


def compute_progress(
    history: list[SessionPoint],
    gap_counts: dict[str, int],
    recent_gap_counts: dict[str, int],
    rubric: Rubric,
    today: date,
    *,
    total_sessions: int | None = None,
) -> Progress:
    graded = [p for p in history if p.overall is not None and p.answers]
    answers = sum(p.answers for p in history)
    progress = Progress(sessions=total_sessions if total_sessions is not None else len(history), answers=answers)
    days = {date.fromisoformat(p.started_at[:10]) for p in history}
    progress.streak_days, progress.longest_streak = streaks(days, today)
    if graded:
        weight = sum(p.answers for p in graded)
        progress.overall = round(sum((p.overall or 0) * p.answers for p in graded) / weight, 1)
        progress.dimensions = {
            d: round(sum(p.dimensions.get(d, 0) * p.answers for p in graded) / weight, 1) for d in DIMENSIONS
        }
        recent, earlier = graded[-RECENT:], graded[:-RECENT]
        if earlier:
            progress.trends = {
                d: round(
                    _mean([p.dimensions.get(d, 0) for p in recent]) - _mean([p.dimensions.get(d, 0) for p in earlier]),
                    1,
                )
                for d in DIMENSIONS
            }
        last = graded[-1]
        progress.last_percentile = percentile(last.overall or 0, [p.overall or 0 for p in graded])
    progress.history = history[-30:]
    recent_answers = sum(p.answers for p in history[-RECENT:])
    earlier_answers = answers - recent_answers
    for gap_id, count in sorted(gap_counts.items(), key=lambda kv: -kv[1])[:6]:
        recent_count = recent_gap_counts.get(gap_id, 0)
        recent_rate = recent_count / recent_answers if recent_answers else 0.0
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
    progress.xp = sum(10 * p.answers + int(p.overall or 0) * p.answers // 10 for p in history)
    progress.level, progress.next_level_xp = level_for(progress.xp)
    progress.badges = _badges(progress, graded)
    progress.challenge = daily_challenge(rubric, today, progress.gaps[0].id if progress.gaps else None)
    return progress


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _badges(progress: Progress, graded: list[SessionPoint]) -> list[str]:
    earned = []
    if progress.sessions >= 1:
        earned.append("First session")
    if progress.sessions >= 10:
        earned.append("Ten sessions")
    if progress.longest_streak >= 3:
        earned.append("Three-day streak")
    if progress.longest_streak >= 7:
        earned.append("Week-long streak")
    if any((p.overall or 0) >= 80 for p in graded):
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
