"""Eye-contact coaching on the interview screen: a ``VisionSession`` beside the answers, never in their way.

A mixin of ``InterviewScreen``. The session starts in a thread worker when the screen mounts (1–2 s); if it
cannot, one notification says why and the interview goes on in text. Each answer is framed by
``begin_answer``/``end_answer``; the metrics are stored as a "vision_metrics" event for the turn and summed
up in one line of the feedback panel. Hints, look-aways and camera problems come from the session's reader
thread as a ``VisionEvents`` nudge (``post_message`` is thread-safe); the handler drains them, stores each
with its own timestamp (the replay timeline) and shows hints as short notifications.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from griller.coach.interviewing import LiveInterview
from griller.tui.messages import VisionEvents, VisionFailed, VisionReady

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message

    from griller.vision.worker import VisionSession

HINT_SECONDS = 4.0


@dataclass
class VisionPlan:
    """How to run the camera for one interview: settings (``[vision]``), whether to record, and a camera to use
    instead of the configured device (tests give a ``VideoFileCamera``)."""

    settings: Any = None
    record: bool = False
    camera: Any = None


def vision_plan(live: LiveInterview, settings: Any = None) -> VisionPlan | None:
    """The plan for ``live`` when its options turned the camera on (setup switch or ``--camera``), else None."""
    extra = live.options.extra or {}
    if not extra.get("camera"):
        return None
    vision = getattr(settings, "vision", None)
    return VisionPlan(settings=settings, record=bool(extra.get("record_video") or getattr(vision, "record_video",
                                                                                             False)))


def _db_file(live: LiveInterview) -> Path | None:
    for row in live.db.execute("PRAGMA database_list").fetchall():
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


class InterviewVision:
    """Vision for the interview screen. Expects ``live``, ``_lock``, ``phase``, ``app`` and ``post_message``."""

    live: LiveInterview
    _lock: threading.Lock
    phase: str
    vision_plan: VisionPlan | None
    vision: VisionSession | None
    _vision_turn: str | None
    _vision_closed: bool

    if TYPE_CHECKING:
        app: App[Any]

        def post_message(self, message: Message) -> bool: ...

        def _show_vision_line(self, text: str) -> None: ...

    def _vision_setup(self, plan: VisionPlan | None) -> None:
        self.vision_plan = plan
        self.vision = None
        self._vision_turn = None
        self._vision_closed = False

    def _vision_mount(self) -> None:
        if self.vision_plan is not None:
            self._open_vision(self.vision_plan)

    @work(thread=True, exit_on_error=False, group="vision")
    def _open_vision(self, plan: VisionPlan) -> None:
        from griller.vision.live import VisionError, open_session

        try:
            record_dir = None
            if plan.record:
                from griller.coach.forgetting import recordings_dir
                from griller.vision.live import recording_folder

                with self._lock:
                    db_file = _db_file(self.live)
                if db_file is not None:  # an in-memory database has nowhere to keep recordings
                    record_dir = recording_folder(recordings_dir(db_file), self.live.session_id)
            session = open_session(plan.settings, camera=plan.camera, record_dir=record_dir,
                                   on_event=lambda _event: self.post_message(VisionEvents()))
        except VisionError as exc:
            self.post_message(VisionFailed(str(exc)))
            return
        except Exception as exc:  # the interview must go on whatever the camera does
            self.post_message(VisionFailed(f"{type(exc).__name__}: {exc}"))
            return
        if self._vision_closed or not self.post_message(VisionReady(session)):
            session.cancel()

    def on_vision_ready(self, message: VisionReady) -> None:
        session: VisionSession = message.session  # type: ignore[assignment]
        if self._vision_closed:
            session.cancel()
            return
        self.vision = session
        self._log_at("vision_started", {"record": session.record_dir is not None}, None, None)
        if self.phase == "answering":
            self._vision_begin()

    def on_vision_failed(self, message: VisionFailed) -> None:
        self.app.notify(f"camera unavailable: {message.reason}; the interview goes on in text", title="Camera",
                        severity="warning", timeout=10, markup=False)
        self._log_at("vision_problem", {"reason": message.reason}, None, None)

    def on_vision_events(self, _: VisionEvents) -> None:
        session = self.vision
        if session is None:
            return
        for event in session.drain_events():
            kind, data = event["type"], event.get("data") or {}
            self._log_at(kind, data, event.get("at"), self._vision_turn)
            if kind == "vision_hint":
                self.app.notify(str(data.get("text", "")), severity="information", timeout=HINT_SECONDS,
                                markup=False)
            elif kind == "vision_problem":
                self.app.notify(f"camera: {data.get('reason', 'stopped')}; the interview goes on in text",
                                title="Camera", severity="warning", timeout=10, markup=False)

    def _vision_begin(self) -> None:
        """A question is on screen: frame the answer."""
        if self.vision is None:
            return
        self._vision_turn = self.live.turn_id
        try:
            self.vision.begin_answer(self._vision_turn)
        except Exception:  # a dead tracking process: the answer is typed all the same
            pass

    def _vision_end(self, turn_id: str | None) -> None:
        """The answer is in (``turn_id``) or skipped (None): store its metrics and show the eye-contact line."""
        if self.vision is None:
            return
        try:
            metrics = self.vision.end_answer()
        except Exception:
            return
        if turn_id is None:
            return
        from griller.vision.live import eye_contact_line

        self._store_metrics(turn_id, dict(metrics))
        self._show_vision_line(eye_contact_line(metrics))

    def _vision_close(self) -> None:
        """Stop tracking at once (the screen is going away); the process is reaped in the background."""
        self._vision_closed = True
        session, self.vision = self.vision, None
        if session is not None:
            session.cancel()

    @work(thread=True, exit_on_error=False, group="events")
    def _store_metrics(self, turn_id: str, metrics: dict[str, Any]) -> None:
        with self._lock:
            self.live.vision_metrics(turn_id, metrics)

    @work(thread=True, exit_on_error=False, group="events")
    def _log_at(self, kind: str, data: dict[str, Any], at: str | None, turn_id: str | None) -> None:
        with self._lock:
            self.live.event(kind, data, at=at, turn_id=turn_id)
