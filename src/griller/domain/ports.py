"""The interfaces adapters implement. The domain and services depend on these, never on an SDK."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol, runtime_checkable

from griller.domain.delivery import Transcript
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


@runtime_checkable
class AudioSource(Protocol):
    """Mono audio at ``sample_rate``, delivered in blocks (float32 arrays in [-1, 1]) to a callback.

    ``start`` returns at once; blocks arrive on another thread. ``on_end`` is called once when the
    source runs out (a file) or fails (``error`` set), never after ``stop``.
    """

    sample_rate: int

    def start(
        self, on_block: Callable[[Any], None], on_end: Callable[[Exception | None], None] | None = None
    ) -> None: ...

    def stop(self) -> None: ...


@runtime_checkable
class Transcriber(Protocol):
    """Speech to timed words (``griller.domain.delivery.Transcript``), word times shifted by ``offset``."""

    name: str

    def transcribe(self, audio: Any, *, offset: float = 0.0) -> Transcript: ...


@runtime_checkable
class Speaker(Protocol):
    """Text to speech that never blocks the caller."""

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...
