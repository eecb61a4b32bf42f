"""One answer's eye contact: time-weighted fractions, debounced look-away events and rate-limited live hints.

Pure, like ``gaze``: it consumes the ``FrameSignals`` that ``GazeMeter`` makes and returns plain data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from griller.domain.gaze import FrameSignals, GazeThresholds, Reason


@dataclass(frozen=True)
class LookAway:
    start: float
    seconds: float
    reason: Reason

    def as_dict(self) -> dict[str, object]:
        return {"start": round(self.start, 2), "seconds": round(self.seconds, 2), "reason": self.reason}


class AnswerGaze:
    """One answer's eye contact: time-weighted fractions and debounced look-away events."""

    def __init__(self, thresholds: GazeThresholds | None = None) -> None:
        self.t = thresholds or GazeThresholds()
        self.look_aways: list[LookAway] = []
        self._totals: Counter[str] = Counter()
        self._last: FrameSignals | None = None
        self._last_dt = 0.0
        self._away_since: float | None = None
        self._back_since: float | None = None
        self._reasons: Counter[str] = Counter()

    def add(self, s: FrameSignals) -> LookAway | None:
        """Count a frame; returns the look-away that this frame ended, if any."""
        if self._last is not None:
            self._last_dt = max(0.0, min(s.at - self._last.at, self.t.max_frame_gap))
            self._credit(self._last, self._last_dt)
        self._last = s
        if not s.looking:
            self._away_since = s.at if self._away_since is None else self._away_since
            self._back_since = None
            self._reasons[s.reason or "absent"] += 1
            return None
        if self._away_since is None:
            return None
        self._back_since = s.at if self._back_since is None else self._back_since
        if s.at - self._back_since >= self.t.return_seconds:
            return self._close(self._back_since)
        return None

    def finish(self) -> LookAway | None:
        """Close a look-away still open at the end of the answer."""
        if self._away_since is None or self._last is None:
            return None
        return self._close(self._back_since or self._last.at + self._last_dt)

    def metrics(self) -> dict[str, float | int]:
        """The public per-answer figures: {"face_present", "centered", "eye_contact", "look_aways",
        "look_away_seconds"}; fractions of the answer's time, 0–1."""
        totals = self._totals.copy()
        if self._last is not None:
            self._credit(self._last, self._last_dt or 1.0, totals)
        time = totals["time"] or 1.0
        open_now = self._open_seconds()
        events = [a.seconds for a in self.look_aways] + ([open_now] if open_now >= self.t.look_away_seconds else [])
        return {
            "face_present": round(totals["present"] / time, 3),
            "centered": round(totals["centered"] / time, 3),
            "eye_contact": round(totals["looking"] / time, 3),
            "look_aways": len(events),
            "look_away_seconds": round(sum(events), 2),
        }

    def _open_seconds(self) -> float:
        if self._away_since is None or self._last is None:
            return 0.0
        return (self._back_since or self._last.at + self._last_dt) - self._away_since

    def _credit(self, s: FrameSignals, dt: float, totals: Counter[str] | None = None) -> None:
        totals = self._totals if totals is None else totals
        totals["time"] += dt
        totals["present"] += dt * s.face_present
        totals["centered"] += dt * (s.face_present and s.centered)
        totals["looking"] += dt * s.looking

    def _close(self, end: float) -> LookAway | None:
        assert self._away_since is not None
        start, seconds = self._away_since, end - self._away_since
        order = {"absent": 0, "head": 1, "eyes": 2}
        reason = min(self._reasons, key=lambda r: (-self._reasons[r], order[r])) if self._reasons else "absent"
        self._away_since, self._back_since = None, None
        self._reasons.clear()
        if seconds < self.t.look_away_seconds:
            return None
        event = LookAway(start, seconds, reason)  # type: ignore[arg-type]
        self.look_aways.append(event)
        return event


HINT_TEXT = {
    "look_at_camera": "Look at the camera",
    "move_into_frame": "Move back into frame",
    "move_back": "Sit a little further back",
    "move_closer": "Move a little closer",
}


@dataclass(frozen=True)
class Hint:
    kind: str
    at: float
    seconds: float
    """How long the problem had lasted."""

    @property
    def text(self) -> str:
        return HINT_TEXT[self.kind]

    def as_data(self) -> dict[str, object]:
        return {"hint": self.kind, "text": self.text, "seconds": round(self.seconds, 1)}


def advice(s: FrameSignals | None) -> str:
    """One line for a framing/mirror check."""
    if s is None:
        return "Waiting for the camera..."
    kind = problem(s)
    return HINT_TEXT[kind] if kind else "Framing looks good"


def problem(s: FrameSignals) -> str | None:
    """The most pressing thing to fix in this frame (a ``HINT_TEXT`` key), or None."""
    if not s.face_present or not s.centered:
        return "move_into_frame"
    if s.distance == "too_close":
        return "move_back"
    if s.distance == "too_far":
        return "move_closer"
    if not s.looking:
        return "look_at_camera"
    return None


class HintPolicy:
    """Live hints: a problem must last ``hint_after`` seconds, and hints are rate-limited per kind and overall."""

    def __init__(self, thresholds: GazeThresholds | None = None) -> None:
        self.t = thresholds or GazeThresholds()
        self._problem: str | None = None
        self._since = 0.0
        self._last_any: float | None = None
        self._last_kind: dict[str, float] = {}

    def update(self, s: FrameSignals) -> Hint | None:
        kind = problem(s)
        if kind != self._problem:
            self._problem, self._since = kind, s.at
        if kind is None or s.at - self._since < self.t.hint_after:
            return None
        if self._last_any is not None and s.at - self._last_any < self.t.hint_gap:
            return None
        last = self._last_kind.get(kind)
        if last is not None and s.at - last < self.t.hint_every:
            return None
        self._last_any = self._last_kind[kind] = s.at
        hint = Hint(kind, s.at, s.at - self._since)
        self._since = s.at  # the same problem must persist again before it is repeated
        return hint
