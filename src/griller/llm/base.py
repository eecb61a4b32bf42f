"""What every chat-model adapter shares: the error taxonomy, usage figures and async access."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

Messages = list[dict[str, str]]


class ModelError(Exception):
    """A model call failed. ``transient`` errors are worth a retry; ``permanent`` ones trip the breaker."""

    transient: bool = False
    permanent: bool = False


class ModelTimeout(ModelError):
    transient = True


class ModelRateLimited(ModelError):
    transient = True


class ModelServerError(ModelError):
    """5xx, a refused connection or a stream cut half-way: the provider, not the request, is at fault."""

    transient = True


class ModelRejected(ModelError):
    """Authentication, permission, unknown model: repeating the call cannot help."""

    permanent = True


class ModelInputError(ModelError):
    """This request cannot be served (prompt too long, bad parameter); other requests may be fine."""


class ModelUnavailable(ModelError):
    """The model is not tried at all: its circuit breaker is open or it could not be loaded."""


class ModelOutputError(ModelError):
    """The model answered, but not with what was asked (invalid JSON after repair and one retry)."""


@dataclass
class Usage:
    """Figures of the last call: tokens, wall time and time to the first token (seconds)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    first_token_seconds: float | None = None

    @property
    def tokens_per_second(self) -> float:
        generating = self.seconds - (self.first_token_seconds or 0.0)
        if self.completion_tokens <= 1 or generating <= 0:
            return self.completion_tokens / self.seconds if self.seconds > 0 else 0.0
        return (self.completion_tokens - 1) / generating


@runtime_checkable
class AsyncChatModel(Protocol):
    """A chat model with a native async path (remote providers); others run in a thread."""

    name: str

    async def acomplete(
        self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512
    ) -> str: ...


class ChatModelLike(Protocol):
    """The ``ChatModel`` port plus what griller's adapters add (usage, concurrency)."""

    name: str
    concurrent: bool
    last_usage: Usage

    def complete(
        self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512
    ) -> str: ...

    def stream(self, messages: Messages, *, max_tokens: int = 512) -> Iterator[str]: ...


async def acomplete(
    model: object, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512
) -> str:
    """Complete asynchronously: natively when the adapter can, else in a worker thread."""
    if isinstance(model, AsyncChatModel):
        return await model.acomplete(messages, schema=schema, max_tokens=max_tokens)
    complete = model.complete  # type: ignore[attr-defined]
    return await asyncio.to_thread(complete, messages, schema=schema, max_tokens=max_tokens)


def is_concurrent(model: object) -> bool:
    """Whether calls may overlap (a remote provider) or must run one at a time (one local instance)."""
    return bool(getattr(model, "concurrent", False))
