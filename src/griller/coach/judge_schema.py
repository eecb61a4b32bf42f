"""The judge's output contract: a hardened JSON schema for the model and the pydantic model that checks it.

Hardened because llama-cpp's grammar ignores ``minimum``/``maximum`` and an unbounded array runs
until ``max_tokens``: scores are enums, every array has ``maxItems``, every string ``maxLength``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from griller.domain.guard import ModelVerdict, VerdictGap, VerdictStrength
from griller.domain.models import DIMENSIONS

MAX_GAPS = 5
MAX_STRENGTHS = 4
EVIDENCE_CHARS = 160
TEXT_CHARS = 80
FOLLOW_UP_CHARS = 200
SCORE_ENUM = list(range(11))


def _string(limit: int) -> dict[str, Any]:
    return {"type": "string", "maxLength": limit}


def judge_schema(gap_ids: list[str]) -> dict[str, Any]:
    """The JSON schema sent with every grading call (the order of keys is the order generated)."""
    return {
        "type": "object",
        "properties": {
            "scores": {
                "type": "object",
                "properties": {d: {"type": "integer", "enum": SCORE_ENUM} for d in DIMENSIONS},
                "required": list(DIMENSIONS),
                "additionalProperties": False,
            },
            "gaps": {
                "type": "array",
                "maxItems": MAX_GAPS,
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "enum": gap_ids},
                        "evidence": _string(EVIDENCE_CHARS),
                    },
                    "required": ["id", "evidence"],
                    "additionalProperties": False,
                },
            },
            "strengths": {
                "type": "array",
                "maxItems": MAX_STRENGTHS,
                "items": {
                    "type": "object",
                    "properties": {"text": _string(TEXT_CHARS), "quote": _string(EVIDENCE_CHARS)},
                    "required": ["text", "quote"],
                    "additionalProperties": False,
                },
            },
            "follow_up": _string(FOLLOW_UP_CHARS),
        },
        "required": ["scores", "gaps", "strengths", "follow_up"],
        "additionalProperties": False,
    }


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class GapOut(_Lenient):
    id: str = Field(min_length=1, max_length=60)
    evidence: str = ""

    @field_validator("evidence", mode="before")
    @classmethod
    def _cut(cls, value: object) -> object:
        return value[: EVIDENCE_CHARS * 2] if isinstance(value, str) else value


class StrengthOut(_Lenient):
    text: str = Field(min_length=1)
    quote: str = ""


class JudgeOutput(_Lenient):
    """A reply that parsed. Over-long lists and strings are cut; bad scores are errors (and retried)."""

    scores: dict[str, int]
    gaps: list[GapOut] = Field(default_factory=list)
    strengths: list[StrengthOut] = Field(default_factory=list)
    follow_up: str = ""

    @field_validator("scores")
    @classmethod
    def _all_dimensions(cls, value: dict[str, int]) -> dict[str, int]:
        missing = [d for d in DIMENSIONS if d not in value]
        if missing:
            raise ValueError(f"missing scores for {', '.join(missing)}")
        bad = [f"{d}={v}" for d, v in value.items() if d in DIMENSIONS and not 0 <= v <= 10]
        if bad:
            raise ValueError(f"scores must be integers 0-10, got {', '.join(bad)}")
        return {d: value[d] for d in DIMENSIONS}

    @field_validator("gaps", mode="before")
    @classmethod
    def _few_gaps(cls, value: object) -> object:
        return value[:MAX_GAPS] if isinstance(value, list) else value

    @field_validator("strengths", mode="before")
    @classmethod
    def _few_strengths(cls, value: object) -> object:
        return value[:MAX_STRENGTHS] if isinstance(value, list) else value

    @field_validator("follow_up", mode="before")
    @classmethod
    def _short_follow_up(cls, value: object) -> object:
        return (
            ""
            if value is None
            else value[: FOLLOW_UP_CHARS * 2]
            if isinstance(value, str)
            else value
        )

    def verdict(self) -> ModelVerdict:
        return ModelVerdict(
            scores=self.scores,
            gaps=[VerdictGap(id=g.id, evidence=g.evidence) for g in self.gaps],
            strengths=[VerdictStrength(text=s.text, quote=s.quote) for s in self.strengths],
            follow_up=self.follow_up,
        )
