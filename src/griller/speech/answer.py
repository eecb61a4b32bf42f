"""What a spoken answer produced, and the growing audio buffer a voice session fills."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from griller.domain.delivery import DeliveryMetrics, Word


@dataclass
class VoiceAnswer:
    """The final transcript of one spoken answer, with its delivery metrics and coaching events.

    ``speech`` is the public metrics object (the keys of ``review --json``'s ``"speech"``). Event
    ``at`` values are seconds after ``started_at`` (a ``time.time()`` wall clock).
    """

    transcript: str
    words: list[Word]
    speech: dict[str, float | int]
    delivery: DeliveryMetrics
    tips: list[str]
    events: list[dict[str, Any]]
    duration: float
    started_at: float
    ended_by: str
    latency: float = 0.0
    audio_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class AudioBuffer:
    """A float32 array that grows by doubling; appended by one thread, sliced by another."""

    def __init__(self, sample_rate: int = 16_000) -> None:
        self.sample_rate = sample_rate
        self._data: Any = None
        self._size = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._size

    def append(self, block: Any) -> int:
        import numpy as np

        block = np.asarray(block, dtype=np.float32).reshape(-1)
        with self._lock:
            if self._data is None:
                self._data = np.zeros(max(self.sample_rate * 10, block.size), dtype=np.float32)
            needed = self._size + block.size
            if needed > self._data.size:
                grown = np.zeros(max(needed, 2 * self._data.size), dtype=np.float32)
                grown[: self._size] = self._data[: self._size]
                self._data = grown
            self._data[self._size : needed] = block
            self._size = needed
            return needed

    def slice(self, start: int, end: int | None = None) -> Any:
        import numpy as np

        with self._lock:
            if self._data is None:
                return np.zeros(0, dtype=np.float32)
            end = self._size if end is None else min(end, self._size)
            return self._data[max(0, start) : end].copy()
