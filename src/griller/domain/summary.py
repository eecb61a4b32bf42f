"""The end-of-interview summary: scores, recurring gaps and strengths with quotes, and next drills."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from griller.domain.models import DIMENSIONS, Evaluation
from griller.domain.rubric import Rubric

# Concrete practice for each common gap: what to do before the next interview.
DRILLS = {
    "no_metrics": "Before each story, write down two numbers: the scale (users, requests, money, people) and the change you caused.",
    "no_personal_role": "Retell one team story using only sentences that start with “I”: what did you decide, build or change?",
    "no_result": "End every story with the outcome: what changed, for whom, and how you know.",
    "no_specific_example": "Pick one real project per question and name it, the date and the system before you say anything general.",
    "no_situation": "Open with one sentence of context: the team, the system, and what was at stake.",
    "no_action_detail": "List three concrete steps you took (tools, code, conversations) instead of “I handled it”.",
    "no_tradeoffs": "For every design choice, say what it costs: latency, money, complexity, or what you gave up.",
    "no_alternatives": "Name the option you did not pick and why it lost.",
    "no_learning": "Close failure stories with what you do differently now, and one time it paid off.",
    "too_short": "Aim for a 60–120 second answer: situation, two or three actions, the result.",
    "rambling": "Lead with the answer in one sentence, then give at most three supporting points.",
    "buzzwords": "Replace each buzzword with the concrete thing it stands for: a system, a number, a decision.",
    "off_topic": "Repeat the question to yourself and answer that one, even if a different story is stronger.",
    "no_tech_depth": "Explain the mechanism: which component does what, and why that makes it work.",
    "no_scalability": "Put numbers on the load and say what breaks first as it grows ten times.",
    "no_error_handling": "For each component, say what happens when it fails and how the system recovers.",
    "no_security": "Name the sensitive data and who must not reach it, then how you stop them.",
}


class GapCount(BaseModel):
    id: str
    title: str
    count: int
    quote: str
    drill: str


class Quote(BaseModel):
    text: str
    evidence: str


class SessionSummary(BaseModel):
    answered: int = 0
    skipped: int = 0
    follow_ups: int = 0
    overall: int | None = None
    dimensions: dict[str, float] = Field(default_factory=dict)
    top_gaps: list[GapCount] = Field(default_factory=list)
    strengths: list[Quote] = Field(default_factory=list)
    drills: list[str] = Field(default_factory=list)
    best: Quote | None = None


def summarize(turns: Sequence[tuple[dict[str, Any], Evaluation | None]], rubric: Rubric) -> SessionSummary:
    """Summarise a session from its (turn row, evaluation) pairs, in order."""
    graded = [(row, e) for row, e in turns if e is not None and row.get("source") != "skipped"]
    summary = SessionSummary(
        answered=sum(1 for row, _ in turns if row.get("answer") and row.get("source") != "skipped"),
        skipped=sum(1 for row, _ in turns if row.get("source") == "skipped"),
        follow_ups=sum(1 for row, _ in turns if row.get("depth", 0) > 0 and row.get("answer")),
    )
    if not graded:
        return summary
    evaluations = [e for _, e in graded]
    summary.overall = round(sum(e.overall for e in evaluations) / len(evaluations))
    summary.dimensions = {
        d: round(sum(e.scores.get(d, 0) for e in evaluations) / len(evaluations), 1) for d in DIMENSIONS
    }
    counts = Counter(g.id for e in evaluations for g in e.gaps)
    for gap_id, count in counts.most_common(5):
        findings = [g for e in evaluations for g in e.gaps if g.id == gap_id]
        quoted = next((g.evidence for g in findings if g.quoted), findings[0].evidence)
        gap = rubric.gap(gap_id)
        drill = DRILLS.get(gap_id) or (gap.description if gap else "")
        summary.top_gaps.append(
            GapCount(id=gap_id, title=gap.title if gap else gap_id, count=count, quote=quoted, drill=drill)
        )
    seen: set[str] = set()
    for e in sorted(evaluations, key=lambda e: -e.overall):
        for s in e.strengths:
            if s.text not in seen:
                seen.add(s.text)
                summary.strengths.append(Quote(text=s.text, evidence=s.evidence))
    summary.strengths = summary.strengths[:5]
    summary.drills = [g.drill for g in summary.top_gaps[:3] if g.drill]
    best_row, best = max(graded, key=lambda pair: pair[1].overall)
    summary.best = Quote(
        text=f"{best.overall}/100 — {best_row.get('question', '')}", evidence=(best_row.get("answer") or "")[:300]
    )
    return summary
