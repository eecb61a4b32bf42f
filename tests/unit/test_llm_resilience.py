"""Retries, the breaker and structured parsing, driven by the scripted model (no network, no sleep)."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from griller.llm.base import (
    ModelOutputError,
    ModelRateLimited,
    ModelRejected,
    ModelServerError,
    ModelUnavailable,
)
from griller.llm.resilience import Breaker, ResilientModel, RetryPolicy, first_success
from griller.llm.scripted import ScriptedModel
from griller.llm.structured import ask, parse_json

FAST = RetryPolicy(retries=2, backoff=0.001, max_backoff=0.002)
MSG = [{"role": "user", "content": "hi"}]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_transient_errors_are_retried() -> None:
    inner = ScriptedModel("r").enqueue(ModelRateLimited("429"), ModelServerError("500"), "fine")
    model = ResilientModel(inner, FAST, Breaker())
    assert model.complete(MSG) == "fine"
    assert model.attempts == 3


def test_retries_are_bounded() -> None:
    inner = ScriptedModel("b").enqueue(*[ModelServerError("500")] * 5)
    model = ResilientModel(inner, FAST, Breaker(threshold=5))
    with pytest.raises(ModelServerError):
        model.complete(MSG)
    assert model.attempts == 3 and inner.pending == 2


def test_permanent_error_opens_the_breaker_at_once() -> None:
    clock = Clock()
    inner = ScriptedModel("p").enqueue(ModelRejected("401"), "later")
    model = ResilientModel(inner, FAST, Breaker(threshold=3, cooldown=30, clock=clock))
    with pytest.raises(ModelRejected):
        model.complete(MSG)
    assert model.attempts == 1
    with pytest.raises(ModelUnavailable, match="skipped"):
        model.complete(MSG)
    assert inner.pending == 1  # the provider was not called while open
    clock.now = 31
    assert model.complete(MSG) == "later"  # half-open: one trial call closes it again


def test_breaker_opens_after_threshold_failures() -> None:
    breaker = Breaker(threshold=2, cooldown=10, clock=Clock())
    breaker.failure(ModelServerError("x"))
    assert breaker.allow()
    breaker.failure(ModelServerError("x"))
    assert not breaker.allow()


def test_fallback_chain_takes_the_first_that_works() -> None:
    dead = ResilientModel(ScriptedModel("dead").enqueue(ModelRejected("no key")), FAST, Breaker())
    alive = ResilientModel(ScriptedModel("alive", default="ok"), FAST, Breaker())
    winner, text = first_success([dead, alive], lambda m: m.complete(MSG))  # type: ignore[attr-defined]
    assert winner is alive and text == "ok"


class Out(BaseModel):
    score: int
    note: str


def test_parse_json_repairs_what_it_can() -> None:
    assert parse_json('```json\n{"score": 3, "note": "a\nb"}\n```') == {"score": 3, "note": "a\nb"}
    assert parse_json('{"score": 3, "note": "cut off') == {"score": 3, "note": "cut off"}
    assert parse_json("   ") is None


def test_one_retry_quotes_the_validation_error() -> None:
    model = ScriptedModel("s").enqueue('{"score": "high"}', '{"score": 4, "note": "ok"}')
    assert ask(model, MSG, Out, {"type": "object"}) == Out(score=4, note="ok")
    retry_prompt = model.calls[1].messages[-1]["content"]
    assert "score" in retry_prompt and "not valid" in retry_prompt


def test_gives_up_after_one_retry() -> None:
    model = ScriptedModel("g").enqueue("nope", "still nope")
    with pytest.raises(ModelOutputError, match="after one retry"):
        ask(model, MSG, Out, {"type": "object"})
