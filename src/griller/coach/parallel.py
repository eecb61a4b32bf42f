"""Concurrent batch grading for remote judges: N answers in flight, results handed back in input order.

An asyncio loop runs in a worker thread; the caller iterates an ordinary generator, so progress
bars and ``--jsonl`` streaming work the same as in sequential review.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Awaitable, Callable, Iterator

from griller.domain.models import AnswerInput, Evaluation

Grade = Callable[[AnswerInput], Awaitable[Evaluation]]
_DONE = object()


def review_concurrently(
    items: list[AnswerInput], grade: Grade, concurrency: int
) -> Iterator[Evaluation]:
    """Grade with at most ``concurrency`` calls in flight; yield results in the order of ``items``."""
    results: queue.Queue[tuple[int, Evaluation | BaseException] | object] = queue.Queue()
    stop = threading.Event()

    todo = iter(enumerate(items))

    async def worker_loop() -> None:
        # Each worker sends its next request as soon as its last reply is handled. With a semaphore,
        # the task woken for the next item would queue behind every other reply that came in
        # meanwhile, so requests would leave in bursts and wait for each other round after round.
        for index, item in todo:
            if stop.is_set():
                return
            try:
                results.put((index, await grade(item)))
            except Exception as exc:  # handed to the consumer thread and re-raised there
                results.put((index, exc))

    async def run_all() -> None:
        await asyncio.gather(*(worker_loop() for _ in range(max(1, min(concurrency, len(items))))))

    def worker() -> None:
        try:
            asyncio.run(run_all())
        finally:
            results.put(_DONE)

    thread = threading.Thread(target=worker, name="griller-review", daemon=True)
    thread.start()
    pending: dict[int, Evaluation] = {}
    next_index = 0
    try:
        while next_index < len(items):
            got = results.get()
            if got is _DONE:
                break
            index, value = got  # type: ignore[misc]
            if isinstance(value, BaseException):
                raise value
            pending[index] = value
            while next_index in pending:
                yield pending.pop(next_index)
                next_index += 1
    finally:
        stop.set()
        thread.join(timeout=5)
