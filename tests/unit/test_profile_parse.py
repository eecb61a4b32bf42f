"""The pure résumé pipeline: text cleanup, sections, roles and dates, skills, claims, skill graph."""

from __future__ import annotations

import pytest

from griller.domain.dates import find_span, months_between, normalise
from griller.domain.profile import claims_of, skill_graph
from griller.domain.resume_parse import parse_resume
from griller.domain.resume_text import BULLET, clean_pages, clean_text
from griller.domain.skills import find_skills

RESUME = """# Jane Doe
Senior Backend Engineer · Berlin
jane.doe@example.com | github.com/janedoe

## Summary
Backend engineer building payment systems in Go.

## Experience
### Senior Backend Engineer, Northwind Payments (Mar 2021 – Present)
- Led the migration of the ledger to Go microservices, cutting p99 latency from 900 ms to 120 ms.
- Built a Redis cache in front of PostgreSQL that made dashboards much faster.

Acme Analytics | Backend Engineer
Jun 2018 - Feb 2021 | Remote
* Used Redis queues and Kafka to decouple the order intake from invoicing.
* Introduced Terraform for all AWS infrastructure.

## Projects
### ledgerlint — a linter for double-entry ledgers
- Wrote a rule engine in Go; 300 stars on GitHub.

## Skills
Languages: Go, Python, C++, Node.js
Infrastructure: AWS, Terraform, Kubernetes

## Education
**Technical University of Munich** — B.Sc. in Computer Science, 2012 – 2016
"""


@pytest.fixture(scope="module")
def profile():
    return parse_resume(clean_text(RESUME))


def test_name_contacts_and_summary(profile):
    assert profile.name == "Jane Doe"
    assert profile.headline.startswith("Senior Backend Engineer")
    assert any("jane.doe@example.com" in c for c in profile.contacts)
    assert profile.summary == "Backend engineer building payment systems in Go."


def test_roles_with_titles_companies_and_dates(profile):
    roles = [(r.title, r.company, r.start, r.end, r.location) for r in profile.experience]
    assert roles == [
        ("Senior Backend Engineer", "Northwind Payments", "2021-03", "present", ""),
        ("Backend Engineer", "Acme Analytics", "2018-06", "2021-02", "Remote"),
    ]
    assert profile.experience[1].bullets[0].startswith("Used Redis queues and Kafka")


def test_projects_education_and_listed_skills(profile):
    assert profile.projects[0].name == "ledgerlint"
    assert profile.projects[0].bullets == ["Wrote a rule engine in Go; 300 stars on GitHub."]
    school = profile.education[0]
    assert (school.institution, school.degree, school.start, school.end) == (
        "Technical University of Munich",
        "B.Sc. in Computer Science",
        "2012",
        "2016",
    )
    for skill in ("Go", "Python", "C++", "Node.js", "Redis", "Kafka", "Terraform", "Kubernetes"):
        assert skill in profile.skills


def test_every_bullet_is_a_claim_with_has_metric(profile):
    claims = claims_of(profile)
    assert len(claims) == 5

    def claim(start: str):
        return next(c for c in claims if c.text.startswith(start))

    assert claim("Led the migration").has_metric
    assert not claim("Built a Redis cache").has_metric
    assert claim("Wrote a rule engine").section == "projects"
    assert len({c.id for c in claims}) == 5
    assert claims == claims_of(parse_resume(clean_text(RESUME)))  # ids are stable across parses


def test_skill_graph_links_skills_to_roles_and_each_other(profile):
    links = skill_graph(profile)
    redis_roles = {link.ref for link in links if link.skill == "Redis" and link.kind == "role"}
    assert redis_roles == {"experience/0", "experience/1"}
    assert any(link.kind == "skill" and {link.skill, link.ref} == {"Redis", "Kafka"} for link in links)
    assert any(link.kind == "project" and link.skill == "Go" for link in links)


def test_cleanup_ligatures_bullets_hyphenation_and_running_lines():
    pages = [
        "Jane Doe — CV\nJane Doe\nExperience\nEngineer, Initech — 2020 – Current\n"
        "▪ Drove the ﬁnancial recon-\nciliation ﬂow.\n\uf0b7 Ran ofﬁce hours.\nPage 1 of 2",
        "Jane Doe — CV\n➢ Built a cross-\nregion failover with a multi\ufffeaccount setup.\nPage 2 of 2",
    ]
    lines = clean_pages(pages)
    assert "Jane Doe — CV" not in lines and not any(line.startswith("Page") for line in lines)
    assert f"{BULLET}Drove the financial reconciliation flow." in lines
    assert f"{BULLET}Ran office hours." in lines
    assert f"{BULLET}Built a cross-region failover with a multi-account setup." in lines


def test_pdfium_soft_hyphens_are_visible_hyphens():
    assert clean_pages(["DevOps Engineer\tSep. 2023 \u00ad Mar. 2024"]) == ["DevOps Engineer\tSep. 2023 - Mar. 2024"]


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Sep. 2023 – Mar. 2024", "2023-09", "2024-03"),
        ("Jan 2015 - Present | New York, NY", "2015-01", "present"),
        ("03/2019 to Current", "2019-03", "present"),
        ("2016–2018", "2016", "2018"),
        ("since 2020", "2020", "present"),
        ("Grad. May 2011| Kolkata, India", None, "2011-05"),
    ],
)
def test_date_spans(line, start, end):
    span = find_span(line)
    assert span is not None and (span.start, span.end) == (start, end)


def test_dates_helpers():
    assert normalise("Now") == "present" and normalise("June 2014") == "2014-06" and normalise("soon") is None
    assert months_between("2020-01", "present", (2021, 1)) == 12


def test_skills_respect_boundaries_and_case():
    assert find_skills("C++ and node.js, not Node.jsx; Go services") == ["C++", "Node.js", "Go"]
    assert find_skills("let's go to the store") == []
    assert "C" in find_skills("C, Java", listing=True) and "C" not in find_skills("Dr. C. Smith")


def test_text_without_headings_still_parses_with_a_warning():
    profile = parse_resume(clean_text("Jane Doe\nEngineer at Acme (2019 – 2021)\n- Shipped the billing API."))
    assert profile.name == "Jane Doe"
    assert profile.warnings and "no section headings" in profile.warnings[0]
