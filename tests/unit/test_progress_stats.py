"""Progress arithmetic: streaks, percentiles, levels, and the gaps' trend."""

from __future__ import annotations

from datetime import date

from griller.domain.stats import ProgressInput, compute_progress, level_for, percentile, streaks


def test_streak_counts_back_from_today_or_yesterday() -> None:
    days = {date(2026, 11, d) for d in (14, 15, 16, 19, 20, 21)}
    assert streaks(days, date(2026, 11, 21)) == (3, 3)
    assert streaks(days, date(2026, 11, 22)) == (3, 3)  # yesterday still counts
    assert streaks(days, date(2026, 11, 23)) == (0, 3)
    assert streaks(set(), date(2026, 11, 21)) == (0, 0)


def test_percentile_and_levels() -> None:
    assert percentile(70, [50, 60, 70, 80]) == 75.0
    assert percentile(10, []) == 0.0
    assert level_for(0) == (1, 50)
    assert level_for(60) == (2, 200)
    assert level_for(200)[0] == 3


def test_gaps_shrink_when_recent_rate_is_lower(shipped_rubric) -> None:
    data = ProgressInput(
        sessions=10, answers=100, practice_days={date(2026, 11, 20)}, overall=60.0,
        dimensions={"impact": 5.0}, recent_dimensions={"impact": 7.0}, earlier_dimensions={"impact": 4.0},
        session_overalls=[50.0] * 9 + [80.0], history=[],
        gap_counts={"no_metrics": 30, "too_short": 5}, recent_gap_counts={"no_metrics": 2, "too_short": 4},
        recent_answers=20, overall_sum=6000,
    )
    progress = compute_progress(data, shipped_rubric, date(2026, 11, 21))
    by_id = {g.id: g for g in progress.gaps}
    assert by_id["no_metrics"].shrinking is True  # 2/20 recently against 28/80 before
    assert by_id["too_short"].shrinking is False  # 4/20 against 1/80
    assert progress.trends["impact"] == 3.0
    assert progress.last_percentile == 100.0
    assert "80+ session" in progress.badges
    assert progress.challenge is not None and progress.challenge.question
    again = compute_progress(data, shipped_rubric, date(2026, 11, 21))
    assert again.challenge == progress.challenge  # the same challenge all day
