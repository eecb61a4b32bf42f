"""Loading sounddevice (PortAudio) quietly, and the input devices it sees.

PortAudio initialises when sounddevice is imported; on Linux that makes ALSA print its probing
errors ("ALSA lib pcm.c: Unknown PCM ...") straight to file descriptor 2, which would scribble
over the TUI. We install a silent ALSA error handler first.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from griller.speech.errors import VOICE_EXTRA, SpeechUnavailable

_alsa_handler: Any = None  # the ctypes callback must outlive the call that installs it

NO_PORTAUDIO_FIX = "sudo apt-get install libportaudio2 (macOS: brew install portaudio), then run `griller doctor`"
NO_MIC_FIX = (
    "plug in a microphone and check it is not muted (`arecord -l` lists capture devices on Linux), "
    "then run `griller doctor`; meanwhile answers can be typed"
)


def _silence_alsa() -> None:
    global _alsa_handler
    if _alsa_handler is not None or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("asound") or "libasound.so.2"
        asound = ctypes.cdll.LoadLibrary(name)
        handler_type = ctypes.CFUNCTYPE(
            None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
        )
        _alsa_handler = handler_type(lambda *_: None)
        asound.snd_lib_error_set_handler(_alsa_handler)
    except (OSError, AttributeError):
        _alsa_handler = False  # no ALSA here: nothing to silence


def load_sounddevice() -> ModuleType:
    """``import sounddevice``, or ``SpeechUnavailable`` saying whether the package or PortAudio is missing."""
    if "sounddevice" in sys.modules:
        return sys.modules["sounddevice"]
    _silence_alsa()
    try:
        import sounddevice
    except ImportError:
        missing = "Voice input is not installed (the sounddevice package is missing)"
        raise SpeechUnavailable(missing, VOICE_EXTRA) from None
    except OSError as exc:  # sounddevice raises OSError('PortAudio library not found')
        raise SpeechUnavailable(f"PortAudio is not installed ({exc})", NO_PORTAUDIO_FIX) from None
    return sounddevice


def input_devices() -> list[dict[str, Any]]:
    """PortAudio's capture devices: index, name, channels, default sample rate, host API."""
    sd = load_sounddevice()
    found = []
    for info in sd.query_devices():
        if int(info.get("max_input_channels", 0)) > 0:
            found.append({
                "index": int(info["index"]), "name": str(info["name"]),
                "channels": int(info["max_input_channels"]), "samplerate": float(info["default_samplerate"]),
            })
    return found


def default_input(device: int | str | None = None) -> dict[str, Any]:
    """The device a ``MicrophoneSource(device)`` would open, or ``SpeechUnavailable`` when there is none."""
    sd = load_sounddevice()
    try:
        info = sd.query_devices(device, kind="input")
    except (sd.PortAudioError, ValueError) as exc:
        where = f"input device {device!r}" if device is not None else "a default input device"
        raise SpeechUnavailable(f"No microphone: PortAudio cannot find {where} ({exc})", NO_MIC_FIX) from None
    if int(info.get("max_input_channels", 0)) < 1:
        raise SpeechUnavailable(f"No microphone: {info['name']!r} has no input channels", NO_MIC_FIX)
    return dict(info)
