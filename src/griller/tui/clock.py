"""The clock the TUI reads. Injected so tests and snapshots can freeze time."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Seconds from an arbitrary origin, like ``time.monotonic``."""

system_clock: Clock = time.monotonic


class FrozenClock:
    """A clock that moves only when told to: deterministic timers for tests and snapshots."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
