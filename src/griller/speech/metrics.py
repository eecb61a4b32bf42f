"""Delivery metrics of words heard in audio: the pure measures of ``domain.delivery`` fed with what
only the audio knows — word edges snapped to sound, the real silences, and the pitch variation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from griller.domain.delivery import DeliveryMetrics, Thresholds, Word, measure, spoken


def measure_audio(
    words: Sequence[Word],
    samples: Any,
    thresholds: Thresholds | None = None,
    *,
    sample_rate: int = 16_000,
    offset: float = 0.0,
) -> tuple[DeliveryMetrics, list[Word]]:
    """Metrics for ``words`` spoken in ``samples`` (sample 0 at ``offset`` seconds), and the tightened words."""
    from griller.speech.pitch import pitch_variation
    from griller.speech.voicing import silences, tighten, voiced_frames

    voiced = voiced_frames(samples, sample_rate)
    tight = tighten(words, voiced, offset=offset)
    said = spoken(tight)
    if not said:
        return measure(tight, thresholds), tight
    quiet = silences(voiced, said[0].start - offset, said[-1].end - offset)
    metrics = measure(tight, thresholds, pitch_variation=pitch_variation(samples, sample_rate), silences=quiet)
    return metrics, tight
