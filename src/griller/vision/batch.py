"""Eye contact in a recorded answer: ``analyse_video(path, settings)`` for ``griller review`` items with "video".

The file is read as fast as it decodes, sampled at ``sample_fps`` (skipped frames are not converted or
tracked), and measured with the same thresholds and baseline as a live interview.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from griller.domain.gaze import GazeMeter, GazeThresholds
from griller.domain.gaze_answer import AnswerGaze
from griller.vision.camera import VideoFileCamera
from griller.vision.tracker import FaceTracker


def thresholds_from(settings: Any) -> GazeThresholds:
    """Thresholds from ``settings.vision`` (any field named like a ``GazeThresholds`` field), else defaults."""
    vision = getattr(settings, "vision", None)
    return GazeThresholds.from_mapping(vision.model_dump() if hasattr(vision, "model_dump") else {})


def analyse_video(path: Path, settings: Any = None, *, sample_fps: float = 10.0) -> dict[str, float | int]:
    """{"face_present", "centered", "eye_contact", "look_aways", "look_away_seconds"} for one video file.

    Fractions are of the video's time, 0–1; ``look_aways`` counts looks away (or out of frame) of at least
    ``look_away_seconds`` (a threshold, 0.5 s by default) and ``look_away_seconds`` adds up their lengths.
    Raises ``CameraUnavailable`` for a missing or unreadable file, ``VisionUnavailable`` without mediapipe
    or the face model.
    """
    thresholds = thresholds_from(settings)
    camera = VideoFileCamera(path)
    tracker = FaceTracker.from_settings(settings)
    tracker.open()
    try:
        camera.open()
        camera.step = max(1, round(camera.fps / sample_fps)) if sample_fps else 1
        meter, answer = GazeMeter(thresholds), AnswerGaze(thresholds)
        while (frame := camera.read()) is not None:
            answer.add(meter.update(frame.at, tracker.track(frame.image, frame.at)))
        answer.finish()
        return answer.metrics()
    finally:
        camera.close()
        tracker.close()
