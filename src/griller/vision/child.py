"""What runs inside the tracking process (``python -m griller.vision.child``): newest frame in, numbers out.

A separate process keeps mediapipe's native threads, its start-up logs (written straight to file descriptor
2, which is the TUI's screen) and any native crash away from the interview. The process is started with
``subprocess`` rather than ``multiprocessing``, so no caller needs an ``if __name__ == "__main__"`` guard.
Messages are length-prefixed pickles: the parent writes the ``ChildConfig`` and then commands ("stop",
"record", "preview") to stdin; the child answers "ready", "frame", "error" and "end" on stdout.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from griller.domain.gaze import FaceObservation
from griller.vision.camera import Camera
from griller.vision.errors import VisionError


@dataclass(frozen=True)
class FrameReport:
    """One tracked frame, as the parent receives it."""

    index: int
    at: float
    """Seconds since the camera started."""
    observation: FaceObservation | None
    dropped: int
    """Frames the camera gave that were skipped since the previous report (tracking was busy)."""
    track_ms: float
    thumbnail: bytes | None = None
    """BGR pixels of a small copy of the frame, for the mirror check (only while a preview is asked for)."""
    thumbnail_size: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class ChildConfig:
    camera: Camera
    model: str = ""
    max_fps: float | None = None
    preview_width: int = 0
    max_width: int = 640


def send(stream: Any, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">I", len(data)) + data)
    stream.flush()


def receive(stream: Any) -> Any:
    """The next message; raises EOFError when the other side has gone."""
    header = stream.read(4)
    if len(header) < 4:
        raise EOFError
    (size,) = struct.unpack(">I", header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class _Pipe:
    """The child's end: replies on a private copy of stdout (fd 1 itself goes to /dev/null, so stray native
    prints cannot corrupt the stream), commands gathered from stdin by a thread."""

    def __init__(self) -> None:
        self.out = os.fdopen(os.dup(1), "wb")
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        self.commands: queue.Queue[Any] = queue.Queue()
        self._in = sys.stdin.buffer

    def config(self) -> ChildConfig:
        return receive(self._in)

    def listen(self) -> None:
        threading.Thread(target=self._gather, name="griller-vision-commands", daemon=True).start()

    def _gather(self) -> None:
        try:
            while True:
                self.commands.put(receive(self._in))
        except (EOFError, OSError, pickle.UnpicklingError):
            self.commands.put(("stop",))  # the parent went away

    def send(self, *message: object) -> None:
        send(self.out, message)

    def poll(self) -> bool:
        return not self.commands.empty()

    def recv(self) -> Any:
        return self.commands.get_nowait()


def _thumbnail(image: Any, width: int) -> tuple[bytes, tuple[int, int]]:
    from griller.vision.camera import import_cv2

    cv2 = import_cv2()
    height = max(1, round(image.shape[0] * width / image.shape[1]))
    small = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
    return small.tobytes(), (width, height)


def main() -> None:
    """The process entry point: never raises; every failure becomes an "error" message."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    conn = _Pipe()
    config = conn.config()
    conn.listen()
    from griller.vision.tracker import FaceTracker

    tracker = FaceTracker(config.model or None, max_width=config.max_width, quiet=False)
    try:
        tracker.open()
        config.camera.open()
    except VisionError as exc:
        conn.send("error", type(exc).__name__, str(exc))
        tracker.close()
        return
    except Exception as exc:  # a broken install must come back as a message, not a dead pipe
        conn.send("error", "VisionUnavailable", f"vision failed to start: {exc!r}")
        tracker.close()
        return
    conn.send("ready", {"pid": os.getpid(), "started": time.time()})  # frame times count from about now
    try:
        _loop(config, conn, tracker)
    except (EOFError, BrokenPipeError, OSError):
        pass  # the parent went away
    except Exception as exc:  # e.g. the camera unplugged: the parent tells the user and the interview goes on
        try:
            conn.send("error", type(exc).__name__ if isinstance(exc, VisionError) else "VisionError", str(exc))
        except (EOFError, BrokenPipeError, OSError):
            pass
    finally:
        config.camera.close()
        tracker.close()


def _loop(config: ChildConfig, conn: Any, tracker: Any) -> None:
    from griller.vision.recording import VideoRecorder

    period = 1.0 / config.max_fps if config.max_fps else 0.0
    preview_width, recorder = config.preview_width, None
    frames = dropped = 0
    last_index, started, next_due = -1, time.monotonic(), 0.0
    try:
        while True:
            while conn.poll():
                command = conn.recv()
                if command[0] == "stop":
                    return
                if command[0] == "preview":
                    preview_width = int(command[1])
                elif command[0] == "record":
                    if recorder is not None:
                        recorder.close()
                    recorder = VideoRecorder(Path(command[1]), command[2]) if command[1] else None
            if period:
                time.sleep(max(0.0, next_due - time.monotonic()))
                next_due = time.monotonic() + period
            frame = config.camera.read()
            if frame is None:
                break
            began = time.perf_counter()
            obs = tracker.track(frame.image, frame.at)
            track_ms = (time.perf_counter() - began) * 1000
            skipped = max(0, frame.index - last_index - 1)
            last_index, frames, dropped = frame.index, frames + 1, dropped + skipped
            thumb, size = _thumbnail(frame.image, preview_width) if preview_width else (None, (0, 0))
            conn.send("frame", FrameReport(frame.index, frame.at, obs, skipped, track_ms, thumb, size))
            if recorder is not None:
                try:
                    recorder.write(frame.image, frame.at)
                except OSError as exc:  # a full disk ends the recording, not the coaching
                    conn.send("error", "VisionError", f"recording stopped: {exc}")
                    recorder = None
    finally:
        if recorder is not None:
            recorder.close()
        elapsed = time.monotonic() - started
        conn.send("end", {"frames": frames, "dropped": dropped, "seconds": round(elapsed, 3),
                          "fps": round(frames / elapsed, 1) if elapsed else 0.0})


if __name__ == "__main__":
    from griller.vision import child  # run the importable module, so what is pickled names griller.vision.child

    child.main()
