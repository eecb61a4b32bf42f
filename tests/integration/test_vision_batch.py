"""``analyse_video`` on clips filmed from a real face, with the real FaceLandmarker model.

Each clip is 10 fps: a known number of frames of each scene, so the expected fractions and look-away lengths
are known exactly; tolerances allow for the tracker taking a frame to find a face again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from vision_support import blank_frame, face_frame, need_vision, write_clip

from griller.vision.errors import CameraUnavailable, VisionUnavailable

pytestmark = pytest.mark.usefixtures("_vision")
KEYS = {"face_present", "centered", "eye_contact", "look_aways", "look_away_seconds"}


@pytest.fixture(scope="module")
def _vision() -> None:
    need_vision()


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory, _vision: None) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("vision-clips")
    centred = face_frame()
    scenes: dict[str, list[tuple[int, Any]]] = {
        "steady": [(40, centred)],
        "blank": [(30, blank_frame())],
        "blanked": [(20, centred), (15, blank_frame()), (25, centred)],
        "off_centre": [(30, face_frame(0.15))],
        "turned": [(25, centred), (20, face_frame(turn=60)), (15, centred)],
        "eyes": [(25, centred), (15, face_frame(eyes=0.5)), (10, centred)],
    }
    return {name: write_clip(folder / f"{name}.mp4", frames) for name, frames in scenes.items()}


def analyse(path: Path) -> dict[str, float | int]:
    from griller.vision.batch import analyse_video

    result = analyse_video(path, None)
    assert set(result) == KEYS
    return result


def test_steady_eye_contact(clips: dict[str, Path]) -> None:
    assert analyse(clips["steady"]) == {
        "face_present": 1.0, "centered": 1.0, "eye_contact": 1.0, "look_aways": 0, "look_away_seconds": 0.0,
    }


def test_a_blank_video_has_no_face(clips: dict[str, Path]) -> None:
    result = analyse(clips["blank"])
    assert result["face_present"] == 0.0 and result["centered"] == 0.0 and result["eye_contact"] == 0.0
    assert result["look_aways"] == 1 and result["look_away_seconds"] == pytest.approx(3.0, abs=0.2)


def test_blanked_frames_are_missing_face_and_one_look_away(clips: dict[str, Path]) -> None:
    result = analyse(clips["blanked"])
    assert result["face_present"] == pytest.approx(45 / 60, abs=0.04)
    assert result["eye_contact"] == pytest.approx(45 / 60, abs=0.04)
    assert result["look_aways"] == 1 and result["look_away_seconds"] == pytest.approx(1.5, abs=0.25)


def test_off_centre_face_is_present_but_not_centred(clips: dict[str, Path]) -> None:
    result = analyse(clips["off_centre"])
    assert result["face_present"] == 1.0 and result["centered"] == 0.0
    assert result["eye_contact"] >= 0.95


def test_a_turned_head_is_a_look_away(clips: dict[str, Path]) -> None:
    result = analyse(clips["turned"])
    assert result["face_present"] == 1.0 and result["centered"] >= 0.95
    assert result["eye_contact"] == pytest.approx(40 / 60, abs=0.05)
    assert result["look_aways"] == 1 and result["look_away_seconds"] == pytest.approx(2.0, abs=0.25)


def test_eyes_off_camera_are_a_look_away(clips: dict[str, Path]) -> None:
    result = analyse(clips["eyes"])
    assert result["face_present"] == 1.0
    assert result["eye_contact"] == pytest.approx(35 / 50, abs=0.05)
    assert result["look_aways"] == 1 and result["look_away_seconds"] == pytest.approx(1.5, abs=0.25)


def test_sampling_a_faster_video(tmp_path: Path) -> None:
    from griller.vision.batch import analyse_video

    clip = write_clip(tmp_path / "fast.mp4", [(60, face_frame()), (30, blank_frame()), (30, face_frame())], fps=30)
    result = analyse_video(clip, None, sample_fps=10)
    assert result["face_present"] == pytest.approx(0.75, abs=0.04)
    assert result["look_away_seconds"] == pytest.approx(1.0, abs=0.25)


def test_unreadable_inputs_say_what_is_wrong(tmp_path: Path) -> None:
    from griller.config import Settings, VisionSettings
    from griller.vision.batch import analyse_video

    with pytest.raises(CameraUnavailable, match="no video file at"):
        analyse_video(tmp_path / "missing.mp4", None)
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video at all")
    with pytest.raises(CameraUnavailable, match="cannot read video"):
        analyse_video(junk, None)
    settings = Settings(vision=VisionSettings(face_model=str(tmp_path / "nope.task")))
    with pytest.raises(VisionUnavailable, match="face_model"):
        analyse_video(junk, settings)
