"""Test videos filmed from a real face: scikit-image's astronaut photograph (Eileen Collins, public domain).

The photograph is placed in a 480×360 frame by a similarity transform (centred, shifted, scaled), its head is
turned by wrapping the face round a vertical cylinder, and its eyes are turned by moving the irises inside
the eyes. Source-image geometry below was measured once on the photograph; nothing here runs the tracker.
"""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SIZE = (480, 360)
FPS = 10.0
FACE_BOX = (180.7, 71.8, 270.2, 177.4)  # left, top, right, bottom of the face landmarks in the 512×512 photo
FACE_CENTRE = ((FACE_BOX[0] + FACE_BOX[2]) / 2, (FACE_BOX[1] + FACE_BOX[3]) / 2)
FACE_WIDTH = FACE_BOX[2] - FACE_BOX[0]
# Iris centre, iris radius and the eye's corner-to-corner width, subject's right eye then left eye.
IRISES = (((203.5, 101.1), 4.0, 18.3), ((246.0, 103.5), 4.0, 18.9))
BACKGROUND = (90, 90, 90)


def need_vision() -> None:
    """Skip without mediapipe, OpenCV, scikit-image or the face model locally; in CI (`make test` installs them)
    fail instead."""
    missing = [m for m in ("cv2", "mediapipe", "skimage") if importlib.util.find_spec(m) is None]
    if not missing:
        from griller.vision.errors import VisionUnavailable
        from griller.vision.model import locate

        try:
            locate()
        except VisionUnavailable:
            missing.append("face_landmarker.task (run `make face-model`)")
    if missing:
        message = f"vision tests need {', '.join(missing)}: pip install -e '.[vision,dev]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@cache
def photo(eyes: float = 0.0) -> Any:
    """The astronaut as BGR; ``eyes`` moves both irises sideways by that fraction of the half eye width
    (positive: towards the image's right)."""
    import cv2
    import numpy as np
    from skimage import data

    image = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    if not eyes:
        return image
    out = image.copy()
    for (cx, cy), radius, width in IRISES:
        r, x, y = round(radius) + 1, round(cx), round(cy)
        patch = image[y - r : y + r + 1, x - r : x + r + 1].copy()
        mask = np.zeros(patch.shape[:2], np.uint8)
        cv2.circle(mask, (r, r), r, 255, -1)
        corner = round(cx - width / 2) + 2
        sclera = np.median(image[y - 1 : y + 2, corner : corner + 3].reshape(-1, 3), axis=0)
        out[y - r : y + r + 1, x - r : x + r + 1][mask > 0] = sclera
        dx = round(eyes * width / 2)
        out[y - r : y + r + 1, x - r + dx : x + r + 1 + dx][mask > 0] = patch[mask > 0]
    return out


def face_frame(cx: float = 0.5, cy: float = 0.5, width: float = 0.25, *, turn: float = 0.0, eyes: float = 0.0,
               size: tuple[int, int] = SIZE) -> Any:
    """A frame with the face centred at (cx, cy) (fractions of the frame), ``width`` of the frame wide, the
    head turned ``turn`` degrees about the vertical axis and the eyes moved by ``eyes`` (see ``photo``)."""
    import cv2
    import numpy as np

    w, h = size
    scale = width * w / FACE_WIDTH
    matrix = np.float32([[scale, 0, cx * w - scale * FACE_CENTRE[0]], [0, scale, cy * h - scale * FACE_CENTRE[1]]])
    frame = cv2.warpAffine(photo(eyes), matrix, (w, h), borderValue=BACKGROUND)
    return _turn(frame, cx * w, 0.45 * width * w, turn) if turn else frame


def _turn(frame: Any, centre_x: float, radius: float, degrees: float) -> Any:
    """Wrap the band round the face onto a cylinder of ``radius`` px and rotate it: a head turn from a photo."""
    import cv2
    import numpy as np

    h, w = frame.shape[:2]
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    d = (xs - centre_x) / radius
    inside = np.abs(d) < 1
    phi = np.arcsin(np.clip(d, -1, 1)) - math.radians(degrees)
    visible = inside & (np.abs(phi) <= math.pi / 2)
    map_x = np.where(visible, np.sin(phi) * radius + centre_x, np.where(inside, -1, xs)).astype(np.float32)
    return cv2.remap(frame, map_x, ys, cv2.INTER_LINEAR, borderValue=BACKGROUND)


def blank_frame(size: tuple[int, int] = SIZE) -> Any:
    import numpy as np

    return np.full((size[1], size[0], 3), BACKGROUND[0], dtype=np.uint8)


def write_clip(path: Path, segments: Sequence[tuple[int, Any]], fps: float = FPS) -> Path:
    """Write ``count`` copies of each frame, in order, as an MP4 (OpenCV's VideoWriter, mp4v)."""
    import cv2

    first = segments[0][1]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (first.shape[1], first.shape[0]))
    assert writer.isOpened(), "OpenCV cannot write mp4v here"
    for count, frame in segments:
        for _ in range(count):
            writer.write(frame)
    writer.release()
    return path
