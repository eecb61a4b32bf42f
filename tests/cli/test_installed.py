"""The installed ``griller`` console script, run as a real process (one end-to-end check of the entry point)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_installed_griller_reviews_the_example_transcript(repo_root: Path) -> None:
    executable = Path(sys.executable).parent / "griller"
    assert executable.is_file(), f"griller is not installed next to {sys.executable}"
    transcript = repo_root / "examples" / "transcript.md"
    proc = subprocess.run(
        [str(executable), "review", str(transcript), "--json"],
        cwd=repo_root,
        env=dict(os.environ),  # the autouse fixture already pointed every GRILLER_* path at a temp dir
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert [e["id"] for e in data] == [f"q{i}" for i in range(1, len(data) + 1)]
    assert len(data) >= 3
    assert all(e["schema"] == 1 and e["engine"] == "heuristic" for e in data)
    assert "graded" in proc.stderr  # the one-line summary goes to stderr, never into the JSON
