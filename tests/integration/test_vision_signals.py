"""Frame-by-frame signals from the real FaceLandmarker on a real face moved, scaled, turned and blanked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from vision_support import blank_frame, face_frame, need_vision

from griller.domain.gaze import FrameSignals, GazeMeter


@pytest.fixture(scope="module")
def meter() -> Iterator[tuple[Any, GazeMeter, list[float]]]:
    """A tracker and a meter calibrated on 2.5 s of a centred face (10 fps), sharing one clock."""
    need_vision()
    from griller.vision.tracker import FaceTracker

    tracker = FaceTracker()
    tracker.open()
    gaze, clock = GazeMeter(), [0.0]
    for _ in range(25):
        clock[0] += 0.1
        gaze.update(clock[0], tracker.track(face_frame(), clock[0]))
    assert gaze.baseline.ready
    yield tracker, gaze, clock
    tracker.close()


def see(meter: tuple[Any, GazeMeter, list[float]], frame: Any, frames: int = 3) -> FrameSignals:
    """The signals after showing ``frame`` for a few frames (the tracker follows a move within one or two)."""
    tracker, gaze, clock = meter
    for _ in range(frames):
        clock[0] += 0.1
        signals = gaze.update(clock[0], tracker.track(frame, clock[0]))
    return signals


@pytest.mark.parametrize(
    ("scene", "kwargs", "expected"),
    [
        ("centred", {}, {"face_present": True, "centered": True, "distance": "ok", "looking": True}),
        ("shifted left", {"cx": 0.15}, {"face_present": True, "centered": False, "looking": True}),
        ("shifted up", {"cy": 0.12}, {"face_present": True, "centered": False}),
        ("too close", {"width": 0.55}, {"distance": "too_close", "looking": True}),
        ("too far", {"width": 0.13}, {"distance": "too_far", "face_present": True}),
        ("head turned right", {"turn": 60}, {"head_away": True, "looking": False, "reason": "head"}),
        ("head turned left", {"turn": -60}, {"head_away": True, "looking": False}),
        ("eyes right", {"eyes": 0.5}, {"head_away": False, "eyes_away": True, "reason": "eyes"}),
        ("eyes left", {"eyes": -0.5}, {"eyes_away": True, "looking": False}),
    ],
)
def test_scene(meter: tuple[Any, GazeMeter, list[float]], scene: str, kwargs: dict[str, float],
               expected: dict[str, object]) -> None:
    see(meter, face_frame())  # back to the middle between scenes
    signals = see(meter, face_frame(**kwargs))
    assert {k: getattr(signals, k) for k in expected} == expected, signals


def test_head_turn_angle_is_measured_not_guessed(meter: tuple[Any, GazeMeter, list[float]]) -> None:
    see(meter, face_frame())
    right, left = see(meter, face_frame(turn=60)).yaw, see(meter, face_frame(turn=-60)).yaw
    assert right > 25 and left < -25  # opposite turns, opposite signs
    assert abs(see(meter, face_frame(turn=15)).yaw) < 15


def test_a_blank_frame_has_no_face_and_the_face_comes_back(meter: tuple[Any, GazeMeter, list[float]]) -> None:
    gone = see(meter, blank_frame(), frames=5)
    assert not gone.face_present and gone.reason == "absent" and gone.box is None
    back = see(meter, face_frame(), frames=2)
    assert back.face_present and back.looking
