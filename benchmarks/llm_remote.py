"""Remote grading throughput: concurrent review against a loopback server that takes 200 ms a reply.

The server is the tests' fault-injecting OpenAI-compatible server (every reply a valid verdict after
a fixed delay), run in a process of its own as a real provider would be.
Ideal time = ceil(N / concurrency) x latency; the figure is ideal / measured.
Goal: >= 0.8 at concurrency 8.

    python benchmarks/llm_remote.py [--answers 64] [--concurrency 8] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "tests" / "integration" / "fault_server.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=64)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()

    from griller.coach.model_judge import ModelJudge
    from griller.coach.parallel import review_concurrently
    from griller.coach.prompts import Prompts
    from griller.domain.models import DIMENSIONS, AnswerInput
    from griller.domain.rubric import load_rubric
    from griller.llm.registry import BuildOptions, build_from

    verdict = json.dumps(
        {
            "scores": dict.fromkeys(DIMENSIONS, 6),
            "gaps": [{"id": "no_tradeoffs", "evidence": "No downside."}],
            "strengths": [{"text": "Numbers", "quote": "from 900 ms to 120 ms"}],
            "follow_up": "What did the cache cost you in memory and staleness?",
        }
    )
    answer = (
        "Last year our checkout API timed out during sales. I profiled it, found an N+1 query, rewrote "
        "it as one join and added a cache. We cut p99 from 900 ms to 120 ms."
    )
    items = [
        AnswerInput(
            id=f"q{i}", question="Tell me about a time you improved performance.", answer=answer
        )
        for i in range(args.answers)
    ]
    rubric = load_rubric(ROOT / "rubrics")
    server = subprocess.Popen(
        [
            sys.executable,
            str(SERVER),
            "--delay",
            str(args.latency),
            "--content",
            verdict,
            "--lifetime",
            "600",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = server.stdout.readline().strip()  # type: ignore[union-attr]
        model = build_from("bench", api_base=url, options=BuildOptions(timeout=30, retries=0))
        judge = ModelJudge([model], rubric, Prompts(ROOT / "prompts"))
        judge.grade(items[0])  # warm-up: litellm's import and lazy first-call imports
        start = time.perf_counter()
        results = list(review_concurrently(items, judge.agrade, args.concurrency))
        elapsed = time.perf_counter() - start
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(timeout=30)
    assert all(r.engine.startswith("litellm:") for r in results), judge.failures[:3]
    ideal = math.ceil(args.answers / args.concurrency) * args.latency
    print(
        f"{args.answers} answers, concurrency {args.concurrency}, server latency {1000 * args.latency:.0f} ms, "
        f"{os.cpu_count()} cores"
    )
    print(
        f"measured {elapsed:.2f} s ({args.answers / elapsed:.1f} answers/s); ideal {ideal:.2f} s "
        f"({args.answers / ideal:.1f} answers/s)"
    )
    print(f"throughput vs ideal: {ideal / elapsed:.2f} (goal >= 0.8)")
    sequential = args.answers * args.latency
    print(f"speed-up over sequential ({sequential:.1f} s): {sequential / elapsed:.1f}x")


if __name__ == "__main__":
    main()
