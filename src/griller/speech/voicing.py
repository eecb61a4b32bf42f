"""Where the voice is: a cheap streaming energy gate, silences measured in the audio, tighter word times.

Whisper's word timestamps often stretch a word across the silence next to it ("like" lasting a
second) or put a short word in the middle of a pause, which hides or invents pauses. So pauses
are measured in the audio itself (``silences``), and ``tighten`` trims each word's edges to the
frames that hold sound, which is what the filler rules look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from griller.domain.delivery import Word

FRAME_SECONDS = 0.02


def rms(block: Any) -> float:
    import numpy as np

    x = np.asarray(block, dtype=np.float32)
    return float(np.sqrt(np.mean(x * x))) if x.size else 0.0


class VoiceActivity:
    """Is this block speech? Energy above an adaptive noise floor (and above ``min_level``).

    The floor follows the quietest recent blocks, so a steady fan or hum stops counting as voice
    after a second or two. Cheap enough to run on every 100 ms block while idle.
    """

    def __init__(self, min_level: float = 0.01, ratio: float = 4.0) -> None:
        self.min_level = min_level
        self.ratio = ratio
        self.floor = min_level / ratio
        self.level = 0.0

    def update(self, block: Any) -> bool:
        self.level = rms(block)
        voiced = self.level > max(self.min_level, self.floor * self.ratio)
        if not voiced:  # track the noise floor on quiet blocks only, quickly down and slowly up
            rate = 0.5 if self.level < self.floor else 0.05
            self.floor += rate * (self.level - self.floor)
        return voiced


def voiced_frames(samples: Any, sample_rate: int = 16_000) -> Any:
    """A boolean per 20 ms frame: louder than both the clip's noise floor and a fraction of its speech level."""
    import numpy as np

    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    size = int(FRAME_SECONDS * sample_rate)
    n = x.size // size
    if n == 0:
        return np.zeros(0, dtype=bool)
    energy = np.sqrt((x[: n * size].reshape(n, size) ** 2).mean(axis=1))
    speech = float(np.percentile(energy, 95))
    # The quietest tenth is the noise floor, unless there is hardly any silence (then it is speech).
    noise = min(float(np.percentile(energy, 10)), 0.03 * speech)
    return energy > max(0.03 * speech, 3.0 * noise, 1e-4)


def silences(voiced: Any, start: float, end: float, min_seconds: float = 0.1) -> list[float]:
    """Lengths of the silent stretches between ``start`` and ``end`` seconds (frame 0 at 0 s)."""
    first, last = max(0, round(start / FRAME_SECONDS)), min(len(voiced), round(end / FRAME_SECONDS))
    out, run = [], 0
    for frame in range(first, last):
        if voiced[frame]:
            if run * FRAME_SECONDS >= min_seconds:
                out.append(round(run * FRAME_SECONDS, 2))
            run = 0
        else:
            run += 1
    if run * FRAME_SECONDS >= min_seconds:
        out.append(round(run * FRAME_SECONDS, 2))
    return out


def tighten(words: Sequence[Word], voiced: Any, *, offset: float = 0.0) -> list[Word]:
    """Trim silent frames off each word's edges. ``offset`` is the time of frame 0; words only ever shrink."""
    n = len(voiced)
    out = []
    for w in words:
        first = max(0, int((w.start - offset) / FRAME_SECONDS))
        last = min(n - 1, int((w.end - offset) / FRAME_SECONDS) - 1)
        if last - first < 2 or not voiced[first : last + 1].any():
            out.append(w)  # too short to judge, or no sound at all: leave Whisper's timing alone
            continue
        while not voiced[first]:
            first += 1
        while not voiced[last]:
            last -= 1
        start = max(w.start, offset + first * FRAME_SECONDS)
        end = min(w.end, offset + (last + 1) * FRAME_SECONDS)
        out.append(replace(w, start=round(start, 3), end=round(max(end, start), 3)))
    return out


def drop_unvoiced_edges(
    words: Sequence[Word], voiced: Any, *, offset: float = 0.0, min_voiced: float = 0.1
) -> list[Word]:
    """Drop words at either end that have less than ``min_voiced`` seconds of sound under them.

    Whisper pads the end of audio with words nobody said ("Thank you.", "you") when a little
    silence follows the speech; such words sit on silence, where no real word can.
    """
    def heard(w: Word) -> float:
        first = max(0, int((w.start - offset) / FRAME_SECONDS))
        last = max(first, round((w.end - offset) / FRAME_SECONDS))
        return float(voiced[first:last].sum()) * FRAME_SECONDS

    kept = list(words)
    while kept and heard(kept[-1]) < min_voiced:
        kept.pop()
    while kept and heard(kept[0]) < min_voiced:
        kept.pop(0)
    return kept


def split_at_pauses(samples: Any, sample_rate: int = 16_000, max_seconds: float = 28.0) -> list[tuple[int, int]]:
    """Cut long audio into pieces of at most ``max_seconds``, each cut in the middle of the longest silence."""
    import numpy as np

    total = len(samples)
    limit = int(max_seconds * sample_rate)
    if total <= limit:
        return [(0, total)]
    voiced = voiced_frames(samples, sample_rate)
    size = int(FRAME_SECONDS * sample_rate)
    pieces, start = [], 0
    while total - start > limit:
        lo, hi = (start + limit // 2) // size, (start + limit) // size
        window = voiced[lo:hi]
        quiet = np.flatnonzero(~window)
        if quiet.size:  # the middle of the longest run of quiet frames
            runs = np.split(quiet, np.flatnonzero(np.diff(quiet) > 1) + 1)
            best = max(runs, key=len)
            cut = (lo + int(best[len(best) // 2])) * size
        else:
            cut = start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, total))
    return pieces
