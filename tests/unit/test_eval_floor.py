"""Regression floor: the heuristic grader on answers it was never tuned on (tests/data/eval_holdout.jsonl).

The lead raises these floors as the grader improves; a change that drops below them made grading worse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from griller.coach.evalset import EvalReport, evaluate, load_labelled
from griller.coach.judges import HeuristicJudge
from griller.domain.rubric import Rubric

RANKING_FLOOR = 0.80
MICRO_F1_FLOOR = 0.55


@pytest.fixture(scope="module")
def holdout_report(repo_root: Path, shipped_rubric: Rubric) -> EvalReport:
    labelled = load_labelled(repo_root / "tests" / "data" / "eval_holdout.jsonl")
    assert len(labelled) >= 40
    return evaluate(labelled, HeuristicJudge(shipped_rubric))


def test_holdout_ranking_accuracy_floor(holdout_report: EvalReport) -> None:
    assert holdout_report.pairs >= 20
    assert holdout_report.ranking_accuracy >= RANKING_FLOOR, holdout_report.misranked


def test_holdout_gap_micro_f1_floor(holdout_report: EvalReport) -> None:
    micro = holdout_report.micro
    assert micro.tp + micro.fn >= 20  # enough labelled gaps for the figure to mean something
    assert micro.f1 >= MICRO_F1_FLOOR, holdout_report.gap_errors
