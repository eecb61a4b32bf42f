"""Spoken answers in a live interview: a real VoiceSession on espeak-ng speech and the real Whisper model,
through Textual's Pilot (push-to-talk and hands-free, recording on and off, no microphone)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from textual.pilot import Pilot
from textual.widgets import TextArea

from griller.domain.rubric import Rubric
from griller.store import sessions as store
from griller.tui.app import GrillerApp
from griller.tui.clock import FrozenClock
from griller.tui.screens.interview import InterviewScreen, VoicePlan
from integration.speech_support import ESPEAK, Clip, compose, wer

from .pilot import SIZE, answer, run, screen, settle, shown, until
from .support import STRONG, start

SAID = (
    "I talked to each customer and wrote down what they needed.", 0.8, "Then I wrote a script that checks every order.",
)


def need_voice() -> Any:
    from griller.speech.live import available

    usable, why = available()
    if not usable or ESPEAK is None:
        pytest.skip(why or "espeak-ng is not installed")
    from integration.speech_support import whisper

    return whisper()  # cpu_threads=1 unless SPEECH_TEST_THREADS says otherwise


@pytest.fixture(scope="module")
def clip() -> Clip:
    need_voice()
    return compose(*SAID, wpm=130, lead=0.8, tail=0.0)


def voice_app(live: Any, plan: VoicePlan) -> GrillerApp:
    app = GrillerApp(lambda: InterviewScreen(live, clock=FrozenClock(), voice=plan), cursor_blink=False)
    app.live = live
    return app



def events(db: sqlite_utils.Database, session_id: str, kind: str) -> list[dict[str, Any]]:
    return [e for e in store.events(db, session_id) if e["type"] == kind]


def notifications(app: GrillerApp) -> list[str]:
    return [n.message for n in app._notifications]


def editor(pilot: Pilot[Any]) -> TextArea:
    return pilot.app.screen.query_one("#answer", TextArea)


def test_push_to_talk_answer_is_spoken(db: sqlite_utils.Database, rubric: Rubric, clip: Clip,
                                       tmp_path: Path) -> None:
    from griller.speech.audio import FileSource

    live = start(db, rubric)
    plan = VoicePlan(source=lambda: FileSource(clip.samples, realtime=True, tail_silence=30.0),
                     transcriber=need_voice(), mode="push_to_talk")

    async def scenario() -> None:
        async with voice_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: screen(pilot).voice is not None and screen(pilot).voice.state == "listening")
            turn = live.turn_id
            assert "ctrl+t to talk" in str(editor(pilot).border_title)
            await pilot.press("ctrl+t")
            await until(pilot, lambda: screen(pilot).voice.state == "talking")
            await asyncio.sleep(clip.duration)  # the answer is said in real time
            await pilot.press("ctrl+t")
            await until(pilot, lambda: screen(pilot)._voice_metrics is not None)
            said = editor(pilot).text
            assert wer(clip.text, said) <= 0.2, said
            line = shown(pilot.app.screen.query_one("#feedback-speech"))
            assert line.startswith("Voice: ") and "wpm" in line, line
            await pilot.press("ctrl+s")
            await settle(pilot)
            await until(pilot, lambda: events(db, live.session_id, "speech_metrics"))
            [row] = store.turns(db, live.session_id)[:1]
            assert row["source"] == "voice" and row["answer"] == said
            [stored] = events(db, live.session_id, "speech_metrics")
            assert stored["turn_id"] == turn
            assert 90 <= stored["data"]["wpm"] <= 230, stored["data"]
            assert {"fillers", "filler_rate", "pauses", "long_pauses", "talk_time", "tips"} <= set(stored["data"])
            assert events(db, live.session_id, "voice_started")
            session = screen(pilot).voice  # the next question listens again
        assert session is None or session.state == "cancelled"  # the screen went: listening stopped

    run(scenario())
    assert not (tmp_path / "recordings").exists()  # no --record: no audio reaches the disk


def test_hands_free_with_record_keeps_the_audio(db: sqlite_utils.Database, rubric: Rubric, clip: Clip,
                                                tmp_path: Path) -> None:
    from griller.speech.audio import FileSource

    live = start(db, rubric)
    plan = VoicePlan(record=True, mode="hands_free", transcriber=need_voice(),
                     source=lambda: FileSource(clip.samples, tail_silence=4.0), options={"end_silence": 2.0})

    async def scenario() -> None:
        async with voice_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            turn = live.turn_id
            await until(pilot, lambda: screen(pilot)._voice_metrics is not None)
            assert wer(clip.text, editor(pilot).text) <= 0.2, editor(pilot).text
            editor(pilot).insert(" Edited.")  # the transcript can be edited before submitting
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(pilot)
            await until(pilot, lambda: events(db, live.session_id, "speech_metrics"))
            row = store.turns(db, live.session_id)[0]
            assert row["source"] == "voice" and row["answer"].endswith("Edited.")
            assert turn is not None
            audio = tmp_path / "recordings" / live.session_id / f"{turn}.wav"
            assert audio.is_file() and audio.stat().st_size > 16_000  # more than half a second of 16-bit audio

    run(scenario())


def test_a_missing_microphone_is_one_notification(db: sqlite_utils.Database, rubric: Rubric) -> None:
    from griller.speech.audio import MicrophoneSource

    live = start(db, rubric)
    plan = VoicePlan(source=lambda: MicrophoneSource(device="griller-no-such-microphone"),
                     transcriber=need_voice())

    async def scenario() -> None:
        async with voice_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: notifications(pilot.app))
            [message] = notifications(pilot.app)
            assert message.startswith("voice unavailable: ") and message.endswith("the interview goes on in text")
            assert screen(pilot).voice is None and not screen(pilot).voice_ready
            await answer(pilot, STRONG)
            await settle(pilot)
            rows = store.turns(db, live.session_id)
            assert rows[0]["answer"] == STRONG and rows[0]["source"] == "text"
            assert len(notifications(pilot.app)) == 1  # the next question does not try again
            assert events(db, live.session_id, "voice_problem")
            assert not events(db, live.session_id, "speech_metrics")

    run(scenario())


def test_a_missing_model_is_one_notification(db: sqlite_utils.Database, rubric: Rubric, tmp_path: Path) -> None:
    from griller.config import Settings

    live = start(db, rubric)
    settings = Settings.model_validate({"speech": {"whisper_model": str(tmp_path / "no-model")}})
    plan = VoicePlan(settings=settings)

    async def scenario() -> None:
        async with voice_app(live, plan).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: notifications(pilot.app))
            [message] = notifications(pilot.app)
            assert "No Whisper model at" in message, message
            await answer(pilot, STRONG)
            assert store.turns(db, live.session_id)[0]["source"] == "text"

    run(scenario())
