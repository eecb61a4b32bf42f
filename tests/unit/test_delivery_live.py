"""Live coaching rules (domain/live_coach.py) on a synthetic clock and synthetic word timings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from griller.config import Settings
from griller.domain.delivery import Word
from griller.domain.live_coach import FILLER_STREAK, PACE_ALERT, SILENCE_NUDGE, LiveCoach, LiveRules


def hear(coach: LiveCoach, voiced: Iterable[bool], *, start: float = 0.0, step: float = 0.1) -> list[dict[str, Any]]:
    out = []
    for i, v in enumerate(voiced, 1):
        out += coach.hear(start + i * step, v)
    return out


def paced(wpm: float, seconds: float, *, start: float = 0.0, text: str = "word") -> list[Word]:
    """Words at a steady ``wpm`` for ``seconds``, each filling 70 % of its slot."""
    slot = 60.0 / wpm
    return [Word(text, start + i * slot, start + i * slot + 0.7 * slot) for i in range(int(seconds / slot))]


def feed(coach: LiveCoach, words: list[Word], every: float = 2.0) -> list[dict[str, Any]]:
    """Give the coach the transcript as it grows, a chunk every ``every`` seconds (as the session does)."""
    out, t = [], every
    end = words[-1].end
    while t <= end + every:
        heard = [w for w in words if w.end <= t]
        if heard:
            out += coach.words(t, heard)
        t += every
    return out


def test_silence_nudge_after_think_time_only_once() -> None:
    coach = LiveCoach(LiveRules(think_time=5.0))
    assert hear(coach, [False] * 49) == []
    (nudge,) = hear(coach, [False] * 30, start=4.9)
    assert nudge["type"] == SILENCE_NUDGE
    assert nudge["at"] == 5.0
    assert nudge["data"]["started"] is False and "Take your time" in nudge["data"]["message"]
    assert set(nudge) == {"type", "at", "data"}


def test_silence_nudge_mid_answer_after_speech_resumes_the_clock() -> None:
    coach = LiveCoach(LiveRules(think_time=5.0, min_gap=0, cooldown=0))
    events = hear(coach, [True] * 20 + [False] * 60 + [True] * 10 + [False] * 55)
    assert [e["type"] for e in events] == [SILENCE_NUDGE, SILENCE_NUDGE]
    assert [e["at"] for e in events] == [7.0, 14.0]
    assert all(e["data"]["started"] for e in events)


def test_pace_alert_when_too_slow_for_twenty_seconds() -> None:
    coach = LiveCoach(LiveRules())
    (alert,) = feed(coach, paced(90, 40))
    assert alert["type"] == PACE_ALERT
    assert alert["data"]["direction"] == "slow" and 85 <= alert["data"]["wpm"] <= 95
    assert alert["at"] >= 20.0


def test_pace_alert_when_too_fast_but_not_before_twenty_seconds() -> None:
    assert feed(LiveCoach(LiveRules()), paced(220, 18)) == []
    (alert,) = feed(LiveCoach(LiveRules()), paced(220, 30))
    assert alert["data"]["direction"] == "fast"


def test_no_pace_alert_inside_the_band() -> None:
    assert feed(LiveCoach(LiveRules()), paced(150, 60)) == []
    assert feed(LiveCoach(LiveRules()), paced(115, 60)) == []


def test_pace_alert_needs_the_pace_to_stay_out() -> None:
    # Slow for 12 s, normal for 12 s, slow again for 12 s: never 20 s in a row.
    words = paced(90, 12) + paced(150, 12, start=12) + paced(90, 12, start=24)
    assert feed(LiveCoach(LiveRules()), words) == []


def test_long_pauses_do_not_count_as_slow_speech() -> None:
    # Normal pace with a 3 s think pause every 6 s: pauses are not slow talking.
    words: list[Word] = []
    for block in range(6):
        words += paced(150, 6, start=block * 9)
    assert feed(LiveCoach(LiveRules()), words) == []


def test_filler_streak_hint_once_per_streak() -> None:
    coach = LiveCoach(LiveRules(cooldown=0, min_gap=0))
    text = "um I was uh like, you know, stuck".split()
    words = [Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate(text)]
    (hint,) = coach.words(4.0, words)
    assert hint["type"] == FILLER_STREAK
    assert hint["data"]["count"] == 4 and hint["data"]["words"] == ["like", "uh", "um", "you know"]
    assert coach.words(4.5, words) == []  # the same fillers never count twice


def test_two_fillers_are_not_a_streak() -> None:
    words = [Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate("um I was uh stuck there".split())]
    assert LiveCoach().words(3.0, words) == []


def test_spread_out_fillers_are_not_a_streak() -> None:
    words = [Word("um" if i % 25 == 0 else "word", i * 0.4, i * 0.4 + 0.3) for i in range(100)]
    assert feed(LiveCoach(), words) == []


def test_nudges_are_rate_limited() -> None:
    coach = LiveCoach(LiveRules(think_time=1.0, cooldown=20.0, min_gap=6.0))
    events = []
    for second in range(40):  # quiet, one word, quiet again: the silence rule would fire every 1.1 s
        events += coach.hear(second + 0.5, False)
        events += coach.hear(second + 1.0, second % 2 == 0)
    assert len(events) == 2
    assert events[1]["at"] - events[0]["at"] >= 20.0
    # A different kind still waits for the minimum gap after the last nudge.
    streak = [Word(w, 21.0 + i * 0.3, 21.2 + i * 0.3) for i, w in enumerate("um uh um okay".split())]
    assert coach.words(events[1]["at"] + 1, streak) == []
    assert coach.words(events[1]["at"] + 7, streak)[0]["type"] == FILLER_STREAK


def test_rules_come_from_config() -> None:
    settings = Settings(interview={"think_time": 8}, speech={"pace_alert_min": 100, "pace_alert_seconds": 30})
    rules = LiveRules.from_settings(settings)
    assert (rules.think_time, rules.pace_min, rules.pace_max, rules.pace_seconds) == (8.0, 100.0, 190.0, 30.0)
    assert LiveRules.from_settings(None) == LiveRules()
