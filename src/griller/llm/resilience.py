"""Faults: bounded retries with exponential back-off, a circuit breaker, and a fallback chain.

Retries (tenacity) happen only for transient errors: time-outs, 429s, 5xx and dropped connections.
A breaker opens after ``threshold`` failed calls in a row (at once on a permanent error such as a
missing key), so a dead provider costs its time-out once, not on every answer; after ``cooldown``
seconds one trial call may close it again. ``first_success`` walks a chain: judge, then fallback.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from griller.llm.base import Messages, ModelError, ModelUnavailable, Usage, acomplete

T = TypeVar("T")


@dataclass
class Breaker:
    """Closed → open after ``threshold`` consecutive failures → half-open after ``cooldown`` seconds."""

    threshold: int = 2
    cooldown: float = 60.0
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    opened_at: float | None = None
    last_error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self.opened_at is not None and self.clock() - self.opened_at < self.cooldown

    def allow(self) -> bool:
        """Whether a call may go ahead (closed, or half-open and due for a trial)."""
        return not self.is_open

    def success(self) -> None:
        with self._lock:
            self.failures, self.opened_at = 0, None

    def failure(self, error: BaseException) -> None:
        with self._lock:
            self.failures += 1
            self.last_error = str(error)
            if self.failures >= self.threshold or getattr(error, "permanent", False):
                self.opened_at = self.clock()


def _transient(exc: BaseException) -> bool:
    return bool(getattr(exc, "transient", False))


@dataclass
class RetryPolicy:
    retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 8.0

    def _kwargs(self) -> dict:
        return {
            "stop": stop_after_attempt(self.retries + 1),
            "wait": wait_exponential(multiplier=self.backoff, max=self.max_backoff),
            "retry": retry_if_exception(_transient),
            "reraise": True,
        }

    def call(self, fn: Callable[[], T]) -> T:
        return Retrying(**self._kwargs())(fn)

    async def acall(self, fn: Callable[[], Awaitable[T]]) -> T:
        return await AsyncRetrying(**self._kwargs())(fn)


class ResilientModel:
    """Wraps a chat model with retries and a breaker; same ``ChatModel`` interface and name."""

    def __init__(
        self, inner: object, policy: RetryPolicy | None = None, breaker: Breaker | None = None
    ) -> None:
        self.inner = inner
        self.name: str = inner.name  # type: ignore[attr-defined]
        self.policy = policy or RetryPolicy()
        self.breaker = breaker or Breaker()
        self.attempts = 0

    @property
    def concurrent(self) -> bool:
        return bool(getattr(self.inner, "concurrent", False))

    @property
    def last_usage(self) -> Usage:
        return getattr(self.inner, "last_usage", Usage())

    def _check(self) -> None:
        if not self.breaker.allow():
            raise ModelUnavailable(
                f"{self.name}: skipped after repeated failures ({self.breaker.last_error})"
            )

    def _record(self, fn: Callable[[], T]) -> T:
        self._check()
        try:
            result = self.policy.call(fn)
        except ModelError as exc:
            self.breaker.failure(exc)
            raise
        self.breaker.success()
        return result

    def _counted(self, fn: Callable[[], T]) -> Callable[[], T]:
        def attempt() -> T:
            self.attempts += 1
            return fn()

        return attempt

    def complete(
        self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512
    ) -> str:
        return self._record(
            self._counted(
                lambda: self.inner.complete(messages, schema=schema, max_tokens=max_tokens)  # type: ignore[attr-defined]
            )
        )

    async def acomplete(
        self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512
    ) -> str:
        self._check()

        async def attempt() -> str:
            self.attempts += 1
            return await acomplete(self.inner, messages, schema=schema, max_tokens=max_tokens)

        try:
            result = await self.policy.acall(attempt)
        except ModelError as exc:
            self.breaker.failure(exc)
            raise
        self.breaker.success()
        return result

    def stream(self, messages: Messages, *, max_tokens: int = 512) -> Iterator[str]:
        """Retries cover the wait for the first token; once text is shown a failure is final."""

        def first() -> tuple[str, Iterator[str]]:
            self.attempts += 1
            tokens = iter(self.inner.stream(messages, max_tokens=max_tokens))  # type: ignore[attr-defined]
            return next(tokens, ""), tokens

        head, rest = self._record(first)
        if head:
            yield head
        try:
            yield from rest
        except ModelError as exc:
            self.breaker.failure(exc)
            raise


def first_success(models: list[object], call: Callable[[object], T]) -> tuple[object, T]:
    """Try ``call`` on each model in turn; the first that succeeds wins. Raises the last error."""
    error: ModelError = ModelUnavailable("no model configured")
    for model in models:
        try:
            return model, call(model)
        except ModelError as exc:
            error = exc
    raise error
