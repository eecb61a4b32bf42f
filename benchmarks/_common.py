"""Shared helpers for benchmark scripts: timing, machine description, generated answers."""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def median_wall(cmd: Sequence[str], runs: int = 15, env: dict[str, str] | None = None) -> float:
    """Median wall time in ms of running a command (after one warm-up run)."""
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


_OPENERS = [
    "At my last job I owned the billing service.",
    "So um this was at a startup, we had a checkout problem.",
    "We had a legacy monolith that nobody wanted to touch.",
    "I think communication is the most important thing.",
    "Last year our data pipeline kept failing at night.",
    "Honestly I always try to be a team player.",
]
_MIDDLES = [
    "I profiled the hot path and found an N+1 query, so I rewrote it as a single join.",
    "We discussed it as a team and decided to go with Postgres.",
    "I handled it and got it done.",
    "I added a Redis cache with a 60 second TTL and a feature flag so we could roll back.",
    "I leveraged best-in-class synergies to move the needle holistically.",
    "uh I basically like paired with the junior dev twice a week for an hour.",
    "I considered sharding instead, but that would have doubled operational cost.",
]
_ENDINGS = [
    "As a result p99 dropped from 900 ms to 120 ms.",
    "It worked out well and everyone was happy.",
    "Conversion went up about four percent over the next month.",
    "",
    "I learned to measure before guessing.",
]
_QUESTIONS = [
    ("Tell me about a time you improved the performance of a system.", "behavioral"),
    ("How would you design a rate limiter for a public API?", "system_design"),
    ("What would you do if a teammate kept missing deadlines?", "situational"),
    ("How would you choose between a relational database and a document store?", "technical"),
]


def generated_answers(count: int, seed: int = 7) -> list[dict[str, str]]:
    """Realistic-looking answers of 20–250 words, deterministic for a seed."""
    rng = random.Random(seed)
    items = []
    for i in range(count):
        question, kind = rng.choice(_QUESTIONS)
        parts = [rng.choice(_OPENERS)] + [rng.choice(_MIDDLES) for _ in range(rng.randint(1, 8))]
        parts.append(rng.choice(_ENDINGS))
        items.append({"id": f"a{i}", "question": question, "kind": kind, "answer": " ".join(p for p in parts if p)})
    return items
