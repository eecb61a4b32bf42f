"""The domain's data: questions, answers, evaluations. Plain pydantic models, no behaviour that does I/O."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DIMENSIONS: tuple[str, ...] = (
    "relevance",
    "clarity",
    "structure",
    "specificity",
    "depth",
    "impact",
    "ownership",
)
Kind = Literal["behavioral", "technical", "system_design", "situational"]
KINDS: tuple[str, ...] = ("behavioral", "technical", "system_design", "situational")
Difficulty = Literal["easy", "medium", "hard"]
SCHEMA_VERSION = 1


class QA(BaseModel):
    """A follow-up question and its answer, attached to a main answer."""

    model_config = ConfigDict(extra="ignore")
    question: str
    answer: str = ""


class AnswerInput(BaseModel):
    """One answer to grade: the unit of ``griller review`` and of a live turn."""

    model_config = ConfigDict(extra="ignore")
    id: str
    question: str = ""
    answer: str = ""
    kind: Kind | None = None
    role: str | None = None
    follow_ups: list[QA] = Field(default_factory=list)
    audio: str | None = None
    """A recording of the spoken answer; its transcript becomes the answer when ``answer`` is empty."""
    video: str | None = None
    """A webcam recording of the answer, for eye-contact metrics."""


class GapFinding(BaseModel):
    id: str
    title: str = ""
    evidence: str
    quoted: bool = Field(
        description="True when evidence is a quote from the answer, False when it describes an absence"
    )


class Strength(BaseModel):
    text: str
    evidence: str


class Overruled(BaseModel):
    """Something a model judge claimed that the evidence did not support."""

    kind: Literal["gap", "strength", "score"]
    id: str
    reason: str


class Evaluation(BaseModel):
    """The public result of grading one answer (``review --json`` prints these)."""

    model_config = ConfigDict(populate_by_name=True)
    schema_version: int = Field(SCHEMA_VERSION, alias="schema")
    id: str
    question: str = ""
    kind: Kind = "behavioral"
    overall: int
    scores: dict[str, int]
    gaps: list[GapFinding] = Field(default_factory=list)
    strengths: list[Strength] = Field(default_factory=list)
    follow_up: str | None = None
    word_count: int = 0
    flags: list[str] = Field(default_factory=list)
    overruled: list[Overruled] = Field(default_factory=list)
    transcript: str | None = None
    speech: dict[str, float | int] | None = None
    vision: dict[str, float | int] | None = None
    engine: str = "heuristic"

    def public(self) -> dict[str, object]:
        return self.model_dump(by_alias=True, mode="json")

    @property
    def gap_ids(self) -> list[str]:
        return [g.id for g in self.gaps]
