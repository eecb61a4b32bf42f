"""PDF ingest on real layouts: PDFs the tests write with fpdf2, and two real LaTeX résumés."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ingest_support import AWESOME, DEEDY, ligature_pdf, need_real_resumes, plain_pdf, two_column_pdf, unicode_font

from griller.domain.profile import claims_of
from griller.ingest.documents import parse_file
from griller.ingest.errors import IngestError
from griller.ingest.pdf import plausible, read_pdf


def _roles(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    profile = parse_file(path, "resume").profile
    assert profile is not None
    return [(r.title, r.company, r.start, r.end) for r in profile.experience]


def _longest_word(texts: list[str]) -> int:
    return max((len(w) for t in texts for w in re.findall(r"[^\W\d_]+", t)), default=0)


def test_plain_generated_pdf(tmp_path):
    doc = parse_file(plain_pdf(tmp_path / "cv.pdf"), "resume")
    assert doc.extractor == "pypdfium2" and doc.profile is not None
    assert doc.profile.name == "Jane Doe"
    assert _roles(tmp_path / "cv.pdf") == [
        ("Senior Backend Engineer", "Northwind Payments", "2021-03", "present"),
        ("Backend Engineer", "Acme Analytics", "2018-06", "2021-02"),
        ("Software Engineer", "Globex", "2016-07", "2018-05"),
    ]
    claims = claims_of(doc.profile)
    assert len(claims) == 8
    assert claims[0].text.endswith("cutting p99 latency from 900 ms to 120 ms.")  # a wrapped bullet, rejoined


def test_two_column_pdf_written_row_by_row_is_read_column_by_column(tmp_path):
    doc = parse_file(two_column_pdf(tmp_path / "cols.pdf"), "resume")
    profile = doc.profile
    assert profile is not None
    assert [(r.title, r.company, r.location) for r in profile.experience] == [
        ("Senior Backend Engineer", "Northwind Payments", "Berlin, Germany"),
        ("Backend Engineer", "Acme Analytics", "Remote"),
    ]
    assert all(len(r.bullets) == 3 for r in profile.experience)
    assert {"Go", "PostgreSQL", "Redis", "Kafka", "Terraform"} <= set(profile.skills)
    school = profile.education[0]
    assert (school.institution, school.degree, school.end) == (
        "Technical University of Munich",
        "B.Sc. Computer Science",
        "2016",
    )


def test_ligatures_odd_bullets_hyphenation_headers_and_footers(tmp_path):
    font = unicode_font()
    if font is None:
        pytest.skip("no TTF with ligature glyphs (DejaVu Sans) on this machine")
    doc = parse_file(ligature_pdf(tmp_path / "lig.pdf", font), "resume")
    profile = doc.profile
    assert profile is not None and profile.name == "Jane Doe"
    assert [(r.title, r.company, r.start, r.end) for r in profile.experience] == [
        ("Staff Engineer", "Initech", "2020-01", "present"),
        ("Software Engineer", "Hooli", "2016-09", "2019-12"),
    ]
    bullets = [b for r in profile.experience for b in r.bullets]
    assert bullets == [
        "Drove the financial reconciliation flow for 12 markets using Kafka and Go.",
        "Ran office hours for the platform team and wrote the on-call playbook.",
        "Reduced deployment time by 35% through a complete rearchitecture of the build pipeline.",
        "Built the efficient search indexer in Python that serves 300 queries per second.",
    ]
    assert "Curriculum Vitae" not in doc.text and "Page 1" not in doc.text
    assert profile.skills[:4] == ["Go", "Python", "Kafka", "PostgreSQL"]


def test_encrypted_pdf_with_the_empty_user_password_opens(tmp_path):
    doc = parse_file(plain_pdf(tmp_path / "locked.pdf", encrypt_owner="owner-secret"), "resume")
    assert doc.profile is not None and len(doc.profile.experience) == 3


@pytest.mark.parametrize("make", ["password", "corrupt"])
def test_unreadable_pdfs_fail_with_one_line(tmp_path, make):
    path = tmp_path / f"{make}.pdf"
    if make == "password":
        plain_pdf(path, encrypt_owner="owner", user_password="user-secret")
        expected = "encrypted PDF that needs a password"
    else:
        path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage\n%%EOF\n")
        expected = "corrupt PDF"
    with pytest.raises(IngestError) as caught:
        read_pdf(path.read_bytes(), str(path))
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_real_awesome_cv_resume():
    need_real_resumes()
    doc = parse_file(AWESOME, "resume")
    profile = doc.profile
    assert profile is not None and profile.name == "Byungjin Park"
    assert [(r.company, r.start, r.end) for r in profile.experience] == [
        ("Dunamu Inc.", "2023-09", "2024-03"),
        ("Danggeun Pay Inc. (KarrotPay)", "2021-03", "2023-06"),
        ("Danggeun Market Inc.", "2021-02", "2021-03"),
        ("Kasa", "2018-06", "2021-01"),
        ("Omnious. Co., Ltd.", "2017-06", "2018-05"),
        ("PLAT Corp.", "2016-01", "2017-06"),
        ("R.O.K Cyber Command, MND", "2014-08", "2016-04"),
        ("ShitOne Corp.", "2011-12", "2012-02"),
    ]
    assert profile.experience[0].title == "DevOps Engineer"
    assert profile.experience[4].title == "Software Architect"
    assert all(r.location == "Seoul, S.Korea" for r in profile.experience)
    assert {"Kubernetes", "Terraform", "AWS", "Kafka", "ArgoCD", "Grafana"} <= set(profile.skills)
    claims = claims_of(profile)
    assert len(claims) == 32
    texts = [c.text for c in claims]
    assert "Saved over 30% of the overall AWS costs" in " ".join(texts)
    assert any("Consul" in t for t in texts)  # "Con-sul" across a line break, rejoined
    assert _longest_word(texts) <= 25  # words are separated (pypdf alone runs them together here)
    assert "February 10, 2026" not in doc.text  # the running footer is gone
    assert profile.education[0].degree == "B.S. in Computer Science and Engineering"


def test_real_deedy_two_column_resume():
    need_real_resumes()
    doc = parse_file(DEEDY, "resume")
    profile = doc.profile
    assert profile is not None and profile.name == "Debarghya Das"
    assert [(r.title, r.company, r.start, r.end) for r in profile.experience] == [
        ("Software Engineer", "Facebook", "2015-01", "present"),
        ("KPCB Fellow + Software Engineering Intern", "Coursera", "2014-06", "2014-09"),
        ("Software Engineering Intern", "Google", "2013-05", "2013-08"),
        ("Open Source Contributor & Team Leader", "Phabricator", "2013-01", "2013-05"),
        ("Researcher", "Cornell Robot Learning Lab", "2014-01", "2015-01"),
        ("Head Undergraduate Researcher", "Cornell Phonetics Lab", "2012-03", "2013-05"),
    ]
    texts = [c.text for c in claims_of(profile)]
    assert len(texts) >= 10
    joined = " ".join(texts)
    # pdfium alone drops these kerned spaces ("forthe", "Phabricatoris"); the rebuilt lines keep them.
    assert "interface for the new Phoenix platform" in joined and "Phabricator is used daily" in joined
    assert "Artificial Intelligence + Practicum" in doc.text  # the "ﬁ" ligature, folded
    assert _longest_word(texts) <= 25
    assert {"Java", "Python", "C++", "PHP", "JavaScript", "OCaml"} <= set(profile.skills)
    assert [e.institution for e in profile.education] == [
        "Cornell University",
        "Cornell University",
        "LA Martiniere For Boys",
    ]


def test_run_together_text_is_recognised_as_implausible():
    # What pypdf's extract_text() gives on the Awesome-CV example, against what a reader sees.
    assert not plausible(
        [
            "With 15+ years of hands-on expertise — specializing in service architecture, "
            "infrastructureoperations,andsecurityengineering—proveninscalinginfrastructureteams"
        ]
    )
    assert plausible(
        [
            "With 15+ years of hands-on expertise, specializing in service architecture, "
            "infrastructure operations, and security engineering."
        ]
    )
