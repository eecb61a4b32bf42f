"""Vision figures: tracking speed inside griller's worker against raw FaceLandmarker, and UI latency while tracking.

1. fps ratio: the same clip (640×480, 30 fps, the astronaut photograph centred, turned, eyes moved and
   blanked) decoded and tracked by a bare mediapipe loop in this process, then by griller's worker (its own
   process, camera read as fast as it decodes). Rounds alternate so machine load hits both. Goal ≥ 0.9.
2. UI latency: an asyncio loop ticking at 60 Hz in the main thread (as Textual's does) measures how late
   each tick fires: idle, while griller's worker tracks a real-time 30 fps camera, and, for comparison,
   while a tracker runs in a thread of this process (the design griller does not use).

    .venv/bin/python benchmarks/vision.py [--frames 300] [--rounds 2] [--seconds 6]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))  # the test clips' maker
from _common import machine
from vision_support import blank_frame, face_frame, write_clip

SIZE = (640, 480)


def make_clip(folder: Path, frames: int) -> Path:
    quarter = frames // 4
    scenes = [face_frame(size=SIZE), face_frame(turn=60, size=SIZE), face_frame(eyes=0.5, size=SIZE),
              blank_frame(SIZE)]
    return write_clip(folder / "bench.mp4", [(quarter, scene) for scene in scenes], fps=30)


def raw_fps(clip: Path) -> float:
    """Decode + BGR→RGB + FaceLandmarker.detect_for_video, nothing of griller's."""
    import cv2
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    from griller.vision.model import locate

    options = vision.FaceLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(locate())), running_mode=vision.RunningMode.VIDEO,
        num_faces=1, output_face_blendshapes=True, output_facial_transformation_matrixes=True,
    )
    with vision.FaceLandmarker.create_from_options(options) as landmarker:
        capture = cv2.VideoCapture(str(clip))
        frames, start = 0, time.perf_counter()
        while True:
            ok, image = capture.read()
            if not ok:
                break
            rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
            landmarker.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), frames * 33 + 1)
            frames += 1
        elapsed = time.perf_counter() - start
        capture.release()
    return frames / elapsed


def worker_fps(clip: Path) -> tuple[float, float]:
    """(fps in the tracking process, fps of frames reaching the caller's callback)."""
    from griller.vision.camera import VideoFileCamera
    from griller.vision.worker import VisionSession

    arrivals: list[float] = []
    session = VisionSession(camera=VideoFileCamera(clip), max_fps=None,
                            on_signals=lambda s: arrivals.append(time.perf_counter()))
    session.start()
    while session.worker.running:
        time.sleep(0.02)
    stats = session.stop()
    caller = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else 0.0
    return stats["fps"], caller


async def _ticks(seconds: float, hz: float = 60.0) -> list[float]:
    loop = asyncio.get_running_loop()
    period, late = 1.0 / hz, []
    due = loop.time() + period
    end = due + seconds
    done = loop.create_future()

    def tick() -> None:
        nonlocal due
        late.append((loop.time() - due) * 1000)
        due += period
        if due >= end:
            done.set_result(None)
        else:
            loop.call_at(due, tick)

    loop.call_at(due, tick)
    await done
    return late


def lateness(seconds: float) -> list[float]:
    return asyncio.run(_ticks(seconds))


def summary(late: list[float]) -> str:
    ordered = sorted(late)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    median = statistics.median(late)
    return f"median {median:5.1f} ms  p95 {pick(0.95):5.1f}  p99 {pick(0.99):5.1f}  max {max(late):5.1f}"


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def latency_with_worker(clip: Path, seconds: float, max_fps: float | None) -> tuple[list[float], float, float]:
    from griller.vision.camera import VideoFileCamera
    from griller.vision.worker import VisionSession

    session = VisionSession(camera=VideoFileCamera(clip, realtime=True, loop=True), max_fps=max_fps)
    session.start()
    assert session.worker._process is not None
    pid = session.worker._process.pid
    before = cpu_seconds(pid)
    late = lateness(seconds)
    cpu = (cpu_seconds(pid) - before) / seconds
    stats = session.stop()
    return late, stats["fps"], cpu


def latency_with_thread(clip: Path, seconds: float) -> tuple[list[float], float]:
    """A FaceTracker in a thread of this process, paced like a 30 fps camera."""
    from griller.vision.camera import VideoFileCamera
    from griller.vision.tracker import FaceTracker

    stop, count = threading.Event(), [0]

    def run() -> None:
        camera, tracker = VideoFileCamera(clip, realtime=True, loop=True), FaceTracker()
        camera.open()
        tracker.open()
        while not stop.is_set() and (frame := camera.read()) is not None:
            tracker.track(frame.image, frame.at)
            count[0] += 1
        camera.close()
        tracker.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(1.5)  # let it load the model
    start_count = count[0]
    late = lateness(seconds)
    fps = (count[0] - start_count) / seconds
    stop.set()
    thread.join(5)
    return late, fps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clip = make_clip(Path(tmp), args.frames)
        raw, inside, caller = [], [], []
        for _ in range(args.rounds):
            raw.append(raw_fps(clip))
            fps, at_caller = worker_fps(clip)
            inside.append(fps)
            caller.append(at_caller)
        idle = lateness(args.seconds)
        live, live_fps, live_cpu = latency_with_worker(clip, args.seconds, 20.0)
        full, full_fps, full_cpu = latency_with_worker(clip, args.seconds, None)
        threaded, thread_fps = latency_with_thread(clip, args.seconds)
    load = os.getloadavg()[0]
    ratio = statistics.median(inside) / statistics.median(raw)
    print(f"machine: {machine()}; {date.today().isoformat()}; load average {load:.1f}")
    print(f"clip: {args.frames} frames {SIZE[0]}x{SIZE[1]} @ 30 fps (centred, head turned, eyes moved, blank)")
    print(f"raw FaceLandmarker (decode + detect_for_video)    {' '.join(f'{v:5.1f}' for v in raw)} fps")
    print(f"griller worker, in its process                    {' '.join(f'{v:5.1f}' for v in inside)} fps")
    print(f"griller worker, frames reaching the callback      {' '.join(f'{v:5.1f}' for v in caller)} fps")
    print(f"ratio worker / raw (medians)                      {ratio:.2f}   (goal >= 0.90)")
    print(f"60 Hz UI loop lateness, idle                      {summary(idle)}")
    print(f"  while the worker tracks a 30 fps camera @20 fps {summary(live)}  ({live_fps:.1f} fps, "
          f"{live_cpu * 100:.0f}% of a core)")
    print(f"  while the worker tracks it unthrottled          {summary(full)}  ({full_fps:.1f} fps, "
          f"{full_cpu * 100:.0f}% of a core)")
    print(f"  (comparison) tracker in a thread of the UI proc {summary(threaded)}  ({thread_fps:.1f} fps)")


if __name__ == "__main__":
    main()
