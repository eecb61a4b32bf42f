"""Test speech made with espeak-ng: known sentences, fillers and exact pauses, at 16 kHz mono.

Each piece of text is synthesised separately and trimmed of espeak's own leading and trailing
silence, so the pauses the tests insert (numpy zeros) are the pauses in the clip, to the sample.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import wave
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

RATE = 16_000
ESPEAK = shutil.which("espeak-ng")
# Whisper threads in tests: the machine is shared, so one by default.
THREADS = int(os.environ.get("SPEECH_TEST_THREADS", "1"))
SRC = str(Path(__file__).resolve().parents[2] / "src")


@lru_cache(maxsize=1)
def whisper() -> Any:
    """The real faster-whisper on the real offline model, loaded once for the test session."""
    from griller.speech.transcriber import WhisperTranscriber

    transcriber = WhisperTranscriber(cpu_threads=THREADS)
    transcriber.load()
    return transcriber


def run_python(code: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (PortAudio reads its device config once per process)."""
    full = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=full, check=False
    )


def espeak(text: str, *, wpm: int = 150, voice: str = "en-us", pitch: int = 50) -> np.ndarray:
    """``text`` spoken by espeak-ng, as float32 at 16 kHz with the silence at both ends trimmed."""
    assert ESPEAK, "espeak-ng is not installed: run `make system-packages`"
    proc = subprocess.run(
        [ESPEAK, "-v", voice, "-s", str(wpm), "-p", str(pitch), "--stdout", text],
        capture_output=True, check=True, timeout=30,
    )
    with wave.open(io.BytesIO(proc.stdout)) as w:
        rate = w.getframerate()
        raw = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768.0
    samples = np.interp(np.arange(0, raw.size, rate / RATE), np.arange(raw.size), raw).astype(np.float32)
    return trim(samples)


def trim(samples: np.ndarray, level: float = 0.01) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > level)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples[:0]


@dataclass
class Clip:
    """A composed clip and what is known about it."""

    samples: np.ndarray
    text: str
    pauses: list[float] = field(default_factory=list)
    speech_seconds: float = 0.0

    @property
    def duration(self) -> float:
        return self.samples.size / RATE

    @property
    def words(self) -> list[str]:
        return normalise(self.text)

    def write(self, path: Path) -> Path:
        write_wav(path, self.samples)
        return path


def compose(*parts: str | float, wpm: int = 150, lead: float = 0.3, tail: float = 0.5, **voice: object) -> Clip:
    """Text and pauses in order: ``compose("I led it.", 1.5, "We shipped.")`` has a 1.5 s pause."""
    pieces = [np.zeros(int(lead * RATE), dtype=np.float32)]
    texts, pauses, speech = [], [], 0.0
    for part in parts:
        if isinstance(part, str):
            said = espeak(part, wpm=wpm, **voice)  # type: ignore[arg-type]
            pieces.append(said)
            texts.append(part)
            speech += said.size / RATE
        else:
            pieces.append(np.zeros(int(part * RATE), dtype=np.float32))
            pauses.append(float(part))
    pieces.append(np.zeros(int(tail * RATE), dtype=np.float32))
    return Clip(np.concatenate(pieces), " ".join(texts), pauses, speech)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> None:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


_NUMBERS = {"forty": "40", "five": "5", "two": "2", "ten": "10", "three": "3"}


def normalise(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("%", " percent"))
    return [_NUMBERS.get(w, w) for w in words]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: (substitutions + deletions + insertions) / reference words, by edit distance."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[:], i
        for j, h in enumerate(hyp, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (r != h))
    return row[-1] / max(1, len(ref))


class SoundCard:
    """Stands in for the speaker (a ``griller.speech.speaker.Player``): keeps the samples it is given and
    "plays" them until ``finish()`` (the reading comes to its natural end) or until the Speaker stops it."""

    def __init__(self) -> None:
        import threading

        self.played: list[tuple[np.ndarray, int]] = []
        self.stopped = 0
        self.finished = 0
        self._end = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, samples: Any, rate: int, stop: Any) -> None:
        with self._lock:
            self._end.clear()
            self.played.append((np.asarray(samples).copy(), rate))
        while not stop.wait(0.01):
            if self._end.is_set():
                self.finished += 1
                return
        self.stopped += 1

    def finish(self) -> None:
        self._end.set()

    def seconds(self, index: int = -1) -> float:
        samples, rate = self.played[index]
        return len(samples) / rate


class NoSoundCard:
    """A machine without an output device, as PortAudio reports it."""

    def check(self) -> None:
        from griller.speech.errors import SpeechUnavailable
        from griller.speech.speaker import NO_SPEAKER_FIX

        raise SpeechUnavailable("No speaker: PortAudio finds no output device (Error querying device -1)",
                                NO_SPEAKER_FIX)

    def __call__(self, samples: Any, rate: int, stop: Any) -> None:
        self.check()
