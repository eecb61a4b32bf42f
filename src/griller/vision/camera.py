"""Frames from a webcam or a video file behind one small protocol, newest frame first: a slow reader drops frames.

Cameras are lazy: the constructor only stores settings and ``open()`` does the work, so a camera can be handed
to the tracking process before anything is opened. OpenCV is imported inside ``open()``.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from griller.vision.errors import CameraUnavailable


@dataclass(frozen=True)
class Frame:
    index: int
    """Position in the source; a gap from the previous frame read means frames were dropped."""
    at: float
    """Seconds since the source started."""
    image: Any
    """BGR ``uint8`` numpy array, (height, width, 3)."""


@runtime_checkable
class Camera(Protocol):
    """Anything that gives frames: ``open()``, then ``read()`` until it returns None, then ``close()``."""

    def open(self) -> None: ...

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


def import_cv2() -> Any:
    """cv2 with its logging off: without a camera OpenCV prints warnings on stderr, which is the TUI's screen."""
    os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")
    import cv2

    try:
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    except AttributeError:  # builds without the logging module
        pass
    return cv2


class DeviceCamera:
    """A webcam through OpenCV. A background thread keeps only the newest frame, so nothing queues up."""

    STALL_SECONDS = 3.0

    def __init__(self, index: int = 0, *, width: int = 640, height: int = 480) -> None:
        self.index, self.width, self.height = index, width, height
        self._cap: Any = None
        self._latest: Frame | None = None
        self._returned = -1
        self._cond: Any = None  # made in open(): an unopened camera must pickle (it is sent to the tracking process)
        self._closed = False
        self._thread: threading.Thread | None = None

    def open(self) -> None:
        cv2 = import_cv2()
        self._cond = threading.Condition()
        cap = cv2.VideoCapture(self.index)
        if not cap.isOpened():
            cap.release()
            raise CameraUnavailable(
                f"no camera at index {self.index}: OpenCV could not open it. Check that a webcam is connected and "
                "not in use by another app, or choose another with `camera` under [vision] in config.toml. "
                "The interview goes on without eye-contact coaching."
            )
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._cap, self._closed = cap, False
        self._thread = threading.Thread(target=self._grab, name="griller-camera", daemon=True)
        self._thread.start()
        if self._wait_for(0, self.STALL_SECONDS) is None:
            self.close()
            raise CameraUnavailable(f"camera {self.index} opened but sent no picture; is it covered or in use?")

    def _grab(self) -> None:
        start, index = time.monotonic(), 0
        while not self._closed:
            ok, image = self._cap.read()
            if not ok:
                time.sleep(0.01)
                continue
            with self._cond:
                self._latest = Frame(index, time.monotonic() - start, image)
                self._cond.notify_all()
            index += 1

    def _wait_for(self, index: int, timeout: float) -> Frame | None:
        with self._cond:
            self._cond.wait_for(lambda: self._closed or (self._latest is not None and self._latest.index >= index),
                                timeout)
            latest = self._latest
        return latest if latest is not None and latest.index >= index and not self._closed else None

    def read(self) -> Frame | None:
        """The newest frame not yet returned (waiting for it); None once closed."""
        if self._closed or self._cap is None:
            return None
        frame = self._wait_for(self._returned + 1, self.STALL_SECONDS)
        if frame is None:
            if self._closed:
                return None
            raise CameraUnavailable(f"camera {self.index} stopped sending pictures")
        self._returned = frame.index
        return frame

    def close(self) -> None:
        if self._cond is None:
            return
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2.0)
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class VideoFileCamera:
    """A video file as a camera: as fast as it decodes, or paced in real time (dropping frames a slow reader
    missed, as a webcam would). ``step`` keeps every n-th frame; ``loop`` replays the file forever."""

    def __init__(self, path: str | Path, *, realtime: bool = False, loop: bool = False, step: int = 1) -> None:
        self.path, self.realtime, self.loop, self.step = Path(path), realtime, loop, max(1, step)
        self.fps = 0.0
        self.frame_count = 0
        self._cap: Any = None
        self._rewind = 1
        self._next = 0  # index (counting replays) of the next frame the decoder will give
        self._start = 0.0

    def open(self) -> None:
        cv2 = import_cv2()
        if not self.path.is_file():
            raise CameraUnavailable(f"no video file at {self.path}")
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            cap.release()
            raise CameraUnavailable(f"cannot read video {self.path}: OpenCV knows no decoder for it")
        self._cap, self._rewind = cap, cv2.CAP_PROP_POS_FRAMES
        self.fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
        self.frame_count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        self._next, self._start = 0, time.monotonic()

    def read(self) -> Frame | None:
        if self._cap is None:
            return None
        want = -(-self._next // self.step) * self.step  # the next index on the step grid
        if self.realtime:
            due = int((time.monotonic() - self._start) * self.fps)
            if due < want:
                time.sleep((want - due) / self.fps)
            else:
                want = due
        while self._next < want:  # skip (decode without converting) frames we are not going to use
            if not self._advance(grab_only=True):
                return None
        image = self._advance(grab_only=False)
        if image is None:
            return None
        index = self._next - 1
        return Frame(index, index / self.fps, image)

    def _advance(self, *, grab_only: bool) -> Any:
        for attempt in range(2):
            ok, image = (self._cap.grab(), True) if grab_only else self._cap.read()
            if ok:
                self._next += 1
                return image
            if attempt or not self.loop or self._next == 0:
                return None
            self._cap.set(self._rewind, 0)  # back to the start; indices go on counting
        return None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None
