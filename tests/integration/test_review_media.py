"""`griller review` items with recordings: metrics ride along with the grade; a bad recording skips one item."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner
from vision_support import blank_frame, face_frame, need_vision, write_clip

from griller.cli import app

ANSWER = ("At my last job I owned the checkout API. I profiled it, found an N+1 query and rewrote it as one join. "
          "As a result p99 dropped from 900 ms to 120 ms.")


def test_video_metrics_are_attached_and_a_missing_video_is_reported(tmp_path: Path) -> None:
    need_vision()
    write_clip(tmp_path / "face.mp4", [(30, face_frame()), (15, blank_frame())])
    items = [
        {"id": "with-video", "question": "Tell me about a time you improved performance.", "answer": ANSWER,
         "video": "face.mp4"},
        {"id": "missing", "question": "Tell me about a time you improved performance.", "answer": ANSWER,
         "video": "nowhere.mp4"},
        {"id": "plain", "question": "Tell me about a time you improved performance.", "answer": ANSWER},
    ]
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(json.dumps(i) for i in items) + "\n")
    result = CliRunner().invoke(app, ["review", str(source), "--json"])
    assert result.exit_code == 1  # one item could not be used
    graded = {e["id"]: e for e in json.loads(result.stdout)}
    assert set(graded) == {"with-video", "plain"}
    vision = graded["with-video"]["vision"]
    assert set(vision) == {"face_present", "centered", "eye_contact", "look_aways", "look_away_seconds"}
    assert 0.55 <= vision["face_present"] <= 0.8  # two thirds of the clip shows the face
    assert graded["plain"]["vision"] is None
    assert "missing" in result.stderr and "nowhere.mp4" in result.stderr
