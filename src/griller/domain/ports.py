"""The interfaces adapters implement. The domain and services depend on these, never on an SDK."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from griller.domain.models import AnswerInput, Evaluation


@runtime_checkable
class Judge(Protocol):
    """Anything that grades an answer."""

    name: str

    def grade(self, item: AnswerInput) -> Evaluation: ...


@runtime_checkable
class ChatModel(Protocol):
    """A chat-completion back-end (local GGUF, remote through litellm, or scripted)."""

    name: str

    def complete(self, messages: list[dict[str, str]], *, schema: dict | None = None, max_tokens: int = 512) -> str: ...

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int = 512) -> Iterator[str]: ...
