"""``griller models test``: one real structured grading call, timed, validated and reported."""

from __future__ import annotations

import time

from griller.config import Settings
from griller.domain.models import AnswerInput

SAMPLE = AnswerInput(
    id="models-test",
    question="Tell me about a time you improved the performance of a system.",
    answer=(
        "Last spring our checkout API timed out during sales. I profiled it, found an N+1 query in the "
        "basket service, rewrote it as one join and added a Redis cache for prices. p99 latency fell "
        "from 900 ms to 120 ms and timeouts stopped."
    ),
)


def check_model(
    config: Settings, spec_text: str, *, api_base: str = "", n_threads: int | None = None
) -> dict:
    """Grade a sample answer once (no retry, no fallback) and report what happened."""
    from griller.coach.judge_schema import JudgeOutput
    from griller.coach.model_judge import ModelJudge
    from griller.coach.prompts import Prompts
    from griller.domain.rubric import load_rubric
    from griller.llm.base import ModelError
    from griller.llm.registry import BuildOptions, build
    from griller.llm.spec import SpecError, parse_spec
    from griller.llm.structured import ask

    spec = parse_spec(spec_text, api_base=api_base)
    if not spec.is_model:
        raise SpecError(
            "'heuristic' is not a model: give a .gguf path, local:NAME or provider/model"
        )
    model = build(spec, BuildOptions(timeout=config.models.timeout, retries=0, n_threads=n_threads))
    assert model is not None
    rubric = load_rubric(config.rubric_path())
    judge = ModelJudge([model], rubric, Prompts(config.prompts_path()))
    prepared = judge.prepare(SAMPLE)
    report: dict = {"spec": spec_text, "engine": spec.engine, "valid": False, "error": ""}
    start = time.perf_counter()
    try:
        ask(
            model,
            prepared.messages(model),
            JudgeOutput,
            prepared.schema,
            max_tokens=judge.max_tokens,
            retry=False,
        )
        report["valid"] = True
    except ModelError as exc:
        report["error"] = str(exc)
    usage = model.last_usage
    report.update(
        seconds=round(time.perf_counter() - start, 3),
        completion_tokens=usage.completion_tokens,
        tokens_per_second=round(usage.tokens_per_second, 1),
        first_token_seconds=None
        if usage.first_token_seconds is None
        else round(usage.first_token_seconds, 3),
    )
    return report
