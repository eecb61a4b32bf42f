"""``analyse_audio`` on generated recordings (WAV and FLAC): the transcript and the public speech metrics."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from speech_support import RATE, compose, wer, whisper

from griller.config import Settings
from griller.domain.delivery import SPEECH_KEYS
from griller.speech.batch import analyse, analyse_audio
from griller.speech.errors import AudioFileError

ANSWER = (
    "So, um, I wrote a script that checks every order before it ships.", 2.2,
    "The test suite runs in five minutes on every change.",
)


@pytest.fixture(scope="module")
def wav(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    clip = compose(*ANSWER, wpm=130)
    return clip.write(tmp_path_factory.mktemp("audio") / "answer.wav"), clip


def test_analyse_audio_returns_the_transcript_and_exactly_the_speech_keys(wav: tuple[Path, object]) -> None:
    path, clip = wav
    transcript, speech = analyse_audio(path, Settings())
    assert wer(clip.text, transcript) <= 0.15, transcript  # type: ignore[attr-defined]
    assert tuple(speech) == SPEECH_KEYS
    assert all(isinstance(v, int | float) for v in speech.values())
    assert speech["long_pauses"] == 1 and speech["longest_pause"] == pytest.approx(2.2, abs=0.3)
    assert speech["fillers"] >= 2  # "So" opening the answer, "um"
    assert speech["talk_time"] == pytest.approx(clip.duration - 0.8, abs=0.5)  # type: ignore[attr-defined]


def test_thresholds_come_from_settings(wav: tuple[Path, object]) -> None:
    path, _ = wav
    strict = analyse(path, Settings(speech={"filler_rate_max": 1.0, "pace_min": 60, "pace_max": 100}),
                     transcriber=whisper())
    assert any("filler words (" in t for t in strict.tips)
    assert any("faster than the comfortable" in t for t in strict.tips)
    relaxed = analyse(path, Settings(speech={"filler_rate_max": 50.0, "long_pause_seconds": 3.0}),
                      transcriber=whisper())
    assert relaxed.speech["long_pauses"] == 0
    assert not any("filler words (" in t for t in relaxed.tips)


def test_flac_and_other_rates_are_decoded(tmp_path: Path) -> None:
    import av

    clip = compose("My manager asked me to fix the slow search page.", wpm=130)
    at_44k = np.interp(np.arange(0, clip.samples.size, RATE / 44_100), np.arange(clip.samples.size), clip.samples)
    path = tmp_path / "answer.flac"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("flac", rate=44_100, layout="mono")
        frame = av.AudioFrame.from_ndarray((at_44k * 32767).astype(np.int16)[None, :], format="s16", layout="mono")
        frame.sample_rate = 44_100
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    result = analyse(path, Settings(), transcriber=whisper())
    assert wer(clip.text, result.transcript.text) <= 0.15, result.transcript.text
    assert result.duration == pytest.approx(clip.duration, abs=0.05)


def test_missing_and_broken_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match=r"no-such\.wav: no such audio file"):
        analyse_audio(tmp_path / "no-such.wav", Settings())
    notes = tmp_path / "notes.wav"
    notes.write_text("this is not audio\n" * 20)
    with pytest.raises(AudioFileError, match=r"notes\.wav: not an audio file"):
        analyse_audio(notes, Settings())


def test_silent_recording_gives_an_empty_transcript_and_zeros(tmp_path: Path) -> None:
    from speech_support import write_wav

    path = tmp_path / "silence.wav"
    write_wav(path, np.zeros(2 * RATE, dtype=np.float32))
    result = analyse(path, Settings(), transcriber=whisper())
    assert result.transcript.text == "" and result.tips == []
    assert result.speech == dict.fromkeys(SPEECH_KEYS, 0) | {"wpm": 0.0}
