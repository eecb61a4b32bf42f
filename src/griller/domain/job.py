"""Job descriptions: title, seniority, requirements split into must-have and nice-to-have, key terms.

Sections are found by their headings ("Requirements", "What you'll bring", "Nice to have",
"Bonus points"...); a requirement's own words override its section ("... is a plus").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field

from griller.domain.resume_text import BULLET
from griller.domain.skills import find_skills, key

SENIORITIES = ("intern", "junior", "mid", "senior", "staff", "principal", "manager", "director")

_MUST_HEAD = re.compile(
    r"\b(?:requirements?|required|must[- ]haves?|qualifications|what you(?:'ll| will)? (?:need|bring)|"
    r"you (?:have|bring|are)|about you|who you are|what we(?:'re| are) looking for|skills|experience|"
    r"we expect|you should have|minimum|basic)\b",
    re.IGNORECASE,
)
_NICE_HEAD = re.compile(
    r"\b(?:nice[- ]to[- ]haves?|bonus(?: points)?|preferred|pluses|a plus|good to have|desirable|"
    r"extra credit|ideally|even better|would be great|not required)\b",
    re.IGNORECASE,
)
_OTHER_HEAD = re.compile(
    r"\b(?:responsibilities|what you(?:'ll| will) do|the role|about (?:us|the (?:role|team|company))|"
    r"benefits|perks|we offer|compensation|salary|how to apply|our stack|tech stack|day to day)\b",
    re.IGNORECASE,
)
_NICE_CUE = re.compile(
    r"\b(?:nice to have|a plus|bonus|preferred|preferably|ideally|desirable|is an advantage|"
    r"would be great|not required|familiarity with)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:\+\s*)?years?", re.IGNORECASE)
_TERM = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]?\d*|[A-Za-z]+\d+[A-Za-z]*)\b")
_NOT_TERMS = {
    "US",
    "EU",
    "UK",
    "OK",
    "AND",
    "OR",
    "THE",
    "IT",
    "YOU",
    "WE",
    "CV",
    "PTO",
    "EEO",
    "TBD",
    "FAQ",
    "USA",
    "CEO",
    "CTO",
    "HR",
    "API",
    "APIS",
}


class Requirement(BaseModel):
    id: str
    text: str
    kind: Literal["must", "nice"]
    skills: list[str] = Field(default_factory=list)
    years: int | None = None


class JobProfile(BaseModel):
    schema_version: int = 1
    title: str = ""
    company: str = ""
    seniority: str | None = None
    years: int | None = None
    requirements: list[Requirement] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    key_terms: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def must(self) -> list[Requirement]:
        return [r for r in self.requirements if r.kind == "must"]

    @property
    def nice(self) -> list[Requirement]:
        return [r for r in self.requirements if r.kind == "nice"]


def _heading(line: str) -> str | None:
    text = line.strip()
    if text.startswith(BULLET) or len(text) > 70 or len(text.split()) > 9 or re.search(r"\d", text):
        return None
    if not (text.endswith(":") or len(text.split()) <= 6) or text.endswith("."):
        return None
    if _NICE_HEAD.search(text):
        return "nice"
    if _OTHER_HEAD.search(text):
        return "other"
    if _MUST_HEAD.search(text):
        return "must"
    return None


def parse_job(lines: list[str]) -> JobProfile:
    job = JobProfile()
    section: str | None = None
    items: list[tuple[str, str | None]] = []
    for index, raw in enumerate(lines):
        line = raw.replace("\t", " ").strip()
        if index == 0 and not line.startswith(BULLET):
            job.title = line.rstrip(":")
            continue
        heading = _heading(line)
        if heading and not line.startswith(BULLET):
            section = heading
            continue
        text = line[len(BULLET) :].strip() if line.startswith(BULLET) else line
        if not line.startswith(BULLET) and items and items[-1][1] == section and re.match(r"^[a-z(]", text):
            items[-1] = (f"{items[-1][0]} {text}", section)  # a wrapped line
            continue
        if line.startswith(BULLET) or (section in ("must", "nice") and len(text.split()) >= 3):
            items.append((text, section))
        if not job.company:
            m = re.search(r"\b(?i:at|join)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})", line)
            if m and index < 6:
                job.company = m.group(1).rstrip(".")
    has_sections = any(s in ("must", "nice") for _, s in items)
    for text, sect in items:
        if sect == "other" or (has_sections and sect is None):
            job.responsibilities.append(text)
            continue
        kind: Literal["must", "nice"] = "nice" if sect == "nice" or _NICE_CUE.search(text) else "must"
        years = _YEARS.search(text)
        job.requirements.append(
            Requirement(
                id=f"r{len(job.requirements) + 1}",
                text=text,
                kind=kind,
                skills=find_skills(text),
                years=int(years.group(1)) if years else None,
            )
        )
    full = "\n".join(lines)
    job.years = max((r.years for r in job.requirements if r.years), default=None)
    job.seniority = seniority(job.title, full, job.years)
    job.skills = _ranked_skills(full)
    job.key_terms = _key_terms(job)
    if not job.requirements:
        job.warnings.append("no requirements found: use bullets under a 'Requirements' heading")
    return job


def seniority(title: str, text: str, years: int | None) -> str | None:
    lowered = title.lower()
    for word, level in (
        ("intern", "intern"),
        ("junior", "junior"),
        ("jr", "junior"),
        ("graduate", "junior"),
        ("principal", "principal"),
        ("staff", "staff"),
        ("director", "director"),
        ("head of", "director"),
        ("manager", "manager"),
        ("senior", "senior"),
        ("sr", "senior"),
        ("lead", "senior"),
        ("mid", "mid"),
    ):
        if re.search(rf"\b{word}\b", lowered):
            return level
    if years is not None:
        return "junior" if years <= 2 else "mid" if years <= 4 else "senior" if years <= 7 else "staff"
    m = re.search(r"\b(junior|senior|staff|principal)\b", text, re.IGNORECASE)
    return m.group(1).lower() if m else None


def _ranked_skills(text: str) -> list[str]:
    found = find_skills(text)
    counts = Counter({name: len(re.findall(re.escape(name), text, re.IGNORECASE)) or 1 for name in found})
    return [name for name, _ in counts.most_common()]


def _key_terms(job: JobProfile) -> list[str]:
    """Skills first, then product names and acronyms the vocabulary does not know (e.g. "SOC2", "gRPC")."""
    terms = list(job.skills)
    seen = {key(t) for t in terms}
    for requirement in job.requirements:
        inside = " ".join(key(s) for s in requirement.skills)
        for term in _TERM.findall(requirement.text):
            if term.endswith("s") and term[:-1].isupper():
                term = term[:-1]  # "VPCs" is the VPC term
            if (
                term.upper() in _NOT_TERMS
                or key(term) in seen
                or re.fullmatch(r"\d+\w*", term)
                or re.search(rf"\b{re.escape(key(term))}\b", inside)
            ):
                continue
            seen.add(key(term))
            terms.append(term)
    return terms
