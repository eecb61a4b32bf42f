"""The local back-end, for real: llama-cpp-python on a tiny random GGUF and on SmolLM2-135M.

The tiny model proves the plumbing (grammar-constrained JSON, streaming, deadlines, the judge end to
end) in milliseconds; SmolLM2 proves it on a real instruct model. SmolLM2 is too weak to grade, so
its tests check that the path works, never what it says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from llm_fixtures import SMOLLM2, SMOLLM2_MISSING, build_tiny_gguf
from pydantic import BaseModel, Field

from griller.coach.asker import Asker, QuestionContext
from griller.coach.model_judge import ModelJudge
from griller.coach.prompts import Prompts
from griller.domain.guard import quote_in
from griller.domain.models import DIMENSIONS, AnswerInput
from griller.domain.rubric import Rubric, load_rubric
from griller.llm.base import ModelInputError, ModelTimeout
from griller.llm.local import LocalModel
from griller.llm.registry import BuildOptions, build_from
from griller.llm.structured import ask

pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning")
ROOT = Path(__file__).resolve().parents[2]
SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "integer", "enum": list(range(11))},
        "note": {"type": "string", "maxLength": 40},
        "tags": {"type": "array", "maxItems": 3, "items": {"type": "string", "maxLength": 12}},
    },
    "required": ["score", "note", "tags"],
}
ANSWER = AnswerInput(
    id="perf",
    question="Tell me about a time you improved the performance of a system.",
    answer="Last year I profiled our checkout API, found an N+1 query and rewrote it as one join. "
    "We cut p99 from 900 ms to 120 ms.",
)


class Small(BaseModel):
    score: int = Field(ge=0, le=10)
    note: str
    tags: list[str]


@pytest.fixture(scope="session")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_gguf(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture(scope="session")
def tiny(tiny_gguf: Path) -> LocalModel:
    return LocalModel(tiny_gguf, n_threads=1, n_ctx=4096, timeout=60)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(ROOT / "rubrics")


@pytest.fixture(scope="session")
def smollm2() -> LocalModel:
    if not SMOLLM2.is_file():
        pytest.skip(SMOLLM2_MISSING)
    return LocalModel(SMOLLM2, n_threads=1, n_ctx=2048, timeout=120)


def test_tiny_structured_output_parses_under_the_grammar(tiny: LocalModel) -> None:
    text = tiny.complete(
        [{"role": "user", "content": "Grade this.\nReply in JSON."}], schema=SCHEMA, max_tokens=300
    )
    value = Small.model_validate(json.loads(text, strict=False))
    assert 0 <= value.score <= 10 and len(value.tags) <= 3 and len(value.note) <= 40
    assert tiny.last_usage.completion_tokens > 0


def test_tiny_streams_tokens_and_counts_them(tiny: LocalModel) -> None:
    tokens = list(tiny.stream([{"role": "user", "content": "Ask me a question."}], max_tokens=12))
    assert 1 <= len(tokens) <= 12
    assert tiny.last_usage.first_token_seconds is not None


def test_tiny_deadline_and_context_errors(tiny_gguf: Path) -> None:
    slow = LocalModel(tiny_gguf, n_threads=1, n_ctx=512, timeout=0.0)
    with pytest.raises(ModelTimeout):
        slow.complete([{"role": "user", "content": "hi"}], max_tokens=50)
    with pytest.raises(ModelInputError):
        slow.complete([{"role": "user", "content": "word " * 2000}], max_tokens=10)


def test_tiny_judge_end_to_end_is_guarded(tiny_gguf: Path, rubric: Rubric) -> None:
    model = build_from(str(tiny_gguf), options=BuildOptions(n_threads=1, n_ctx=8192, retries=0))
    judge = ModelJudge([model], rubric, Prompts(ROOT / "prompts"))
    result = judge.grade(ANSWER)
    assert result.engine == "llama-cpp:tiny.gguf", judge.failures
    assert set(result.scores) == set(DIMENSIONS) and all(
        0 <= v <= 10 for v in result.scores.values()
    )
    assert all(quote_in(s.evidence, ANSWER.answer) for s in result.strengths)
    assert all(g.id in rubric.gaps for g in result.gaps)
    # Random weights produce gibberish follow-ups; the guard replaces them with a real question.
    assert result.follow_up is None or result.follow_up.endswith("?")


def test_smollm2_streams_a_question_through_the_asker(smollm2: LocalModel, rubric: Rubric) -> None:
    asker = Asker(smollm2, rubric, Prompts(ROOT / "prompts"), max_tokens=40)
    stream = asker.stream_question(QuestionContext(kind="behavioral", role="backend engineer"))
    tokens = list(stream)
    assert tokens and stream.text
    assert stream.source in ("model", "bank")
    if stream.source == "model":
        assert len(tokens) > 1  # token by token, not one blob
    assert smollm2.last_usage.first_token_seconds is not None


def test_smollm2_structured_call_validates(smollm2: LocalModel) -> None:
    messages = [
        {"role": "system", "content": "Reply with JSON only."},
        {
            "role": "user",
            "content": "Rate this answer 0-10 with a short note and tags: 'I cut p99 from 900 ms to 120 ms.'",
        },
    ]
    value = ask(smollm2, messages, Small, SCHEMA, max_tokens=120)
    assert 0 <= value.score <= 10
