"""litellm against a real OpenAI-compatible server: ``python -m llama_cpp.server`` on 127.0.0.1.

The server runs the tiny random GGUF (started once per module, stopped at the end), so these tests
exercise the real HTTP path, llama.cpp's JSON-schema mode over the wire, and streaming.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from llm_fixtures import build_tiny_gguf, llama_cpp_server

from griller.coach.model_judge import ModelJudge
from griller.coach.prompts import Prompts
from griller.domain.models import AnswerInput
from griller.domain.rubric import load_rubric
from griller.llm import registry
from griller.llm.registry import BuildOptions, build_from
from griller.llm.remote import RemoteModel

pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning")
ROOT = Path(__file__).resolve().parents[2]
SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "integer", "enum": list(range(11))},
        "note": {"type": "string", "maxLength": 30},
    },
    "required": ["score", "note"],
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    model = build_tiny_gguf(tmp_path_factory.mktemp("server") / "tiny.gguf")
    with llama_cpp_server(model, n_ctx=8192) as base:
        yield base


def test_complete_and_usage(server: str) -> None:
    model = RemoteModel("openai/tiny", api_base=server, timeout=30)
    text = model.complete([{"role": "user", "content": "Say hi."}], max_tokens=8)
    assert isinstance(text, str)
    assert model.last_usage.completion_tokens >= 1 and model.last_usage.prompt_tokens > 0


def test_json_schema_mode_over_the_wire(server: str) -> None:
    model = RemoteModel("openai/tiny", api_base=server, timeout=30)
    text = model.complete([{"role": "user", "content": "Grade it."}], schema=SCHEMA, max_tokens=80)
    value = json.loads(text, strict=False)
    assert (
        set(value) == {"score", "note"} and 0 <= value["score"] <= 10 and len(value["note"]) <= 30
    )


def test_streaming_yields_several_chunks(server: str) -> None:
    model = RemoteModel("openai/tiny", api_base=server, timeout=30)
    chunks = list(model.stream([{"role": "user", "content": "Ask me something."}], max_tokens=10))
    assert len(chunks) >= 2
    assert model.last_usage.first_token_seconds is not None


def test_judge_through_the_server(server: str) -> None:
    registry.reset()
    rubric = load_rubric(ROOT / "rubrics")
    judge = ModelJudge(
        [build_from("tiny", api_base=server, options=BuildOptions(timeout=60, retries=0))],
        rubric,
        Prompts(ROOT / "prompts"),
    )
    item = AnswerInput(
        id="a",
        question="Tell me about a hard bug.",
        answer="Last month I traced a memory leak in our Go service to an unclosed HTTP body and fixed it.",
    )
    result = judge.grade(item)
    assert result.engine == "litellm:hosted_vllm/tiny", judge.failures
    assert all(0 <= v <= 10 for v in result.scores.values())
