"""Structured output: ask for JSON that fits a schema, repair what comes back, validate with pydantic.

``json.loads(strict=False)`` first (models emit raw newlines inside strings), then ``json_repair``,
then pydantic. One retry quotes the validation error back to the model; after that the caller
falls back (``ModelOutputError``).
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from griller.llm.base import Messages, ModelOutputError

M = TypeVar("M", bound=BaseModel)
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def parse_json(text: str) -> Any:
    """The JSON value in ``text``: strict-less parse, code fences removed, else repaired. None if hopeless."""
    body = _FENCE.sub(r"\1", text or "").strip()
    if not body:
        return None
    try:
        return json.loads(body, strict=False)
    except ValueError:
        pass
    from json_repair import repair_json

    try:
        value = repair_json(body, return_objects=True)
    except Exception:  # json_repair is best effort; any failure means "not JSON"
        return None
    return value if value not in ("", None) else None


def validate(text: str, model: type[M]) -> M:
    """Parse and validate; ``ValidationError`` or ``ValueError`` (not JSON at all) on failure."""
    value = parse_json(text)
    if value is None:
        raise ValueError("the reply is not JSON")
    return model.model_validate(value)


def describe_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"
            for e in exc.errors()[:5]
        ]
        return "; ".join(problems)
    return str(exc)


def ask(
    chat: object,
    messages: Messages,
    output: type[M],
    schema: dict[str, Any],
    *,
    max_tokens: int = 700,
    retry: bool = True,
) -> M:
    """One structured call (plus one corrective retry). ``ModelError``s from the call propagate."""
    text = chat.complete(messages, schema=schema, max_tokens=max_tokens)  # type: ignore[attr-defined]
    try:
        return validate(text, output)
    except (ValidationError, ValueError) as exc:
        if not retry:
            raise ModelOutputError(f"invalid output: {describe_error(exc)}") from None
        text = chat.complete(
            retry_messages(messages, text, exc), schema=schema, max_tokens=max_tokens
        )  # type: ignore[attr-defined]
    try:
        return validate(text, output)
    except (ValidationError, ValueError) as exc:
        raise ModelOutputError(f"invalid output after one retry: {describe_error(exc)}") from None


async def aask(
    chat: object,
    messages: Messages,
    output: type[M],
    schema: dict[str, Any],
    *,
    max_tokens: int = 700,
) -> M:
    """``ask`` for async callers (remote models run concurrently)."""
    from griller.llm.base import acomplete

    text = await acomplete(chat, messages, schema=schema, max_tokens=max_tokens)
    try:
        return validate(text, output)
    except (ValidationError, ValueError) as exc:
        text = await acomplete(
            chat, retry_messages(messages, text, exc), schema=schema, max_tokens=max_tokens
        )
    try:
        return validate(text, output)
    except (ValidationError, ValueError) as exc:
        raise ModelOutputError(f"invalid output after one retry: {describe_error(exc)}") from None


def retry_messages(messages: Messages, reply: str, error: Exception) -> Messages:
    return [
        *messages,
        {"role": "assistant", "content": reply[:2000]},
        {
            "role": "user",
            "content": (
                f"That reply was not valid: {describe_error(error)}. "
                "Reply again with only the JSON object, following the schema exactly."
            ),
        },
    ]
