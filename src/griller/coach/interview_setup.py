"""Turning interview settings (and an optional résumé and job) into ``SessionOptions``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from griller.coach.interviewing import SessionOptions
from griller.domain.plan import Grounding, InterviewPlan, PlanInput, PlannedQuestion, PlanSettings, build_plan
from griller.domain.profile import Profile
from griller.domain.rubric import Rubric


@dataclass
class InterviewRequest:
    type: str = "mixed"
    difficulty: str = "medium"
    questions: int = 5
    persona: str = "professional_hr"
    domain: str = "general"
    industry: str = "general"
    resume_id: str | None = None
    job_id: str | None = None
    speak: bool = False
    """Read the questions aloud (``--speak``, ``[speech] speak_questions``, the setup screen's switch)."""


class SetupError(ValueError):
    """The requested interview cannot be set up; the message says what to change."""


def validate(request: InterviewRequest, rubric: Rubric) -> None:
    for name, value, known in (
        ("persona", request.persona, rubric.personas),
        ("domain", request.domain, rubric.domains),
        ("industry", request.industry, rubric.industries),
    ):
        if value not in known:
            raise SetupError(f"unknown {name} {value!r}; choose from {', '.join(sorted(known))}")
    if request.questions < 1:
        raise SetupError("--questions must be at least 1")


def plan_for(
    request: InterviewRequest,
    rubric: Rubric,
    db: sqlite_utils.Database | None = None,
    db_path: Path | str | None = None,
) -> InterviewPlan:
    """A plan from the résumé (and job) when given, otherwise from the question bank alone."""
    settings = PlanSettings(
        type=request.type,
        difficulty=request.difficulty,
        questions=request.questions,  # type: ignore[arg-type]
        domain=request.domain,
        industry=request.industry,
        persona=request.persona,
    )
    if request.resume_id and db is not None and db_path is not None:
        from griller.coach.planning import plan_interview

        return plan_interview(db, db_path, rubric, settings, request.resume_id, request.job_id)
    data = PlanInput(
        profile=Profile(),
        claims=[],
        links=[],
        bank=list(rubric.questions),
        settings=settings,
        domain=rubric.domains.get(request.domain),
        industry=rubric.industries.get(request.industry),
        persona=rubric.personas.get(request.persona),
    )
    return build_plan(data)


def options_for(request: InterviewRequest, rubric: Rubric, plan: InterviewPlan) -> SessionOptions:
    validate(request, rubric)
    if not plan.questions:
        raise SetupError("no questions match these settings; try --type mixed or another --domain")
    persona = rubric.personas[request.persona]
    used = {g.ref for q in plan.questions for g in q.grounding if g.type == "bank"}
    kinds = {q.kind for q in plan.questions}
    reserve = [
        PlannedQuestion(
            id=f"r-{q.id}",
            text=q.text,
            kind=q.kind,
            difficulty=q.difficulty,
            source="bank",
            grounding=[Grounding(type="bank", ref=q.id, quote=q.text)],
            reason="from the question bank",
            topics=list(q.topics),
            expected_points=list(q.expected_points),
        )
        for q in rubric.questions
        if q.id not in used
        and q.kind in kinds
        and (request.domain in q.roles or "any" in q.roles or request.domain == "general")
    ]
    return SessionOptions(
        questions=plan.questions,
        reserve=reserve,
        persona=request.persona,
        domain=request.domain,
        industry=request.industry,
        difficulty=plan.difficulty,
        max_follow_ups=persona.max_follow_ups,
        resume_id=request.resume_id,
        job_id=request.job_id,
        extra={"type": request.type, "notes": plan.notes, "speak": request.speak},
    )
