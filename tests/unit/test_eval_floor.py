"""Regression floors: the heuristic grader on every labelled set in tests/data/.

The held-out set (eval_holdout.jsonl) is the honest figure: the grader was never tuned on its answers.
eval_dev3.jsonl was written before the 2026-11-22 grader changes and only checked against them. The lead
raises these floors as the grader improves (a little under the measured figures); a change that drops
below one made grading worse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from griller.coach.evalset import EvalReport, evaluate, load_labelled
from griller.coach.judges import HeuristicJudge
from griller.domain.rubric import Rubric

# set: (ranking accuracy floor, gap micro-F1 floor). Measured 2026-11-22 in the comments.
FLOORS = {
    "eval_holdout.jsonl": (0.88, 0.62),  # 0.910, 0.667
    "eval_dev.jsonl": (0.90, 0.84),  # 0.934, 0.883
    "eval_dev2.jsonl": (0.86, 0.85),  # 0.892, 0.888
    "eval_dev3.jsonl": (0.90, 0.76),  # 0.929, 0.804
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def report(request: pytest.FixtureRequest, repo_root: Path, shipped_rubric: Rubric) -> tuple[str, EvalReport]:
    name = request.param
    labelled = load_labelled(repo_root / "tests" / "data" / name)
    assert len(labelled) >= 40
    return name, evaluate(labelled, HeuristicJudge(shipped_rubric))


def test_ranking_accuracy_floor(report: tuple[str, EvalReport]) -> None:
    name, r = report
    assert r.pairs >= 20
    assert r.ranking_accuracy >= FLOORS[name][0], r.misranked


def test_gap_micro_f1_floor(report: tuple[str, EvalReport]) -> None:
    name, r = report
    micro = r.micro
    assert micro.tp + micro.fn >= 20  # enough labelled gaps for the figure to mean something
    assert micro.f1 >= FLOORS[name][1], r.gap_errors


def test_the_makefile_evaluates_every_labelled_set(repo_root: Path) -> None:
    eval_line = next(line for line in (repo_root / "Makefile").read_text().splitlines() if "griller eval" in line)
    for name in FLOORS:
        assert f"tests/data/{name}" in eval_line
