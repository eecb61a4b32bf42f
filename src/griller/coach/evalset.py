"""Measuring the grader on labelled answers: pairwise ranking accuracy and per-gap precision/recall/F1."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from griller.domain.models import AnswerInput, Evaluation, Kind
from griller.domain.ports import Judge


class LabelledAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    question_id: str
    question: str
    kind: Kind | None = None
    role: str | None = None
    answer: str
    rank: int = Field(ge=1)
    gaps: list[str] = Field(default_factory=list)
    speech: bool = False

    def as_input(self) -> AnswerInput:
        return AnswerInput(id=self.id, question=self.question, answer=self.answer, kind=self.kind, role=self.role)


@dataclass
class GapScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    answers: int = 0
    pairs: int = 0
    correct_pairs: float = 0.0
    gaps: dict[str, GapScore] = field(default_factory=dict)
    misranked: list[tuple[str, str, int, int]] = field(default_factory=list)
    gap_errors: list[tuple[str, str, str]] = field(default_factory=list)  # (answer id, gap, "fp"|"fn")

    @property
    def ranking_accuracy(self) -> float:
        return self.correct_pairs / self.pairs if self.pairs else 0.0

    @property
    def micro(self) -> GapScore:
        total = GapScore()
        for s in self.gaps.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.gaps.values()) / len(self.gaps) if self.gaps else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "answers": self.answers,
            "pairs": self.pairs,
            "ranking_accuracy": round(self.ranking_accuracy, 4),
            "gap_micro": _score_dict(self.micro),
            "gap_macro_f1": round(self.macro_f1, 4),
            "gaps": {g: _score_dict(s) for g, s in sorted(self.gaps.items())},
        }


def _score_dict(s: GapScore) -> dict[str, float | int]:
    return {
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
    }


def load_labelled(path: Path) -> list[LabelledAnswer]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip():
            try:
                out.append(LabelledAnswer.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValueError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
    return out


def evaluate(labelled: list[LabelledAnswer], judge: Judge) -> EvalReport:
    """Grade every labelled answer and compare with the labels.

    Gap metrics cover the gap ids that occur in the labels, so a label set that never marks a
    gap does not count the grader's findings of it as false positives.
    """
    report = EvalReport(answers=len(labelled))
    results: dict[str, Evaluation] = {item.id: judge.grade(item.as_input()) for item in labelled}
    vocabulary = {g for item in labelled for g in item.gaps}
    report.gaps = {g: GapScore() for g in sorted(vocabulary)}
    for item in labelled:
        predicted = set(results[item.id].gap_ids) & vocabulary
        expected = set(item.gaps)
        for gap in vocabulary:
            score = report.gaps[gap]
            if gap in predicted and gap in expected:
                score.tp += 1
            elif gap in predicted:
                score.fp += 1
                report.gap_errors.append((item.id, gap, "fp"))
            elif gap in expected:
                score.fn += 1
                report.gap_errors.append((item.id, gap, "fn"))
    by_question: dict[str, list[LabelledAnswer]] = defaultdict(list)
    for item in labelled:
        by_question[item.question_id].append(item)
    for group in by_question.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first.rank == second.rank:
                    continue
                better, worse = (first, second) if first.rank < second.rank else (second, first)
                report.pairs += 1
                hi, lo = results[better.id].overall, results[worse.id].overall
                if hi > lo:
                    report.correct_pairs += 1
                elif hi == lo:
                    report.correct_pairs += 0.5
                else:
                    report.misranked.append((better.id, worse.id, hi, lo))
    return report
