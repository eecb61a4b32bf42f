"""Crash soak: SIGKILL `griller interview --plain` at 20 random moments, resume each, count lost answers.

Usage: python benchmarks/crash_soak.py [ROUNDS] [SEED]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))

from crash_harness import crash_and_resume

MOMENTS = ("asked", "typing", "grading")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2026)
    lost = duplicated = failures = 0
    start = time.perf_counter()
    for n in range(rounds):
        kill_after, moment = rng.randint(0, 3), rng.choice(MOMENTS)
        with tempfile.TemporaryDirectory() as tmp:
            env = {k: v for k, v in os.environ.items() if not k.startswith("GRILLER_")}
            env |= {
                "GRILLER_DATA_DIR": f"{tmp}/data",
                "GRILLER_CONFIG_DIR": f"{tmp}/config",
                "GRILLER_DB": f"{tmp}/g.db",
            }
            result = crash_and_resume(env, Path(tmp) / "g.db", kill_after, moment, questions=4)
        stored = [answer for _, answer in result["after"]]
        missing = len(set(result["submitted"]) - set(stored))
        doubles = len(stored) - len(set(stored))
        lost, duplicated = lost + missing, duplicated + doubles
        failures += result["code"] != 0
        print(
            f"round {n + 1:2}: kill after {kill_after} answer(s) while {moment:8} -> "
            f"{len(stored)} stored, {missing} lost, {doubles} duplicated, exit {result['code']}"
        )
    print(
        f"{rounds} rounds in {time.perf_counter() - start:.0f} s: {lost} answers lost, {duplicated} duplicated, "
        f"{failures} failed resumes"
    )
    sys.exit(1 if lost or duplicated or failures else 0)


if __name__ == "__main__":
    main()
