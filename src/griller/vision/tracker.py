"""mediapipe's FaceLandmarker (Tasks API, VIDEO mode) turning frames into the plain numbers of ``domain.gaze``.

One face, 478 landmarks (irises included), the ``eyeLook*`` blendshapes and the facial transformation
matrix, from which yaw and pitch are read. mediapipe is imported in ``open()``; its native code logs to file
descriptor 2 while the landmarker is created, so creation runs with that descriptor pointed at /dev/null.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from griller.domain.gaze import FaceObservation, iris_offset
from griller.vision.errors import VisionUnavailable
from griller.vision.model import locate

# Face-mesh indices: the two eyes' corners, upper and lower lids, and iris centres (subject's right, then left).
EYES = ((33, 133, 159, 145, 468), (362, 263, 386, 374, 473))
INSTALL_FIX = "install the vision extra: pip install 'griller[vision]' (then `make face-model`)"


@contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Silence what C++ code writes to fd 2 (mediapipe's start-up logs) for the duration of the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def head_angles(matrix: Any) -> tuple[float, float]:
    """(yaw, pitch) in degrees from a 4×4 facial transformation matrix (rotation = Rz·Ry·Rx)."""
    r = [list(map(float, row[:3])) for row in list(matrix)[:3]]
    pitch = math.degrees(math.atan2(r[2][1], r[2][2]))
    yaw = math.degrees(math.asin(max(-1.0, min(1.0, -r[2][0]))))
    return yaw, pitch


def observation(result: Any) -> FaceObservation | None:
    """The first face of a FaceLandmarkerResult as a FaceObservation (None when no face was found)."""
    if not result.face_landmarks:
        return None
    points = result.face_landmarks[0]
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    box = (min(xs), min(ys), max(xs), max(ys))
    matrices = result.facial_transformation_matrixes
    yaw, pitch = head_angles(matrices[0]) if matrices else (0.0, 0.0)
    eye_look = {}
    if result.face_blendshapes:
        eye_look = {c.category_name: float(c.score) for c in result.face_blendshapes[0]
                    if c.category_name and c.category_name.startswith("eyeLook")}
    iris = None
    if len(points) > max(max(e) for e in EYES):
        offsets = [iris_offset(*((points[i].x, points[i].y) for i in eye)) for eye in EYES]
        iris = (sum(o[0] for o in offsets) / 2, sum(o[1] for o in offsets) / 2)
    return FaceObservation(box=box, yaw=yaw, pitch=pitch, eye_look=eye_look, iris=iris)


class FaceTracker:
    """FaceLandmarker in VIDEO mode. ``track()`` takes BGR frames with increasing times; frames wider than
    ``max_width`` are shrunk first (the model works at 256 px; bigger frames only cost time)."""

    def __init__(self, model: str | Path | None = None, *, max_width: int = 640, quiet: bool = True) -> None:
        self.model = model
        self.max_width = max_width
        self.quiet = quiet
        self._landmarker: Any = None
        self._last_ms = -1

    @classmethod
    def from_settings(cls, settings: Any, **kwargs: Any) -> FaceTracker:
        return cls(getattr(getattr(settings, "vision", None), "face_model", "") or None, **kwargs)

    def open(self) -> None:
        path = locate(str(self.model or ""))
        try:
            import mediapipe as mp
            from mediapipe.tasks.python import BaseOptions, vision
        except ImportError as exc:
            raise VisionUnavailable(f"mediapipe cannot be imported ({exc}); {INSTALL_FIX}") from None
        options = vision.FaceLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(path)),
            running_mode=vision.RunningMode.VIDEO,
            num_faces=1,
            output_face_blendshapes=True,
            output_facial_transformation_matrixes=True,
        )
        with quiet_native_stderr() if self.quiet else nullcontext():
            try:
                self._landmarker = vision.FaceLandmarker.create_from_options(options)
            except (RuntimeError, ValueError, OSError) as exc:
                raise VisionUnavailable(f"cannot load the face model {path}: {exc}") from None
            self._mp = mp
            import numpy as np

            self._detect(np.zeros((64, 64, 3), dtype=np.uint8), 0)  # the graph logs on its first frame too

    def _detect(self, rgb: Any, ms: int) -> Any:
        image = self._mp.Image(image_format=self._mp.ImageFormat.SRGB, data=rgb)
        self._last_ms = ms
        return self._landmarker.detect_for_video(image, ms)

    def track(self, image_bgr: Any, at: float) -> FaceObservation | None:
        """The face in one BGR frame taken ``at`` seconds into the stream (None: no face)."""
        if self._landmarker is None:
            self.open()
        from griller.vision.camera import import_cv2

        cv2 = import_cv2()
        height, width = image_bgr.shape[:2]
        if width > self.max_width:
            image_bgr = cv2.resize(image_bgr, (self.max_width, round(height * self.max_width / width)),
                                   interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB)
        ms = max(int(at * 1000) + 1, self._last_ms + 1)  # mediapipe needs strictly increasing timestamps
        return observation(self._detect(rgb, ms))

    def close(self) -> None:
        if self._landmarker is not None:
            self._landmarker.close()
            self._landmarker = None

    def __enter__(self) -> FaceTracker:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
