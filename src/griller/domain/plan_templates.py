"""Model-free question templates grounded in the candidate's own words, and how claims are ranked.

A claim is worth probing first when it is high-impact (led, designed, migrated, saved...),
has no number behind it, sits in a recent role, and touches what the job asks for.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from griller.domain.heuristics.numbers import quantities
from griller.domain.profile import Claim, Profile
from griller.domain.skills import find_skills, key

_IMPACT = re.compile(
    r"\b(?:led|lead|owned|designed|architected|built|created|launched|shipped|migrated|scaled|founded|"
    r"introduced|established|implemented|reduced|cut|saved|increased|improved|grew|drove|delivered|"
    r"automated|rewrote|optimi[sz]ed|managed|mentored|hired|provisioned|spearheaded|initiated)\b",
    re.IGNORECASE,
)
_DESIGN = re.compile(
    r"\b(?:designed|architected|built|migrated|scaled|provisioned|implemented|rewrote|developed|deployed|"
    r"architecture|system|pipeline|platform|infrastructure|service|framework|api)\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"\b(?:significantly|greatly|dramatically|improved|enhanced|efficient|better|faster)\b", re.I)


class ProbeClaim(BaseModel):
    """A claim ranked for probing, with the reasons that put it there."""

    claim_id: str
    text: str
    score: float
    reasons: list[str] = Field(default_factory=list)
    role_ref: str | None = None


def rank_claims(profile: Profile, claims: list[Claim], job_skills: list[str]) -> list[ProbeClaim]:
    wanted = {key(s) for s in job_skills}
    ranked = []
    for claim in claims:
        words = len(claim.text.split())
        if words < 5:
            continue  # "Everything that matters." gives an interviewer nothing to hold on to
        score, reasons = 0.0, []
        if _IMPACT.search(claim.text):
            score += 2.0
            reasons.append("high impact")
        if not claim.has_metric:
            score += 1.5
            reasons.append("no metric")
            if _VAGUE.search(claim.text):
                score += 0.5
                reasons.append("vague improvement")
        relevant = [s for s in find_skills(claim.text) if key(s) in wanted]
        if relevant:
            score += min(3, len(relevant)) * 1.0
            reasons.append("relevant to the job: " + ", ".join(relevant[:3]))
        index = _role_index(claim.role_ref)
        if index is not None and claim.section in ("experience", "research"):
            score += max(0.0, 1.0 - 0.25 * index)
            if index == 0:
                reasons.append("most recent role")
        ranked.append(
            ProbeClaim(
                claim_id=claim.id, text=claim.text, score=round(score, 2), reasons=reasons, role_ref=claim.role_ref
            )
        )
    return sorted(ranked, key=lambda c: -c.score)


def _role_index(ref: str | None) -> int | None:
    if ref and ref.startswith("experience/"):
        return int(ref.split("/")[1])
    return None


def quote(text: str, limit: int = 110) -> str:
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def claim_question(claim: Claim, difficulty: str) -> str:
    said = quote(claim.text)
    metrics = quantities(claim.text)
    if difficulty == "easy":
        return f"You wrote '{said}'. What was the situation, and what did you do yourself?"
    if metrics:
        text = (
            f"You wrote '{said}'. How did you arrive at '{metrics[0].text}', "
            "and what was your own part in getting there?"
        )
    else:
        text = f"You wrote '{said}'. What exactly did you do, and how did you measure it?"
    if difficulty == "hard":
        text += " What would you do differently today?"
    return text


def design_question(claim: Claim, difficulty: str) -> str:
    said = quote(claim.text)
    scale = {"easy": "twice", "medium": "ten times", "hard": "a hundred times"}[difficulty]
    return (
        f"You wrote '{said}'. Sketch that system: the main components, how data flows through them, "
        f"and what breaks first at {scale} the load."
    )


def shared_skill_question(skill: str, places: list[str]) -> str:
    if len(places) == 2:
        where = f"both {places[0]} and {places[1]}"
    else:
        where = ", ".join(places[:-1]) + f" and {places[-1]}"
    return (
        f"You used {skill} at {where} — how did the two uses differ, and what did the second one teach you?"
        if len(places) == 2
        else f"You used {skill} at {where} — how did your use of it change from one to the next?"
    )


def single_skill_question(skill: str, place: str, difficulty: str) -> str:
    if difficulty == "easy":
        return f"You list {skill} at {place}. What did you use it for, and why was it the right tool?"
    text = (
        f"You list {skill} at {place}. What was the hardest problem you solved with it, "
        "and what trade-offs did you make?"
    )
    if difficulty == "hard":
        text += " Where does it break down?"
    return text


def pair_question(a: str, b: str, place: str) -> str:
    return f"At {place} you used {a} together with {b}. Why that combination, and what would you change today?"


def missing_requirement_question(requirement: str, skill: str | None) -> str:
    subject = skill or quote(requirement, 80).rstrip(".")
    return (
        f"The role asks for {subject}; your résumé doesn't mention it. How would you get up to speed, "
        "and what from your experience carries over?"
    )


def matched_requirement_question(requirement: str, evidence: str) -> str:
    return (
        f"The role asks for '{quote(requirement, 80)}'. You wrote '{quote(evidence, 90)}'. "
        "Walk me through it: the situation, what you did, and the result."
    )
