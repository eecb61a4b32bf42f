"""Imports stay lazy: the CLI's help and the package import never load heavy SDKs or the database layer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("chromadb", "litellm", "llama_cpp", "mediapipe", "cv2", "faster_whisper", "torch", "textual", "sqlite_utils")
MARKER = "@@griller-modules@@"

HELP = f"""
import json, sys
from griller.cli import app
try:
    app(["--help"])
except SystemExit:
    pass
print("{MARKER}" + json.dumps(sorted(sys.modules)))
"""
IMPORT_ONLY = f"""
import json, sys
import griller.cli
print("{MARKER}" + json.dumps(sorted(sys.modules)))
"""


def loaded_modules(code: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.rsplit(MARKER, 1)[1]))


@pytest.mark.parametrize(
    ("label", "code"), [("griller --help", HELP), ("import griller.cli", IMPORT_ONLY)], ids=["help", "import"]
)
def test_heavy_modules_stay_unloaded(label: str, code: str) -> None:
    modules = loaded_modules(code)
    assert "griller.cli" in modules  # the probe really imported the CLI
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert loaded == [], f"{label} imported {loaded}"
