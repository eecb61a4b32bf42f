"""Job match: which requirements the résumé proves (quoting the line), which it misses, and a score.

Pure: the caller passes the résumé profile and claims, the job, and optionally semantic
neighbours found by retrieval (requirement id → [(résumé line, ref, similarity)]).
Matching order: years of experience, skills, shared content words, then semantic similarity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, Field

from griller.domain.dates import months_between
from griller.domain.job import JobProfile, Requirement
from griller.domain.profile import Claim, Profile
from griller.domain.skills import find_skills, key

WEIGHTS = {"must": 2, "nice": 1}
SEMANTIC_THRESHOLD = 0.55
# Broad skills that only count when a requirement names nothing more specific: "PCI DSS compliance"
# is not proved by the word "compliance".
GENERIC_SKILLS = frozenset(
    {
        "Compliance",
        "Security",
        "Leadership",
        "Performance",
        "Scalability",
        "Observability",
        "High Availability",
        "Networking",
        "Agile",
        "Distributed Systems",
        "System Design",
        "Caching",
        "Concurrency",
        "Mentoring",
        "Hiring",
        "Project Management",
        "Stakeholder Management",
        "Code Review",
    }
)
_STOP = set(
    "a an and are as at be by for from has have in into is it of on or our the to we with you your will "
    "experience experienced strong solid good great excellent knowledge understanding ability able "
    "work working years year plus etc using use used including least skills skill proficiency proficient "
    "familiarity familiar background hands-on deep demonstrated proven track record team teams "
    "environment environments".split()
)


class Evidence(BaseModel):
    text: str
    ref: str = ""
    """A claim id, ``experience/N`` for a role line, or ``skills`` for the skills list."""


class RequirementMatch(BaseModel):
    id: str
    text: str
    kind: Literal["must", "nice"]
    matched: bool
    how: Literal["years", "skills", "words", "semantic", "none"] = "none"
    evidence: Evidence | None = None
    missing_skills: list[str] = Field(default_factory=list)


class MatchReport(BaseModel):
    schema_version: int = 1
    resume_id: str = ""
    job_id: str = ""
    job_title: str = ""
    seniority: str | None = None
    candidate_years: float = 0.0
    score: int
    requirements: list[RequirementMatch]
    missing_terms: list[str]
    matched_skills: list[str]

    @property
    def missing(self) -> list[RequirementMatch]:
        return [r for r in self.requirements if not r.matched]


def evidence_lines(profile: Profile, claims: list[Claim]) -> list[Evidence]:
    """Every line of the résumé that can prove something, claims first."""
    lines = [Evidence(text=c.text, ref=c.id) for c in claims]
    for i, role in enumerate(profile.experience):
        lines.append(Evidence(text=f"{role.title}, {role.company}".strip(", "), ref=f"experience/{i}"))
    for i, school in enumerate(profile.education):
        lines.append(Evidence(text=f"{school.degree}, {school.institution}".strip(", "), ref=f"education/{i}"))
    if profile.summary:
        lines += [Evidence(text=s.strip(), ref="summary") for s in re.split(r"(?<=[.!?])\s+", profile.summary) if s]
    if profile.skills:
        lines.append(Evidence(text="Skills: " + ", ".join(profile.skills), ref="skills"))
    return lines


def candidate_years(profile: Profile, today: tuple[int, int]) -> float:
    """Years covered by the roles (overlapping roles count once)."""
    spans = []
    for role in profile.experience:
        months = months_between(role.start, role.end, today)
        if months and role.start:
            start = int(role.start[:4]) * 12 + (int(role.start[5:7]) if len(role.start) >= 7 else 6)
            spans.append((start, start + months))
    total, cursor = 0, None
    for start, end in sorted(spans):
        if cursor is None or start > cursor:
            total += end - start
            cursor = end
        elif end > cursor:
            total += end - cursor
            cursor = end
    return round(total / 12, 1)


def match(
    profile: Profile,
    claims: list[Claim],
    job: JobProfile,
    *,
    today: tuple[int, int],
    semantic: Mapping[str, list[tuple[str, str, float]]] | None = None,
) -> MatchReport:
    lines = evidence_lines(profile, claims)
    years = candidate_years(profile, today)
    results = [_match_one(req, lines, years, (semantic or {}).get(req.id, [])) for req in job.requirements]
    total = sum(WEIGHTS[r.kind] for r in results)
    got = sum(WEIGHTS[r.kind] for r in results if r.matched)
    resume_keys = {key(s) for s in profile.skills}
    resume_text = " ".join(e.text for e in lines).lower()
    if total:
        score = round(100 * got / total)
    else:
        wanted = list(job.skills)
        score = round(100 * sum(key(s) in resume_keys for s in wanted) / len(wanted)) if wanted else 0
    missing_terms = [t for t in job.key_terms if key(t) not in resume_keys and not _mentions(resume_text, t)]
    matched_skills = [s for s in job.skills if key(s) in resume_keys or _mentions(resume_text, s)]
    return MatchReport(
        job_title=job.title,
        seniority=job.seniority,
        candidate_years=years,
        score=score,
        requirements=results,
        missing_terms=missing_terms,
        matched_skills=matched_skills,
    )


def _mentions(text: str, term: str) -> bool:
    return bool(re.search(rf"(?<![\w+#]){re.escape(term.lower())}(?![\w+#])", text))


def _match_one(
    req: Requirement, lines: list[Evidence], years: float, neighbours: list[tuple[str, str, float]]
) -> RequirementMatch:
    base = {"id": req.id, "text": req.text, "kind": req.kind}
    if req.years and years < req.years:
        return RequirementMatch(**base, matched=False, missing_skills=list(req.skills))
    # "5+ years of backend experience" without a named skill: the roles' dates decide.
    if req.years and not req.skills:
        return RequirementMatch(
            **base,
            matched=True,
            how="years",
            evidence=Evidence(text=f"about {years:g} years across the roles listed", ref="experience"),
        )
    if req.skills:
        found = _skill_match(req, lines)
        if found is not None:
            return found
    words = _content_words(req.text)
    if len(words) >= 2:
        scored = [(len(words & _content_words(line.text)), line) for line in lines]
        overlap, line = max(scored, key=lambda pair: pair[0], default=(0, None))
        if line is not None and overlap >= max(2, (len(words) + 1) // 2):
            return RequirementMatch(**base, matched=True, how="words", evidence=line)
    for text, ref, similarity in neighbours:
        if similarity >= SEMANTIC_THRESHOLD:
            return RequirementMatch(**base, matched=True, how="semantic", evidence=Evidence(text=text, ref=ref))
    return RequirementMatch(**base, matched=False, missing_skills=list(req.skills))


def _skill_match(req: Requirement, lines: list[Evidence]) -> RequirementMatch | None:
    """Matched when enough of the requirement's specific skills appear; evidence is the best bullet."""
    wanted = [s for s in req.skills if s not in GENERIC_SKILLS] or list(req.skills)
    wanted_keys = {key(s) for s in wanted}
    per_line = [
        (line, {key(s) for s in find_skills(line.text, listing=line.ref == "skills")} & wanted_keys) for line in lines
    ]
    present = set().union(*(hits for _, hits in per_line)) if per_line else set()
    alternatives = bool(re.search(r"\bor\b|/|\bany\b|\bone of\b|\bsimilar\b", req.text, re.IGNORECASE))
    if len(present) < (1 if alternatives else max(1, (len(wanted) + 1) // 2)):
        return None
    # The best evidence is a bullet (the candidate's own words) naming the most wanted skills.
    line, _ = max(per_line, key=lambda pair: (bool(pair[1]) and pair[0].ref not in ("skills", "summary"), len(pair[1])))
    missing = [] if alternatives else [s for s in wanted if key(s) not in present]
    return RequirementMatch(
        id=req.id, text=req.text, kind=req.kind, matched=True, how="skills", evidence=line, missing_skills=missing
    )


def _content_words(text: str) -> set[str]:
    return {
        _stem(w)
        for w in re.findall(r"[a-z][a-z0-9+#.-]*[a-z0-9+#]|[a-z]", text.lower())
        if w not in _STOP and len(w) > 2
    }


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ers", "ies", "ied", "ed", "es", "er", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
