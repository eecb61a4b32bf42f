"""The structured profile of a résumé: roles, projects, education, skills and claims.

Pure data plus the rules that derive claims (one per bullet) and the skill graph from it.
Parsing text into a profile lives in ``domain.resume_parse``; storage in ``store.documents``.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, Field

from griller.domain.heuristics.numbers import quantities

PROFILE_SCHEMA = 1


class Role(BaseModel):
    """One job (or research position): who, where, when, and what the candidate says they did."""

    title: str = ""
    company: str = ""
    location: str = ""
    start: str | None = None
    """``YYYY-MM`` or ``YYYY`` as written; None when the résumé gives none."""
    end: str | None = None
    """``YYYY-MM``, ``YYYY``, ``present`` for Present/Current/Now, or None."""
    section: str = "experience"
    bullets: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)

    @property
    def label(self) -> str:
        if self.title and self.company:
            return f"{self.title} at {self.company}"
        return self.title or self.company or "an unnamed role"


class Project(BaseModel):
    name: str = ""
    description: str = ""
    start: str | None = None
    end: str | None = None
    bullets: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)


class Education(BaseModel):
    institution: str = ""
    degree: str = ""
    location: str = ""
    start: str | None = None
    end: str | None = None
    details: list[str] = Field(default_factory=list)


class Claim(BaseModel):
    """A sentence the candidate wrote about themselves: every bullet becomes one."""

    id: str = ""
    """Stable within a document: derived from the text, so re-ingesting keeps ids (and statuses)."""
    text: str
    section: str
    role_ref: str | None = None
    """``experience/0``, ``projects/2``, ``education/0``: where the claim sits in the profile."""
    has_metric: bool = False


class SkillLink(BaseModel):
    """An edge of the skill graph: a skill used in a role or project, or two skills used together."""

    skill: str
    kind: Literal["role", "project", "skill"]
    ref: str
    """The role/project ref, or the other skill's name for ``kind == "skill"``."""
    label: str = ""
    weight: int = 1


class Profile(BaseModel):
    """Everything griller knows about a résumé after parsing."""

    schema_version: int = PROFILE_SCHEMA
    name: str = ""
    headline: str = ""
    contacts: list[str] = Field(default_factory=list)
    summary: str = ""
    experience: list[Role] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    other: dict[str, list[str]] = Field(default_factory=dict)
    """Sections griller does not model (awards, certificates, publications...), line by line."""
    warnings: list[str] = Field(default_factory=list)

    def entry(self, ref: str) -> Role | Project | Education | None:
        section, _, index = ref.partition("/")
        items: list = {"experience": self.experience, "projects": self.projects, "education": self.education}.get(
            section, []
        )
        return items[int(index)] if index.isdigit() and int(index) < len(items) else None

    def entry_label(self, ref: str | None) -> str:
        entry = self.entry(ref or "")
        if isinstance(entry, Role):
            return entry.company or entry.title
        if isinstance(entry, Project):
            return entry.name
        if isinstance(entry, Education):
            return entry.institution
        return ""


def claim_id(text: str, seen: set[str]) -> str:
    """A short id from the text (so it survives re-ingest), made unique within the document."""
    digest = hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()
    base = f"c{digest[:8]}"
    candidate, n = base, 1
    while candidate in seen:
        n += 1
        candidate = f"{base}-{n}"
    seen.add(candidate)
    return candidate


def claims_of(profile: Profile) -> list[Claim]:
    """One claim per bullet of every role, project and education entry, in résumé order."""
    seen: set[str] = set()
    out: list[Claim] = []

    def add(text: str, section: str, ref: str) -> None:
        out.append(
            Claim(id=claim_id(text, seen), text=text, section=section, role_ref=ref, has_metric=bool(quantities(text)))
        )

    for i, role in enumerate(profile.experience):
        for bullet in role.bullets:
            add(bullet, role.section, f"experience/{i}")
    for i, project in enumerate(profile.projects):
        for bullet in project.bullets:
            add(bullet, "projects", f"projects/{i}")
    for i, school in enumerate(profile.education):
        for detail in school.details:
            if len(detail.split()) >= 4:  # "Magna Cum Laude" is a fact, not a claim to probe
                add(detail, "education", f"education/{i}")
    return out


def skill_graph(profile: Profile) -> list[SkillLink]:
    """Skills linked to the roles/projects that used them, and to each other when used together."""
    links: list[SkillLink] = []
    together: dict[tuple[str, str], int] = {}
    entries: list[tuple[str, str, list[str]]] = [
        (f"experience/{i}", role.label, role.skills) for i, role in enumerate(profile.experience)
    ] + [(f"projects/{i}", p.name, p.skills) for i, p in enumerate(profile.projects)]
    for ref, label, skills in entries:
        kind: Literal["role", "project"] = "role" if ref.startswith("experience") else "project"
        unique = sorted(set(skills))
        links += [SkillLink(skill=s, kind=kind, ref=ref, label=label) for s in unique]
        for a_index, a in enumerate(unique):
            for b in unique[a_index + 1 :]:
                together[(a, b)] = together.get((a, b), 0) + 1
    for (a, b), weight in sorted(together.items()):
        links.append(SkillLink(skill=a, kind="skill", ref=b, weight=weight))
        links.append(SkillLink(skill=b, kind="skill", ref=a, weight=weight))
    return links
