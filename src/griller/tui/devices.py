"""Whether voice input and the camera can be offered, and if not, a sentence saying why.

Checks are cheap (no SDK is imported, no device is opened) so the setup screen paints at once.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Capability:
    available: bool
    reason: str = ""


@dataclass(frozen=True)
class Capabilities:
    voice: Capability
    camera: Capability


def _installed(*modules: str) -> list[str]:
    """The modules among ``modules`` that are missing."""
    return [m for m in modules if importlib.util.find_spec(m) is None]


def _adapter_present(module: str) -> bool:
    """griller's live-capture entry point for the TUI exists (``griller.speech.live`` / ``griller.vision.live``)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _check(extra: str, modules: tuple[str, ...], package: str, what: str) -> Capability:
    missing = _installed(*modules)
    if missing:
        return Capability(False, f"{what} needs the {extra} extra: pip install 'griller[{extra}]' "
                                 f"(missing {', '.join(missing)}).")
    if not _adapter_present(package):
        return Capability(False, f"{what} is not part of this build of griller yet; answers are typed.")
    return Capability(True, f"{what} is available; the device is checked when the interview starts.")


def detect() -> Capabilities:
    return Capabilities(
        voice=_check("voice", ("sounddevice", "faster_whisper"), "griller.speech.live", "Voice input"),
        camera=_check("vision", ("cv2", "mediapipe"), "griller.vision.live", "Eye-contact coaching"),
    )
