"""Sample documents shipped with griller, for `make demo` and `--resume sample`."""

from __future__ import annotations

from pathlib import Path

SAMPLES = {"sample": "resume.md", "sample-resume": "resume.md", "sample-job": "job.md"}


def sample_path(name: str) -> Path | None:
    """The packaged file for a sample name, or None when the name is not a sample."""
    filename = SAMPLES.get(name)
    return Path(__file__).parent / filename if filename else None
