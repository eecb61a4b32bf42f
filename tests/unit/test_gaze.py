"""Per-frame eye-contact signals from plain numbers: framing, distance, head pose against a baseline, eyes."""

from __future__ import annotations

import pytest

from griller.domain.gaze import (
    Baseline,
    FaceObservation,
    GazeMeter,
    GazeThresholds,
    classify,
    eye_direction,
    iris_offset,
)

T = GazeThresholds()
ZERO = (0.0, 0.0, 0.0, 0.0)


def face(cx: float = 0.5, cy: float = 0.5, width: float = 0.25, **kwargs: object) -> FaceObservation:
    return FaceObservation(box=(cx - width / 2, cy - width / 2, cx + width / 2, cy + width / 2), **kwargs)  # type: ignore[arg-type]


def looks(right: float = 0.0, down: float = 0.0) -> dict[str, float]:
    """eyeLook* scores for eyes turned towards the image's right (and down) by the given amounts."""
    return {
        "eyeLookOutLeft": max(right, 0), "eyeLookInRight": max(right, 0),
        "eyeLookInLeft": max(-right, 0), "eyeLookOutRight": max(-right, 0),
        "eyeLookDownLeft": max(down, 0), "eyeLookDownRight": max(down, 0),
        "eyeLookUpLeft": max(-down, 0), "eyeLookUpRight": max(-down, 0),
    }


def test_iris_offset_is_zero_in_the_middle_and_one_at_a_corner() -> None:
    corners, lids = ((0.40, 0.30), (0.50, 0.30)), ((0.45, 0.28), (0.45, 0.32))
    assert iris_offset(*corners, *lids, (0.45, 0.30)) == pytest.approx((0.0, 0.0))
    assert iris_offset(*corners, *lids, (0.50, 0.32)) == pytest.approx((1.0, 1.0))
    assert iris_offset(corners[1], corners[0], *lids, (0.40, 0.30))[0] == pytest.approx(-1.0)  # corner order is free
    assert iris_offset(*corners, *lids, (0.70, 0.20)) == (1.0, -1.0)  # clamped


def test_eye_direction_reads_blendshapes_by_image_direction_then_falls_back_to_the_iris() -> None:
    x, y = eye_direction(face(eye_look=looks(right=0.8))) or (0, 0)
    assert x == pytest.approx(0.8) and y == pytest.approx(0.0)
    assert eye_direction(face(eye_look=looks(right=-0.6, down=0.4))) == pytest.approx((-0.6, 0.4))
    assert eye_direction(face(iris=(0.2, -0.1))) == (0.2, -0.1)
    assert eye_direction(face()) is None


def test_no_face_is_absent_and_not_eye_contact() -> None:
    s = classify(1.0, None, T, ZERO)
    assert (s.face_present, s.looking, s.reason, s.distance) == (False, False, "absent", None)


@pytest.mark.parametrize(
    ("cx", "cy", "centred"),
    [(0.5, 0.5, True), (0.5 + T.centre_x - 0.01, 0.5, True), (0.5 + T.centre_x + 0.02, 0.5, False),
     (0.15, 0.5, False), (0.5, 0.5 - T.centre_y - 0.02, False)],
)
def test_centred_within_the_tolerance(cx: float, cy: float, centred: bool) -> None:
    s = classify(0.0, face(cx, cy), T, ZERO)
    assert s.centered is centred
    assert s.looking  # framing does not decide eye contact


@pytest.mark.parametrize(("width", "distance"), [(0.25, "ok"), (0.55, "too_close"), (0.10, "too_far")])
def test_distance_from_face_width(width: float, distance: str) -> None:
    assert classify(0.0, face(width=width), T, ZERO).distance == distance


def test_head_turn_is_measured_from_the_baseline() -> None:
    baseline = (10.0, 12.0, 0.0, 0.0)  # a camera off to one side and above the screen
    assert not classify(0.0, face(yaw=10.0 + T.yaw - 1, pitch=12.0), T, baseline).head_away
    turned = classify(0.0, face(yaw=10.0 + T.yaw + 5, pitch=12.0), T, baseline)
    assert turned.head_away and turned.reason == "head" and turned.yaw == pytest.approx(T.yaw + 5)
    assert classify(0.0, face(yaw=10.0, pitch=12.0 - T.pitch - 5), T, baseline).head_away
    assert classify(0.0, face(yaw=10.0 + T.yaw + 5), T, ZERO).head_away


def test_eyes_off_camera_from_blendshapes_or_iris() -> None:
    assert not classify(0.0, face(eye_look=looks(right=0.3)), T, ZERO).eyes_away
    away = classify(0.0, face(eye_look=looks(right=0.8)), T, ZERO)
    assert away.eyes_away and away.reason == "eyes" and not away.looking
    assert classify(0.0, face(eye_look=looks(down=0.9)), T, ZERO).eyes_away
    assert classify(0.0, face(iris=(0.0, 0.7)), T, ZERO).eyes_away
    # a resting gaze that is part of the set-up (eyes on a screen below the camera) is the baseline
    assert not classify(0.0, face(eye_look=looks(down=0.6)), T, (0.0, 0.0, 0.0, 0.6)).eyes_away


def test_baseline_is_the_median_of_the_first_seconds_then_fixed() -> None:
    b = Baseline(seconds=1.0)
    assert b.values() == ZERO and not b.ready
    for i, yaw in enumerate([8.0, 9.0, 40.0, 10.0, 9.5, 8.5]):  # one glance away does not move a median
        b.add(i * 0.2, face(yaw=yaw, pitch=5.0))
    assert b.ready
    assert b.values()[:2] == pytest.approx((9.25, 5.0))
    b.add(2.0, face(yaw=-30.0))
    assert b.values()[0] == pytest.approx(9.25)


def test_baseline_is_clamped_so_looking_away_at_the_start_is_not_straight_ahead() -> None:
    b = Baseline(seconds=0.0)
    b.add(0.0, face(yaw=60.0, pitch=-50.0))
    yaw, pitch, *_ = b.values()
    assert (yaw, pitch) == (Baseline.LIMITS[0], -Baseline.LIMITS[1])


def test_meter_calibrates_on_the_first_frames() -> None:
    meter = GazeMeter(GazeThresholds(baseline_seconds=0.5))
    for i in range(6):
        assert meter.update(i * 0.1, face(yaw=15.0)).looking
    assert meter.baseline.ready
    assert not meter.update(1.0, face(yaw=15.0 + 30.0)).looking
    assert meter.update(1.1, None).reason == "absent"


def test_thresholds_from_settings_like_mappings() -> None:
    t = GazeThresholds.from_mapping({"yaw": 30, "eyes": 0.6, "camera": 0, "face_model": "x.task", "unknown": 1})
    assert (t.yaw, t.eyes, t.pitch) == (30.0, 0.6, GazeThresholds().pitch)
