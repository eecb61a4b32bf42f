"""Keep secrets out of everything griller writes: logs, warnings, exceptions, the database, exports.

``redact`` replaces the values of key-like environment variables and anything shaped like an API key
(``sk-...``, ``gsk_...``, ``AIza...``, ``Bearer ...``, ``api_key=...``) with ``[redacted]``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

MASK = "[redacted]"
# Environment variables whose values are secrets, by name.
_SECRET_NAME = re.compile(
    r"(?:API_?KEY|_TOKEN|_SECRET|SECRET_KEY|ACCESS_KEY|PASSWORD)$|^(?:AZURE|AWS)_.*KEY", re.I
)
_KEY_SHAPES = re.compile(
    r"\bsk-[A-Za-z0-9_\-]{8,}"  # OpenAI, Anthropic (sk-ant-...), DeepSeek, OpenRouter
    r"|\b(?:gsk|xai|pplx|hf|ghp|gho|github_pat|r8|fw|nvapi)[_-][A-Za-z0-9_\-]{12,}"  # Groq, xAI, ...
    r"|\bAIza[0-9A-Za-z_\-]{30,}"  # Google
    r"|\bAKIA[0-9A-Z]{16}\b"  # AWS access key id
    r"|(?i:bearer)\s+[A-Za-z0-9._\-~+/]{12,}=*"
    r"|(?i:(?:api[_-]?key|x-api-key|access[_-]?token|secret)[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&}]{6,}"
)
_MIN_SECRET = 6


def _secret_values(environ: Mapping[str, str]) -> list[str]:
    values = {v for k, v in environ.items() if _SECRET_NAME.search(k) and len(v) >= _MIN_SECRET}
    return sorted(values, key=len, reverse=True)


def redact(text: object, environ: Mapping[str, str] | None = None) -> str:
    """``text`` (or ``str(text)``) with every secret replaced by ``[redacted]``."""
    out = str(text)
    for value in _secret_values(os.environ if environ is None else environ):
        out = out.replace(value, MASK)
    return _KEY_SHAPES.sub(_mask_shape, out)


def _mask_shape(match: re.Match[str]) -> str:
    found = match.group(0)
    # Keep the "api_key=" part so the message still says what was hidden.
    prefix = re.match(
        r"(?i)(?:api[_-]?key|x-api-key|access[_-]?token|secret)[\"']?\s*[:=]\s*[\"']?|bearer\s+",
        found,
    )
    return (prefix.group(0) if prefix else "") + MASK


def redact_exception(exc: BaseException) -> str:
    """``ExceptionType: message`` with secrets removed, on one line, of bounded length."""
    message = " ".join(redact(exc).split())
    if len(message) > 300:
        message = message[:297] + "..."
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
