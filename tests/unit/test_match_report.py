"""Job match: matched requirements quote the résumé line, missing ones say so, the score weighs must-haves."""

from __future__ import annotations

import pytest

from griller.domain.job import parse_job
from griller.domain.match import candidate_years, match
from griller.domain.profile import Profile, Role, claims_of
from griller.domain.resume_parse import attach_skills
from griller.domain.resume_text import clean_text


@pytest.fixture
def profile() -> Profile:
    profile = Profile(
        name="Jane",
        experience=[
            Role(
                title="Senior Engineer",
                company="Northwind",
                start="2019-01",
                end="present",
                bullets=[
                    "Built the order pipeline on Kafka and Go, handling 2 million events a day.",
                    "Ran PostgreSQL upgrades with zero downtime.",
                ],
            ),
            Role(
                title="Engineer",
                company="Acme",
                start="2015-01",
                end="2019-06",
                bullets=[
                    "Wrote the reporting service in Python with a Redis cache.",
                ],
            ),
        ],
    )
    attach_skills(profile, ["Go", "Python", "Terraform"])
    return profile


JOB = """Backend Engineer
Requirements:
- 6+ years of professional experience
- Go and PostgreSQL in production
- Event streaming with Kafka or Pulsar
- Kubernetes operations
Nice to have:
- Terraform
- Rust
"""


def test_report_quotes_evidence_and_lists_missing(profile):
    report = match(profile, claims_of(profile), parse_job(clean_text(JOB)), today=(2025, 1))
    by_text = {r.text: r for r in report.requirements}
    assert by_text["6+ years of professional experience"].matched  # 10 years of roles (overlaps counted once)
    go = by_text["Go and PostgreSQL in production"]
    assert go.matched and go.how == "skills" and go.evidence is not None
    assert go.evidence.text.startswith("Built the order pipeline")
    assert by_text["Event streaming with Kafka or Pulsar"].matched  # "or": one of them is enough
    kube = by_text["Kubernetes operations"]
    assert not kube.matched and kube.missing_skills == ["Kubernetes"]
    assert by_text["Terraform"].matched and by_text["Terraform"].evidence.ref == "skills"
    assert not by_text["Rust"].matched
    # must: 3 of 4 matched (weight 2 each), nice: 1 of 2 (weight 1): (6 + 1) / (8 + 2)
    assert report.score == 70
    assert "Kubernetes" in report.missing_terms and "Rust" in report.missing_terms
    assert "Go" not in report.missing_terms


def test_years_requirement_fails_when_the_roles_are_too_short(profile):
    job = parse_job(clean_text("Staff Engineer\nRequirements:\n- 12+ years of experience\n"))
    report = match(profile, claims_of(profile), job, today=(2025, 1))
    assert not report.requirements[0].matched and report.score == 0
    assert candidate_years(profile, (2025, 1)) == 10.0


def test_semantic_neighbours_match_when_words_do_not(profile):
    job = parse_job(clean_text("Engineer\nRequirements:\n- Zero-downtime database migrations\n"))
    claims = claims_of(profile)
    plain = match(profile, claims, job, today=(2025, 1))
    assert not plain.requirements[0].matched
    near = {"r1": [("Ran PostgreSQL upgrades with zero downtime.", claims[1].id, 0.71)]}
    report = match(profile, claims, job, today=(2025, 1), semantic=near)
    assert report.requirements[0].matched and report.requirements[0].how in ("words", "semantic")
