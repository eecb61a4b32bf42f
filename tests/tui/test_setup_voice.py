"""Voice choices travel from where they are made into the interview: the setup screen's switches, and the command
line's ``--voice`` / ``--speak`` through the same preparation ``griller interview`` runs (``prepare`` in a
``LoadingScreen``, as ``tui.launch`` does), with ``[speech] speak_questions`` as the default."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import sqlite_utils
from textual.widgets import Switch

from griller.cli.interview_cmd import Choices, prepare
from griller.coach.interview_setup import InterviewRequest
from griller.coach.judges import HeuristicJudge
from griller.config import Settings
from griller.domain.rubric import Rubric
from griller.speech import speaker as speaker_module
from griller.store import sessions as store
from griller.tui.app import GrillerApp
from griller.tui.clock import FrozenClock
from griller.tui.devices import Capabilities, Capability
from griller.tui.launch import LoadingScreen
from griller.tui.screens.interview import InterviewScreen
from griller.tui.screens.setup import SetupScreen, speak_capability
from griller.tui.starting import SessionStarter
from integration.speech_support import ESPEAK, SoundCard

from .pilot import SIZE, settle, until

MIC_ON = Capabilities(Capability(True, "Voice input is available."), Capability(False, "no camera here"))


@pytest.fixture
def card(monkeypatch: pytest.MonkeyPatch) -> SoundCard:
    """The speaker griller would open, on a machine whose only sound card is this fake one."""
    if ESPEAK is None or not speak_capability().available:
        pytest.skip("espeak-ng or pyttsx3 is not installed")
    fake = SoundCard()
    monkeypatch.setattr(speaker_module, "default_player", lambda: fake)
    return fake



def notes(app: GrillerApp) -> list[str]:
    return [n.message for n in app._notifications]


def test_setup_with_the_microphone_and_read_aloud_on_starts_a_spoken_interview(
    db: sqlite_utils.Database, rubric: Rubric, card: SoundCard, tmp_path: Path
) -> None:
    starter = SessionStarter(db, ":memory:", rubric, HeuristicJudge(rubric), voice=True)  # --voice
    setup = SetupScreen(starter, rubric, InterviewRequest(questions=3, speak=True), [], MIC_ON)
    app = GrillerApp(lambda: setup, clock=FrozenClock(), cursor_blink=False)
    # No Whisper model: voice input gives up at once with its notification (the microphone is not this test's).
    app.settings = Settings.model_validate({"speech": {"whisper_model": str(tmp_path / "no-model")}})

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert setup.query_one("#voice", Switch).value and setup.query_one("#speak", Switch).value
            choice = setup.choice()
            assert choice.voice and choice.request.speak
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen))
            interview = pilot.app.screen
            assert isinstance(interview, InterviewScreen)
            assert interview.voice_plan is not None and interview.voice_plan.mode == "push_to_talk"
            assert interview.voice_plan.settings is app.settings and not interview.voice_plan.record
            assert interview.speaker_plan is not None and interview.speaker is not None
            await until(pilot, lambda: card.played)  # the first question is read aloud
            assert card.seconds(0) > 2.0
            await until(pilot, lambda: notes(app))
            assert notes(app)[0].startswith("voice unavailable: No Whisper model at")
            live = app.live
            assert live is not None and live.options.extra is not None
            assert live.options.extra["voice"] is True and live.options.extra["speak"] is True
            stored = store.get_session(db, live.session_id)
            assert stored is not None
            extra = json.loads(stored["settings"])["extra"]  # stored with the session, like the other devices
            assert extra["voice"] is True and extra["speak"] is True

    asyncio.run(scenario())


def test_setup_switches_start_off_without_the_options(db: sqlite_utils.Database, rubric: Rubric) -> None:
    starter = SessionStarter(db, ":memory:", rubric, HeuristicJudge(rubric))
    setup = SetupScreen(starter, rubric, InterviewRequest(questions=3), [], MIC_ON)

    async def scenario() -> None:
        async with GrillerApp(lambda: setup, clock=FrozenClock(), cursor_blink=False).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not setup.query_one("#voice", Switch).value and not setup.query_one("#speak", Switch).value
            setup.query_one("#speak", Switch).value = True
            assert setup.choice().request.speak and not setup.choice().voice

    asyncio.run(scenario())


def test_voice_and_speak_from_the_command_line_reach_the_interview_screen(
    card: SoundCard, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GRILLER_SPEECH__WHISPER_MODEL", str(tmp_path / "no-model"))
    choices = Choices(questions=2, kind="behavioral", voice=True, speak=True)
    app = GrillerApp(lambda: LoadingScreen(lambda: prepare(choices)), cursor_blink=False)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen))
            interview = pilot.app.screen
            assert isinstance(interview, InterviewScreen)
            assert interview.voice_plan is not None and interview.speaker_plan is not None
            assert interview.check_action("talk", ()) is not False  # the talk key is offered
            assert interview.check_action("repeat_question", ()) is not False
            await until(pilot, lambda: card.played)
            await until(pilot, lambda: notes(app))
            assert notes(app)[0].startswith("voice unavailable: No Whisper model at")
            await settle(pilot)

    asyncio.run(scenario())
    assert app.live is not None and app.live.options.extra is not None
    assert app.live.options.extra["voice"] is True and app.live.options.extra["speak"] is True


@pytest.mark.parametrize(
    ("configured", "flag", "expected"),
    [(None, None, False), ("true", None, True), ("true", False, False), (None, True, True)],
)
def test_speak_comes_from_the_flag_else_the_config(
    configured: str | None, flag: bool | None, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if configured is not None:
        monkeypatch.setenv("GRILLER_SPEECH__SPEAK_QUESTIONS", configured)
    ready = prepare(Choices(voice=True, speak=flag))  # no other option: the setup screen comes first
    assert ready.starter is not None and ready.starter.voice is True
    assert ready.defaults.speak is expected  # the setup screen's switch starts here
    started = prepare(Choices(questions=1, speak=flag), allow_setup=False)
    assert started.live.options.extra["speak"] is expected
    resumed = prepare(Choices(resume_session="last", speak=not expected), allow_setup=False)
    assert resumed.live.options.extra["speak"] is (not expected)  # --continue: the flag of this sitting wins
