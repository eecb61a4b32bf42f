"""Per-answer timing: think time (until the first keystroke), answer time, pauses and the silence nudge.

Pure arithmetic on timestamps from an injected clock, so it is unit-testable and deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class AnswerTimer:
    """Times one answer. Paused time counts toward neither thinking nor answering."""

    shown_at: float | None = None
    typed_at: float | None = None
    paused_at: float | None = None
    paused_thinking: float = 0.0
    paused_answering: float = 0.0
    nudged: bool = False

    def start(self, now: float) -> None:
        self.shown_at, self.typed_at, self.paused_at = now, None, None
        self.paused_thinking = self.paused_answering = 0.0
        self.nudged = False

    @property
    def running(self) -> bool:
        return self.shown_at is not None

    def typed(self, now: float) -> None:
        """The candidate started answering (first keystroke)."""
        if self.shown_at is not None and self.typed_at is None:
            self.typed_at = now if self.paused_at is None else self.paused_at

    def pause(self, now: float) -> None:
        if self.paused_at is None:
            self.paused_at = now

    def resume(self, now: float) -> None:
        if self.paused_at is None:
            return
        gap = max(0.0, now - self.paused_at)
        if self.typed_at is None:
            self.paused_thinking += gap
        else:
            self.paused_answering += gap
        self.paused_at = None

    def _now(self, now: float) -> float:
        return self.paused_at if self.paused_at is not None else now

    def thinking(self, now: float) -> float:
        """Seconds from the question to the first keystroke (so far, if none yet)."""
        if self.shown_at is None:
            return 0.0
        end = self.typed_at if self.typed_at is not None else self._now(now)
        return max(0.0, end - self.shown_at - self.paused_thinking)

    def answering(self, now: float) -> float:
        """Seconds from the first keystroke to now."""
        if self.typed_at is None:
            return 0.0
        return max(0.0, self._now(now) - self.typed_at - self.paused_answering)

    def wants_nudge(self, now: float, think_time: float) -> bool:
        """True once, when the candidate has been silent longer than ``think_time`` seconds."""
        if self.nudged or self.typed_at is not None or self.paused_at is not None or think_time <= 0:
            return False
        if self.thinking(now) >= think_time:
            self.nudged = True
            return True
        return False

    def as_ms(self, now: float) -> tuple[int, int]:
        """(think_ms, answer_ms) to store with the answer."""
        return round(self.thinking(now) * 1000), round(self.answering(now) * 1000)


def clock_text(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"
