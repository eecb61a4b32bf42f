"""Local model figures: griller's asker path against raw llama-cpp-python on the same model and run.

Prints tokens/s and time to first token (TTFT) for both, their ratio and the TTFT overhead. Both
paths share one ``Llama`` instance whose prompt cache is reset before every call, run the same
messages with the same sampling, and alternate, so neither gains from the other's warm state.
Figures are given in wall time and in CPU time of the calling thread (llama.cpp runs in it with one
thread): on a shared machine wall time swings by seconds between runs, CPU time does not.
Goals: tokens/s ratio >= 0.95, TTFT overhead <= 50 ms.

    python benchmarks/llm_local.py [--model PATH.gguf] [--runs 5] [--threads 1] [--tokens 64]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
PREVIOUS = [
    "Tell me about a project you are proud of.",
    "How do you decide what to test first?",
    "Describe a time you had to learn a new technology quickly.",
]


Row = tuple[float, float, int, float, float]  # wall TTFT, wall tokens/s, tokens, CPU TTFT, CPU tokens/s


def measure(tokens_iter, start: float, cpu_start: float) -> Row:
    first = cpu_first = None
    count = 0
    for _ in tokens_iter:
        count += 1
        if first is None:
            first, cpu_first = time.perf_counter(), time.thread_time()
    end, cpu_end = time.perf_counter(), time.thread_time()
    if first is None or cpu_first is None:
        return end - start, 0.0, 0, cpu_end - cpu_start, 0.0
    rate = (count - 1) / (end - first) if count > 1 and end > first else 0.0
    cpu_rate = (count - 1) / (cpu_end - cpu_first) if count > 1 and cpu_end > cpu_first else 0.0
    return first - start, rate, count, cpu_first - cpu_start, cpu_rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--tokens", type=int, default=64)
    args = parser.parse_args()
    if not args.model.is_file():
        raise SystemExit(f"{args.model} not found: run `make models`")

    from griller.coach.asker import Asker, QuestionContext
    from griller.coach.prompts import Prompts
    from griller.domain.rubric import load_rubric
    from griller.llm.local import LocalModel
    from griller.llm.resilience import ResilientModel

    rubric = load_rubric(ROOT / "rubrics")
    local = LocalModel(args.model, n_threads=args.threads, n_ctx=2048, timeout=600)
    llm = local.load()
    asker = Asker(ResilientModel(local), rubric, Prompts(ROOT / "prompts"), max_tokens=args.tokens)
    ctx = QuestionContext(kind="behavioral", role="backend engineer", previous=PREVIOUS, seed="bench")
    # The raw path sends exactly what the asker sends.
    messages = asker.prompts.messages(
        "question",
        persona=rubric.personas[ctx.persona],
        kind=ctx.kind,
        difficulty=ctx.difficulty,
        role=ctx.role,
        topics=[],
        resume="",
        job="",
        previous=PREVIOUS,
        example=asker.bank_question(ctx),
    )

    def raw() -> Row:
        llm.reset()
        start, cpu_start = time.perf_counter(), time.thread_time()
        chunks = llm.create_chat_completion(
            messages=messages, stream=True, max_tokens=args.tokens, temperature=local.temperature
        )
        return measure((c for c in chunks if c["choices"][0]["delta"].get("content")), start, cpu_start)

    def griller() -> Row:
        llm.reset()
        start, cpu_start = time.perf_counter(), time.thread_time()
        return measure(iter(asker.stream_question(ctx)), start, cpu_start)

    raw()  # warm-up: page the weights in
    rows: dict[str, list[Row]] = {"raw": [], "griller": []}
    for i in range(args.runs):
        order = [("raw", raw), ("griller", griller)] if i % 2 == 0 else [("griller", griller), ("raw", raw)]
        for name, fn in order:
            rows[name].append(fn())

    def med(name: str, k: int) -> float:
        return statistics.median(r[k] for r in rows[name])

    ratio = med("griller", 1) / med("raw", 1) if med("raw", 1) else 0.0
    overhead_ms = 1000 * (med("griller", 0) - med("raw", 0))
    cpu_ratio = med("griller", 4) / med("raw", 4) if med("raw", 4) else 0.0
    cpu_overhead_ms = 1000 * (med("griller", 3) - med("raw", 3))
    print(f"model {args.model.name}, {args.threads} thread(s), {args.runs} runs each, max {args.tokens} tokens")
    print(f"machine: {platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}")
    for name in ("raw", "griller"):
        print(
            f"{name:8s} wall: TTFT {1000 * med(name, 0):7.0f} ms {med(name, 1):6.1f} tokens/s | "
            f"CPU: TTFT {1000 * med(name, 3):7.0f} ms {med(name, 4):6.1f} tokens/s | "
            f"{statistics.median(r[2] for r in rows[name]):.0f} tokens"
        )
    print(f"tokens/s ratio griller/raw: wall {ratio:.3f}, CPU {cpu_ratio:.3f} (goal >= 0.95)")
    print(f"TTFT overhead: wall {overhead_ms:+.0f} ms, CPU {cpu_overhead_ms:+.0f} ms (goal <= 50 ms)")


if __name__ == "__main__":
    main()
