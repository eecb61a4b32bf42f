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
# The words after each determiner (a lookahead, so "a time the pipeline failed" also yields "pipeline failed").
_NOUN_PHRASE = re.compile(r"\b(?:a|an|the|your|one)\s+(?=((?:[\w+#./-]+\s+){0,3}[\w+#./-]+))", re.IGNORECASE)
# A noun phrase never runs past punctuation ("the streaming pipeline. What does...").
_CLAUSE = re.compile(r"[.?!;:,()\u2014\u2013]|\s-\s|'")
# Words that end a noun phrase: prepositions, conjunctions, pronouns, articles and auxiliaries
# ("the reasoning behind", "the ledger from MySQL").
_PHRASE_ENDS = frozenset(
    """about above across after against along among around as at before behind below beneath beside between
    beyond by despite down during except for from in inside into like near off on onto out outside over
    past since than through to toward towards under until up upon via with within without
    and or but nor so because if when while whose that which who whom where why how what whether
    i you he she it we they me him her us them my our their its this these those a an the
    is are was were be been being am do does did done has have had having can could would should will shall
    may might must not never always also just only still even really""".split()
)
# Verbs interview questions use most: they end a phrase ("the index make things worse"), but may
# start one ("the shared component library").
_VERBS = frozenset(
    """make makes made making teach teaches taught tell tells told use uses used using keep keeps kept run
    runs ran load loads loaded arrive arrives arrived store stores stored share shares shared depend depends
    depended cover covers covered get gets got go goes went come comes came take takes took give gives gave
    need needs needed want wants wanted know knows knew think thinks thought see sees saw seem seems become
    becomes became pull pulls pulled ask asks asked hit hits lead leads led drop drops dropped break breaks
    broke fail fails failed happen happens happened change changes changed affect affects affected cause
    causes caused start starts started stop stops stopped grow grows grew handle handles handled disagree
    disagreed decide decided choose chose chosen began begin begins show shows""".split()
)
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


def topic_of(question: str, kind: Kind) -> str:
    """A short noun phrase from the question ("that technical decision", "the URL shortener")."""
    body = _LEAD_IN.sub("", question.strip()).rstrip("?.! ")
    phrases = [_head(m.group(1)) for clause in _CLAUSE.split(body) for m in _NOUN_PHRASE.finditer(clause)]
    phrases = [p for p in phrases if p and not _NOT_TOPICS.intersection((p.split()[0].lower(), p.split()[-1].lower()))]
    determiner = "that" if kind in ("behavioral", "situational") else "the"
    if phrases:
        # The first thing the question names is what it asks about ("a real-time leaderboard for an
        # online game"); a bare word is a weaker topic than a phrase after it.
        phrase = next((p for p in phrases if len(p.split()) > 1), phrases[0])
        return f"{determiner} {phrase}"
    return {"behavioral": "that situation", "situational": "that situation"}.get(kind, "your approach")


def _head(words: str) -> str:
    """The words of a noun phrase up to the first that cannot belong to it ("ledger from MySQL" -> "ledger")."""
    kept: list[str] = []
    for word in words.split()[:4]:
        lower = word.lower()
        adverb = lower.endswith("ly") and len(lower) > 4  # "that team strongly disagreed"
        verb = bool(kept) and (lower in _VERBS or (lower.endswith("ed") and len(lower) > 4))  # "...produced"
        too_long = len(kept) == 3 and "of" not in [w.lower() for w in kept]  # "piece of critical feedback" fits
        if lower in _PHRASE_ENDS or adverb or verb or too_long:
            break
        kept.append(word)
    while kept and kept[-1].lower() == "of":  # "the loss of an entire region" -> "the loss"
        kept.pop()
    return " ".join(kept)


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
