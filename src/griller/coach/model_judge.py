"""The model judge: grades with a chat model, guarded by the heuristic evidence, never fails a session.

Chain: the judge model, then the ``fallback`` model, then the heuristic grader (engine
``heuristic-fallback``). Each model call has retries and a breaker (see ``griller.llm.resilience``);
a reply that is not valid JSON is repaired, then retried once quoting the error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from griller.coach.judge_schema import JudgeOutput, judge_schema
from griller.coach.prompts import Prompts, untrusted
from griller.domain.analysis import Analysis, analyse
from griller.domain.grader import combined_answer, evaluation_from
from griller.domain.guard import HARD_GAPS, guard
from griller.domain.models import AnswerInput, Evaluation
from griller.domain.rubric import Rubric
from griller.llm.base import ModelError, is_concurrent
from griller.llm.redact import redact
from griller.llm.structured import aask, ask

FALLBACK_ENGINE = "heuristic-fallback"
log = logging.getLogger(__name__)


@dataclass
class Prepared:
    analysis: Analysis
    heuristic: Evaluation
    variables: dict[str, object]
    schema: dict
    prompts: Prompts

    def messages(self, model: object) -> list[dict[str, str]]:
        """The grading prompt; short for a local model, where each prompt token costs CPU time."""
        return self.prompts.messages("evaluate", compact=not is_concurrent(model), **self.variables)


@dataclass
class ModelJudge:
    """Implements the ``Judge`` port with models (in chain order) and the heuristic as last resort."""

    models: list[object]
    rubric: Rubric
    prompts: Prompts
    domain: str | None = None
    max_tokens: int = 900
    failures: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " → ".join([str(getattr(m, "name", "?")) for m in self.models] + ["heuristic"])

    @property
    def concurrent(self) -> bool:
        """Remote models grade answers concurrently; a local model grades one at a time."""
        return bool(self.models) and all(is_concurrent(m) for m in self.models)

    def prepare(self, item: AnswerInput) -> Prepared:
        analysis = analyse(item.question, combined_answer(item), item.kind)
        heuristic = evaluation_from(item, analysis, self.rubric, self.domain)
        gap_ids = sorted(g.id for g in self.rubric.gaps.values() if analysis.kind in g.applies_to)
        variables: dict[str, object] = {
            "question": untrusted(analysis.question, 1000),
            "kind": analysis.kind,
            "answer": untrusted(analysis.text),
            "dimensions": [self.rubric.dimensions[d] for d in self.rubric.dimensions],
            "gaps": [self.rubric.gaps[g] for g in gap_ids],
            "evidence": _evidence(analysis, heuristic),
            "limits": {"quote": 160},
        }
        return Prepared(analysis, heuristic, variables, judge_schema(gap_ids), self.prompts)

    def grade(self, item: AnswerInput) -> Evaluation:
        p = self.prepare(item)
        for model in self.models:
            try:
                output = ask(model, p.messages(model), JudgeOutput, p.schema, max_tokens=self.max_tokens)
            except ModelError as exc:
                self._failed(model, exc, item.id)
                continue
            return self.finish(p, (output, model))
        return self.finish(p, None)

    async def agrade(self, item: AnswerInput) -> Evaluation:
        prepared = self.prepare(item)
        return self.finish(prepared, await self.request(prepared))

    async def request(self, p: Prepared) -> tuple[JudgeOutput, object] | None:
        """The verdict and the model that gave it, down the chain; None when every model failed."""
        for model in self.models:
            try:
                output = await aask(model, p.messages(model), JudgeOutput, p.schema, max_tokens=self.max_tokens)
            except ModelError as exc:
                self._failed(model, exc, p.heuristic.id)
                continue
            return output, model
        return None

    def finish(self, p: Prepared, reply: tuple[JudgeOutput, object] | None) -> Evaluation:
        """The verdict checked against the evidence, or the heuristic grade when no model answered."""
        if reply is None:
            return p.heuristic.model_copy(update={"engine": FALLBACK_ENGINE if self.models else "heuristic"})
        output, model = reply
        return self._guarded(output, p, model)

    def _guarded(self, output: JudgeOutput, p: Prepared, model: object) -> Evaluation:
        engine = str(getattr(model, "name", "model"))
        return guard(
            output.verdict(),
            p.heuristic,
            p.analysis,
            self.rubric,
            engine=engine,
            domain=self.domain,
        )

    def _failed(self, model: object, exc: ModelError, item_id: str) -> None:
        name, text = str(getattr(model, "name", "model")), str(exc)
        message = redact(text if text.startswith(name) else f"{name}: {text}")
        self.failures.append(f"{item_id}: {message}")
        log.warning("grading %s fell back: %s", item_id, message)


def _evidence(a: Analysis, heuristic: Evaluation) -> dict[str, object]:
    """Facts the model should not contradict: numbers, first-person actions, certain gaps."""
    concrete = [s.text for s in a.voice.i_actions if s not in a.voice.generic_i_actions]
    return {
        "word_count": a.word_count,
        "quantities": list(dict.fromkeys(s.text for s in a.quantities))[:6],
        "first_person": list(dict.fromkeys(concrete))[:4],
        "hard_gaps": [g.id for g in heuristic.gaps if g.id in HARD_GAPS],
        "injection": bool(a.injections),
    }


def make_judge(
    spec: str,
    *,
    rubric: Rubric,
    prompts: Prompts,
    domain: str | None,
    fallback: str = "",
    api_base: str = "",
    options: object | None = None,
) -> ModelJudge | None:
    """The judge for a spec and its fallback, or None when the spec is ``heuristic`` (SpecError if bad)."""
    from griller.llm.registry import BuildOptions, chain
    from griller.llm.spec import parse_spec

    if not parse_spec(spec, api_base=api_base).is_model:
        return None
    models = chain(
        [spec, fallback],
        api_base=api_base,
        options=options if isinstance(options, BuildOptions) else None,
    )
    return ModelJudge(list(models), rubric, prompts, domain) if models else None
