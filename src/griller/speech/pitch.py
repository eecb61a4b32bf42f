"""The pitch (f0) track of speech by autocorrelation, and how much it varies, in semitones.

Frames of 40 ms every 10 ms; a frame is voiced when it is loud enough and its normalised
autocorrelation has a clear peak between 75 and 400 Hz. Pitch variation is the standard deviation
of the voiced f0 in semitones around its median: about 0 for a monotone, 2–4 for lively speech.
"""

from __future__ import annotations

from typing import Any

FRAME_SECONDS = 0.04
HOP_SECONDS = 0.01
FMIN, FMAX = 75.0, 400.0
MIN_VOICED_FRAMES = 20  # 0.2 s of voiced speech before a variation means anything


def f0_track(samples: Any, sample_rate: int = 16_000, *, voicing: float = 0.5) -> Any:
    """f0 in Hz per 10 ms frame (0 where unvoiced), as a float array."""
    import numpy as np

    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    size, hop = int(FRAME_SECONDS * sample_rate), int(HOP_SECONDS * sample_rate)
    if x.size < size:
        return np.zeros(0)
    frames = np.lib.stride_tricks.sliding_window_view(x, size)[::hop].astype(np.float64)
    frames = frames - frames.mean(axis=1, keepdims=True)
    rms = np.sqrt((frames**2).mean(axis=1))
    loud = rms > max(0.1 * float(np.percentile(rms, 95)), 1e-3)
    f0 = np.zeros(frames.shape[0])
    if not loud.any():
        return f0
    spectrum = np.fft.rfft(frames[loud], n=2 * size, axis=1)
    ac = np.fft.irfft(np.abs(spectrum) ** 2, axis=1)[:, :size]
    ac = ac / np.arange(size, 0, -1) * size  # unbias: long lags sum fewer products
    lo, hi = int(sample_rate / FMAX), int(sample_rate / FMIN)
    energy = ac[:, :1]
    norm = ac[:, lo : hi + 1] / np.maximum(energy, 1e-12)
    best = norm.max(axis=1)
    # The first peak close to the best one, not the best itself: avoids jumping an octave down.
    first = np.argmax(norm >= 0.9 * best[:, None], axis=1)
    window = np.clip(first[:, None] + np.arange(lo), 0, norm.shape[1] - 1)
    lag = np.take_along_axis(window, np.argmax(np.take_along_axis(norm, window, axis=1), axis=1)[:, None], 1)[:, 0]
    lag = _refine(norm, lag) + lo
    voiced = best >= voicing
    values = np.where(voiced, sample_rate / lag, 0.0)
    f0[np.flatnonzero(loud)] = values
    return _median_smooth(f0)


def _refine(norm: Any, lag: Any) -> Any:
    """Parabolic interpolation around each peak, for sub-sample lags."""
    import numpy as np

    rows = np.arange(norm.shape[0])
    left = norm[rows, np.clip(lag - 1, 0, norm.shape[1] - 1)]
    mid = norm[rows, lag]
    right = norm[rows, np.clip(lag + 1, 0, norm.shape[1] - 1)]
    denom = left - 2 * mid + right
    shift = np.where(np.abs(denom) > 1e-12, 0.5 * (left - right) / np.where(denom == 0, 1, denom), 0.0)
    return lag + np.clip(shift, -0.5, 0.5)


def _median_smooth(f0: Any, width: int = 5) -> Any:
    """A running median over voiced frames removes single-frame octave slips."""
    import numpy as np

    out = f0.copy()
    voiced = np.flatnonzero(f0 > 0)
    if voiced.size >= width:
        windows = np.lib.stride_tricks.sliding_window_view(np.pad(f0[voiced], width // 2, mode="edge"), width)
        out[voiced] = np.median(windows, axis=1)
    return out


def pitch_variation(samples: Any, sample_rate: int = 16_000) -> float | None:
    """Standard deviation of voiced f0 in semitones around the median; ``None`` with too little voice."""
    import numpy as np

    f0 = f0_track(samples, sample_rate)
    voiced = f0[f0 > 0]
    if voiced.size < MIN_VOICED_FRAMES:
        return None
    semitones = 12.0 * np.log2(voiced / np.median(voiced))
    semitones = semitones[np.abs(semitones) <= 12.0]  # beyond an octave from the median: a tracking error
    return float(np.std(semitones)) if semitones.size else None
