"""Per-answer eye contact and live hints from synthetic frame signals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from griller.domain.gaze import FrameSignals, GazeThresholds
from griller.domain.gaze_answer import AnswerGaze, HintPolicy, advice, problem

T = GazeThresholds()


def looking(at: float) -> FrameSignals:
    return FrameSignals(at=at, face_present=True, centered=True, distance="ok")


def away(at: float, reason: str = "head") -> FrameSignals:
    if reason == "absent":
        return FrameSignals(at=at, face_present=False)
    return FrameSignals(at=at, face_present=True, centered=True, distance="ok",
                        head_away=reason == "head", eyes_away=reason == "eyes")


def run(pattern: str, fps: float = 10.0, thresholds: GazeThresholds = T) -> AnswerGaze:
    """One frame per character: L looking, H head away, E eyes away, A absent."""
    answer = AnswerGaze(thresholds)
    kinds = {"H": "head", "E": "eyes", "A": "absent"}
    for i, c in enumerate(pattern):
        answer.add(looking(i / fps) if c == "L" else away(i / fps, kinds[c]))
    answer.finish()
    return answer


def test_steady_eye_contact() -> None:
    assert run("L" * 50).metrics() == {
        "face_present": 1.0, "centered": 1.0, "eye_contact": 1.0, "look_aways": 0, "look_away_seconds": 0.0,
    }


def test_a_blank_stretch_is_one_look_away_of_its_length() -> None:
    answer = run("L" * 20 + "A" * 15 + "L" * 25)
    m = answer.metrics()
    assert m["face_present"] == pytest.approx(0.75) and m["centered"] == pytest.approx(0.75)
    assert m["eye_contact"] == pytest.approx(0.75)
    assert (m["look_aways"], m["look_away_seconds"]) == (1, 1.5)
    assert answer.look_aways[0].as_dict() == {"start": 2.0, "seconds": 1.5, "reason": "absent"}


def test_glances_and_blinks_shorter_than_the_minimum_are_not_events_but_cost_eye_contact() -> None:
    m = run("L" * 10 + "E" * 3 + "L" * 7).metrics()
    assert m["look_aways"] == 0 and m["eye_contact"] == pytest.approx(0.85)


def test_a_brief_look_back_does_not_split_one_look_away() -> None:
    answer = run("L" * 5 + "H" * 10 + "L" + "H" * 10 + "L" * 10)
    assert [round(a.seconds, 2) for a in answer.look_aways] == [2.1]
    assert answer.look_aways[0].reason == "head"


def test_two_separate_look_aways() -> None:
    answer = run("L" * 5 + "H" * 8 + "L" * 10 + "E" * 6 + "L" * 5)
    assert [(a.reason, round(a.seconds, 1)) for a in answer.look_aways] == [("head", 0.8), ("eyes", 0.6)]
    assert answer.metrics()["look_away_seconds"] == pytest.approx(1.4)


def test_a_look_away_still_open_at_the_end_counts() -> None:
    answer = AnswerGaze(T)
    for i, c in enumerate("LLLLLHHHHHHHH"):
        answer.add(looking(i / 10) if c == "L" else away(i / 10))
    assert answer.metrics()["look_aways"] == 1  # before finish()
    ended = answer.finish()
    assert ended is not None and ended.seconds == pytest.approx(0.8)


def test_time_weighting_survives_dropped_frames_and_stalls() -> None:
    answer = AnswerGaze(T)
    answer.add(looking(0.0))
    answer.add(looking(0.1))
    answer.add(looking(0.4))  # two frames dropped: this one speaks for their time
    answer.add(away(0.5, "absent"))
    answer.add(away(10.5, "absent"))  # a 10 s stall counts as at most max_frame_gap
    m = answer.metrics()
    assert m["face_present"] == pytest.approx(0.5 / (0.5 + T.max_frame_gap * 2), abs=0.01)


def test_no_frames_gives_zeros() -> None:
    assert AnswerGaze(T).metrics() == {
        "face_present": 0.0, "centered": 0.0, "eye_contact": 0.0, "look_aways": 0, "look_away_seconds": 0.0,
    }


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("LHEA"), min_size=1, max_size=120), st.sampled_from([5.0, 10.0, 30.0]))
def test_fractions_stay_in_range_and_look_aways_fit_in_the_answer(pattern: list[str], fps: float) -> None:
    m = run("".join(pattern), fps).metrics()
    for key in ("face_present", "centered", "eye_contact"):
        assert 0.0 <= m[key] <= 1.0
    assert m["eye_contact"] <= m["face_present"]
    assert m["look_away_seconds"] <= len(pattern) / fps + 0.005  # the figure is rounded to hundredths
    assert (m["look_aways"] == 0) == (m["look_away_seconds"] == 0)


def hints(frames: list[FrameSignals], thresholds: GazeThresholds = T) -> list[tuple[str, float]]:
    policy = HintPolicy(thresholds)
    return [(h.kind, round(h.at, 1)) for s in frames if (h := policy.update(s))]


def test_a_hint_needs_the_problem_to_last() -> None:
    frames = [looking(i / 10) for i in range(10)] + [away(1 + i / 10) for i in range(25)]
    assert hints(frames) == []  # 2.4 s < hint_after
    frames += [away(3.5 + i / 10) for i in range(10)]
    assert hints(frames) == [("look_at_camera", 4.0)]


def test_hints_are_rate_limited_per_kind_and_overall() -> None:
    frames = [away(i / 10) for i in range(600)]  # 60 s looking away
    fired = hints(frames)
    assert [k for k, _ in fired] == ["look_at_camera"] * 3
    assert [at for _, at in fired] == [3.0, 23.0, 43.0]  # every hint_every seconds
    mixed = [away(i / 10) for i in range(40)] + [away(4 + i / 10, "absent") for i in range(100)]
    assert hints(mixed) == [("look_at_camera", 3.0), ("move_into_frame", 11.0)]  # hint_gap between kinds


def test_framing_comes_before_gaze_and_advice_reads_well() -> None:
    off = FrameSignals(at=0.0, face_present=True, centered=False, distance="ok", head_away=True)
    close = FrameSignals(at=0.0, face_present=True, centered=True, distance="too_close")
    far = FrameSignals(at=0.0, face_present=True, centered=True, distance="too_far")
    assert [problem(s) for s in (off, close, far, away(0, "absent"), looking(0))] == [
        "move_into_frame", "move_back", "move_closer", "move_into_frame", None,
    ]
    assert advice(None) == "Waiting for the camera..."
    assert advice(looking(0)) == "Framing looks good"
    assert advice(close) == "Sit a little further back"
