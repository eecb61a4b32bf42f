"""Interview planning: grounded, non-repeating questions in the requested kinds and difficulty."""

from __future__ import annotations

from pathlib import Path

import pytest

from griller.domain.job import parse_job
from griller.domain.match import match
from griller.domain.plan import InterviewPlan, PlanInput, PlanSettings, build_plan
from griller.domain.profile import Profile, Role, claims_of, skill_graph
from griller.domain.resume_parse import attach_skills
from griller.domain.resume_text import clean_text
from griller.domain.rubric import load_rubric

RUBRIC = load_rubric(Path(__file__).resolve().parents[2] / "rubrics")


@pytest.fixture(scope="module")
def resume() -> tuple[Profile, list]:
    profile = Profile(
        name="Jane",
        experience=[
            Role(
                title="Senior Engineer",
                company="Northwind",
                start="2021-01",
                end="present",
                bullets=[
                    "Led the redesign of the payments API in Go, which significantly improved reliability.",
                    "Built a Redis cache for the ledger service, cutting p99 latency from 900 ms to 120 ms.",
                    "Everything that matters.",
                ],
            ),
            Role(
                title="Engineer",
                company="Acme",
                start="2017-01",
                end="2020-12",
                bullets=[
                    "Used Redis queues to decouple order intake from invoicing.",
                    "Migrated the reporting stack from cron jobs to Airflow pipelines.",
                ],
            ),
        ],
    )
    attach_skills(profile, ["Go", "Redis", "Airflow"])
    return profile, claims_of(profile)


JOB = "Backend Engineer\nRequirements:\n- Go and Redis in production\n- Kubernetes operations\n"


def _plan(resume, **settings) -> InterviewPlan:
    profile, claims = resume
    job = parse_job(clean_text(JOB))
    chosen = PlanSettings(**settings)
    return build_plan(
        PlanInput(
            profile=profile,
            claims=claims,
            links=skill_graph(profile),
            bank=list(RUBRIC.questions),
            settings=chosen,
            domain=RUBRIC.domains.get(chosen.domain),
            industry=RUBRIC.industries.get(chosen.industry),
            persona=RUBRIC.personas.get(chosen.persona),
            job=job,
            match=match(profile, claims, job, today=(2025, 1)),
            resume_id="res-1",
            job_id="job-1",
        )
    )


def test_mixed_plan_is_grounded_and_never_repeats(resume):
    plan = _plan(resume, questions=10)
    assert len(plan.questions) == 10
    assert len({q.text for q in plan.questions}) == 10
    refs = [g.ref for q in plan.questions for g in q.grounding if g.type in ("claim", "bank", "skill")]
    assert len(refs) == len(set(refs))
    assert {q.kind for q in plan.questions} == {"behavioral", "technical", "system_design", "situational"}
    assert all(q.grounding for q in plan.questions)


def test_templates_use_the_candidates_own_words(resume):
    plan = _plan(resume, questions=10)
    texts = [q.text for q in plan.questions]
    # The first question probes the high-impact, metric-less, job-relevant claim from the latest role.
    first = plan.questions[0]
    assert first.text.startswith("You wrote 'Led the redesign of the payments API in Go")
    assert first.text.endswith("What exactly did you do, and how did you measure it?")
    assert first.grounding[0].type == "claim" and first.grounding[0].ref == plan.probe_claims[0].claim_id
    assert any(t.startswith("You used Redis at both Northwind and Acme — how did the two uses differ") for t in texts)
    assert any(t.startswith("The role asks for Kubernetes; your résumé doesn't mention it.") for t in texts)
    assert plan.missing_requirements == ["Kubernetes operations"]
    assert all("Everything that matters" not in t for t in texts)  # too short to probe


def test_single_kind_and_difficulty_follow_the_settings(resume):
    plan = _plan(resume, type="system_design", difficulty="hard", questions=4)
    assert [q.kind for q in plan.questions] == ["system_design"] * 4
    assert plan.difficulty == "hard"
    assert plan.questions[0].source == "claim" and "a hundred times the load" in plan.questions[0].text
    bank = [q for q in plan.questions if q.source == "bank"]
    assert bank and bank[0].difficulty == "hard" and bank[0].grounding[0].type == "bank"


def test_persona_bias_and_bank_fallback(resume):
    plan = _plan(resume, type="behavioral", difficulty="medium", persona="challenging_lead", questions=12)
    assert plan.difficulty == "hard"  # the challenging lead pushes one level up
    assert len(plan.questions) == 12
    assert any(q.source == "bank" for q in plan.questions)


def test_plan_round_trips_as_json(resume):
    plan = _plan(resume, questions=3)
    assert InterviewPlan.model_validate_json(plan.model_dump_json()) == plan
