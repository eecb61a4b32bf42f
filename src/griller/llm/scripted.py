"""A scripted chat model: a real back-end that replays queued replies, for tests and the demo.

Register one with ``register(ScriptedModel("demo"))`` and choose it with the spec ``scripted:demo``,
or point the spec at a JSON/JSONL file of replies (``scripted:path/to/replies.jsonl``). It goes
through the same registry, resilience and guard as real models.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from griller.llm.base import (
    Messages,
    ModelError,
    ModelRateLimited,
    ModelRejected,
    ModelServerError,
    ModelTimeout,
    Usage,
)
from griller.llm.spec import SpecError

Reply = str | BaseException | Callable[[Messages], str]
_TOKENS = re.compile(r"\s*\S+|\s+")
_ERRORS: dict[str, type[ModelError]] = {
    "timeout": ModelTimeout,
    "rate_limit": ModelRateLimited,
    "server": ModelServerError,
    "auth": ModelRejected,
}


@dataclass
class Call:
    messages: Messages
    schema: dict | None
    max_tokens: int
    streamed: bool


class ScriptedModel:
    """Replays ``enqueue``-d replies in order; ``default`` answers when the queue is empty."""

    concurrent = True

    def __init__(
        self,
        name: str = "default",
        replies: list[Reply] | None = None,
        default: str | None = None,
        delay: float = 0.0,
    ) -> None:
        self.name = f"scripted:{name}"
        self.default = default
        self.delay = delay
        self.calls: list[Call] = []
        self.last_usage = Usage()
        self._queue: deque[Reply] = deque(replies or [])
        self._lock = threading.Lock()

    def enqueue(self, *replies: Reply) -> ScriptedModel:
        with self._lock:
            self._queue.extend(replies)
        return self

    @property
    def pending(self) -> int:
        return len(self._queue)

    def _next(
        self, messages: Messages, schema: dict | None, max_tokens: int, streamed: bool
    ) -> str:
        with self._lock:
            self.calls.append(Call(messages, schema, max_tokens, streamed))
            reply: Reply | None = self._queue.popleft() if self._queue else self.default
        if reply is None:
            raise ModelServerError(f"{self.name}: no scripted reply left")
        if self.delay:
            time.sleep(self.delay)
        if isinstance(reply, BaseException):
            raise reply
        return reply(messages) if callable(reply) else reply

    def complete(
        self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512
    ) -> str:
        start = time.perf_counter()
        text = self._next(messages, schema, max_tokens, streamed=False)
        self.last_usage = Usage(0, len(_TOKENS.findall(text)), time.perf_counter() - start, None)
        return text

    def stream(self, messages: Messages, *, max_tokens: int = 512) -> Iterator[str]:
        start = time.perf_counter()
        text = self._next(messages, None, max_tokens, streamed=True)
        tokens = _TOKENS.findall(text)
        self.last_usage = Usage(0, len(tokens), 0.0, time.perf_counter() - start)
        yield from tokens
        self.last_usage.seconds = time.perf_counter() - start


_REGISTRY: dict[str, ScriptedModel] = {}


def register(model: ScriptedModel) -> ScriptedModel:
    """Make ``model`` reachable as ``scripted:<name>`` (the same path real models take)."""
    _REGISTRY[model.name.removeprefix("scripted:")] = model
    return model


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def lookup(target: str) -> ScriptedModel:
    """The registered model called ``target``, or one built from a JSON/JSONL file of replies."""
    if target in _REGISTRY:
        return _REGISTRY[target]
    path = Path(target).expanduser()
    if path.is_file():
        return ScriptedModel(path.name, load_replies(path))
    raise SpecError(
        f"no scripted model {target!r} (register one, or give a JSON/JSONL file of replies)"
    )


def load_replies(path: Path) -> list[Reply]:
    """Replies from a file: a JSON array, or JSONL; each a string, {"text": ...} or {"error": kind}."""
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    rows = (
        json.loads(text)
        if stripped.startswith("[")
        else [json.loads(x) for x in text.splitlines() if x.strip()]
    )
    replies: list[Reply] = []
    for row in rows:
        if isinstance(row, str):
            replies.append(row)
        elif isinstance(row, dict) and "error" in row:
            replies.append(
                _ERRORS.get(str(row["error"]), ModelServerError)(f"scripted {row['error']}")
            )
        elif isinstance(row, dict) and "text" in row:
            replies.append(str(row["text"]))
        else:
            replies.append(json.dumps(row))
    return replies
