"""What a live front end needs from vision: whether it can run, a session, the mirror and one line per answer.

Importing this module is cheap (no cv2, mediapipe or numpy): ``griller.tui.devices`` looks for it, and the
setup screen asks ``available()`` before it offers the camera. The heavy imports happen in the tracking
process and in ``preview_lines``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from griller.vision.errors import VisionError

if TYPE_CHECKING:
    from rich.text import Text

    from griller.domain.gaze import FrameSignals
    from griller.vision.camera import Camera
    from griller.vision.worker import VisionSession

__all__ = ["VisionError", "available", "eye_contact_line", "open_session", "preview_lines", "recording_folder"]


def available(settings: Any = None) -> tuple[bool, str]:
    """(True, "") when mediapipe, OpenCV and the face model are there; else (False, what to do). No device is
    opened: a missing or busy camera is only found when a session starts."""
    missing = [m for m in ("cv2", "mediapipe", "numpy") if importlib.util.find_spec(m) is None]
    if missing:
        return False, f"eye-contact coaching needs pip install 'griller[vision]' (missing {', '.join(missing)})"
    from griller.vision.model import locate

    vision = getattr(settings, "vision", None)
    try:
        locate(getattr(vision, "face_model", "") or "")
    except VisionError as exc:
        return False, str(exc)
    return True, ""


def recording_folder(recordings_root: Path, session_id: str) -> Path:
    """Where ``--record-video`` puts one session's answers (``recordings_root`` from ``coach.forgetting``)."""
    from griller.vision.recording import session_folder

    return session_folder(recordings_root, session_id)


def open_session(
    settings: Any = None,
    *,
    camera: Camera | None = None,
    record_dir: Path | None = None,
    preview_width: int = 0,
    on_event: Callable[[dict[str, Any]], None] | None = None,
    on_signals: Callable[[FrameSignals], None] | None = None,
) -> VisionSession:
    """A started ``VisionSession`` (1–2 s: call it off the UI thread). Raises ``VisionError`` saying why not."""
    from griller.vision.worker import VisionSession

    session = VisionSession(settings, camera=camera, record_dir=record_dir, preview_width=preview_width,
                            on_event=on_event, on_signals=on_signals)
    session.start()
    return session


def preview_lines(session: VisionSession, width: int = 40) -> list[Text] | None:
    """The mirror: the session's newest thumbnail as half-block lines, or None before the first one."""
    frame = session.thumbnail
    if frame is None:
        return None
    from griller.vision.preview import render

    return render(frame, width, session.latest)


def eye_contact_line(metrics: dict[str, Any]) -> str:
    """One sentence for the feedback panel from ``VisionSession.end_answer()``'s metrics."""
    present = float(metrics.get("face_present") or 0.0)
    if present <= 0.0:
        return "Eye contact: no face seen during this answer (check the camera and your framing)."
    contact = round(100 * float(metrics.get("eye_contact") or 0.0))
    aways = int(metrics.get("look_aways") or 0)
    seconds = float(metrics.get("look_away_seconds") or 0.0)
    parts = [f"Eye contact {contact}%", f"in frame {round(100 * present)}%"]
    if aways:
        parts.append(f"{aways} look-away{'s' if aways != 1 else ''} ({seconds:.1f} s)")
    return " · ".join(parts)
