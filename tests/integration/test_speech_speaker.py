"""The Speaker on the real pyttsx3 + espeak-ng: non-blocking, interruptible, quiet, and save-to-file safe."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from griller.speech.speaker import Speaker


class Player:
    """Stands in for the sound card: 'plays' until the audio's length has passed or stop is set."""

    def __init__(self) -> None:
        self.played: list[float] = []
        self.stopped = 0

    def __call__(self, samples: Any, rate: int, stop: threading.Event) -> None:
        self.played.append(len(samples) / rate)
        if stop.wait(len(samples) / rate):
            self.stopped += 1


def test_say_returns_at_once_and_stop_interrupts(capfd: pytest.CaptureFixture[str]) -> None:
    player, events = Player(), []
    speaker = Speaker(player=player, on_event=events.append)
    began = time.monotonic()
    speaker.say("Tell me about a time you had to make a decision without all the facts.")
    speaker.say("This second question should never be heard.")
    assert time.monotonic() - began < 0.05
    deadline = time.monotonic() + 10
    while not player.played and time.monotonic() < deadline:
        time.sleep(0.01)
    speaker.stop()
    assert speaker.wait(5)
    speaker.close()
    assert player.stopped == 1 and len(player.played) == 1
    assert player.played[0] > 2.0  # a real utterance was synthesised
    out, err = capfd.readouterr()
    assert out == "" and "aplay" not in err  # pyttsx3's prints and its aplay call never reach the terminal


def test_saving_to_a_file_does_not_hijack_later_speech(tmp_path: Path) -> None:
    player, events = Player(), []
    speaker = Speaker(player=player, on_event=events.append)
    saved = speaker.save("The first question, saved to a file.", tmp_path / "q1.wav")
    before = saved.read_bytes()
    speaker.say("Hi.")  # pyttsx3 alone would write this into q1.wav instead of speaking it
    assert speaker.wait(10)
    speaker.close()
    assert saved.read_bytes() == before
    assert len(player.played) == 1, events
