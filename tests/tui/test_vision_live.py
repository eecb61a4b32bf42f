"""The camera in a live interview: a real tracking process on a video of a real face, through Textual's Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from griller.domain.rubric import Rubric
from griller.store import sessions as store
from griller.tui.app import GrillerApp
from griller.tui.clock import FrozenClock
from griller.tui.screens.interview import InterviewScreen, VisionPlan
from griller.tui.widgets.feedback import FeedbackPanel
from integration.vision_support import blank_frame, face_frame, need_vision, write_clip

from .pilot import SIZE, answer, run, screen, settle, shown, until
from .support import STRONG, start


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_vision()
    folder = tmp_path_factory.mktemp("clips")
    return write_clip(folder / "face.mp4", [(40, face_frame())])


def camera_app(live: Any, plan: VisionPlan) -> GrillerApp:
    app = GrillerApp(lambda: InterviewScreen(live, clock=FrozenClock(), vision=plan), cursor_blink=False)
    app.live = live
    return app



def vision_events(db: sqlite_utils.Database, session_id: str, kind: str) -> list[dict[str, Any]]:
    return [e for e in store.events(db, session_id) if e["type"] == kind]


def notifications(app: GrillerApp) -> list[str]:
    return [n.message for n in app._notifications]


def test_answers_carry_eye_contact_metrics(db: sqlite_utils.Database, rubric: Rubric, clip: Path,
                                           tmp_path: Path) -> None:
    from griller.vision.camera import VideoFileCamera

    live = start(db, rubric)
    plan = VisionPlan(camera=VideoFileCamera(clip, realtime=True, loop=True))

    async def scenario() -> None:
        async with camera_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: screen(pilot).vision is not None)
            session = screen(pilot).vision
            assert session is not None and session.record_dir is None
            turn = live.turn_id
            await asyncio.sleep(1.5)  # frames of the face during the answer
            await answer(pilot, STRONG)
            await until(pilot, lambda: vision_events(db, live.session_id, "vision_metrics"))
            line = shown(pilot.app.screen.query_one("#feedback-vision"))
            assert line.startswith("Eye contact"), line
            assert pilot.app.screen.query_one(FeedbackPanel)
            [stored] = vision_events(db, live.session_id, "vision_metrics")
            assert stored["turn_id"] == turn
            assert set(stored["data"]) == {"face_present", "centered", "eye_contact", "look_aways",
                                           "look_away_seconds"}
            assert stored["data"]["face_present"] > 0.8
            assert stored["data"]["centered"] > 0.8
        assert session.worker._cancelled.is_set()  # the screen went: tracking is cancelled...
        for _ in range(100):
            if not session.running:
                break
            await asyncio.sleep(0.05)
        assert not session.running  # ...and the tracking process has stopped

    run(scenario())
    assert not (tmp_path / "recordings").exists()  # no --record-video: no frame reaches the disk


def test_record_video_writes_the_answer(db: sqlite_utils.Database, rubric: Rubric, clip: Path,
                                        tmp_path: Path) -> None:
    from griller.vision.camera import VideoFileCamera

    live = start(db, rubric)
    live.options.extra = {"camera": True, "record_video": True}
    plan = VisionPlan(record=True, camera=VideoFileCamera(clip, realtime=True, loop=True))

    async def scenario() -> None:
        async with camera_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: screen(pilot).vision is not None)
            turn = live.turn_id
            await asyncio.sleep(1.0)
            await answer(pilot, STRONG)
            await until(pilot, lambda: vision_events(db, live.session_id, "vision_metrics"))
            assert turn is not None
            video = tmp_path / "recordings" / live.session_id / f"{turn}.mp4"
            await until(pilot, lambda: video.is_file() and video.stat().st_size > 0)

    run(scenario())


def test_a_failing_camera_is_one_notification(db: sqlite_utils.Database, rubric: Rubric, tmp_path: Path) -> None:
    need_vision()
    from griller.vision.camera import VideoFileCamera

    live = start(db, rubric)
    plan = VisionPlan(camera=VideoFileCamera(tmp_path / "no-such-camera.mp4"))

    async def scenario() -> None:
        async with camera_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: notifications(pilot.app))
            [message] = notifications(pilot.app)
            assert message.startswith("camera unavailable: no video file at")
            assert message.endswith("the interview goes on in text")
            assert screen(pilot).vision is None
            await answer(pilot, STRONG)
            assert store.turns(db, live.session_id)[0]["answer"] == STRONG
            assert not vision_events(db, live.session_id, "vision_metrics")
            assert vision_events(db, live.session_id, "vision_problem")

    run(scenario())


def test_a_blank_camera_gives_no_face(db: sqlite_utils.Database, rubric: Rubric, tmp_path: Path) -> None:
    need_vision()
    from griller.vision.camera import VideoFileCamera
    from griller.vision.live import eye_contact_line

    blank = write_clip(tmp_path / "blank.mp4", [(20, blank_frame())])
    assert eye_contact_line({"face_present": 0.0}).startswith("Eye contact: no face")
    live = start(db, rubric)
    plan = VisionPlan(camera=VideoFileCamera(blank, realtime=True, loop=True))

    async def scenario() -> None:
        async with camera_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: screen(pilot).vision is not None)
            await asyncio.sleep(0.8)
            await answer(pilot, STRONG)
            await until(pilot, lambda: vision_events(db, live.session_id, "vision_metrics"))
            [stored] = vision_events(db, live.session_id, "vision_metrics")
            assert stored["data"]["face_present"] == 0.0

    run(scenario())
