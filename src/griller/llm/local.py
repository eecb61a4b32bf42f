"""The local back-end: a GGUF file run in-process by llama-cpp-python.

One ``Llama`` instance serves one call at a time (it is not thread-safe), so local grading is
sequential. Structured output uses llama-cpp's JSON-schema grammar; a deadline bounds every call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from griller.llm.base import (
    Messages,
    ModelError,
    ModelInputError,
    ModelTimeout,
    ModelUnavailable,
    Usage,
)
from griller.llm.redact import redact_exception


class LocalModel:
    """A GGUF model. Loaded on first use; ``n_threads`` defaults to llama.cpp's choice."""

    concurrent = False

    def __init__(
        self,
        path: str | Path,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        timeout: float = 60.0,
        temperature: float = 0.2,
        seed: int = 7,
    ) -> None:
        self.path = Path(path)
        self.name = f"llama-cpp:{self.path.name}"
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.timeout = timeout
        self.temperature = temperature
        self.seed = seed
        self.last_usage = Usage()
        self._llm: Any = None
        self._system_role = True
        self._lock = threading.RLock()

    def load(self) -> Any:
        """The ``Llama`` instance, loaded once (about 0.2 s for a 135M model)."""
        with self._lock:
            if self._llm is None:
                try:
                    from llama_cpp import Llama
                except ImportError as exc:
                    raise ModelUnavailable(
                        "llama-cpp-python is not installed: pip install 'griller[local]'"
                    ) from exc
                if not self.path.is_file():
                    raise ModelUnavailable(f"model file not found: {self.path}")
                try:
                    self._llm = Llama(
                        model_path=str(self.path),
                        n_ctx=self.n_ctx,
                        n_threads=self.n_threads,
                        seed=self.seed,
                        verbose=False,
                    )
                except (ValueError, RuntimeError) as exc:
                    raise ModelUnavailable(
                        f"{self.path.name}: cannot load ({redact_exception(exc)})"
                    ) from exc
                template = str(self._llm.metadata.get("tokenizer.chat_template", ""))
                # Some templates (gemma) silently drop system messages: fold them into the user turn.
                self._system_role = not template or "system" in template
            return self._llm

    def _messages(self, messages: Messages) -> Messages:
        if self._system_role:
            return messages
        system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
        rest = [dict(m) for m in messages if m["role"] != "system"]
        if system and rest and rest[0]["role"] == "user":
            rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
        return rest

    def _chunks(self, messages: Messages, schema: dict | None, max_tokens: int) -> Iterator[str]:
        """Tokens as they are generated, under the deadline; ``last_usage`` is filled in as it goes."""
        llm = self.load()
        kwargs: dict[str, Any] = {
            "max_tokens": max_tokens,
            "temperature": self.temperature,
            "stream": True,
        }
        if schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        start = time.perf_counter()
        deadline = start + self.timeout
        usage = self.last_usage = Usage()
        with self._lock:
            try:
                for chunk in llm.create_chat_completion(
                    messages=self._messages(messages), **kwargs
                ):
                    text = chunk["choices"][0]["delta"].get("content") or ""
                    now = time.perf_counter()
                    usage.seconds = now - start
                    if text:
                        usage.completion_tokens += 1
                        if usage.first_token_seconds is None:
                            usage.first_token_seconds = now - start
                        yield text
                    if now > deadline:
                        raise ModelTimeout(f"{self.name}: no answer within {self.timeout:g} s")
            except ModelError:
                raise
            except ValueError as exc:  # prompt longer than the context window, bad parameter
                raise ModelInputError(f"{self.name}: {redact_exception(exc)}") from exc
            except RuntimeError as exc:
                raise ModelError(f"{self.name}: {redact_exception(exc)}") from exc
        usage.seconds = time.perf_counter() - start

    def complete(
        self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512
    ) -> str:
        return "".join(self._chunks(messages, schema, max_tokens))

    def stream(self, messages: Messages, *, max_tokens: int = 512) -> Iterator[str]:
        return self._chunks(messages, None, max_tokens)

    def count_tokens(self, text: str) -> int:
        return len(self.load().tokenize(text.encode("utf-8"), add_bos=False))
