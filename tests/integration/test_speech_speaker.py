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


def test_each_utterance_has_a_number_and_says_whether_it_was_stopped() -> None:
    from speech_support import SoundCard

    card, events = SoundCard(), []
    speaker = Speaker(player=card, on_event=events.append)
    first = speaker.say("Tell me about a time you had to make a decision without all the facts.")
    deadline = time.monotonic() + 10
    while not card.played and time.monotonic() < deadline:
        time.sleep(0.01)
    speaker.stop()
    second = speaker.say("What would you do differently?")
    while len(card.played) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    card.finish()
    assert speaker.wait(10)
    speaker.close()
    assert (first, second) == (1, 2) and speaker.say("  ") == 0
    assert [(e["type"], e["data"]["utterance"], e["data"]["stopped"]) for e in events] == [
        ("spoken", 1, True),
        ("spoken", 2, False),
    ]
    assert events[1]["data"]["seconds"] == round(card.seconds(1), 2)


def test_prepare_says_when_there_is_no_speaker() -> None:
    from speech_support import NoSoundCard

    from griller.speech.errors import SpeechUnavailable

    speaker = Speaker(player=NoSoundCard())
    with pytest.raises(SpeechUnavailable, match="No speaker: PortAudio finds no output device"):
        speaker.prepare()
    speaker.close()


def test_speakers_one_after_another_always_get_their_audio(capfd: pytest.CaptureFixture[str]) -> None:
    """A busy interpreter delays espeak-ng's callbacks past pyttsx3's loop, and each new pyttsx3 engine re-points
    espeak's one callback: both used to lose the audio now and then (pyttsx3 then shelled out to aplay)."""
    done = threading.Event()

    def busy() -> None:  # holds the GIL often, as a Textual app does
        while not done.is_set():
            sum(range(20_000))

    worker = threading.Thread(target=busy, daemon=True)
    worker.start()
    lost = 0
    try:
        for _ in range(8):
            card = Player()
            speaker = Speaker(player=lambda samples, rate, stop, card=card: card.played.append(len(samples) / rate))
            speaker.say("Tell me about a time you improved the performance of a system.")
            speaker.wait(20)
            speaker.close(wait=False)
            lost += not card.played
    finally:
        done.set()
    assert lost == 0
    assert "aplay" not in capfd.readouterr().err
