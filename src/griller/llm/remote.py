"""The remote back-end: any provider litellm speaks to, or any OpenAI-compatible ``api_base``.

litellm is imported on first use (it costs ~2.4 s) with its cost map read locally and its debug
output suppressed, so nothing reaches the network at import and nothing is printed to stdout.
Retries belong to ``resilience``: litellm's own are switched off. Errors leave as ``ModelError``s
with secrets redacted.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from griller.llm.base import (
    Messages,
    ModelError,
    ModelInputError,
    ModelRateLimited,
    ModelRejected,
    ModelServerError,
    ModelTimeout,
    Usage,
)
from griller.llm.redact import redact_exception
from griller.llm.spec import KEY_ENV

_LITELLM: Any = None
_PRICE_CHECKED: set[str] = set()
_CALLBACK_LISTS = (
    "callbacks",
    "input_callback",
    "success_callback",
    "failure_callback",
    "service_callback",
    "audit_log_callbacks",
    "_async_input_callback",
    "_async_success_callback",
    "_async_failure_callback",
)
# Providers that take an OpenAI-style ``json_schema`` response format (litellm translates it).
_JSON_SCHEMA_PROVIDERS = {
    "openai",
    "azure",
    "anthropic",
    "gemini",
    "vertex_ai",
    "mistral",
    "ollama",
    "ollama_chat",
}


def litellm() -> Any:
    """Import litellm quietly: local cost map, no debug banner, its loggers above WARNING."""
    global _LITELLM
    if _LITELLM is None:
        os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        os.environ.setdefault("LITELLM_LOG", "ERROR")
        import warnings

        import litellm as module

        # litellm's TypedDicts trip a pydantic UserWarning on first streaming use: noise, not news.
        warnings.filterwarnings("ignore", message=".*ReadOnly.*", category=UserWarning)

        module.suppress_debug_info = True
        module.set_verbose = False
        module.telemetry = False
        # Answers are private. litellm hands messages only to logging callbacks; griller registers
        # none and clears any, so nothing leaves the process. (Its "turn_off_message_logging"
        # redaction would deep-copy every request for callbacks that do not exist: ~3 ms a call.)
        for name in _CALLBACK_LISTS:
            if isinstance(getattr(module, name, None), list):
                setattr(module, name, [])
        module.disable_hf_tokenizer_download = True  # no hub downloads at run time
        module.disable_token_counter = True
        for name in ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy", "litellm"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        # The OpenAI SDK and its HTTP clients log whole requests (the answer included) at DEBUG.
        for name in ("openai", "httpx", "httpcore", "aiohttp"):
            logging.getLogger(name).setLevel(logging.WARNING)
        _LITELLM = module
    return _LITELLM


def note_unpriced(lib: Any, model: str) -> None:
    """Register a model litellm's price list does not know (a self-hosted server's own name) as unpriced.

    litellm prices every reply; for an unknown model that lookup walks all its fallback rules
    on each call (~3 ms of CPU, a fifth of a call's overhead here). Once registered, the lookup is
    a direct hit, and the price it reports is still what it was: nothing known, zero.
    """
    if model in _PRICE_CHECKED:
        return
    _PRICE_CHECKED.add(model)
    try:
        lib.get_model_info(model)
    except Exception:  # litellm raises its own "not mapped" exception type, and others besides
        provider = model.split("/", 1)[0] if "/" in model else "openai"
        lib.register_model(
            {
                model: {
                    "input_cost_per_token": 0.0,
                    "output_cost_per_token": 0.0,
                    "litellm_provider": provider,
                    "mode": "chat",
                }
            },
            persist_across_reloads=True,
        )


class RemoteModel:
    """A litellm model string (``openai/gpt-4o-mini``, ``ollama/llama3.1``...) with an optional base URL."""

    concurrent = True

    def __init__(
        self,
        model: str,
        *,
        api_base: str = "",
        api_key: str | None = None,
        timeout: float = 60.0,
        temperature: float = 0.2,
    ) -> None:
        self.model = model
        self.name = f"litellm:{model}"
        self.api_base = api_base
        self.timeout = timeout
        self.temperature = temperature
        self.last_usage = Usage()
        provider = model.split("/", 1)[0]
        self._api_key = api_key
        if api_key is None and api_base and not os.environ.get(KEY_ENV.get(provider, "OPENAI_API_KEY")):
            # Local OpenAI-compatible servers need no key, but the OpenAI client insists on one.
            self._api_key = "no-key-needed"
        self._schema_mode = "schema" if api_base else ("json_schema" if provider in _JSON_SCHEMA_PROVIDERS else "json")

    def _kwargs(self, messages: Messages, schema: dict | None, max_tokens: int, stream: bool) -> dict[str, Any]:
        note_unpriced(litellm(), self.model)
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": self.temperature,
            "timeout": self.timeout,
            "stream": stream,
            "num_retries": 0,
            "max_retries": 0,
            "drop_params": True,
        }
        if self.api_base:
            kwargs["api_base"] = self.api_base
        if self._api_key is not None:
            kwargs["api_key"] = self._api_key
        if schema is not None:
            kwargs["response_format"] = self._response_format(schema)
        return kwargs

    def _response_format(self, schema: dict) -> dict[str, Any]:
        if self._schema_mode == "schema":  # llama.cpp server, and servers following its JSON mode
            return {"type": "json_object", "schema": schema}
        if self._schema_mode == "json_schema":
            return {
                "type": "json_schema",
                "json_schema": {"name": "griller_output", "schema": schema, "strict": False},
            }
        return {"type": "json_object"}

    def complete(self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512) -> str:
        lib = litellm()
        start = time.perf_counter()
        try:
            response = lib.completion(**self._kwargs(messages, schema, max_tokens, stream=False))
        except Exception as exc:
            raise translate(exc, self.name) from None
        return self._finish(response, start)

    async def acomplete(self, messages: Messages, *, schema: dict | None = None, max_tokens: int = 512) -> str:
        lib = litellm()
        start = time.perf_counter()
        try:
            response = await lib.acompletion(**self._kwargs(messages, schema, max_tokens, stream=False))
        except Exception as exc:
            raise translate(exc, self.name) from None
        return self._finish(response, start)

    def _finish(self, response: Any, start: float) -> str:
        elapsed = time.perf_counter() - start
        try:
            text = response.choices[0].message.content or ""
        except (AttributeError, IndexError) as exc:
            raise ModelServerError(f"{self.name}: response without a message") from exc
        usage = getattr(response, "usage", None)
        self.last_usage = Usage(
            getattr(usage, "prompt_tokens", 0) or 0,
            getattr(usage, "completion_tokens", 0) or 0,
            elapsed,
            None,
        )
        return text

    def stream(self, messages: Messages, *, max_tokens: int = 512) -> Iterator[str]:
        lib = litellm()
        start = time.perf_counter()
        usage = self.last_usage = Usage()
        try:
            for chunk in lib.completion(**self._kwargs(messages, None, max_tokens, stream=True)):
                text = _delta(chunk)
                if text:
                    usage.completion_tokens += 1
                    if usage.first_token_seconds is None:
                        usage.first_token_seconds = time.perf_counter() - start
                    yield text
        except ModelError:
            raise
        except Exception as exc:
            raise translate(exc, self.name) from None
        finally:
            usage.seconds = time.perf_counter() - start

    async def astream(self, messages: Messages, *, max_tokens: int = 512) -> AsyncIterator[str]:
        lib = litellm()
        try:
            response = await lib.acompletion(**self._kwargs(messages, None, max_tokens, stream=True))
            async for chunk in response:
                text = _delta(chunk)
                if text:
                    yield text
        except Exception as exc:
            raise translate(exc, self.name) from None


def _delta(chunk: Any) -> str:
    try:
        return chunk.choices[0].delta.content or ""
    except (AttributeError, IndexError):
        return ""


def translate(exc: BaseException, name: str) -> ModelError:
    """Map litellm's (OpenAI-shaped) exceptions onto griller's taxonomy, secrets redacted."""
    if isinstance(exc, ModelError):
        return exc
    lib = _LITELLM
    message = f"{name}: {redact_exception(exc)}"
    if lib is not None:
        if isinstance(exc, lib.Timeout):
            return ModelTimeout(message)
        if isinstance(exc, lib.RateLimitError):
            return ModelRateLimited(message)
        if isinstance(exc, lib.ContextWindowExceededError):
            return ModelInputError(message)
        if isinstance(exc, lib.AuthenticationError | lib.PermissionDeniedError | lib.NotFoundError):
            return ModelRejected(message)
        if isinstance(exc, lib.BadRequestError | lib.UnprocessableEntityError):
            # litellm also raises these for an unknown provider or a missing key: not worth repeating.
            return ModelRejected(message)
        if isinstance(exc, lib.APIConnectionError | lib.ServiceUnavailableError | lib.InternalServerError):
            return ModelServerError(message)
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        if status == 429:
            return ModelRateLimited(message)
        if status >= 500:
            return ModelServerError(message)
        if status in (401, 403, 404):
            return ModelRejected(message)
    if lib is not None and isinstance(exc, lib.APIError) and not (isinstance(status, int) and 400 <= status < 500):
        return ModelServerError(message)  # e.g. a 200 whose body is not JSON: a proxy's error page
    if isinstance(exc, TimeoutError):
        return ModelTimeout(message)
    if isinstance(exc, ConnectionError | OSError):
        return ModelServerError(message)
    return ModelError(message)
