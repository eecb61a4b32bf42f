"""Retrieval chunks: the pieces of a document that search returns and questions are grounded in.

One chunk per claim (prefixed with its role, so "at Kasa" and the dates are searchable with it),
one for the summary, the skills, each school, each role without bullets, each requirement, and
small groups of lines for the other sections.
"""

from __future__ import annotations

from pydantic import BaseModel

from griller.domain.job import JobProfile
from griller.domain.profile import Claim, Profile, Role

_GROUP = 4  # lines per chunk for sections griller does not model (awards, certificates...)


class Chunk(BaseModel):
    id: str
    ordinal: int
    section: str
    text: str
    claim_id: str | None = None
    role_ref: str | None = None


def _when(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    return f" ({start or '?'} – {end or '?'})"


def role_heading(role: Role) -> str:
    return f"{role.label}{_when(role.start, role.end)}"


def resume_chunks(document_id: str, profile: Profile, claims: list[Claim]) -> list[Chunk]:
    out: list[Chunk] = []

    def add(section: str, text: str, claim: Claim | None = None, ref: str | None = None) -> None:
        if text.strip():
            out.append(
                Chunk(
                    id=f"{document_id}:k{len(out)}",
                    ordinal=len(out),
                    section=section,
                    text=text.strip(),
                    claim_id=claim.id if claim else None,
                    role_ref=ref,
                )
            )

    if profile.summary:
        add("summary", f"{profile.headline}. {profile.summary}" if profile.headline else profile.summary)
    by_ref: dict[str, list[Claim]] = {}
    for claim in claims:
        by_ref.setdefault(claim.role_ref or "", []).append(claim)
    for i, role in enumerate(profile.experience):
        ref = f"experience/{i}"
        if not by_ref.get(ref):
            add(role.section, role_heading(role), ref=ref)
        for claim in by_ref.get(ref, []):
            add(role.section, f"{role_heading(role)}: {claim.text}", claim, ref)
    for i, project in enumerate(profile.projects):
        ref = f"projects/{i}"
        head = f"Project {project.name}" + (f" — {project.description}" if project.description else "")
        if not by_ref.get(ref):
            add("projects", head, ref=ref)
        for claim in by_ref.get(ref, []):
            add("projects", f"Project {project.name}: {claim.text}", claim, ref)
    for i, school in enumerate(profile.education):
        ref = f"education/{i}"
        facts = [d for d in school.details if not any(c.text == d for c in by_ref.get(ref, []))]
        add(
            "education",
            ", ".join(x for x in (school.degree, school.institution, *facts) if x) + _when(school.start, school.end),
            ref=ref,
        )
        for claim in by_ref.get(ref, []):
            add("education", f"{school.institution}: {claim.text}", claim, ref)
    if profile.skills:
        add("skills", "Skills: " + ", ".join(profile.skills))
    for section, lines in profile.other.items():
        for start in range(0, len(lines), _GROUP):
            add(section, f"{section.title()}: " + "; ".join(lines[start : start + _GROUP]))
    return out


def job_chunks(document_id: str, job: JobProfile) -> list[Chunk]:
    out: list[Chunk] = []
    for text, section in (
        [(job.title, "title")]
        + [(r.text, r.kind) for r in job.requirements]
        + [(t, "responsibility") for t in job.responsibilities]
    ):
        if text.strip():
            out.append(Chunk(id=f"{document_id}:k{len(out)}", ordinal=len(out), section=section, text=text))
    return out
