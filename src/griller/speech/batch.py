"""Batch analysis of a recorded answer: ``review`` JSONL items with ``"audio": "path.wav"``.

``analyse_audio`` decodes the file, transcribes it with the shared Whisper model (loaded once per
process), snaps word timings to the audible speech, and measures delivery with the thresholds
from config. The transcript becomes the answer; the metrics become the result's ``"speech"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from griller.domain.delivery import SPEECH_KEYS, DeliveryMetrics, Thresholds, Transcript, tips
from griller.domain.ports import Transcriber

__all__ = ["SPEECH_KEYS", "AudioAnalysis", "analyse", "analyse_audio"]


@dataclass(frozen=True)
class AudioAnalysis:
    """Everything ``analyse`` learns about one recording."""

    transcript: Transcript
    delivery: DeliveryMetrics
    tips: list[str]
    duration: float

    @property
    def speech(self) -> dict[str, float | int]:
        return self.delivery.as_dict()


def analyse(path: Path | str, settings: Any = None, *, transcriber: Transcriber | None = None) -> AudioAnalysis:
    """Transcribe and measure one audio file (WAV, FLAC, MP3, anything PyAV decodes).

    Raises ``AudioFileError`` for a missing or undecodable file and ``SpeechUnavailable`` when the
    voice extra or the Whisper model is missing.
    """
    from griller.speech.audio import SAMPLE_RATE, read_audio
    from griller.speech.metrics import measure_audio
    from griller.speech.transcriber import shared_transcriber

    if settings is None:
        from griller.config import load_settings

        settings = load_settings()
    thresholds = Thresholds.from_settings(settings.speech)
    samples = read_audio(path, SAMPLE_RATE)
    heard = (transcriber or shared_transcriber(settings.speech.whisper_model)).transcribe(samples)
    delivery, words = measure_audio(heard.words, samples, thresholds, sample_rate=SAMPLE_RATE)
    transcript = Transcript(heard.text, words, heard.duration)
    return AudioAnalysis(transcript, delivery, tips(delivery, thresholds) if words else [], len(samples) / SAMPLE_RATE)


def analyse_audio(path: Path, settings: Any = None) -> tuple[str, dict[str, float | int]]:
    """``(transcript, speech metrics)`` for one audio file; the metrics have exactly ``SPEECH_KEYS``."""
    result = analyse(path, settings)
    return result.transcript.text, result.speech
