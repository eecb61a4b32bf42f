"""The interview state machine: follow-ups, budget, moving on, skipping, adaptive difficulty, replay."""

from __future__ import annotations

from griller.domain.interview import Interview, adapt_difficulty
from griller.domain.models import Evaluation, GapFinding
from griller.domain.plan import Grounding, PlannedQuestion


def question(n: int, difficulty: str = "medium", kind: str = "behavioral") -> PlannedQuestion:
    return PlannedQuestion(
        id=f"q{n}", text=f"Question {n}?", kind=kind, difficulty=difficulty, source="bank",  # type: ignore[arg-type]
        grounding=[Grounding(type="bank", ref=f"b{n}")],
    )


def evaluation(overall: int, follow_up: str | None = "How much, in numbers?", gaps: int = 1) -> Evaluation:
    return Evaluation(
        id="x", overall=overall, scores={}, follow_up=follow_up,
        gaps=[GapFinding(id="no_metrics", evidence="a lot faster", quoted=True) for _ in range(gaps)],
    )


def test_weak_answer_gets_the_follow_up_then_moves_on_when_budget_is_spent() -> None:
    machine = Interview(questions=[question(1), question(2)], max_follow_ups=1)
    assert machine.current().text == "Question 1?"
    follow = machine.record(evaluation(40))
    assert follow is not None and follow.is_follow_up and follow.text == "How much, in numbers?"
    assert follow.depth == 1 and follow.number == 1
    nxt = machine.record(evaluation(40, follow_up="Another probe?"))
    assert nxt is not None and nxt.text == "Question 2?" and nxt.depth == 0


def test_answer_that_holds_up_moves_on_even_with_a_gap() -> None:
    machine = Interview(questions=[question(1), question(2)], max_follow_ups=3)
    assert machine.record(evaluation(80)).text == "Question 2?"


def test_no_gaps_means_no_follow_up() -> None:
    machine = Interview(questions=[question(1), question(2)], max_follow_ups=3)
    assert machine.record(evaluation(30, gaps=0)).text == "Question 2?"


def test_a_follow_up_is_never_repeated() -> None:
    machine = Interview(questions=[question(1), question(2)], max_follow_ups=3)
    machine.record(evaluation(30, follow_up="Same probe?"))
    assert machine.record(evaluation(30, follow_up="Same probe?")).text == "Question 2?"


def test_finishes_after_the_last_question_and_on_end() -> None:
    machine = Interview(questions=[question(1)], max_follow_ups=0)
    assert machine.record(evaluation(30)) is None
    assert machine.finished and machine.current() is None
    other = Interview(questions=[question(1), question(2)])
    other.end()
    assert other.finished and other.current() is None


def test_skip_moves_to_the_next_main_question_from_a_follow_up() -> None:
    machine = Interview(questions=[question(1), question(2)], max_follow_ups=2)
    machine.record(evaluation(20))
    assert machine.current().is_follow_up
    assert machine.skip().text == "Question 2?"


def test_difficulty_rises_after_three_strong_answers_and_swaps_in_a_harder_bank_question() -> None:
    questions = [question(i) for i in range(1, 6)]
    reserve = [question(9, "hard")]
    machine = Interview(questions=questions, reserve=reserve, max_follow_ups=0, difficulty="medium")
    for _ in range(3):
        machine.record(evaluation(90))
    assert machine.difficulty == "hard"
    current = machine.current()
    assert current.text == "Question 9?" and current.difficulty == "hard" and current.planned_id == "q4"


def test_adapt_difficulty_needs_three_scores_and_moves_one_step() -> None:
    assert adapt_difficulty("medium", [90, 90]) == "medium"
    assert adapt_difficulty("medium", [90, 90, 90]) == "hard"
    assert adapt_difficulty("hard", [90, 95, 99]) == "hard"
    assert adapt_difficulty("medium", [30, 40, 20]) == "easy"
    assert adapt_difficulty("medium", [60, 60, 60]) == "medium"


def test_replaying_the_same_evaluations_rebuilds_the_same_state() -> None:
    script = [evaluation(30), evaluation(85), evaluation(90), evaluation(95), evaluation(20, gaps=0)]

    def run() -> Interview:
        machine = Interview(questions=[question(i) for i in range(1, 6)], reserve=[question(8, "hard")],
                            max_follow_ups=1)
        for e in script:
            machine.record(e)
        return machine

    a, b = run(), run()
    assert (a.index, a.depth, a.difficulty, a.asked) == (b.index, b.depth, b.difficulty, b.asked)
