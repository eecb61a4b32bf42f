"""VoiceSession end to end on file audio and the real Whisper model: hands-free, push-to-talk,
the think-time nudge, recording and forgetting it, cancelling, and a transcriber that fails."""

from __future__ import annotations

import stat
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from speech_support import RATE, compose, espeak, wer, whisper

from griller.coach.forgetting import forget_session, recordings_dir
from griller.domain.delivery import SPEECH_KEYS, Transcript, spoken
from griller.domain.live_coach import LiveRules
from griller.speech.audio import FileSource
from griller.speech.controller import VoiceSession
from griller.speech.errors import SpeechUnavailable
from griller.speech.recording import open_recorder
from griller.store import sessions as store
from griller.store.db import open_db

ANSWER = (
    "I talked to each customer and wrote down what they needed.", 0.8, "Then I wrote a script that checks every order.",
)


class Recorded:
    """Everything a session reported, in order."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any]) -> None:
        self.events.append(event)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == kind]

    @property
    def states(self) -> list[str]:
        return [e["data"]["state"] for e in self.of("state")]


@pytest.fixture(scope="module")
def answered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Recorded, Any, Path, str]:
    """One hands-free answer, 6 s of think time first, recorded under a real session's folder."""
    db_path = tmp_path_factory.mktemp("voice") / "griller.db"
    db = open_db(db_path)
    session_id = store.create_session(db, {})
    db.conn.close()
    clip = compose(*ANSWER, wpm=130, lead=6.0, tail=0.0)
    recorder = open_recorder(recordings_dir(db_path), session_id, "t1", enabled=True)
    seen = Recorded()
    session = VoiceSession(
        FileSource(clip.samples, tail_silence=4.0), whisper(), on_event=seen, recorder=recorder,
        rules=LiveRules(think_time=5.0), end_silence=3.0,
    )
    session.start()
    answer = session.wait(60)
    return answer, seen, clip, db_path, session_id


def test_hands_free_answer_ends_after_silence(answered: tuple[Any, ...]) -> None:
    answer, seen, clip, _, _ = answered
    assert answer is not None and answer.ended_by == "silence"
    assert wer(clip.text, answer.transcript) <= 0.15, answer.transcript
    assert seen.states == ["listening", "talking", "transcribing", "done"]
    assert answer.duration == pytest.approx(clip.duration + 3.0, abs=0.4)  # stopped ~3 s into the quiet


def test_events_carry_partials_final_and_metrics(answered: tuple[Any, ...]) -> None:
    answer, seen, _, _, _ = answered
    assert seen.of("partial") and seen.of("partial")[-1]["data"]["text"] == answer.transcript
    (final,) = seen.of("final")
    assert final["data"]["text"] == answer.transcript
    (metrics,) = seen.of("metrics")
    assert tuple(metrics["data"]["speech"]) == SPEECH_KEYS == tuple(answer.speech)
    assert metrics["data"]["tips"] == answer.tips
    assert all(set(e) == {"type", "at", "data"} for e in seen.events)
    ats = [e["at"] for e in seen.events]
    assert ats == sorted(ats)


def test_think_time_nudge_is_an_event_to_store(answered: tuple[Any, ...]) -> None:
    answer, seen, _, _, _ = answered
    (nudge,) = seen.of("silence_nudge")
    assert nudge["at"] == pytest.approx(5.0, abs=0.15)
    assert answer.events == [nudge]  # only coaching events are kept for the timeline


def test_word_times_are_session_times(answered: tuple[Any, ...]) -> None:
    answer, _, _, _, _ = answered
    assert answer.words[0].start == pytest.approx(6.0, abs=0.3)  # after the 6 s of think time
    said = spoken(answer.words)
    assert answer.speech["talk_time"] == pytest.approx(said[-1].end - said[0].start, abs=0.01), answer.words
    assert answer.speech["pauses"] >= 1 and answer.speech["long_pauses"] == 0


def test_recording_is_private_and_forget_deletes_it(answered: tuple[Any, ...]) -> None:
    answer, _, _, db_path, session_id = answered
    path = answer.audio_path
    assert path == recordings_dir(db_path) / session_id / "t1.wav"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (RATE, 1, 2)
        assert w.getnframes() / RATE == pytest.approx(answer.duration, abs=0.01)
    assert "1 recording file(s)" in forget_session(db_path, session_id)
    assert not path.parent.exists()


def test_no_recording_unless_asked(tmp_path: Path) -> None:
    assert open_recorder(tmp_path, "s1", "t1", enabled=False) is None
    assert not any(tmp_path.iterdir())


class Toggling(FileSource):
    """A file source that presses the push-to-talk key at given audio times, from the audio thread."""

    def __init__(self, samples: np.ndarray, presses: list[float]) -> None:
        super().__init__(samples)
        self.presses = presses
        self.session: VoiceSession | None = None

    def start(self, on_block: Any, on_end: Any = None) -> None:
        heard = [0]

        def block(samples: np.ndarray) -> None:
            on_block(samples)
            heard[0] += samples.size
            while self.presses and heard[0] >= self.presses[0] * RATE and self.session is not None:
                self.presses.pop(0)
                self.session.toggle()

        super().start(block, on_end)


def test_push_to_talk_keeps_only_what_is_said_while_pressed() -> None:
    before = espeak("This part is not an answer.", wpm=150)
    said = compose("My manager asked me to fix the slow search page.", wpm=130, lead=0.2, tail=0.3)
    after = espeak("Nor is this part.", wpm=150)
    gap = np.zeros(RATE // 2, dtype=np.float32)
    audio = np.concatenate([before, gap, said.samples, after, gap])
    press = (before.size + gap.size) / RATE
    release = press + said.duration
    source = Toggling(audio, [press, release])
    seen = Recorded()
    session = VoiceSession(source, whisper(), mode="push_to_talk", on_event=seen)
    source.session = session
    session.start()
    answer = session.wait(60)
    assert answer is not None and answer.ended_by == "toggle"
    assert wer(said.text, answer.transcript) <= 0.15, answer.transcript
    assert press - 0.1 <= answer.words[0].start and answer.words[-1].end <= release + 0.1
    assert seen.states == ["listening", "talking", "transcribing", "done"]


def test_cancel_stops_listening_and_keeps_nothing(tmp_path: Path) -> None:
    seen = Recorded()
    recorder = open_recorder(tmp_path, "s1", "t1", enabled=True)
    session = VoiceSession(FileSource(espeak("I will not finish this."), realtime=True), whisper(),
                           on_event=seen, recorder=recorder)
    session.start()
    session.cancel()
    assert session.wait(5) is None
    assert session.state == "cancelled"
    assert not seen.of("final") and not (tmp_path / "s1" / "t1.wav").exists()


class Broken:
    """A transcriber whose model is gone: what the session does when speech-to-text fails."""

    name = "broken"

    def transcribe(self, audio: Any, *, offset: float = 0.0) -> Transcript:
        raise SpeechUnavailable("No Whisper model", "reinstall")


def test_a_failing_transcriber_ends_the_answer_with_an_error() -> None:
    seen = Recorded()
    session = VoiceSession(FileSource(espeak("Hello there, I am speaking."), tail_silence=4.0), Broken(), on_event=seen)
    session.start()
    assert session.wait(20) is None
    assert session.state == "failed"
    assert "No Whisper model. Fix: reinstall" in seen.of("error")[0]["data"]["message"]


def test_hands_free_talk_key_ends_the_answer_early() -> None:
    first = compose("I talked to each customer and wrote down what they needed.", wpm=130, lead=0.2, tail=0.6)
    rest = espeak("This part comes after the key was pressed.", wpm=150)
    source = Toggling(np.concatenate([first.samples, rest]), [first.duration - 0.3])  # pressed in the pause
    session = VoiceSession(source, whisper())
    source.session = session
    session.start()
    answer = session.wait(60)
    assert answer is not None and answer.ended_by == "finish"
    assert wer(first.text, answer.transcript) <= 0.15, answer.transcript
    session.cancel()  # after the answer is done: nothing to undo
    assert session.state == "done"


def test_talk_pressed_before_the_microphone_opens_is_kept() -> None:
    """The TUI queues the talk key on a session that has not started yet (talking over a question being read)."""
    said = compose("My manager asked me to fix the slow search page.", wpm=130, lead=0.2, tail=0.3)
    for _ in range(5):  # the key used to be lost when the session's thread beat start() to the state
        seen = Recorded()
        session = VoiceSession(FileSource(said.samples, realtime=True, tail_silence=5.0), Broken(),
                               mode="push_to_talk", on_event=seen)
        assert session.toggle()
        session.start()
        deadline = time.monotonic() + 5
        while session.state != "talking" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert session.state == "talking", seen.states
        session.cancel()
