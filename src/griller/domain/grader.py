"""The model-free grader: answer in, Evaluation out, every verdict backed by evidence."""

from __future__ import annotations

from griller.domain.analysis import Analysis, analyse
from griller.domain.findings import detect_gaps, detect_strengths
from griller.domain.followup import choose_follow_up
from griller.domain.models import DIMENSIONS, AnswerInput, Evaluation, GapFinding, Strength
from griller.domain.rubric import Rubric
from griller.domain.scoring import apply_caps, overall, raw_scores

ENGINE = "heuristic"


def combined_answer(item: AnswerInput) -> str:
    """The main answer and any follow-up answers, graded as one exchange."""
    parts = [item.answer] + [qa.answer for qa in item.follow_ups if qa.answer]
    return "\n\n".join(p for p in parts if p)


def grade(item: AnswerInput, rubric: Rubric, domain: str | None = None) -> Evaluation:
    """Grade one answer with the heuristics alone. Never raises on any text."""
    analysis = analyse(item.question, combined_answer(item), item.kind)
    return evaluation_from(item, analysis, rubric, domain)


def evaluation_from(item: AnswerInput, a: Analysis, rubric: Rubric, domain: str | None) -> Evaluation:
    findings = [f for f in detect_gaps(a) if rubric.gap(f.id) is not None]
    gap_ids = {f.id for f in findings}
    caps = []
    for f in findings:
        gap = rubric.gap(f.id)
        if gap is not None:
            caps.append((gap.lowers, gap.severity))
    scores = apply_caps(raw_scores(a), caps)
    if "too_short" in gap_ids:
        scores = {d: min(v, 4.0 if d != "relevance" else 6.0) for d, v in scores.items()}
    if "off_topic" in gap_ids:
        scores = {d: min(v, 1.0 if d == "relevance" else 3.0) for d, v in scores.items()}
    weights = rubric.domain(domain).weights.as_dict()
    # Each proven gap also costs a point per unit of severity, so the overall agrees with the gap list.
    penalty = sum(rubric.gaps[f.id].severity for f in findings)
    gaps = [GapFinding(id=f.id, title=rubric.gaps[f.id].title, evidence=f.evidence, quoted=f.quoted) for f in findings]
    flags = ["instructions_to_grader_ignored"] if a.injections else []
    return Evaluation(
        id=item.id,
        question=a.question,
        kind=a.kind,
        overall=max(0, overall(scores, weights) - penalty),
        scores={d: round(scores[d]) for d in DIMENSIONS},
        gaps=gaps,
        strengths=[Strength(text=p.text, evidence=p.evidence) for p in detect_strengths(a, gap_ids)],
        follow_up=choose_follow_up(gaps, rubric, a.question, a.kind, seed=item.id),
        word_count=a.word_count,
        flags=flags,
        engine=ENGINE,
    )
