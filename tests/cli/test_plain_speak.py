"""`griller interview --plain --speak`: each question read aloud by the real Speaker (pyttsx3 on espeak-ng) while
the answer is awaited, stopped when the answer line arrives; no speaker is one line on stderr, never a crash."""

from __future__ import annotations

import io
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from griller.cli import app
from griller.cli.plain import SpokenQuestions, run_plain
from griller.coach.interviewing import LiveInterview
from griller.coach.judges import HeuristicJudge
from griller.domain.rubric import load_rubric
from griller.paths import resource_dir
from griller.speech import speaker as speaker_module
from griller.store.db import open_db
from integration.speech_support import ESPEAK, NoSoundCard, SoundCard
from tui.support import STRONG, options

pytestmark = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")


class Listener(io.StringIO):
    """Standard input typed by someone who answers only once the question is being read to them."""

    def __init__(self, card: SoundCard, lines: list[str]) -> None:
        super().__init__()
        self.card, self.lines, self.asked = card, list(lines), 0

    def readline(self, size: int | None = -1) -> str:
        self.asked += 1
        deadline = time.monotonic() + 20
        while len(self.card.played) < self.asked and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.lines.pop(0) + "\n" if self.lines else ""

    def isatty(self) -> bool:
        return False


def test_each_question_is_read_and_the_answer_stops_the_reading(tmp_path: Path) -> None:
    rubric = load_rubric(resource_dir("rubrics"))
    db = open_db(tmp_path / "griller.db")
    live = LiveInterview.start(db, rubric, HeuristicJudge(rubric, "general"), options(2, max_follow_ups=0))
    card, notices, out = SoundCard(), io.StringIO(), io.StringIO()
    reader = SpokenQuestions.open(notices, player=card)
    assert reader is not None
    try:
        run_plain(live, Listener(card, [STRONG, "/skip"]), out, speaker=reader)
        assert reader.speaker.wait(10)  # the last reading has wound down
    finally:
        reader.close()
    assert notices.getvalue() == ""
    assert len(card.played) == 2 and card.stopped == 2 and card.finished == 0  # every reading cut by the answer
    for samples, rate in card.played:
        assert rate >= 16_000 and 2.0 <= len(samples) / rate <= 8.0 and float(abs(samples).max()) > 0.1
    assert "Question 1 of 2" in out.getvalue() and "Question 2 of 2" in out.getvalue()
    assert "Audio saved" not in out.getvalue()  # pyttsx3's own prints never reach the transcript
    db.close()


def test_no_speaker_is_one_line_on_stderr_and_the_interview_goes_on(
    griller_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speaker_module, "default_player", NoSoundCard)
    result = CliRunner().invoke(app, ["interview", "--plain", "--speak", "--questions", "1"], input=f"{STRONG}\n/end\n")
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.stderr.splitlines() if x.strip()]
    assert line.startswith("griller: spoken questions unavailable: No speaker: PortAudio finds no output device")
    assert line.endswith("the interview goes on in text")
    assert "Interview finished." in result.stdout and "spoken questions" not in result.stdout
    db = sqlite3.connect(griller_home / "data" / "griller.db")
    assert db.execute("select answer from turns order by ordinal").fetchone() == (STRONG,)


def test_no_output_device_on_this_machine(griller_home: Path) -> None:
    from griller.speech.errors import SpeechUnavailable
    from griller.speech.speaker import output_device

    try:
        output_device()
    except SpeechUnavailable:
        pass
    else:
        pytest.skip("this machine has a real speaker; the no-device path is covered where there is none")
    result = CliRunner().invoke(app, ["interview", "--plain", "--speak", "--questions", "1"], input="/end\n")
    assert result.exit_code == 0, result.output
    assert "griller: spoken questions unavailable: No speaker" in result.stderr


@pytest.mark.parametrize(
    ("args", "configured", "opened"),
    [
        (["--speak"], None, 1),
        (["--no-speak"], "true", 0),
        ([], "true", 1),
        ([], None, 0),
    ],
)
def test_speak_flag_and_config_decide_whether_questions_are_read(
    args: list[str], configured: str | None, opened: int, griller_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Any] = []

    def player() -> SoundCard:
        made.append(SoundCard())
        return made[-1]

    monkeypatch.setattr(speaker_module, "default_player", player)
    if configured is not None:
        monkeypatch.setenv("GRILLER_SPEECH__SPEAK_QUESTIONS", configured)
    result = CliRunner().invoke(app, ["interview", "--plain", "--questions", "1", *args], input="/end\n")
    assert result.exit_code == 0, result.output
    assert len(made) == opened and result.stderr == ""
