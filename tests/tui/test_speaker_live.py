"""Questions read aloud in a live interview: the real Speaker (pyttsx3 on espeak-ng) through Textual's Pilot.

Only the sound card is replaced: ``SoundCard`` receives the real synthesised samples and "plays" them until
the test says the reading is over, or the Speaker stops it; ``NoSoundCard`` is a machine without one.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pytest
import sqlite_utils
from textual.pilot import Pilot
from textual.widgets import DataTable, TextArea

from griller.coach.interviewing import LiveInterview
from griller.coach.judges import HeuristicJudge
from griller.domain.models import AnswerInput, Evaluation
from griller.domain.rubric import Rubric
from griller.store import sessions as store
from griller.tui.app import GrillerApp
from griller.tui.clock import FrozenClock
from griller.tui.screens.dialogs import PauseScreen
from griller.tui.screens.help import HelpScreen
from griller.tui.screens.interview import InterviewScreen, SpeakerPlan, VoicePlan
from griller.tui.widgets.timer import TimerLine
from integration.speech_support import ESPEAK, NoSoundCard, SoundCard

from .pilot import SIZE, answer, run, screen, settle, shown, until
from .support import QUESTIONS, STRONG, options, start

pytestmark = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")


def speaking_app(live: Any, card: Any, clock: FrozenClock | None = None, voice: VoicePlan | None = None) -> GrillerApp:
    app = GrillerApp(
        lambda: InterviewScreen(
            live, clock=clock or FrozenClock(), think_time=5.0, voice=voice, speaker=SpeakerPlan(player=card)
        ),
        cursor_blink=False,
    )
    app.live = live
    return app



def events(db: sqlite_utils.Database, session_id: str, kind: str) -> list[dict[str, Any]]:
    return [e for e in store.events(db, session_id) if e["type"] == kind]


def timer_text(pilot: Pilot[Any]) -> str:
    return shown(pilot.app.screen.query_one(TimerLine))


def test_the_question_is_read_aloud_and_the_clock_starts_after_it(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live, card, clock = start(db, rubric), SoundCard(), FrozenClock()

    async def scenario() -> None:
        async with speaking_app(live, card, clock).run_test(size=SIZE) as pilot:
            await until(pilot, lambda: card.played)
            samples, rate = card.played[0]
            assert samples.dtype == np.float32 and rate >= 16_000
            # "Tell me about a time you improved the performance of a system." is 12 words: 3-6 s at 170 wpm.
            assert 2.5 <= card.seconds(0) <= 7.0, card.seconds(0)
            assert float(np.sqrt(np.mean(samples**2))) > 0.02  # speech, not silence
            current = screen(pilot)
            assert current.reading and not current.timer.running
            assert "Reading the question aloud" in timer_text(pilot)
            clock.advance(30)  # far past the think time, but the question is still being read
            current._tick()
            assert not pilot.app.screen.query_one(TimerLine).nudge
            card.finish()
            await until(pilot, lambda: not current.reading)
            assert current.timer.running and current.timer.thinking(clock()) == 0.0
            clock.advance(6)
            current._tick()
            assert pilot.app.screen.query_one(TimerLine).nudge  # the think time counts from the end of the reading
            await until(pilot, lambda: events(db, live.session_id, "question_spoken"))
            [spoken] = events(db, live.session_id, "question_spoken")
            assert spoken["turn_id"] == live.turn_id and spoken["data"]["seconds"] == pytest.approx(
                card.seconds(0), abs=0.01
            )

    run(scenario())
    assert card.finished == 1 and card.stopped == 0


class HeldJudge(HeuristicJudge):
    """The heuristic judge, holding each grade until the test lets it go (so the next question waits)."""

    def __init__(self, rubric: Rubric) -> None:
        super().__init__(rubric, "general")
        self.release = threading.Event()

    def grade(self, item: AnswerInput) -> Evaluation:
        self.release.wait(20)
        return super().grade(item)


def test_submitting_and_skipping_stop_the_reading(db: sqlite_utils.Database, rubric: Rubric) -> None:
    judge, card = HeldJudge(rubric), SoundCard()
    live = LiveInterview.start(db, rubric, judge, options())

    async def scenario() -> None:
        async with speaking_app(live, card).run_test(size=SIZE) as pilot:
            await until(pilot, lambda: card.played)
            await answer(pilot, STRONG, submit=False)  # typed while the question is still being read
            await pilot.press("ctrl+s")
            await until(pilot, lambda: card.stopped == 1)  # stopped by the submit: the grade is still held
            assert screen(pilot).phase == "grading" and len(card.played) == 1
            judge.release.set()
            await settle(pilot)
            await until(pilot, lambda: len(card.played) == 2)  # the next question is read in turn
            assert screen(pilot).reading and card.finished == 0
            await pilot.press("ctrl+n")
            await until(pilot, lambda: card.stopped == 2)
            await until(pilot, lambda: len(card.played) == 3)
            await pilot.press("ctrl+p")  # pausing stops the reading; the clock starts when the pause ends
            await until(pilot, lambda: card.stopped == 3)
            interview = screen(pilot) if isinstance(pilot.app.screen, InterviewScreen) else pilot.app.screen_stack[-2]
            assert isinstance(interview, InterviewScreen) and not interview.timer.running
            await until(pilot, lambda: isinstance(pilot.app.screen, PauseScreen))
            await pilot.press("escape")
            await until(pilot, lambda: pilot.app.screen is interview)
            assert interview.timer.running and not interview.reading
            assert not events(db, live.session_id, "question_spoken")  # none was read to the end

    run(scenario())
    rows = store.turns(db, live.session_id)
    assert rows[0]["answer"] == STRONG and rows[0]["think_ms"] == 0  # typing while it was read: no think time


def test_the_repeat_key_reads_the_question_again(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live, card, clock = start(db, rubric), SoundCard(), FrozenClock()

    async def scenario() -> None:
        async with speaking_app(live, card, clock).run_test(size=SIZE) as pilot:
            await until(pilot, lambda: card.played)
            card.finish()
            current = screen(pilot)
            await until(pilot, lambda: not current.reading)
            clock.advance(2)
            assert "Repeat" in [
                b.binding.description for b in current.active_bindings.values() if b.binding.id == "repeat_question"
            ]
            await pilot.press("ctrl+r")
            await until(pilot, lambda: len(card.played) == 2)
            assert current.reading and current.timer.paused_at is not None  # the clock is held while it is read
            assert card.seconds(1) == pytest.approx(card.seconds(0), rel=0.05)  # the same question, said again
            clock.advance(10)
            card.finish()
            await until(pilot, lambda: not current.reading)
            assert current.timer.thinking(clock()) == pytest.approx(2.0)
            await until(pilot, lambda: len(events(db, live.session_id, "question_spoken")) == 2)
            await pilot.press("ctrl+r")  # and again, cut short by the answer
            await until(pilot, lambda: len(card.played) == 3)
            await answer(pilot, STRONG)
            await until(pilot, lambda: card.stopped == 1)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            table = pilot.app.screen.query_one(DataTable)
            rows = [[str(c) for c in table.get_row_at(i)][:3] for i in range(table.row_count)]
            assert ["^r", "Repeat", "repeat_question"] in rows

    run(scenario())
    spoken = events(db, live.session_id, "question_spoken")
    assert [e["data"]["repeat"] for e in spoken] == [0, 1]
    assert store.turns(db, live.session_id)[0]["question"] == QUESTIONS[0][1]


def test_no_output_device_is_one_notification_and_the_interview_goes_on(
    db: sqlite_utils.Database, rubric: Rubric
) -> None:
    live = start(db, rubric)

    async def scenario() -> None:
        app = speaking_app(live, NoSoundCard())
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await until(pilot, lambda: screen(pilot).timer.running)
            messages = [n.message for n in app._notifications]
            assert len(messages) == 1, messages
            assert messages[0].startswith("spoken questions unavailable: No speaker: PortAudio finds no output device")
            assert messages[0].endswith("the interview goes on in text")
            assert not screen(pilot).reading
            assert screen(pilot).check_action("repeat_question", ()) is None  # shown, dimmed
            await answer(pilot, STRONG)
            await settle(pilot)
            assert screen(pilot).timer.running and len(app._notifications) == 1  # the next question: no retry
            assert events(db, live.session_id, "speaker_problem")

    run(scenario())
    assert store.turns(db, live.session_id)[0]["answer"] == STRONG


def test_without_spoken_questions_the_repeat_key_is_hidden(db: sqlite_utils.Database, rubric: Rubric) -> None:
    live = start(db, rubric)

    async def scenario() -> None:
        app = GrillerApp(lambda: InterviewScreen(live, clock=FrozenClock()), cursor_blink=False)
        app.live = live
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            current = screen(pilot)
            assert current.speaker is None and current.timer.running
            assert current.check_action("repeat_question", ()) is False

    run(scenario())


def test_the_microphone_opens_only_after_the_question_is_read(db: sqlite_utils.Database, rubric: Rubric) -> None:
    from griller.speech.audio import FileSource

    from .test_voice_live import need_voice

    transcriber = need_voice()
    live, card = start(db, rubric), SoundCard()
    silence = np.zeros(16_000, dtype=np.float32)
    plan = VoicePlan(
        source=lambda: FileSource(silence, realtime=True, tail_silence=60.0),
        transcriber=transcriber,
        mode="push_to_talk",
    )

    async def scenario() -> None:
        async with speaking_app(live, card, voice=plan).run_test(size=SIZE) as pilot:
            current = screen(pilot)
            await until(pilot, lambda: card.played and current.voice_ready)
            await pilot.pause(0.3)
            assert current.reading and current.voice is None  # nothing listens while the question is read
            card.finish()
            await until(pilot, lambda: current.voice is not None and current.voice.state == "listening")
            await pilot.press("ctrl+r")  # read again: the listening microphone closes meanwhile
            await until(pilot, lambda: len(card.played) == 2)
            assert current.voice is None
            await pilot.press("ctrl+t")  # talking cuts the reading short and takes the answer at once
            await until(pilot, lambda: current.voice is not None and current.voice.state == "talking")
            assert card.stopped == 1 and not current.reading and current.timer.running
            assert "listening" in str(pilot.app.screen.query_one("#answer", TextArea).border_title)

    run(scenario())
