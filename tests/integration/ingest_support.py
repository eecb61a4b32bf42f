"""Test material for ingest: résumé PDFs written with fpdf2, sample texts, and environment helpers.

The PDFs are made by the tests themselves (never copied in): a plain one, a two-column one
written row by row (the hard order), one with ligatures and odd bullet glyphs, encrypted ones,
an image-only one and a truncated one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The project's shared material sits beside the clone in CI; GRILLER_SHARED_DIR points elsewhere.
REAL_RESUMES = Path(os.environ.get("GRILLER_SHARED_DIR", REPO.parent / "shared")) / "data" / "resumes"
AWESOME = REAL_RESUMES / "awesome-cv-example-resume.pdf"
DEEDY = REAL_RESUMES / "deedy-resume-openfont.pdf"


def _weights() -> Path | None:
    # Located at import, before any fixture moves HOME or the data dir.
    try:
        from griller.retrieval.minilm import EmbedderUnavailable, locate

        return locate()
    except (EmbedderUnavailable, ImportError):
        return None


WEIGHTS = _weights()


def need_real_resumes() -> None:
    """Skip without the real PDFs of ``shared/`` beside the clone; in CI (they are always there) fail instead."""
    if not AWESOME.is_file() or not DEEDY.is_file():
        message = f"real résumé PDFs not found in {REAL_RESUMES} (set GRILLER_SHARED_DIR)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def need_weights() -> None:
    """Skip without the embedding weights locally; in CI (`make test` installs them) fail instead."""
    if WEIGHTS is None:
        message = "embedding weights not installed: run `make embeddings`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def unicode_font() -> Path | None:
    """A TTF with ligature and bullet glyphs (DejaVu Sans), from the system or matplotlib."""
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf")
    except ImportError:
        pass
    return next((p for p in candidates if p.is_file()), None)


ROLES = [
    (
        "Senior Backend Engineer",
        "Northwind Payments",
        "Berlin, Germany",
        "Mar 2021",
        "Present",
        [
            "Led the migration of the ledger service from a monolith to Go microservices, cutting p99 latency from "
            "900 ms to 120 ms.",
            "Designed an idempotent payment retry pipeline on Kafka that processes 2 million events a day.",
            "Mentored 4 engineers and ran the on-call rotation for the payments team.",
        ],
    ),
    (
        "Backend Engineer",
        "Acme Analytics",
        "Remote",
        "Jun 2018",
        "Feb 2021",
        [
            "Built a Redis cache in front of PostgreSQL for the reporting API, which made dashboards much faster.",
            "Introduced Terraform for all AWS infrastructure and wrote the modules the team still uses.",
            "Improved the CI pipeline on GitHub Actions so that builds became significantly more reliable.",
        ],
    ),
    (
        "Software Engineer",
        "Globex",
        "Austin, TX",
        "Jul 2016",
        "May 2018",
        [
            "Developed a Python ETL job with Airflow that loads 40 GB of sales data into BigQuery every night.",
            "Used Redis queues to decouple the order intake from invoice generation.",
        ],
    ),
]


def _fpdf(font: Path | None = None) -> object:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    if font is not None:
        pdf.add_font("Uni", "", str(font))
        pdf.set_font("Uni", size=10)
    else:
        pdf.set_font("Helvetica", size=10)
    return pdf


def plain_pdf(path: Path, *, pages: int = 1, encrypt_owner: str | None = None, user_password: str = "") -> Path:
    """A simple one-column résumé; ``pages=2`` repeats the experience to fill a second page."""
    pdf = _fpdf()
    pdf.set_title("Jane Doe - Resume")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Jane Doe", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, "jane.doe@example.com | +49 151 2345 6789 | github.com/janedoe", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Summary")
    pdf.multi_cell(
        0,
        5,
        "Backend engineer with eight years of experience building payment and data systems in Go and Python.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _heading(pdf, "Experience")
    for round_ in range(pages):
        for title, company, city, start, end, bullets in ROLES:
            suffix = "" if round_ == 0 else f" (earlier {round_})"
            pdf.set_font("Helvetica", "B", 11)
            pdf.cell(0, 6, f"{title} | {company}{suffix} | {city} | {start} - {end}", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=10)
            for bullet in bullets:
                pdf.multi_cell(0, 5, f"- {bullet}", new_x="LMARGIN", new_y="NEXT")
        if pages > 1 and round_ == 0:
            pdf.add_page()
    _heading(pdf, "Skills")
    pdf.multi_cell(0, 5, "Go, Python, PostgreSQL, Redis, Kafka, Terraform, AWS, Docker", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Education")
    pdf.cell(
        0, 6, "B.Sc. in Computer Science | Technical University of Munich | 2012 - 2016", new_x="LMARGIN", new_y="NEXT"
    )
    if encrypt_owner is not None:
        pdf.set_encryption(owner_password=encrypt_owner, user_password=user_password)
    pdf.output(str(path))
    return path


def _heading(pdf: object, text: str) -> None:
    pdf.ln(3)  # type: ignore[attr-defined]
    pdf.set_font("Helvetica", "B", 13)  # type: ignore[attr-defined]
    pdf.cell(0, 7, text.upper(), new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_font("Helvetica", size=10)  # type: ignore[attr-defined]


def two_column_pdf(path: Path) -> Path:
    """A sidebar (skills, education) beside the experience, written row by row across both columns,
    so the raw text order interleaves them: the parser must read the columns apart."""
    left = [
        "SKILLS",
        "Go",
        "PostgreSQL",
        "Redis",
        "Kafka",
        "Terraform",
        "",
        "EDUCATION",
        "Technical University",
        "of Munich",
        "B.Sc. Computer Science",
        "2012 - 2016",
    ]
    right = ["EXPERIENCE", "Northwind Payments | Senior Backend Engineer", "Mar 2021 - Present | Berlin, Germany"]
    for bullet in ROLES[0][5]:
        right.append("- " + bullet)
    right += ["Acme Analytics | Backend Engineer", "Jun 2018 - Feb 2021 | Remote"]
    for bullet in ROLES[1][5]:
        right.append("- " + bullet)
    pdf = _fpdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.text(15, 20, "Jane Doe")
    pdf.set_font("Helvetica", size=9)
    pdf.text(15, 27, "jane.doe@example.com | github.com/janedoe")
    y = 40.0
    wrapped_right = []
    for line in right:
        wrapped_right += _wrap(line, 68) if line.startswith("- ") else [line]
    for row in range(max(len(left), len(wrapped_right))):
        if row < len(left) and left[row]:
            pdf.text(15, y, left[row])
        if row < len(wrapped_right):
            pdf.text(75, y, wrapped_right[row])
        y += 5.5
    pdf.output(str(path))
    return path


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = "  " + word
        else:
            current = f"{current} {word}".strip() if not current.startswith("  ") else f"{current} {word}"
    lines.append(current)
    return lines


def ligature_pdf(path: Path, font: Path) -> Path:
    """Ligatures (ﬁ, ﬂ), bullets as ▪ ➢ ● glyphs, a word hyphenated across lines, a running header
    and footer with page numbers on two pages."""
    from fpdf import FPDF

    class Resume(FPDF):
        def header(self) -> None:
            self.set_font("Uni", size=8)
            self.cell(0, 5, "Jane Doe — Curriculum Vitae", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Uni", size=8)
            self.cell(0, 5, f"Page {self.page_no()} of 2")

    pdf = Resume(format="A4")
    pdf.add_font("Uni", "", str(font))
    pdf.add_page()
    pdf.set_font("Uni", size=16)
    pdf.cell(0, 9, "Jane Doe", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Uni", size=10)
    pdf.cell(0, 6, "jane.doe@example.com", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, "Experience", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Staff Engineer, Initech — Jan 2020 – Current", new_x="LMARGIN", new_y="NEXT")
    for glyph, text in (
        ("▪", "Drove the ﬁnancial reconciliation ﬂow for 12 markets using Kafka and Go."),
        ("➢", "Ran ofﬁce hours for the platform team and wrote the on-call playbook."),
    ):
        pdf.cell(0, 6, f"{glyph} {text}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "● Reduced deployment time by 35% through a complete re-", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "  architecture of the build pipeline.", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.cell(0, 6, "Software Engineer, Hooli — Sep 2016 – Dec 2019", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        6,
        "▪ Built the eﬃcient search indexer in Python that serves 300 queries per second.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(0, 8, "Skills", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Go • Python • Kafka • PostgreSQL", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """A scanned-looking résumé: one picture, no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for y in range(60, 760, 24):
        draw.rectangle((40, y, 40 + (y * 7) % 480 + 60, y + 10), fill="black")
    png = path.with_suffix(".png")
    image.save(png)
    pdf = _fpdf()
    pdf.add_page()
    pdf.image(str(png), x=10, y=10, w=190)
    pdf.output(str(path))
    png.unlink()
    return path


def truncated_pdf(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


# One bullet wraps onto a second line, as long bullets do in real résumés.
MARKDOWN_RESUME = """# Jane Doe
Senior Backend Engineer · Berlin
jane.doe@example.com | github.com/janedoe

## Summary
Backend engineer with eight years of experience building payment and data systems in Go and Python.

## Experience

### Senior Backend Engineer, Northwind Payments (Mar 2021 – Present)
- Led the migration of the ledger service from a monolith to Go microservices, cutting p99 latency
  from 900 ms to 120 ms.
- Designed an idempotent payment retry pipeline on Kafka that processes 2 million events a day.
- Mentored 4 engineers and ran the on-call rotation for the payments team.

### Backend Engineer, Acme Analytics (Jun 2018 – Feb 2021)
- Built a Redis cache in front of PostgreSQL for the reporting API, which made dashboards much faster.
- Introduced Terraform for all AWS infrastructure and wrote the modules the team still uses.
- Improved the CI pipeline on GitHub Actions so that builds became significantly more reliable.

### Software Engineer, Globex (Jul 2016 – May 2018)
- Developed a Python ETL job with Airflow that loads 40 GB of sales data into BigQuery every night.
- Used Redis queues to decouple the order intake from invoice generation.

## Projects

### ledgerlint — open-source linter for double-entry bookkeeping rules
- Wrote a rule engine in Go that checks ledgers for unbalanced entries; 300 stars on GitHub.

## Skills
Languages: Go, Python, SQL
Data: PostgreSQL, Redis, Kafka, BigQuery
Infrastructure: AWS, Terraform, Docker, Kubernetes

## Education
**Technical University of Munich** — B.Sc. in Computer Science, 2012 – 2016
"""

JOB_DESCRIPTION = """Senior Platform Engineer
Join Fintrack, a payments company, as a senior engineer on the platform team.

What you'll do:
- Run and evolve our Kubernetes platform on AWS.
- Own incident response for the payment rails.

Requirements:
- 5+ years of backend engineering experience
- Strong experience with Go and PostgreSQL
- Experience building event-driven systems with Kafka
- Infrastructure as code with Terraform
- Experience with Rust for performance-critical services

Nice to have:
- Experience with PCI DSS compliance
- Redis caching at scale
"""
