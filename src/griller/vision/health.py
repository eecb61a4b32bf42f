"""``griller doctor``'s vision checks: OpenCV, the camera and the face model, each with a fix.

Returns ``HealthCheck`` rows with the same fields as ``griller.coach.doctor.Check`` (adapters sit below the
services, so this module cannot import that class): ``Check(**row.as_dict())`` converts one.
"""

from __future__ import annotations

import importlib.util
from importlib import metadata
from typing import Any

from griller.domain.health import HealthCheck
from griller.vision.errors import VisionError

INSTALL = "pip install 'griller[vision]'"




def _installed(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def opencv() -> HealthCheck:
    contrib, plain = _installed("opencv-contrib-python"), _installed("opencv-python")
    if contrib and plain:
        fix = "pip uninstall -y opencv-python && pip install --force-reinstall --no-deps "
        return HealthCheck("opencv", "error", f"opencv-python {plain} and opencv-contrib-python {contrib} both "
                           "write cv2/ (mediapipe needs the contrib one)", f"{fix}opencv-contrib-python=={contrib}")
    if importlib.util.find_spec("cv2") is None:
        return HealthCheck("opencv", "missing", "cv2 is not installed", INSTALL)
    return HealthCheck("opencv", "ok", f"opencv-contrib-python {contrib}" if contrib else "cv2 installed")


def camera(settings: Any = None) -> HealthCheck:
    """Opens the configured camera for a moment (its light may blink) and reads one frame."""
    index = int(getattr(getattr(settings, "vision", None), "camera", 0) or 0)
    if importlib.util.find_spec("cv2") is None:
        return HealthCheck("camera", "missing", "OpenCV is not installed", INSTALL)
    from griller.vision.camera import DeviceCamera

    device = DeviceCamera(index)
    try:
        device.open()
        frame = device.read()
    except VisionError as exc:
        return HealthCheck("camera", "missing", str(exc),
                           "connect a webcam or set `camera` under [vision]; interviews work without one")
    finally:
        device.close()
    size = f"{frame.image.shape[1]}×{frame.image.shape[0]}" if frame is not None else "no frame"
    return HealthCheck("camera", "ok", f"camera {index}: {size}")


def face_model(settings: Any = None) -> HealthCheck:
    from griller.vision.model import locate

    version = _installed("mediapipe")
    if version is None:
        return HealthCheck("face model", "missing", "mediapipe is not installed", INSTALL + " then `make face-model`")
    try:
        path = locate(getattr(getattr(settings, "vision", None), "face_model", "") or "")
    except VisionError as exc:
        from griller.vision.model import FIX

        detail, _, fix = str(exc).partition("; ")
        return HealthCheck("face model", "missing", detail, fix or FIX)
    return HealthCheck("face model", "ok", f"{path} (mediapipe {version})")


def checks(settings: Any = None) -> list[HealthCheck]:
    """All vision checks; cheap except the camera, which is opened for a moment. Never raises."""
    results = []
    for check in (opencv, lambda: camera(settings), lambda: face_model(settings)):
        try:
            results.append(check())
        except Exception as exc:  # a doctor reports, it does not crash
            results.append(HealthCheck("vision", "error", repr(exc)))
    return results
