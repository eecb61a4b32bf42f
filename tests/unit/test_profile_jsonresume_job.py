"""JSON Resume validation and conversion; job-description parsing (requirements, seniority, terms)."""

from __future__ import annotations

import pytest

from griller.domain.job import parse_job
from griller.domain.jsonresume import JsonResumeError, to_profile, validate
from griller.domain.profile import claims_of
from griller.domain.resume_text import clean_text

JSON_RESUME = {
    "basics": {
        "name": "Ada Lovelace",
        "label": "Engineer",
        "email": "ada@example.com",
        "profiles": [{"network": "GitHub", "url": "https://github.com/ada"}],
    },
    "work": [
        {
            "name": "Analytical Engines",
            "position": "Lead Engineer",
            "startDate": "2019-04",
            "highlights": ["Designed the Redis-backed job scheduler used by 12 teams.", "Led the move to Kubernetes."],
        },
        {
            "name": "Difference Co",
            "position": "Engineer",
            "startDate": "2016",
            "endDate": "2019-03-31",
            "summary": "Built billing in Python with Redis.",
        },
    ],
    "education": [
        {
            "institution": "University of London",
            "area": "Mathematics",
            "studyType": "BSc",
            "startDate": "2012",
            "endDate": "2015",
        }
    ],
    "skills": [{"name": "Backend", "keywords": ["Python", "Redis", "Kubernetes"]}],
    "projects": [{"name": "notes", "description": "A note-taking app", "keywords": ["Rust"]}],
}


def test_json_resume_becomes_a_profile():
    profile = to_profile(validate(JSON_RESUME))
    assert profile.name == "Ada Lovelace" and "ada@example.com" in profile.contacts
    lead, engineer = profile.experience
    assert (lead.title, lead.company, lead.start, lead.end) == (
        "Lead Engineer",
        "Analytical Engines",
        "2019-04",
        "present",
    )
    assert (engineer.start, engineer.end, engineer.bullets) == (
        "2016",
        "2019-03",
        ["Built billing in Python with Redis."],
    )
    assert profile.education[0].degree == "BSc in Mathematics"
    assert {"Python", "Redis", "Kubernetes", "Rust"} <= set(profile.skills)
    assert [c.has_metric for c in claims_of(profile)] == [True, False, False, False]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "top level must be an object"),
        ({"work": []}, 'no "basics"'),
        ({"basics": {"name": ""}}, "basics.name"),
        ({"basics": {"name": "A"}, "work": [{"highlights": "not a list"}]}, "work[0].highlights"),
        ({"basics": {"name": "A"}, "work": [{"startDate": "last spring"}]}, "work[0].startDate"),
    ],
)
def test_invalid_json_resumes_name_the_first_bad_field(data, message):
    with pytest.raises(JsonResumeError) as caught:
        validate(data)
    assert message in str(caught.value) and "\n" not in str(caught.value)


JOB = """Senior Platform Engineer
Join Fintrack, a payments company, as a senior engineer.

What you'll do:
- Run our Kubernetes platform on AWS.

Requirements:
- 5+ years of backend engineering experience
- Strong experience with Go and PostgreSQL
- Experience with gRPC and SOC2 audits
- Rust would be a plus

Nice to have:
- Experience with PCI DSS compliance
"""


def test_job_requirements_split_must_and_nice():
    job = parse_job(clean_text(JOB))
    assert job.title == "Senior Platform Engineer" and job.company == "Fintrack"
    assert job.seniority == "senior" and job.years == 5
    kinds = {r.text: r.kind for r in job.requirements}
    assert kinds["Strong experience with Go and PostgreSQL"] == "must"
    assert kinds["Rust would be a plus"] == "nice"  # the line's own words beat its section
    assert kinds["Experience with PCI DSS compliance"] == "nice"
    assert job.responsibilities == ["Run our Kubernetes platform on AWS."]
    assert {"Go", "PostgreSQL", "Kubernetes", "gRPC", "SOC 2", "PCI DSS"} <= set(job.key_terms)


def test_job_without_headings_classifies_bullets_by_their_words():
    job = parse_job(clean_text("Backend Developer\n- Python and Django\n- Docker is nice to have\n"))
    assert [(r.text, r.kind) for r in job.requirements] == [
        ("Python and Django", "must"),
        ("Docker is nice to have", "nice"),
    ]
    assert job.seniority is None
