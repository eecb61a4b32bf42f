"""Voice checks for ``griller doctor``: PortAudio, input devices, espeak-ng, the Whisper model.

Each check is cheap (no model is loaded, no device opened), never raises, and says how to fix
what is missing. Missing voice pieces are ``missing``, not ``error``: griller works in text
without them. Only a ``speech.whisper_model`` that points nowhere is an ``error`` (config is wrong).

``HealthCheck`` has the same fields as ``griller.coach.doctor.Check``; the speech adapters sit
below coach/ in the layers contract, so the doctor converts: ``Check(**c.as_dict())``.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from griller.domain.health import HealthCheck
from griller.speech.errors import VOICE_EXTRA, SpeechUnavailable


def _unavailable(name: str, exc: SpeechUnavailable) -> HealthCheck:
    return HealthCheck(name, "missing", exc.what, exc.fix)


def portaudio() -> HealthCheck:
    from griller.speech.portaudio import load_sounddevice

    name = "microphone library (PortAudio)"
    try:
        sd = load_sounddevice()
    except SpeechUnavailable as exc:
        return _unavailable(name, exc)
    return HealthCheck(name, "ok", str(sd.get_portaudio_version()[1]))


def input_devices() -> HealthCheck:
    from griller.speech.portaudio import default_input
    from griller.speech.portaudio import input_devices as devices

    name = "microphone (input device)"
    try:
        found = devices()
        default = default_input() if found else None
    except SpeechUnavailable as exc:
        return _unavailable(name, exc)
    if not found or default is None:
        from griller.speech.portaudio import NO_MIC_FIX

        return HealthCheck(name, "missing", "PortAudio sees no input device", NO_MIC_FIX)
    others = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
    return HealthCheck(name, "ok", f"{default['name']}{others}")


def output_device() -> HealthCheck:
    """Where spoken questions play (``--speak``)."""
    from griller.speech.speaker import output_device as default_output

    name = "speaker (output device)"
    try:
        info = default_output()
    except SpeechUnavailable as exc:
        return _unavailable(name, exc)
    return HealthCheck(name, "ok", str(info.get("name", "default")))


def espeak() -> HealthCheck:
    import ctypes.util
    import shutil

    from griller.speech.speaker import NO_ESPEAK_FIX

    name = "spoken questions (espeak-ng)"
    if importlib.util.find_spec("pyttsx3") is None:
        return HealthCheck(name, "missing", "the pyttsx3 package is not installed", VOICE_EXTRA)
    library = ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")
    if library is None:
        return HealthCheck(name, "missing", "libespeak-ng is not installed", NO_ESPEAK_FIX)
    program = shutil.which("espeak-ng")
    return HealthCheck(name, "ok", library + (f", {program}" if program else ""))


def whisper_model(settings: Any = None) -> HealthCheck:
    from griller.speech.transcriber import resolve_model_dir

    name = "speech to text (Whisper model)"
    configured = ""
    try:
        if settings is None:
            from griller.config import load_settings

            settings = load_settings()
        configured = settings.speech.whisper_model
        path = resolve_model_dir(configured)
    except SpeechUnavailable as exc:
        return HealthCheck(name, "error" if configured else "missing", exc.what, exc.fix)
    except Exception as exc:  # a broken config is reported by the settings check; say so here too
        return HealthCheck(name, "error", f"settings do not load ({exc})", "run `griller config path` and fix the file")
    if importlib.util.find_spec("faster_whisper") is None:
        return HealthCheck(name, "missing", "the faster-whisper package is not installed", VOICE_EXTRA)
    size = (path / "model.bin").stat().st_size / 1e6
    return HealthCheck(name, "ok", f"{path} ({size:.0f} MB)")


def checks(settings: Any = None) -> list[HealthCheck]:
    """All voice checks, in the order a user would fix them."""
    results = []
    for check in (portaudio, input_devices, output_device, espeak):
        try:
            results.append(check())
        except Exception as exc:  # a doctor must report, not crash
            results.append(HealthCheck(check.__name__, "error", repr(exc)))
    try:
        results.append(whisper_model(settings))
    except Exception as exc:
        results.append(HealthCheck("whisper_model", "error", repr(exc)))
    return results
