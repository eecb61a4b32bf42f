"""Remote grading throughput: concurrent review against a loopback server that takes 200 ms a reply.

The server is the tests' fault-injecting OpenAI-compatible server (every reply a valid verdict after
a fixed delay), run in a process of its own as a real provider would be.
Ideal time = ceil(N / concurrency) x latency; the figure is ideal / measured. In the same run, and
interleaved with griller's rounds, the same requests go straight through httpx (the ceiling for a
Python client here) and through litellm alone, so the figure can be read against the libraries.
Goal: >= 0.8 at concurrency 8.

    python benchmarks/llm_remote.py [--answers 64] [--concurrency 8] [--latency 0.2] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
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
    parser.add_argument("--rounds", type=int, default=5)
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
        AnswerInput(id=f"q{i}", question="Tell me about a time you improved performance.", answer=answer)
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
        prepared = judge.prepare(items[0])
        messages = prepared.messages(model)
        target = model.inner.model  # type: ignore[attr-defined]
        figures: dict[str, list[float]] = {"raw HTTP (httpx)": [], "raw litellm.acompletion": [], "griller review": []}
        for _ in range(args.rounds):
            figures["raw HTTP (httpx)"].append(asyncio.run(raw_http(url, messages, args.answers, args.concurrency)))
            figures["raw litellm.acompletion"].append(
                asyncio.run(raw_litellm(target, url, messages, prepared.schema, args.answers, args.concurrency))
            )
            start = time.perf_counter()
            results = list(review_concurrently(items, judge, args.concurrency))
            figures["griller review"].append(time.perf_counter() - start)
            assert all(r.engine.startswith("litellm:") for r in results), judge.failures[:3]
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(timeout=30)
    ideal = math.ceil(args.answers / args.concurrency) * args.latency
    print(
        f"{args.answers} answers, concurrency {args.concurrency}, server latency {1000 * args.latency:.0f} ms, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; ideal {ideal:.2f} s; "
        f"median of {args.rounds} rounds, interleaved"
    )
    for name, times in figures.items():
        elapsed = statistics.median(times)
        print(
            f"{name:<26} {elapsed:.2f} s  {args.answers / elapsed:5.1f} answers/s  vs ideal {ideal / elapsed:.2f}  "
            f"(rounds: {' '.join(f'{ideal / t:.2f}' for t in times)})"
        )
    print("goal: griller review >= 0.8 of ideal")


async def raw_http(url: str, messages: list[dict[str, str]], answers: int, concurrency: int) -> float:
    """The same requests straight from httpx: the ceiling for any Python client on this machine."""
    import httpx

    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        todo = iter(range(answers))

        async def worker() -> None:
            for _ in todo:
                reply = await client.post("/chat/completions", json={"model": "bench", "messages": messages})
                reply.raise_for_status()
                json.loads(reply.json()["choices"][0]["message"]["content"])

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - start


async def raw_litellm(
    model: str, url: str, messages: list[dict[str, str]], schema: dict, answers: int, concurrency: int
) -> float:
    """The same requests through litellm alone, as griller makes them (no grading, no guard)."""
    from griller.llm.remote import litellm

    lib = litellm()
    todo = iter(range(answers))

    async def worker() -> None:
        for _ in todo:
            reply = await lib.acompletion(
                model=model,
                api_base=url,
                api_key="no-key-needed",
                messages=messages,
                max_tokens=900,
                response_format={"type": "json_object", "schema": schema},
                num_retries=0,
                max_retries=0,
            )
            json.loads(reply.choices[0].message.content)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
