"""Concurrent batch grading: order kept, never more than N in flight, errors surface, stopping stops."""

from __future__ import annotations

import asyncio
import threading

import pytest

from griller.coach.parallel import review_concurrently
from griller.domain.models import AnswerInput, Evaluation

ITEMS = [AnswerInput(id=f"q{i}", question="Why?", answer="Because.") for i in range(20)]


class SlowGrader:
    """Grades after a delay that shrinks with the index, so replies come back out of order."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.in_flight = 0
        self.most_in_flight = 0
        self.started: list[str] = []
        self.fail_on = fail_on
        self._lock = threading.Lock()

    async def grade(self, item: AnswerInput) -> Evaluation:
        with self._lock:
            self.started.append(item.id)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.002 * (20 - int(item.id[1:])))
            if item.id == self.fail_on:
                raise RuntimeError(f"grading {item.id} failed")
            return Evaluation(id=item.id, overall=50, scores={}, engine="scripted")
        finally:
            with self._lock:
                self.in_flight -= 1


def test_results_come_back_in_input_order_with_at_most_n_in_flight() -> None:
    grader = SlowGrader()
    results = list(review_concurrently(ITEMS, grader.grade, concurrency=4))
    assert [r.id for r in results] == [item.id for item in ITEMS]
    assert grader.most_in_flight == 4
    assert sorted(grader.started) == sorted(item.id for item in ITEMS)  # each graded once


def test_a_failure_is_raised_to_the_caller() -> None:
    with pytest.raises(RuntimeError, match="grading q5 failed"):
        list(review_concurrently(ITEMS, SlowGrader(fail_on="q5").grade, concurrency=3))


def test_stopping_early_starts_no_more_grading() -> None:
    grader = SlowGrader()
    results = review_concurrently(ITEMS, grader.grade, concurrency=2)
    assert next(results).id == "q0"
    results.close()  # the consumer stops (e.g. Ctrl+C in a progress loop)
    assert len(grader.started) < len(ITEMS)


def test_more_workers_than_answers_and_no_answers() -> None:
    assert [r.id for r in review_concurrently(ITEMS[:2], SlowGrader().grade, concurrency=8)] == ["q0", "q1"]
    assert list(review_concurrently([], SlowGrader().grade, concurrency=8)) == []


class StagedRecorder:
    """A three-step grader that logs what happens when; replies take a few milliseconds."""

    def __init__(self, fail_in: str = "") -> None:
        self.log: list[str] = []
        self.fail_in = fail_in

    def prepare(self, item: AnswerInput) -> str:
        self.log.append(f"prepare {item.id}")
        if self.fail_in == f"prepare {item.id}":
            raise ValueError(self.fail_in)
        return item.id

    async def request(self, prepared: str) -> str:
        self.log.append(f"send {prepared}")
        await asyncio.sleep(0.005)
        self.log.append(f"reply {prepared}")
        return f"verdict for {prepared}"

    def finish(self, prepared: str, reply: str) -> Evaluation:
        self.log.append(f"finish {prepared}")
        if self.fail_in == f"finish {prepared}":
            raise ValueError(self.fail_in)
        assert reply == f"verdict for {prepared}"
        return Evaluation(id=prepared, overall=50, scores={}, engine="scripted")


def test_a_staged_grader_sends_the_next_request_before_finishing_the_last() -> None:
    grader = StagedRecorder()
    results = list(review_concurrently(ITEMS[:3], grader, concurrency=1))
    assert [r.id for r in results] == ["q0", "q1", "q2"]
    log = grader.log
    assert log.index("prepare q1") < log.index("reply q0")  # prepared while q0's reply was on its way
    assert log.index("send q1") < log.index("finish q0")  # and sent before q0's grade is finished
    assert log.index("send q2") < log.index("finish q1")
    assert log.count("finish q2") == 1 and len(log) == 12


def test_a_staged_grader_failing_to_prepare_or_finish_is_raised() -> None:
    for step in ("prepare q3", "finish q3"):
        with pytest.raises(ValueError, match=step):
            list(review_concurrently(ITEMS[:6], StagedRecorder(fail_in=step), concurrency=2))
