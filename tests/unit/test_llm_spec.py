"""Model specs: every form users write, and the errors that tell them what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from griller.llm.spec import SpecError, parse_spec


def test_heuristic_and_blank() -> None:
    for text in ("heuristic", "", "  ", "none"):
        spec = parse_spec(text)
        assert spec.kind == "heuristic" and not spec.is_model and spec.engine == "heuristic"


@pytest.mark.parametrize(
    "text",
    [
        "openai/gpt-4o-mini",
        "anthropic/claude-3-5-haiku-latest",
        "gemini/gemini-2.0-flash",
        "groq/llama-3.1-8b-instant",
        "ollama/llama3.1",
        "openrouter/meta-llama/llama-3.1-8b-instruct",
    ],
)
def test_litellm_strings(text: str) -> None:
    spec = parse_spec(text)
    assert spec.kind == "remote" and spec.target == text
    assert spec.engine == f"litellm:{text}"
    assert spec.provider == text.split("/")[0]


def test_api_base_makes_bare_names_openai_compatible() -> None:
    spec = parse_spec("qwen2.5-7b-instruct", api_base="http://127.0.0.1:8080/v1")
    assert spec.target == "hosted_vllm/qwen2.5-7b-instruct" and spec.api_base.endswith("/v1")
    with pytest.raises(SpecError, match="provider/model"):
        parse_spec("qwen2.5-7b-instruct")


def test_gguf_path(tmp_path: Path) -> None:
    model = tmp_path / "Tiny.Q4.gguf"
    model.write_bytes(b"GGUF")
    spec = parse_spec(str(model))
    assert spec.kind == "local" and spec.engine == "llama-cpp:Tiny.Q4.gguf"
    with pytest.raises(SpecError, match="not found"):
        parse_spec(str(tmp_path / "missing.gguf"))


def test_local_name_in_models_dir(tmp_path: Path) -> None:
    (tmp_path / "qwen.gguf").write_bytes(b"GGUF")
    assert parse_spec("local:qwen", models_dir=tmp_path).target == str(tmp_path / "qwen.gguf")
    assert parse_spec("local:qwen.gguf", models_dir=tmp_path).kind == "local"
    with pytest.raises(SpecError, match=r"available: qwen\.gguf"):
        parse_spec("local:llama", models_dir=tmp_path)
    with pytest.raises(SpecError, match="models add"):
        parse_spec("local:x", models_dir=tmp_path / "empty")


def test_scripted() -> None:
    spec = parse_spec("scripted:demo")
    assert spec.kind == "scripted" and spec.target == "demo" and spec.engine == "scripted:demo"


def test_typo_is_an_error() -> None:
    with pytest.raises(SpecError, match="unknown model 'heurstic'"):
        parse_spec("heurstic")
