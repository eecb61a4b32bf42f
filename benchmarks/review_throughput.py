"""Heuristic review throughput on 10,000 generated answers, in-process on one core and via the CLI.

Goal: ≥ 1,000 answers/s on one core.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import generated_answers, machine

from griller.coach.judges import HeuristicJudge
from griller.domain.models import AnswerInput
from griller.domain.rubric import load_rubric
from griller.paths import resource_dir

COUNT = 10_000


def main() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the goal says
    items = generated_answers(COUNT)
    words = sum(len(i["answer"].split()) for i in items) / COUNT
    judge = HeuristicJudge(load_rubric(resource_dir("rubrics")))
    inputs = [AnswerInput.model_validate(i) for i in items]
    judge.grade(inputs[0])  # warm regex caches
    start = time.perf_counter()
    for item in inputs:
        judge.grade(item)
    in_process = COUNT / (time.perf_counter() - start)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.jsonl"
        path.write_text("\n".join(json.dumps(i) for i in items))
        griller = str(Path(sys.executable).parent / "griller")
        start = time.perf_counter()
        subprocess.run(
            ["taskset", "-c", str(min(os.sched_getaffinity(0))), griller, "review", str(path), "--jsonl", "-q"],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        cli = COUNT / (time.perf_counter() - start)
    print(f"machine: {machine()} (pinned to one core)")
    print(f"answers: {COUNT}, mean {words:.0f} words")
    print(f"in-process grading   {in_process:8.0f} answers/s")
    print(f"griller review --jsonl {cli:6.0f} answers/s (end to end, incl. start-up and JSON output)")
    print(f"goal ≥ 1000 answers/s: {'meets' if in_process >= 1000 else 'MISSES'}")


if __name__ == "__main__":
    main()
