"""`griller --help` wall time against `python -c pass` in the same run (goal: ≤ 120 ms)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from _common import machine, median_wall

GOAL_MS = 120


def main() -> None:
    griller = shutil.which("griller", path=str(Path(sys.executable).parent)) or "griller"
    python = median_wall([sys.executable, "-c", "pass"])
    help_ms = median_wall([griller, "--help"])
    review_help = median_wall([griller, "review", "--help"])
    print(f"machine: {machine()}")
    print(f"python -c pass          {python:7.1f} ms (median of 15)")
    print(f"griller --help          {help_ms:7.1f} ms  (+{help_ms - python:.1f} ms over bare Python)")
    print(f"griller review --help   {review_help:7.1f} ms")
    verdict = "meets" if help_ms <= GOAL_MS else "MISSES"
    print(f"goal ≤ {GOAL_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
