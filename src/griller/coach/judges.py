"""Judges the services can use. The heuristic judge is the default and the last resort of every other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from griller.domain.grader import grade
from griller.domain.models import AnswerInput, Evaluation
from griller.domain.ports import Judge
from griller.domain.rubric import Rubric

if TYPE_CHECKING:
    from griller.coach.model_judge import ModelJudge
    from griller.config import Settings


@dataclass
class HeuristicJudge:
    """The model-free grader behind the Judge port."""

    rubric: Rubric
    domain: str | None = None
    name: str = "heuristic"

    def grade(self, item: AnswerInput) -> Evaluation:
        return grade(item, self.rubric, self.domain)


def model_judge(spec: str, config: Settings, rubric: Rubric, domain: str | None,
                api_base: str | None = None) -> ModelJudge | None:
    """The model judge for ``spec`` (default: ``[models] judge``) with the configured fallback; None for
    ``heuristic``. Raises ``griller.llm.spec.SpecError`` for a spec that names no usable model."""
    from griller.coach.model_judge import make_judge
    from griller.coach.prompts import Prompts
    from griller.llm.registry import BuildOptions

    models = config.models
    return make_judge(
        spec or models.judge,
        rubric=rubric,
        prompts=Prompts(config.prompts_path()),
        domain=domain,
        fallback=models.fallback,
        api_base=api_base if api_base is not None else models.api_base,
        options=BuildOptions(timeout=models.timeout, retries=models.retries),
    )


def build_judge(spec: str, config: Settings, rubric: Rubric, domain: str | None, api_base: str | None = None) -> Judge:
    """``model_judge``, or the heuristic judge when the spec is ``heuristic``."""
    return model_judge(spec, config, rubric, domain, api_base) or HeuristicJudge(rubric, domain)
