"""Interview planning as a use case: résumé + optional job + settings + rubric → ``InterviewPlan``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlite_utils

from griller.coach.library import load_job, load_resume
from griller.coach.matching import match_documents
from griller.domain.plan import InterviewPlan, PlanInput, PlanSettings, build_plan
from griller.domain.rubric import Rubric


def plan_interview(
    db: sqlite_utils.Database,
    db_path: Path | str,
    rubric: Rubric,
    settings: PlanSettings,
    resume_id: str,
    job_id: str | None = None,
    *,
    today: date | None = None,
) -> InterviewPlan:
    resume = load_resume(db, resume_id)
    job = load_job(db, job_id) if job_id else None
    report = match_documents(db, db_path, resume_id, job_id, today=today)[0] if job_id else None
    data = PlanInput(
        profile=resume.profile,
        claims=resume.claims,
        links=resume.links,
        bank=list(rubric.questions),
        settings=settings,
        domain=rubric.domains.get(settings.domain),
        industry=rubric.industries.get(settings.industry),
        persona=rubric.personas.get(settings.persona),
        job=job.job if job else None,
        match=report,
        chunk_of_claim=resume.chunk_of_claim,
        resume_id=resume.id,
        job_id=job.id if job else None,
    )
    return build_plan(data)
