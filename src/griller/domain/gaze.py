"""Eye contact from face-tracking numbers, frame by frame: framing, distance, head pose against a baseline, eyes.

Pure: plain floats and tuples in (what a face tracker saw), dataclasses out. Times are seconds on any
monotonic clock; image coordinates are normalised to 0–1 (x to the right, y down). Per-answer metrics and
live hints are in ``gaze_answer``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from statistics import median
from typing import Literal

Point = tuple[float, float]
Distance = Literal["ok", "too_close", "too_far"]
Reason = Literal["absent", "head", "eyes"]


@dataclass(frozen=True)
class FaceObservation:
    """One face as the tracker saw it in one frame."""

    box: tuple[float, float, float, float]
    """Left, top, right, bottom of the face landmarks, 0–1 of the frame."""
    yaw: float = 0.0
    """Head rotation about the vertical axis, degrees (from the facial transformation matrix)."""
    pitch: float = 0.0
    """Head rotation about the horizontal axis, degrees."""
    eye_look: Mapping[str, float] = field(default_factory=dict)
    """The ``eyeLook*`` blendshape scores, 0–1 (empty when the tracker gives none)."""
    iris: Point | None = None
    """Mean iris offset inside the eyes, -1..1 each way (see :func:`iris_offset`); the fallback for ``eye_look``."""


@dataclass(frozen=True)
class GazeThresholds:
    """Where "looking at the camera" ends. Field names are the config keys (``[vision]`` in config.toml)."""

    centre_x: float = 0.18
    """The face centre may sit this far (fraction of the frame width) left or right of the middle."""
    centre_y: float = 0.25
    """... and this far above or below it (fraction of the frame height)."""
    too_close: float = 0.45
    """Face wider than this fraction of the frame: too close."""
    too_far: float = 0.15
    """Face narrower than this fraction of the frame: too far."""
    yaw: float = 25.0
    """Head turned more than this many degrees left/right of the baseline counts as looking away."""
    pitch: float = 20.0
    """Head tilted more than this many degrees up/down from the baseline counts as looking away."""
    eyes: float = 0.55
    """Eyes off the baseline direction by more than this (eyeLook* score difference, 0–1) count as looking away;
    reading a screen right under the camera stays below it, looking past the screen goes above."""
    baseline_seconds: float = 2.0
    """Seconds of visible face at the start that define "straight ahead" (camera placement differs)."""
    look_away_seconds: float = 0.5
    """Shorter glances (and blinks) are not look-away events."""
    return_seconds: float = 0.25
    """Looking back for at least this long ends a look-away; shorter returns merge with it."""
    hint_after: float = 3.0
    """A problem must last this many seconds before a live hint."""
    hint_every: float = 20.0
    """At most one hint of the same kind per this many seconds."""
    hint_gap: float = 8.0
    """At most one hint of any kind per this many seconds."""
    max_frame_gap: float = 0.5
    """A frame speaks for at most this long (a stalled camera does not stretch one frame over seconds)."""

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> GazeThresholds:
        """Thresholds from any mapping (e.g. the vision settings); unknown keys are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in values.items() if k in names and isinstance(v, int | float)})


@dataclass(frozen=True)
class FrameSignals:
    """What one frame says about framing and eye contact."""

    at: float
    face_present: bool
    centered: bool = False
    distance: Distance | None = None
    head_away: bool = False
    eyes_away: bool = False
    yaw: float = 0.0
    """Degrees from the baseline."""
    pitch: float = 0.0
    gaze: Point = (0.0, 0.0)
    """Eye direction from the baseline (x right, y down)."""
    box: tuple[float, float, float, float] | None = None
    """The face's box (see FaceObservation), for drawing."""

    @property
    def looking(self) -> bool:
        return self.face_present and not self.head_away and not self.eyes_away

    @property
    def reason(self) -> Reason | None:
        """Why this frame is not eye contact (None when it is)."""
        if not self.face_present:
            return "absent"
        if self.head_away:
            return "head"
        if self.eyes_away:
            return "eyes"
        return None


def iris_offset(corner_a: Point, corner_b: Point, upper: Point, lower: Point, iris: Point) -> Point:
    """Where the iris sits in one eye, from its two corners and lids: (-1..1 left to right, -1..1 top to bottom)."""
    half_w = abs(corner_b[0] - corner_a[0]) / 2 or 1e-6
    half_h = abs(lower[1] - upper[1]) / 2 or 1e-6
    x = (iris[0] - (corner_a[0] + corner_b[0]) / 2) / half_w
    y = (iris[1] - (upper[1] + lower[1]) / 2) / half_h
    return (max(-1.0, min(1.0, x)), max(-1.0, min(1.0, y)))


def eye_direction(obs: FaceObservation) -> Point | None:
    """Eye direction in the image (x right, y down): from the eyeLook* blendshapes, else the iris position.

    Blendshape names are the subject's: looking towards the image's right turns the left eye out and the right
    eye in.
    """
    s = obs.eye_look
    if s:
        right = s.get("eyeLookOutLeft", 0.0) + s.get("eyeLookInRight", 0.0)
        left = s.get("eyeLookInLeft", 0.0) + s.get("eyeLookOutRight", 0.0)
        down = s.get("eyeLookDownLeft", 0.0) + s.get("eyeLookDownRight", 0.0)
        up = s.get("eyeLookUpLeft", 0.0) + s.get("eyeLookUpRight", 0.0)
        return ((right - left) / 2, (down - up) / 2)
    return obs.iris


class Baseline:
    """"Straight ahead" for this person and camera: medians over the first seconds with a face in view."""

    LIMITS = (20.0, 25.0, 0.3, 0.3)  # a baseline further off than this is someone looking away, not a setup

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._first: float | None = None
        self._samples: list[tuple[float, float, float, float]] = []
        self._fixed: tuple[float, float, float, float] | None = None

    @property
    def ready(self) -> bool:
        return self._fixed is not None

    def add(self, at: float, obs: FaceObservation) -> None:
        if self._fixed is not None:
            return
        if self._first is None:
            self._first = at
        gaze = eye_direction(obs) or (0.0, 0.0)
        self._samples.append((obs.yaw, obs.pitch, gaze[0], gaze[1]))
        if at - self._first >= self.seconds:
            self._fixed = self.values()

    def values(self) -> tuple[float, float, float, float]:
        """(yaw, pitch, gaze x, gaze y) to subtract; provisional until ``ready``."""
        if self._fixed is not None:
            return self._fixed
        if not self._samples:
            return (0.0, 0.0, 0.0, 0.0)
        columns = zip(*self._samples, strict=True)
        yaw, pitch, gx, gy = (max(-lim, min(lim, median(col))) for col, lim in zip(columns, self.LIMITS, strict=True))
        return (yaw, pitch, gx, gy)


def classify(
    at: float, obs: FaceObservation | None, thresholds: GazeThresholds, baseline: tuple[float, float, float, float]
) -> FrameSignals:
    """The signals of one frame, measured against the baseline."""
    if obs is None:
        return FrameSignals(at=at, face_present=False)
    t = thresholds
    left, top, right, bottom = obs.box
    centre_x, centre_y, width = (left + right) / 2, (top + bottom) / 2, right - left
    distance: Distance = "too_close" if width > t.too_close else "too_far" if width < t.too_far else "ok"
    yaw, pitch = obs.yaw - baseline[0], obs.pitch - baseline[1]
    raw = eye_direction(obs)
    gaze = (raw[0] - baseline[2], raw[1] - baseline[3]) if raw else (0.0, 0.0)
    return FrameSignals(
        at=at,
        face_present=True,
        centered=abs(centre_x - 0.5) <= t.centre_x and abs(centre_y - 0.5) <= t.centre_y,
        distance=distance,
        head_away=abs(yaw) > t.yaw or abs(pitch) > t.pitch,
        eyes_away=raw is not None and max(abs(gaze[0]), abs(gaze[1])) > t.eyes,
        yaw=round(yaw, 1),
        pitch=round(pitch, 1),
        gaze=(round(gaze[0], 3), round(gaze[1], 3)),
        box=obs.box,
    )


class GazeMeter:
    """Per-session signals: calibrates the baseline from the first frames, then classifies every frame."""

    def __init__(self, thresholds: GazeThresholds | None = None) -> None:
        self.thresholds = thresholds or GazeThresholds()
        self.baseline = Baseline(self.thresholds.baseline_seconds)

    def update(self, at: float, obs: FaceObservation | None) -> FrameSignals:
        if obs is not None:
            self.baseline.add(at, obs)
        return classify(at, obs, self.thresholds, self.baseline.values())
