"""The tracking worker and ``VisionSession`` on real-time video files: hints, events, dropping, stop, recording.

Each session starts a real tracking process with the real model (about 1–2 s), so the tests are few and
their clips short.
"""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from vision_support import blank_frame, face_frame, need_vision, write_clip

from griller.vision.errors import CameraUnavailable, VisionUnavailable


@pytest.fixture(autouse=True)
def _vision() -> None:
    need_vision()


def wait_until_done(session: Any, limit: float) -> float:
    began = time.monotonic()
    while session.worker.running and time.monotonic() - began < limit:
        time.sleep(0.05)
    return time.monotonic() - began


def test_a_live_answer_gets_a_hint_look_away_events_and_metrics(tmp_path: Path, griller_home: Path) -> None:
    from griller.vision.camera import VideoFileCamera
    from griller.vision.worker import VisionSession

    clip = write_clip(tmp_path / "answer.mp4", [(40, face_frame()), (70, face_frame(turn=60)), (10, face_frame())],
                      fps=20)
    seen: list[dict[str, Any]] = []
    threads: set[str] = set()

    def on_event(event: dict[str, Any]) -> None:
        threads.add(threading.current_thread().name)
        seen.append(event)

    session = VisionSession(camera=VideoFileCamera(clip, realtime=True), max_fps=None, on_event=on_event)
    session.start()
    session.begin_answer()
    assert wait_until_done(session, 20) < 15
    metrics = session.end_answer()
    stats = session.stop()

    assert metrics["face_present"] == 1.0
    assert metrics["eye_contact"] == pytest.approx(50 / 120, abs=0.08)
    assert metrics["look_aways"] == 1 and metrics["look_away_seconds"] == pytest.approx(3.5, abs=0.4)
    assert stats["fps"] >= 15, stats  # kept up with a 20 fps camera on a shared 2-core machine
    events = session.drain_events()
    assert events == seen and session.drain_events() == []
    assert [e["type"] for e in events] == ["vision_hint", "look_away"]
    hint, look_away = events
    assert hint["data"] == {"hint": "look_at_camera", "text": "Look at the camera",
                            "seconds": pytest.approx(3.0, abs=0.3)}
    assert look_away["data"]["reason"] == "head"
    assert look_away["at"] < hint["at"] and look_away["at"].endswith("+00:00")  # ISO, when the look-away began
    assert threading.current_thread().name not in threads  # callbacks come on the worker's thread
    assert not any(griller_home.rglob("*.mp4"))  # nothing recorded without --record-video


def test_a_slow_tracker_drops_frames_instead_of_falling_behind(tmp_path: Path) -> None:
    from griller.vision.camera import VideoFileCamera
    from griller.vision.worker import VisionSession

    clip = write_clip(tmp_path / "drop.mp4", [(60, face_frame())], fps=20)  # 3 s
    session = VisionSession(camera=VideoFileCamera(clip, realtime=True), max_fps=4)
    session.start()
    took = wait_until_done(session, 15)
    stats = session.stop()
    assert took < 5  # the clip's 3 s, not 60 frames at 4 fps (15 s)
    assert 8 <= stats["frames"] <= 16 and stats["dropped"] >= 40, stats


def test_recording_is_opt_in_and_stop_is_prompt(tmp_path: Path) -> None:
    from griller.vision.camera import VideoFileCamera
    from griller.vision.worker import VisionSession

    clip = write_clip(tmp_path / "loop.mp4", [(10, face_frame()), (10, face_frame(0.4))], fps=20)
    folder = tmp_path / "recordings" / "s1"
    session = VisionSession(camera=VideoFileCamera(clip, realtime=True, loop=True), record_dir=folder)
    session.start()
    session.begin_answer("turn 1/a")
    time.sleep(1.5)
    session.end_answer()
    began = time.monotonic()
    stats = session.stop()
    assert time.monotonic() - began < 3 and stats["frames"] > 10
    video = folder / "turn-1-a.mp4"
    assert video.is_file()
    assert stat.S_IMODE(video.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    import cv2

    capture = cv2.VideoCapture(str(video))
    frames = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
    capture.release()
    assert 15 <= frames <= 32  # 15 fps for about 1.5 s


def test_preview_thumbnails_and_cancel_returns_at_once(tmp_path: Path) -> None:
    from griller.vision.camera import VideoFileCamera
    from griller.vision.worker import VisionSession

    clip = write_clip(tmp_path / "loop.mp4", [(10, face_frame()), (10, blank_frame())], fps=20)
    calls: list[float] = []
    session = VisionSession(camera=VideoFileCamera(clip, realtime=True, loop=True),
                            on_signals=lambda s: calls.append(s.at))
    session.start()
    session.set_preview(64)  # the mirror check asks for thumbnails
    time.sleep(0.5)
    assert session.thumbnail is not None and session.thumbnail.shape == (48, 64, 3)
    began = time.monotonic()
    session.cancel()
    assert time.monotonic() - began < 0.5
    count = len(calls)
    time.sleep(0.5)
    assert count > 0 and len(calls) <= count + 1


def test_no_camera_is_a_clear_message_and_no_noise(capfd: pytest.CaptureFixture[str]) -> None:
    from griller.vision.camera import DeviceCamera
    from griller.vision.worker import VisionSession

    began = time.monotonic()
    with pytest.raises(CameraUnavailable, match=r"no camera at index 42.*goes on without eye-contact coaching"):
        VisionSession(camera=DeviceCamera(42)).start()
    assert time.monotonic() - began < 15
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # OpenCV's and mediapipe's native logs stay out of the terminal


def test_a_missing_model_crosses_the_process_boundary_as_vision_unavailable(tmp_path: Path) -> None:
    from griller.config import Settings, VisionSettings
    from griller.vision.camera import VideoFileCamera
    from griller.vision.worker import VisionSession

    settings = Settings(vision=VisionSettings(face_model=str(tmp_path / "missing.task")))
    with pytest.raises(VisionUnavailable, match=r"missing\.task"):
        VisionSession(settings, camera=VideoFileCamera(tmp_path / "none.mp4")).start()
