"""Live coaching while an answer is spoken: a silence nudge, a pace alert and a filler-streak hint.

Pure and clock-free: the caller feeds audio time (seconds since listening began), whether sound
was heard, and the words transcribed so far. Each rule returns event dicts
``{"type", "at", "data"}`` for the caller to show and to store for the replay timeline.
Nudges are rate-limited so they stay unobtrusive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from griller.domain.delivery import Word, filler_positions, spoken

SILENCE_NUDGE = "silence_nudge"
PACE_ALERT = "pace_alert"
FILLER_STREAK = "filler_streak"
EVENT_TYPES = (SILENCE_NUDGE, PACE_ALERT, FILLER_STREAK)


@dataclass(frozen=True)
class LiveRules:
    """When nudges fire. ``from_settings`` takes the thresholds from config."""

    think_time: float = 5.0
    pace_min: float = 110.0
    pace_max: float = 190.0
    pace_seconds: float = 20.0
    pace_window: float = 10.0
    filler_streak: int = 3
    filler_window: float = 10.0
    cooldown: float = 20.0
    min_gap: float = 6.0
    pause_seconds: float = 0.3
    long_pause_seconds: float = 2.0

    @classmethod
    def from_settings(cls, settings: Any | None) -> LiveRules:
        """Read ``interview.think_time`` and ``speech.pace_alert_*`` from a ``Settings``."""
        if settings is None:
            return cls()
        speech, interview = settings.speech, settings.interview
        return cls(
            think_time=float(interview.think_time),
            pace_min=float(speech.pace_alert_min),
            pace_max=float(speech.pace_alert_max),
            pace_seconds=float(speech.pace_alert_seconds),
            pause_seconds=float(speech.pause_seconds),
            long_pause_seconds=float(speech.long_pause_seconds),
        )


def event(kind: str, at: float, **data: Any) -> dict[str, Any]:
    return {"type": kind, "at": round(at, 2), "data": data}


@dataclass
class LiveCoach:
    """The state of the live rules for one answer. Feed it with ``hear`` and ``words``."""

    rules: LiveRules = field(default_factory=LiveRules)
    _quiet_since: float = 0.0
    _started: bool = False
    _silence_nudged: bool = False
    _out_since: float | None = None
    _out_direction: str = ""
    _last_kind: dict[str, float] = field(default_factory=dict)
    _last_any: float | None = None
    _streaked: set[float] = field(default_factory=set)

    def hear(self, at: float, voiced: bool) -> list[dict[str, Any]]:
        """One slice of audio ending at ``at`` seconds; ``voiced`` when it held speech."""
        if voiced:
            self._quiet_since, self._started, self._silence_nudged = at, True, False
            return []
        quiet = at - self._quiet_since
        if self._silence_nudged or quiet < self.rules.think_time:
            return []
        if self._started:
            message = "Still thinking? Pick up where you left off, or close with the result."
        else:
            message = "Take your time. When you're ready, open with the situation in one sentence."
        out = self._emit(SILENCE_NUDGE, at, silent_for=round(quiet, 1), started=self._started, message=message)
        self._silence_nudged = bool(out)
        return out

    def words(self, at: float, words: Sequence[Word]) -> list[dict[str, Any]]:
        """The transcript grew: ``words`` are all the words so far, timed from the start of listening."""
        ws = spoken(words)
        if not ws:
            return []
        return self._pace(at, ws) + self._fillers(at, ws)

    def _pace(self, at: float, ws: list[Word]) -> list[dict[str, Any]]:
        r = self.rules
        now = ws[-1].end
        recent = [w for w in ws if w.start >= now - r.pace_window]
        span = recent[-1].end - recent[0].start
        span -= sum(b.start - a.end for a, b in pairwise(recent) if b.start - a.end >= r.long_pause_seconds)
        if len(recent) < 4 or span < r.pace_window / 2:
            return []  # too little speech yet for a fair pace
        wpm = len(recent) / span * 60.0
        direction = "slow" if wpm < r.pace_min else "fast" if wpm > r.pace_max else ""
        if not direction:
            self._out_since, self._out_direction = None, ""
            return []
        if self._out_since is None or direction != self._out_direction:
            self._out_since, self._out_direction = recent[0].start, direction
        if now - self._out_since < r.pace_seconds:
            return []
        if direction == "slow":
            message = f"About {wpm:.0f} words a minute for a while: pick the pace up a little."
        else:
            message = f"About {wpm:.0f} words a minute for a while: slow down and breathe between points."
        out = self._emit(PACE_ALERT, at, wpm=round(wpm), direction=direction, message=message)
        if out:
            self._out_since = now
        return out

    def _fillers(self, at: float, ws: list[Word]) -> list[dict[str, Any]]:
        r = self.rules
        now = ws[-1].end
        recent = [(ws[i].start, name) for i, name in filler_positions(ws, r.pause_seconds)
                  if ws[i].start >= now - r.filler_window and ws[i].start not in self._streaked]
        if len(recent) < r.filler_streak:
            return []
        names = sorted({name for _, name in recent})
        out = self._emit(
            FILLER_STREAK, at, count=len(recent), words=names,
            message=f"{len(recent)} fillers in a few seconds ({', '.join(names)}): a silent pause works better.",
        )
        if out:
            self._streaked.update(start for start, _ in recent)
        return out

    def _emit(self, kind: str, at: float, **data: Any) -> list[dict[str, Any]]:
        last = self._last_kind.get(kind)
        if last is not None and at - last < self.rules.cooldown:
            return []
        if self._last_any is not None and at - self._last_any < self.rules.min_gap:
            return []
        self._last_kind[kind] = self._last_any = at
        return [event(kind, at, **data)]
