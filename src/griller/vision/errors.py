"""Why vision cannot run, in words a user can act on. Callers catch ``VisionError`` and carry on in text."""

from __future__ import annotations


class VisionError(RuntimeError):
    """Eye-contact coaching is not available; the message says why and what to do."""


class CameraUnavailable(VisionError):
    """No camera (or video file) could be opened."""


class VisionUnavailable(VisionError):
    """mediapipe or the face model is missing or broken."""
