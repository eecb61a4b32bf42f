"""JSON Resume (jsonresume.org schema v1) validated and turned into a ``Profile``.

Validation follows the published schema's types (strings, lists of strings, ISO-8601 dates);
unknown keys are allowed, as the schema allows them. The first problem is reported as one line
with its JSON path ("work[0].highlights: Input should be a valid list").
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from griller.domain.dates import normalise
from griller.domain.profile import Education, Profile, Project, Role
from griller.domain.resume_parse import attach_skills
from griller.domain.skills import canonical

_ISO = re.compile(r"^(?:[12]\d{3}(?:-[01]\d(?:-[0-3]\d)?)?)$")


class JsonResumeError(ValueError):
    """The JSON is not a valid JSON Resume; the message names the first bad field."""


class _Node(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)


class _Dated(_Node):
    startDate: str | None = None
    endDate: str | None = None

    @field_validator("startDate", "endDate")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value and not _ISO.match(value):
            raise ValueError(f"date {value!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
        return value


class _Location(_Node):
    city: str | None = None
    region: str | None = None
    countryCode: str | None = None


class _Profile(_Node):
    network: str | None = None
    url: str | None = None
    username: str | None = None


class _Basics(_Node):
    name: str = Field(min_length=1)
    label: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    summary: str | None = None
    location: _Location | None = None
    profiles: list[_Profile] = Field(default_factory=list)


class _Work(_Dated):
    name: str | None = None
    position: str | None = None
    location: str | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class _Volunteer(_Dated):
    organization: str | None = None
    position: str | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class _Education(_Dated):
    institution: str | None = None
    area: str | None = None
    studyType: str | None = None
    score: str | None = None
    courses: list[str] = Field(default_factory=list)


class _Skill(_Node):
    name: str | None = None
    level: str | None = None
    keywords: list[str] = Field(default_factory=list)


class _Project(_Dated):
    name: str | None = None
    description: str | None = None
    highlights: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    url: str | None = None


class JsonResume(_Node):
    basics: _Basics
    work: list[_Work] = Field(default_factory=list)
    volunteer: list[_Volunteer] = Field(default_factory=list)
    education: list[_Education] = Field(default_factory=list)
    skills: list[_Skill] = Field(default_factory=list)
    projects: list[_Project] = Field(default_factory=list)


def validate(data: Any) -> JsonResume:
    if not isinstance(data, dict):
        raise JsonResumeError("not a JSON Resume: the top level must be an object")
    if "basics" not in data:
        raise JsonResumeError('not a JSON Resume: no "basics" object (see jsonresume.org/schema)')
    try:
        return JsonResume.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"]).lstrip(".")
        raise JsonResumeError(f"invalid JSON Resume: {where}: {error['msg']}") from None


def to_profile(resume: JsonResume) -> Profile:
    basics = resume.basics
    contacts = [c for c in (basics.email, basics.phone, basics.url) if c]
    contacts += [p.url or f"{p.network}: {p.username}" for p in basics.profiles if p.url or p.username]
    profile = Profile(name=basics.name, headline=basics.label or "", contacts=contacts, summary=basics.summary or "")
    for work in resume.work:
        bullets = ([work.summary] if work.summary and not work.highlights else []) + work.highlights
        profile.experience.append(
            Role(
                title=work.position or "",
                company=work.name or "",
                location=work.location or "",
                start=_date(work.startDate),
                end=_date(work.endDate) or ("present" if work.startDate else None),
                bullets=[b for b in bullets if b],
            )
        )
    for vol in resume.volunteer:
        profile.experience.append(
            Role(
                title=vol.position or "",
                company=vol.organization or "",
                section="volunteer",
                start=_date(vol.startDate),
                end=_date(vol.endDate) or ("present" if vol.startDate else None),
                bullets=[
                    b for b in ([vol.summary] if vol.summary and not vol.highlights else []) + vol.highlights if b
                ],
            )
        )
    for school in resume.education:
        degree = " in ".join(x for x in (school.studyType, school.area) if x)
        details = ([f"GPA {school.score}"] if school.score else []) + school.courses
        profile.education.append(
            Education(
                institution=school.institution or "",
                degree=degree,
                start=_date(school.startDate),
                end=_date(school.endDate),
                details=details,
            )
        )
    for project in resume.projects:
        profile.projects.append(
            Project(
                name=project.name or "",
                description=project.description or "",
                start=_date(project.startDate),
                end=_date(project.endDate),
                bullets=project.highlights or ([project.description] if project.description else []),
                skills=[canonical(k) for k in project.keywords],
            )
        )
    listed = [canonical(s) for skill in resume.skills for s in ([skill.name] if skill.name else []) + skill.keywords]
    attach_skills(profile, listed)
    return profile


def _date(value: str | None) -> str | None:
    return normalise(value[:7]) if value else None
