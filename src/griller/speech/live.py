"""What a live front end needs from voice: whether it can run, the model, one session per answer, one line.

Importing this module is cheap (no sounddevice, faster-whisper or numpy): ``griller.tui.devices`` looks for
it, and the interview screen asks ``available()`` before it offers the microphone. The heavy imports happen
in ``load_transcriber`` (call it in a worker) and when a session starts.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from griller.speech.errors import VOICE_EXTRA, SpeechUnavailable

if TYPE_CHECKING:
    from griller.domain.ports import AudioSource, Transcriber
    from griller.speech.controller import VoiceSession

__all__ = ["SpeechUnavailable", "available", "load_transcriber", "open_session", "speech_line"]


def available(settings: Any = None) -> tuple[bool, str]:
    """(True, "") when sounddevice, faster-whisper and a Whisper model are there; else (False, what to do).

    No device is opened and no model loaded: a missing microphone is only found when a session starts."""
    missing = [m for m in ("sounddevice", "faster_whisper", "numpy") if importlib.util.find_spec(m) is None]
    if missing:
        return False, f"voice input needs {VOICE_EXTRA} (missing {', '.join(missing)})"
    from griller.speech.transcriber import resolve_model_dir

    try:
        resolve_model_dir(_model_dir(settings))
    except SpeechUnavailable as exc:
        return False, str(exc)
    return True, ""


def _model_dir(settings: Any) -> str:
    return str(getattr(getattr(settings, "speech", None), "whisper_model", "") or "")


def load_transcriber(settings: Any = None, transcriber: Transcriber | None = None) -> Transcriber:
    """The shared Whisper transcriber with its model loaded (about a second: call it off the UI thread).

    Raises ``SpeechUnavailable`` when the package or the model is missing."""
    if transcriber is None:
        if importlib.util.find_spec("faster_whisper") is None:
            raise SpeechUnavailable("Speech to text is not installed (the faster-whisper package is missing)",
                                    VOICE_EXTRA)
        from griller.speech.transcriber import shared_transcriber

        transcriber = shared_transcriber(_model_dir(settings))
    load = getattr(transcriber, "load", None)
    if callable(load):
        load()
    return transcriber


def open_session(
    settings: Any = None,
    *,
    transcriber: Transcriber,
    source: AudioSource | None = None,
    mode: str = "push_to_talk",
    on_event: Callable[[dict[str, Any]], None] | None = None,
    recorder: Any = None,
    **options: Any,
) -> VoiceSession:
    """A ``VoiceSession`` for one answer, not started (``start()`` opens the microphone: call it in a worker).

    ``source`` defaults to the microphone; thresholds and timings come from ``settings`` (defaults without)."""
    from griller.speech.controller import VoiceSession

    if settings is not None:
        return VoiceSession.from_settings(settings, source=source, transcriber=transcriber, mode=mode,
                                          on_event=on_event, recorder=recorder, **options)
    if source is None:
        from griller.speech.audio import MicrophoneSource

        source = MicrophoneSource()
    return VoiceSession(source, transcriber, mode=mode, on_event=on_event,  # type: ignore[arg-type]
                        recorder=recorder, **options)


def speech_line(speech: dict[str, Any], tips: list[str] | None = None) -> str:
    """One sentence for the feedback panel from a ``metrics`` event's ``speech`` (and its first tip)."""
    talk = float(speech.get("talk_time") or 0.0)
    if talk <= 0.0:
        return "Voice: no speech heard in this answer."
    fillers = int(speech.get("fillers") or 0)
    pauses = int(speech.get("long_pauses") or 0)
    parts = [f"Voice: {round(float(speech.get('wpm') or 0.0))} wpm",
             f"{fillers} filler{'s' if fillers != 1 else ''} ({float(speech.get('filler_rate') or 0.0):.1f}/100 words)",
             f"{pauses} long pause{'s' if pauses != 1 else ''}",
             f"{talk:.0f} s talking"]
    line = " · ".join(parts)
    if tips:
        line += f". {tips[0]}"
    return line
