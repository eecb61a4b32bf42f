"""Choosing the follow-up: the worst gap's template, fitted to the question and the answer's own words."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from griller.domain.models import GapFinding, Kind
from griller.domain.rubric import Rubric
from griller.domain.text import shorten

# When severities tie, probe what an interviewer would probe first.
PRIORITY = (
    "off_topic",
    "too_short",
    "no_specific_example",
    "no_personal_role",
    "no_action_detail",
    "no_result",
    "no_metrics",
    "no_tradeoffs",
    "no_alternatives",
    "no_tech_depth",
    "no_learning",
    "no_situation",
    "no_scalability",
    "no_error_handling",
    "no_security",
    "rambling",
    "buzzwords",
)

_LEAD_IN = re.compile(
    r"^(?:(?:can|could) you |please |so |now,? )*(?:tell me about|describe|walk me through|explain|design|"
    r"give (?:me |us )?an example of|talk about|how (?:would|do|did|should|can) you|what (?:would|do|did) you|"
    r"what is|what are|what's|why (?:would|do|did) you|have you ever)\s*",
    re.IGNORECASE,
)
_NOUN_PHRASE = re.compile(r"\b(?:a|an|the|your|one)\s+((?:[\w+#./-]+\s+){0,3}[\w+#./-]+)", re.IGNORECASE)
# Heads that make a poor topic ("What changed after that teammate?").
_NOT_TOPICS = {
    "time",
    "situation",
    "moment",
    "example",
    "teammate",
    "colleague",
    "coworker",
    "manager",
    "person",
    "stakeholder",
    "stakeholders",
    "customer",
    "client",
    "engineer",
    "junior",
    "peer",
    "boss",
    "lead",
    "team",
    "someone",
    "people",
    "member",
    "developer",
    "report",
    "mentor",
    "candidate",
}
_STOP_TAIL = re.compile(r"\s+(?:that|which|who|where|when|you|to|for|with|in|on|at|and|or|because|so)\b.*$", re.I)


def topic_of(question: str, kind: Kind) -> str:
    """A short noun phrase from the question ("that technical decision", "the URL shortener")."""
    body = _LEAD_IN.sub("", question.strip()).rstrip("?.! ")
    phrases = [_STOP_TAIL.sub("", m.group(1)) for m in _NOUN_PHRASE.finditer(body)]
    phrases = [p for p in phrases if p and p.split()[-1].lower() not in _NOT_TOPICS]
    determiner = "that" if kind in ("behavioral", "situational") else "the"
    if phrases:
        phrase = phrases[-1] if len(phrases[-1].split()) > 1 or len(phrases) == 1 else phrases[0]
        return f"{determiner} {phrase}"
    return {"behavioral": "that situation", "situational": "that situation"}.get(kind, "your approach")


def choose_follow_up(
    gaps: Sequence[GapFinding], rubric: Rubric, question: str, kind: Kind, seed: str = ""
) -> str | None:
    """The follow-up for the most serious gap, or None when the answer holds up."""
    if not gaps:
        return None
    known = [g for g in gaps if rubric.gap(g.id)]
    if not known:
        return None

    def rank(g: GapFinding) -> tuple[int, int]:
        gap = rubric.gap(g.id)
        order = PRIORITY.index(g.id) if g.id in PRIORITY else len(PRIORITY)
        return (-(gap.severity if gap else 0), order)

    worst = min(known, key=rank)
    gap = rubric.gap(worst.id)
    assert gap is not None
    pick = zlib.crc32(f"{seed}:{worst.id}".encode())
    topic = topic_of(question, kind)
    if worst.quoted and gap.follow_ups_quoted:
        template = gap.follow_ups_quoted[pick % len(gap.follow_ups_quoted)]
        quote = shorten(worst.evidence, 70).strip("\"'“”")
        return template.format(quote=quote, topic=topic)
    template = gap.follow_ups[pick % len(gap.follow_ups)]
    return template.format(topic=topic)
