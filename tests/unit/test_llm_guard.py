"""The guarded judge (domain/guard.py): what a model may claim, and what the evidence overrules."""

from __future__ import annotations

from pathlib import Path

import pytest

from griller.domain.analysis import analyse
from griller.domain.grader import evaluation_from
from griller.domain.guard import (
    ModelVerdict,
    VerdictGap,
    VerdictStrength,
    guard,
    plausible_question,
    quote_in,
)
from griller.domain.models import DIMENSIONS, AnswerInput
from griller.domain.rubric import Rubric, load_rubric

ROOT = Path(__file__).resolve().parents[2]
STRONG = (
    "Last year our checkout API was timing out during sales. I profiled the service, found an N+1 query "
    "in the basket code, and I rewrote it as a single join. I also added a Redis cache for prices. "
    "We cut p99 from 900 ms to 120 ms and checkout errors dropped by 40%."
)
QUESTION = "Tell me about a time you improved the performance of a system."


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(ROOT / "rubrics")


def run(rubric: Rubric, verdict: ModelVerdict, answer: str = STRONG, question: str = QUESTION):
    item = AnswerInput(id="q", question=question, answer=answer)
    analysis = analyse(question, answer)
    heuristic = evaluation_from(item, analysis, rubric, None)
    return heuristic, guard(verdict, heuristic, analysis, rubric, engine="litellm:test")


def verdict(score: int = 6, **kwargs: object) -> ModelVerdict:
    return ModelVerdict(scores=dict.fromkeys(DIMENSIONS, score), **kwargs)


def test_quote_matching_ignores_case_space_and_curly_quotes() -> None:
    assert quote_in("  I PROFILED the   service", STRONG)
    assert quote_in("“cut p99 from 900 ms to 120 ms”", STRONG)
    assert quote_in("I profiled the service ... a single join", STRONG)
    assert not quote_in("I led a team of 50 engineers", STRONG)
    assert not quote_in("a", STRONG)  # too short to prove anything


def test_fabricated_strength_is_dropped_and_listed(rubric: Rubric) -> None:
    _, result = run(
        rubric,
        verdict(
            strengths=[
                VerdictStrength(text="Leadership", quote="I led a team of 50 engineers"),
                VerdictStrength(text="Measured", quote="cut p99 from 900 ms to 120 ms"),
            ]
        ),
    )
    assert [s.text for s in result.strengths] == ["Measured"]
    assert any(o.kind == "strength" and "not in the answer" in o.reason for o in result.overruled)
    assert result.engine == "litellm:test"


def test_no_metrics_refuted_by_numbers(rubric: Rubric) -> None:
    heuristic, result = run(rubric, verdict(score=2, gaps=[VerdictGap(id="no_metrics", evidence="no numbers")]))
    assert "no_metrics" not in result.gap_ids
    reason = next(o.reason for o in result.overruled if o.id == "no_metrics")
    assert "numbers" in reason and "900" in reason
    # The scores the false gap would lower are held near the heuristic's.
    assert result.scores["impact"] >= heuristic.scores["impact"] - 2


def test_no_personal_role_refuted_by_first_person_actions(rubric: Rubric) -> None:
    _, result = run(rubric, verdict(gaps=[VerdictGap(id="no_personal_role", evidence="only 'we'")]))
    assert "no_personal_role" not in result.gap_ids
    assert any(o.id == "no_personal_role" for o in result.overruled)


def test_too_short_claimed_on_a_long_answer_is_dropped(rubric: Rubric) -> None:
    _, result = run(rubric, verdict(gaps=[VerdictGap(id="too_short", evidence="short")]))
    assert "too_short" not in result.gap_ids


def test_hard_gap_kept_and_scores_held_whatever_the_model_says(rubric: Rubric) -> None:
    heuristic, result = run(
        rubric,
        verdict(score=10, strengths=[VerdictStrength(text="Clear", quote="I fixed it")]),
        answer="I fixed it.",
    )
    assert "too_short" in heuristic.gap_ids
    assert "too_short" in result.gap_ids
    assert result.strengths == []
    for d in DIMENSIONS:
        assert result.scores[d] <= heuristic.scores[d] + 1
    assert any(o.kind == "score" for o in result.overruled)
    assert result.overall < 50


def test_unknown_gap_and_out_of_range_scores(rubric: Rubric) -> None:
    v = ModelVerdict(
        scores={**dict.fromkeys(DIMENSIONS, 5), "clarity": 14, "depth": -3},
        gaps=[VerdictGap(id="made_up_gap", evidence="x")],
    )
    _, result = run(rubric, v)
    assert result.scores["clarity"] == 10 and result.scores["depth"] == 0
    assert any(o.id == "made_up_gap" and "rubric" in o.reason for o in result.overruled)


def test_kept_gap_and_model_follow_up(rubric: Rubric) -> None:
    follow = "How did you decide between the join and a denormalised table?"
    _, result = run(
        rubric,
        verdict(
            gaps=[VerdictGap(id="no_tradeoffs", evidence="No downside is mentioned.")],
            follow_up=follow,
        ),
    )
    assert "no_tradeoffs" in result.gap_ids
    assert result.follow_up == follow
    assert 0 <= result.overall <= 100


def test_implausible_follow_up_replaced() -> None:
    assert not plausible_question("1.3")
    assert not plausible_question("\x03\x06 gm ? I \x0e u?")
    assert plausible_question("What did you measure, and how?")


def test_zeros_on_a_strong_answer_are_raised_where_the_evidence_is_hard(rubric: Rubric) -> None:
    """SmolLM2-135M scored a quantified, first-person answer 0 everywhere: the evidence floors it."""
    heuristic, result = run(rubric, verdict(score=0))
    for d in ("impact", "specificity", "ownership"):
        assert result.scores[d] >= heuristic.scores[d] - 2 > 0
        assert any(o.kind == "score" and o.id == d for o in result.overruled)
    assert result.scores["clarity"] == 0  # no hard evidence about clarity: the model's call stands
