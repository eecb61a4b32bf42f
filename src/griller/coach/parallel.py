"""Concurrent batch grading for remote judges: N answers in flight, results handed back in input order.

An asyncio loop runs in a worker thread; the caller iterates an ordinary generator, so progress
bars and ``--jsonl`` streaming work the same as in sequential review.

A grader can come in three steps (``StagedGrader``): preparing an answer and finishing its grade are
CPU work on the one event loop, and only the request between them waits on the network. Each worker
prepares its next answer while its request is out, and sends that next request before finishing the
grade of the reply that just came in. Replies from N requests sent together come back together, so
CPU work between a reply and the next request would hold up every reply behind it, round after round.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Protocol

from griller.domain.models import AnswerInput, Evaluation

Grade = Callable[[AnswerInput], Awaitable[Evaluation]]
_DONE = object()


class StagedGrader(Protocol):
    def prepare(self, item: AnswerInput) -> Any:
        """CPU work before the request (the heuristic evidence, the prompt)."""

    def request(self, prepared: Any) -> Awaitable[Any]:
        """The model call (a grader with fallbacks handles its own failures; any other is raised to the caller)."""

    def finish(self, prepared: Any, reply: Any) -> Evaluation:
        """CPU work after the reply (checking it against the evidence)."""


class _WholeGrade:
    """A plain ``async def grade(item)`` as a grader with one step."""

    def __init__(self, grade: Grade) -> None:
        self._grade = grade

    def prepare(self, item: AnswerInput) -> AnswerInput:
        return item

    def request(self, prepared: AnswerInput) -> Awaitable[Evaluation]:
        return self._grade(prepared)

    def finish(self, prepared: AnswerInput, reply: Evaluation) -> Evaluation:
        return reply


def review_concurrently(
    items: list[AnswerInput], grader: Grade | StagedGrader, concurrency: int
) -> Iterator[Evaluation]:
    """Grade with at most ``concurrency`` requests in flight; yield results in the order of ``items``."""
    staged: StagedGrader = grader if hasattr(grader, "request") else _WholeGrade(grader)  # type: ignore[arg-type, assignment]
    results: queue.Queue[tuple[int, Evaluation | BaseException] | object] = queue.Queue()
    stop = threading.Event()
    todo = iter(enumerate(items))

    def take() -> tuple[int, Any] | None:
        """The next answer, prepared; a failure to prepare is that answer's result."""
        while not stop.is_set():
            try:
                index, item = next(todo)
            except StopIteration:
                return None
            try:
                return index, staged.prepare(item)
            except Exception as exc:  # handed to the consumer thread and re-raised there
                results.put((index, exc))
        return None

    def send(prepared: Any) -> asyncio.Future[Any]:
        return asyncio.ensure_future(staged.request(prepared))

    async def worker_loop() -> None:
        current = take()
        if current is None:
            return
        reply = send(current[1])
        while current is not None:
            await asyncio.sleep(0)  # let the request go out before this worker's other work
            following = take()  # prepared while the reply is on its way
            try:
                answer: Any = await reply
            except Exception as exc:
                answer = exc
            if following is not None:
                reply = send(following[1])
                await asyncio.sleep(0)
            index, prepared = current
            if isinstance(answer, Exception):
                results.put((index, answer))
            else:
                try:
                    results.put((index, staged.finish(prepared, answer)))
                except Exception as exc:
                    results.put((index, exc))
            current = following

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
