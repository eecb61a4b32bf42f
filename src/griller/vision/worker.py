"""Face tracking off the caller's thread, and the headless ``VisionSession`` an interview front end drives.

``TrackingWorker`` runs camera and tracker in a child process (see ``child.py``) and calls back on
its own reader thread with every tracked frame. Frames are dropped, never queued: the camera hands over
only its newest frame. ``VisionSession`` turns those frames into per-answer eye-contact metrics and
rate-limited live hints, emitted as event dicts ``{"type", "at", "data"}`` for the caller to store.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from griller.domain.gaze import FrameSignals, GazeMeter, GazeThresholds
from griller.domain.gaze_answer import AnswerGaze, HintPolicy
from griller.vision.batch import thresholds_from
from griller.vision.camera import Camera, DeviceCamera
from griller.vision.child import ChildConfig, FrameReport, receive, send
from griller.vision.errors import CameraUnavailable, VisionError, VisionUnavailable
from griller.vision.recording import answer_file

ERRORS: dict[str, type[VisionError]] = {"CameraUnavailable": CameraUnavailable, "VisionUnavailable": VisionUnavailable}


class TrackingWorker:
    """Camera + FaceLandmarker in a child process. ``start()`` returns once both are open (or raises the
    ``VisionError`` that says why not); callbacks then run on the worker's reader thread, never the caller's."""

    def __init__(
        self,
        camera: Camera,
        *,
        model: str = "",
        max_fps: float | None = None,
        preview_width: int = 0,
        on_frame: Callable[[FrameReport], None] | None = None,
        on_error: Callable[[VisionError], None] | None = None,
    ) -> None:
        self.config = ChildConfig(camera=camera, model=model, max_fps=max_fps, preview_width=preview_width)
        self.on_frame, self.on_error = on_frame, on_error
        self.stats: dict[str, float] = {}
        self.info: dict[str, Any] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._first: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=1)
        self._cancelled = threading.Event()
        self._send_lock = threading.Lock()
        self._log: Any = None

    def start(self, timeout: float = 30.0) -> None:
        import griller

        env = dict(os.environ)
        source = str(Path(griller.__file__).resolve().parents[1])  # the child imports the same griller
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
        self._log = tempfile.TemporaryFile()  # the child's stderr: native start-up noise, or why it died
        self._process = subprocess.Popen(
            [sys.executable, "-m", "griller.vision.child"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, env=env,
            start_new_session=os.name == "posix",  # Ctrl+C in the terminal is the front end's to handle
        )
        try:
            send(self._process.stdin, self.config)
        except Exception:  # e.g. a camera that cannot be pickled: it must be handed over unopened
            self._kill()
            raise
        self._reader = threading.Thread(target=self._read, name="griller-vision-reader", daemon=True)
        self._reader.start()
        try:
            first = self._first.get(timeout=timeout)
        except queue.Empty:
            self._kill()
            raise VisionUnavailable(f"the face tracker did not start within {timeout:.0f} s") from None
        if first[0] == "error":
            self._kill()
            raise ERRORS.get(first[1], VisionError)(first[2])
        if first[0] != "ready":
            self._kill()
            raise VisionUnavailable(f"the face tracker stopped while starting{self._last_words()}; "
                                    "`griller doctor` checks the set-up")
        self.info = first[1]

    def _last_words(self) -> str:
        """The end of a crashed child's stderr, without mediapipe's routine log lines."""
        self._log.seek(0)
        lines = [line for line in self._log.read().decode(errors="replace").splitlines()
                 if line.strip() and not line.startswith(("W0000", "I0000", "INFO:", "WARNING: Logging"))]
        return f" ({lines[-1].strip()[:300]})" if lines else ""

    @property
    def running(self) -> bool:
        return self._reader is not None and self._reader.is_alive()

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        started = False
        while True:
            try:
                kind, *rest = receive(self._process.stdout)
            except (EOFError, OSError, ValueError):
                kind, rest = "eof", []
            if not started:
                started = True
                self._first.put((kind, *rest))
                if kind != "ready":
                    return
                continue
            if kind == "frame" and self.on_frame and not self._cancelled.is_set():
                self.on_frame(rest[0])
            elif kind == "error" and self.on_error and not self._cancelled.is_set():
                self.on_error(ERRORS.get(rest[0], VisionError)(rest[1]))
            elif kind == "end":
                self.stats = rest[0]
            elif kind == "eof":
                return

    def _send(self, message: object) -> None:
        with self._send_lock:
            try:
                assert self._process is not None
                send(self._process.stdin, message)
            except (OSError, ValueError, AssertionError):
                pass  # the child has already gone

    def record(self, path: Path | None, fps: float = 15.0) -> None:
        """Start writing frames to ``path`` (MP4), or stop writing with None."""
        self._send(("record", str(path) if path else None, fps))

    def preview(self, width: int) -> None:
        """Send a ``width``-pixel thumbnail with every frame (0: none)."""
        self._send(("preview", width))

    def stop(self, timeout: float = 5.0) -> dict[str, float]:
        """Finish the current frame, close camera, tracker and recording; returns frames, dropped, seconds, fps."""
        if self._process is None:
            return self.stats
        self._send(("stop",))
        if self._reader is not None and self._reader is not threading.current_thread():
            self._reader.join(timeout)
        self._kill(timeout)
        if self._log is not None:
            self._log.close()
            self._log = None
        return self.stats

    def cancel(self) -> None:
        """Stop at once: no more callbacks; the child is told to stop and is reaped in the background."""
        self._cancelled.set()
        self._send(("stop",))
        threading.Thread(target=self.stop, args=(2.0,), name="griller-vision-reaper", daemon=True).start()

    def _kill(self, grace: float = 0.0) -> None:
        process = self._process
        if process is None:
            return
        if process.stdin is not None:
            try:
                process.stdin.close()  # the child reads EOF and stops
            except OSError:
                pass
        try:
            process.wait(grace or 0.5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(2.0)
        if process.stdout is not None:
            process.stdout.close()


def iso(at: float) -> str:
    """A wall-clock time as the store writes it (UTC, milliseconds)."""
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds")


class VisionSession:
    """Eye-contact coaching for one interview, with no UI: ``start()``, then ``begin_answer()`` /
    ``end_answer()`` around each answer. Hints and look-aways arrive as events through ``on_event`` (called on
    the worker thread, or on ``end_answer``'s for a look-away the answer's end closes) and ``drain_events()``;
    ``latest`` (FrameSignals) and ``thumbnail`` (BGR array, after ``set_preview``) feed a status line and the
    mirror. Pass ``record_dir`` only when the user asked for ``--record-video``."""

    def __init__(
        self,
        settings: Any = None,
        *,
        camera: Camera | None = None,
        thresholds: GazeThresholds | None = None,
        max_fps: float | None = 20.0,
        record_dir: Path | None = None,
        preview_width: int = 0,
        on_event: Callable[[dict[str, Any]], None] | None = None,
        on_signals: Callable[[FrameSignals], None] | None = None,
    ) -> None:
        vision = getattr(settings, "vision", None)
        self.thresholds = thresholds or thresholds_from(settings)
        self.camera = camera or DeviceCamera(getattr(vision, "camera", 0))
        self.record_dir = record_dir
        self.on_event, self.on_signals = on_event, on_signals
        self.latest: FrameSignals | None = None
        self.thumbnail: Any = None
        self.worker = TrackingWorker(self.camera, model=getattr(vision, "face_model", "") or "", max_fps=max_fps,
                                     preview_width=preview_width, on_frame=self._on_frame, on_error=self._on_error)
        self._meter = GazeMeter(self.thresholds)
        self._answer: AnswerGaze | None = None
        self._hints = HintPolicy(self.thresholds)
        self._events: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._wall0 = 0.0
        self._answers = 0

    def start(self) -> None:
        """Open camera and model now; raises ``CameraUnavailable``/``VisionUnavailable`` with the fix."""
        self.worker.start()
        self._wall0 = float(self.worker.info.get("started", time.time()))

    def set_preview(self, width: int) -> None:
        self.worker.preview(width)

    def begin_answer(self, label: str | None = None) -> None:
        with self._lock:
            self._answers += 1
            self._answer = AnswerGaze(self.thresholds)
            self._hints = HintPolicy(self.thresholds)
        if self.record_dir is not None:
            self.worker.record(answer_file(self.record_dir, label or f"answer-{self._answers:02d}"))

    def end_answer(self) -> dict[str, float | int]:
        """This answer's {"face_present", "centered", "eye_contact", "look_aways", "look_away_seconds"}."""
        if self.record_dir is not None:
            self.worker.record(None)
        with self._lock:
            answer, self._answer = self._answer, None
            if answer is None:
                return AnswerGaze(self.thresholds).metrics()
            ended = answer.finish()
            fresh = [self._look_away(ended.start, ended.seconds, ended.reason)] if ended else []
            metrics = answer.metrics()
        self._notify(fresh)
        return metrics

    def drain_events(self) -> list[dict[str, Any]]:
        """Events since the last call, oldest first, for the caller to store."""
        with self._lock:
            events, self._events = self._events, []
        return events

    def _event(self, kind: str, at: float, data: dict[str, Any]) -> dict[str, Any]:
        event = {"type": kind, "at": iso(self._wall0 + at), "data": data}
        self._events.append(event)
        return event

    def _look_away(self, start: float, seconds: float, reason: str) -> dict[str, Any]:
        return self._event("look_away", start, {"seconds": round(seconds, 2), "reason": reason})

    def _notify(self, events: list[dict[str, Any]]) -> None:
        """Callbacks run outside the lock, so they may call back into the session."""
        if self.on_event is not None:
            for event in events:
                self.on_event(event)

    def _on_frame(self, report: FrameReport) -> None:
        if report.thumbnail is not None:
            import numpy as np

            w, h = report.thumbnail_size
            self.thumbnail = np.frombuffer(report.thumbnail, dtype=np.uint8).reshape(h, w, 3)
        fresh = []
        with self._lock:
            signals = self._meter.update(report.at, report.observation)
            self.latest = signals
            if self._answer is not None:
                ended = self._answer.add(signals)
                if ended is not None:
                    fresh.append(self._look_away(ended.start, ended.seconds, ended.reason))
                hint = self._hints.update(signals)
                if hint is not None:
                    fresh.append(self._event("vision_hint", hint.at, hint.as_data()))
        self._notify(fresh)
        if self.on_signals is not None:
            self.on_signals(signals)

    def _on_error(self, error: VisionError) -> None:
        with self._lock:
            event = self._event("vision_problem", time.time() - self._wall0, {"reason": str(error)})
        self._notify([event])

    @property
    def running(self) -> bool:
        """Still tracking (False once stopped, or after the camera failed or a video file ended)."""
        return self.worker.running

    @property
    def stats(self) -> dict[str, float]:
        """After ``stop()``: frames tracked, frames dropped, seconds and fps."""
        return self.worker.stats

    def stop(self) -> dict[str, float]:
        return self.worker.stop()

    def cancel(self) -> None:
        self.worker.cancel()

    def __enter__(self) -> VisionSession:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
