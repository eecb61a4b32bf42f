"""Judges the services can use. The heuristic judge is the default and the last resort of every other."""

from __future__ import annotations

from dataclasses import dataclass

from griller.domain.grader import grade
from griller.domain.models import AnswerInput, Evaluation
from griller.domain.rubric import Rubric


@dataclass
class HeuristicJudge:
    """The model-free grader behind the Judge port."""

    rubric: Rubric
    domain: str | None = None
    name: str = "heuristic"

    def grade(self, item: AnswerInput) -> Evaluation:
        return grade(item, self.rubric, self.domain)
