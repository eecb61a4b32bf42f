"""Secrets never leave in text: env values by name, and anything shaped like an API key."""

from __future__ import annotations

from griller.llm.redact import MASK, redact, redact_exception


def test_env_values_and_key_shapes() -> None:
    env = {"OPENAI_API_KEY": "plain-secret-value", "HOME": "/root", "GROQ_API_KEY": "abc"}
    text = "auth failed for plain-secret-value, home /root, key sk-proj-ABCDEFGH12345678 and abc"
    out = redact(text, env)
    assert "plain-secret-value" not in out and "sk-proj-" not in out
    assert "/root" in out and out.endswith("and abc")  # short values are not treated as secrets
    assert out.count(MASK) == 2


def test_headers_and_assignments() -> None:
    out = redact(
        "Authorization: Bearer abcdefghijklmnop123 api_key='zzzzzz123' x-api-key: qwertyuiop", {}
    )
    assert "abcdefghijklmnop123" not in out and "zzzzzz123" not in out and "qwertyuiop" not in out
    assert "api_key=" in out


def test_provider_shapes() -> None:
    for key in (
        "gsk_0123456789abcdefghij",
        "AIzaSyA1234567890123456789012345678901",
        "sk-ant-api03-abcdefghijkl",
    ):
        assert key not in redact(f"bad key {key}!", {})


def test_exception_one_line() -> None:
    message = redact_exception(RuntimeError("line one\nkey sk-abcdefghijklmnopq"))
    assert message.startswith("RuntimeError: line one key") and "sk-abc" not in message
