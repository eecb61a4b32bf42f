"""Interview planning: which questions to ask this candidate, in what order, and why.

``build_plan`` is pure. It takes the parsed résumé (profile, claims, skill graph), an optional
job and match report, the rubric's question bank and the interview settings, and returns an
``InterviewPlan`` whose every question records its grounding (claim, chunk, requirement, skill or
bank id) so the live interview can show why it was asked and the review can trace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from griller.domain import plan_templates as t
from griller.domain.job import JobProfile
from griller.domain.match import MatchReport
from griller.domain.models import KINDS, Difficulty, Kind
from griller.domain.profile import Claim, Profile, SkillLink
from griller.domain.rubric import BankQuestion, Domain, Industry, Persona
from griller.domain.skills import key

PLAN_SCHEMA = 1
PlanType = Literal["behavioral", "technical", "system_design", "situational", "mixed"]
_LEVELS: tuple[Difficulty, ...] = ("easy", "medium", "hard")
# The order a mixed interview walks through kinds: résumé stories first, design in the middle.
_MIXED: tuple[Kind, ...] = (
    "behavioral",
    "technical",
    "system_design",
    "behavioral",
    "situational",
    "technical",
    "behavioral",
    "system_design",
    "situational",
    "technical",
)


class Grounding(BaseModel):
    """What a question stands on: the candidate's words, a job requirement, a skill, or the bank."""

    type: Literal["claim", "chunk", "requirement", "skill", "bank", "industry"]
    ref: str
    """Claim id, chunk id, requirement id, skill name, bank question id or industry id."""
    quote: str = ""


class PlannedQuestion(BaseModel):
    id: str
    text: str
    kind: Kind
    difficulty: Difficulty
    source: Literal["claim", "skill", "requirement", "bank", "industry"]
    grounding: list[Grounding] = Field(min_length=1)
    reason: str = ""
    topics: list[str] = Field(default_factory=list)
    expected_points: list[str] = Field(default_factory=list)


class PlanSettings(BaseModel):
    type: PlanType = "mixed"
    difficulty: Difficulty = "medium"
    questions: int = Field(5, ge=1, le=50)
    domain: str = "general"
    industry: str = "general"
    persona: str = "professional_hr"


class InterviewPlan(BaseModel):
    """What the live interview consumes: questions in order, plus the material behind them."""

    schema_version: int = PLAN_SCHEMA
    resume_id: str = ""
    job_id: str | None = None
    settings: PlanSettings
    difficulty: Difficulty
    """The starting difficulty after the persona's bias."""
    questions: list[PlannedQuestion]
    probe_claims: list[t.ProbeClaim] = Field(default_factory=list)
    missing_requirements: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


@dataclass
class PlanInput:
    profile: Profile
    claims: list[Claim]
    links: list[SkillLink]
    bank: list[BankQuestion]
    settings: PlanSettings
    domain: Domain | None = None
    industry: Industry | None = None
    persona: Persona | None = None
    job: JobProfile | None = None
    match: MatchReport | None = None
    chunk_of_claim: dict[str, str] = field(default_factory=dict)
    resume_id: str = ""
    job_id: str | None = None


def build_plan(data: PlanInput) -> InterviewPlan:
    settings = data.settings
    level = _biased(settings.difficulty, data.persona)
    job_skills = data.job.skills if data.job else []
    ranked = t.rank_claims(data.profile, data.claims, job_skills)
    pools = _Pools(data, level, ranked)
    kinds = _kinds(settings)
    chosen: list[PlannedQuestion] = []
    for kind in kinds:
        question = pools.next(kind)
        if question is None:  # this kind ran dry: borrow from the others rather than ask fewer
            question = next((q for k in KINDS if (q := pools.next(k)) is not None), None)
        if question is None:
            break
        chosen.append(question.model_copy(update={"id": f"q{len(chosen) + 1}"}))
    notes = []
    if len(chosen) < settings.questions:
        notes.append(f"only {len(chosen)} distinct questions available for these settings")
    if not data.claims:
        notes.append("the résumé has no bullets to ground questions in; most questions come from the bank")
    missing = [r.text for r in data.match.missing] if data.match else []
    return InterviewPlan(
        resume_id=data.resume_id,
        job_id=data.job_id,
        settings=settings,
        difficulty=level,
        questions=chosen,
        probe_claims=ranked[:10],
        missing_requirements=missing,
        notes=notes,
    )


def _biased(level: Difficulty, persona: Persona | None) -> Difficulty:
    index = _LEVELS.index(level) + (persona.difficulty_bias if persona else 0)
    return _LEVELS[max(0, min(2, index))]


def _kinds(settings: PlanSettings) -> list[Kind]:
    if settings.type != "mixed":
        return [settings.type] * settings.questions
    return [_MIXED[i % len(_MIXED)] for i in range(settings.questions)]


class _Pools:
    """Candidate questions per kind, best first; ``next`` hands out each at most once."""

    def __init__(self, data: PlanInput, level: Difficulty, ranked: list[t.ProbeClaim]) -> None:
        self.data, self.level = data, level
        self.used_refs: set[str] = set()
        self.used_texts: set[str] = set()
        claims = {c.id: c for c in data.claims}
        self.top_claims = [claims[p.claim_id] for p in ranked if p.claim_id in claims]
        self.reasons = {p.claim_id: ", ".join(p.reasons) for p in ranked}
        self.pools: dict[str, list[PlannedQuestion]] = {
            "behavioral": self._behavioral(),
            "technical": self._technical(),
            "system_design": self._design(),
            "situational": self._situational(),
        }

    def next(self, kind: str) -> PlannedQuestion | None:
        pool = self.pools.get(kind, [])
        while pool:
            question = pool.pop(0)
            refs = {g.ref for g in question.grounding if g.type != "requirement"}
            text_key = re.sub(r"\W+", " ", question.text.lower()).strip()
            if refs & self.used_refs or text_key in self.used_texts:
                continue  # no repeats: one question per claim, skill, bank entry
            self.used_refs |= refs
            self.used_texts.add(text_key)
            return question
        return None

    def _claim_grounding(self, claim: Claim) -> list[Grounding]:
        out = [Grounding(type="claim", ref=claim.id, quote=claim.text)]
        if claim.id in self.data.chunk_of_claim:
            out.append(Grounding(type="chunk", ref=self.data.chunk_of_claim[claim.id], quote=claim.text))
        return out

    def _q(
        self,
        text: str,
        kind: Kind,
        source: str,
        grounding: list[Grounding],
        reason: str,
        topics: list[str] | None = None,
        difficulty: Difficulty | None = None,
        expected: list[str] | None = None,
    ) -> PlannedQuestion:
        return PlannedQuestion(
            id="",
            text=text,
            kind=kind,
            difficulty=difficulty or self.level,
            source=source,  # type: ignore[arg-type]
            grounding=grounding,
            reason=reason,
            topics=topics or [],
            expected_points=expected or [],
        )

    def _behavioral(self) -> list[PlannedQuestion]:
        out = [
            self._q(
                t.claim_question(c, self.level),
                "behavioral",
                "claim",
                self._claim_grounding(c),
                f"claim worth probing: {self.reasons.get(c.id, '')}".rstrip(": "),
            )
            for c in self.top_claims
        ]
        if self.data.match:
            for req in self.data.match.requirements:
                if req.matched and req.evidence and req.how != "years":
                    ground = [Grounding(type="requirement", ref=req.id, quote=req.text)]
                    if ":" in req.evidence.ref:  # a claim id (role lines are "experience/N")
                        ground.append(Grounding(type="claim", ref=req.evidence.ref, quote=req.evidence.text))
                    out.insert(
                        min(2, len(out)),
                        self._q(
                            t.matched_requirement_question(req.text, req.evidence.text),
                            "behavioral",
                            "requirement",
                            ground,
                            f"job requirement ({req.kind}) the résumé backs up",
                        ),
                    )
        return out + self._bank("behavioral")

    def _technical(self) -> list[PlannedQuestion]:
        out: list[PlannedQuestion] = []
        wanted = {key(s) for s in (self.data.job.skills if self.data.job else [])}
        places: dict[str, list[str]] = {}
        for link in self.data.links:
            if link.kind in ("role", "project"):
                label = self.data.profile.entry_label(link.ref) or link.label
                if label and label not in places.setdefault(link.skill, []):
                    places[link.skill].append(label)
        skills = sorted(places, key=lambda s: (-(key(s) in wanted), -len(places[s]), s))
        for skill in skills:
            where = places[skill]
            grounding = [Grounding(type="skill", ref=skill, quote=", ".join(where))]
            if len(where) >= 2:
                out.append(
                    self._q(
                        t.shared_skill_question(skill, where[:3]),
                        "technical",
                        "skill",
                        grounding,
                        f"{skill} appears in {len(where)} roles/projects",
                        [skill],
                    )
                )
            elif key(skill) in wanted or len(out) < 6:
                out.append(
                    self._q(
                        t.single_skill_question(skill, where[0], self.level),
                        "technical",
                        "skill",
                        grounding,
                        "skill the job asks for" if key(skill) in wanted else "listed skill",
                        [skill],
                    )
                )
        out.sort(key=lambda q: -(key(q.topics[0]) in wanted) if q.topics else 0)
        return out + self._bank("technical")

    def _design(self) -> list[PlannedQuestion]:
        out = [
            self._q(
                t.design_question(c, self.level),
                "system_design",
                "claim",
                self._claim_grounding(c),
                "a system the candidate says they built",
            )
            for c in self.top_claims
            if t._DESIGN.search(c.text) and len(c.text.split()) >= 7
        ]
        return out[:4] + self._bank("system_design")

    def _situational(self) -> list[PlannedQuestion]:
        out: list[PlannedQuestion] = []
        if self.data.match:
            for req in self.data.match.missing:
                skill = req.missing_skills[0] if req.missing_skills else None
                out.append(
                    self._q(
                        t.missing_requirement_question(req.text, skill),
                        "situational",
                        "requirement",
                        [Grounding(type="requirement", ref=req.id, quote=req.text)],
                        f"{'must-have' if req.kind == 'must' else 'nice-to-have'} the résumé does not show",
                    )
                )
            out.sort(key=lambda q: 0 if "must-have" in q.reason else 1)
        industry = self.data.industry
        if industry and industry.id != "general" and industry.question_templates:
            text = " ".join([self.data.profile.summary, *(c.text for c in self.data.claims)]).lower()
            topics = sorted(industry.key_topics, key=lambda topic: topic.lower() not in text)
            for template, topic in zip(industry.question_templates, topics * 3, strict=False):
                kind: Kind = "behavioral" if re.match(r"(?:tell me|describe)", template, re.I) else "situational"
                if kind == "situational":
                    out.append(
                        self._q(
                            template.format(topic=topic),
                            kind,
                            "industry",
                            [Grounding(type="industry", ref=industry.id, quote=topic)],
                            f"{industry.title} topic",
                            [topic],
                        )
                    )
        return out + self._bank("situational")

    def _bank(self, kind: Kind) -> list[PlannedQuestion]:
        domain = self.data.domain.id if self.data.domain else "general"
        skills = {key(s) for s in self.data.profile.skills} | {
            key(s) for s in (self.data.job.skills if self.data.job else [])
        }
        candidates = [
            q
            for q in self.data.bank
            if q.kind == kind and (domain == "general" or domain in q.roles or "any" in q.roles)
        ]

        def rank(q: BankQuestion) -> tuple[int, int, str]:
            overlap = sum(1 for topic in q.topics if any(word in skills for word in re.split(r"[-\s]", topic.lower())))
            return (abs(_LEVELS.index(q.difficulty) - _LEVELS.index(self.level)), -overlap, q.id)

        return [
            self._q(
                q.text,
                kind,
                "bank",
                [Grounding(type="bank", ref=q.id, quote=q.text)],
                "from the question bank",
                q.topics,
                q.difficulty,
                q.expected_points,
            )
            for q in sorted(candidates, key=rank)
        ]
