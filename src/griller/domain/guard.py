"""The guarded judge: a model's verdict, checked against the heuristic evidence before anyone sees it.

Pure: verdict + evidence in, Evaluation out. Praise without a real quote is dropped; a gap the
evidence refutes is dropped; the hard gaps (too short, off topic) stay whatever the model says and
hold its scores near the heuristic's; everything dropped is listed in ``overruled`` with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pydantic import BaseModel, Field

from griller.domain.analysis import Analysis
from griller.domain.findings import MIN_WORDS, quote
from griller.domain.followup import choose_follow_up
from griller.domain.models import DIMENSIONS, Evaluation, GapFinding, Overruled, Strength
from griller.domain.rubric import Rubric
from griller.domain.scoring import overall

HARD_GAPS = ("too_short", "off_topic")
HARD_BAND = 1  # with a hard gap, a model score may exceed the heuristic's by at most this
REFUTED_BAND = 2  # after a refuted gap, a model score may fall below the heuristic's by at most this
MIN_QUOTE_CHARS = 4


class VerdictGap(BaseModel):
    id: str
    evidence: str = ""


class VerdictStrength(BaseModel):
    text: str
    quote: str = ""


class ModelVerdict(BaseModel):
    """What a model judge said, before the guard: scores 0–10, gaps, quoted strengths, a follow-up."""

    scores: dict[str, int] = Field(default_factory=dict)
    gaps: list[VerdictGap] = Field(default_factory=list)
    strengths: list[VerdictStrength] = Field(default_factory=list)
    follow_up: str = ""


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


def normalise(text: str) -> str:
    """Case, quotes, dashes and whitespace folded, so a faithful quote matches the answer."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split())


def quote_in(quoted: str, answer: str) -> bool:
    """Whether ``quoted`` is in ``answer``; "..." may elide text between pieces kept in order."""
    needle = normalise(quoted).strip(" \"'.,;:!?()[]")
    if len(needle) < MIN_QUOTE_CHARS:
        return False
    haystack = normalise(answer)
    position = 0
    for piece in (p.strip(" \"'") for p in needle.split("...")):
        if not piece:
            continue
        found = haystack.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def _numbers(a: Analysis) -> str | None:
    # The longest quantity is the most telling ("from 900 ms to 120 ms", not "1 query").
    return quote(a, max(a.quantities, key=lambda s: len(s.text)), 10) if a.quantities else None


def _outcome(a: Analysis) -> str | None:
    late = [r for r in a.story.results if a.in_last(r, 0.6)]
    return quote(a, late[-1], 10) if late else None


def _first_person(a: Analysis) -> str | None:
    concrete = [s for s in a.voice.i_actions if s not in a.voice.generic_i_actions]
    return quote(a, concrete[0], 10) if len(concrete) >= 2 else None


def _long_enough(a: Analysis) -> str | None:
    return f"{a.word_count} words" if a.word_count >= MIN_WORDS[a.kind] else None


def _tradeoffs(a: Analysis) -> str | None:
    return quote(a, a.technical.tradeoffs[0], 10) if a.technical.tradeoffs else None


def _alternatives(a: Analysis) -> str | None:
    return quote(a, a.technical.alternatives[0], 10) if a.technical.alternatives else None


# Evidence that disproves a gap: each returns what the answer shows, or None when it cannot refute.
REFUTERS: dict[str, tuple[str, Callable[[Analysis], str | None]]] = {
    "no_metrics": ("the answer has numbers", _numbers),
    "no_personal_role": ("the answer has concrete first-person actions", _first_person),
    "too_short": ("the answer is long enough", _long_enough),
    "no_result": ("the answer states an outcome", _outcome),
    "no_tradeoffs": ("the answer weighs a trade-off", _tradeoffs),
    "no_alternatives": ("the answer names an alternative", _alternatives),
}


def guard(
    verdict: ModelVerdict,
    heuristic: Evaluation,
    analysis: Analysis,
    rubric: Rubric,
    *,
    engine: str,
    domain: str | None = None,
) -> Evaluation:
    """Merge the model's verdict with the heuristic evaluation of the same answer."""
    overruled: list[Overruled] = []
    answer = analysis.text
    heuristic_gaps = {g.id: g for g in heuristic.gaps}

    strengths: list[Strength] = []
    for s in verdict.strengths:
        if quote_in(s.quote, answer):
            strengths.append(Strength(text=s.text.strip()[:120], evidence=s.quote.strip()))
        else:
            overruled.append(
                Overruled(
                    kind="strength",
                    id=_slug(s.text),
                    reason=f"quote not in the answer: {s.quote[:80]!r}",
                )
            )

    gaps: list[GapFinding] = []
    refuted: list[str] = []
    for g in verdict.gaps:
        gap = rubric.gap(g.id)
        if gap is None:
            overruled.append(Overruled(kind="gap", id=g.id[:40], reason="not a gap in the rubric"))
            continue
        if any(x.id == g.id for x in gaps):
            continue
        refuter = REFUTERS.get(g.id)
        shown = refuter[1](analysis) if refuter and g.id not in heuristic_gaps else None
        if refuter and shown:
            refuted.append(g.id)
            overruled.append(Overruled(kind="gap", id=g.id, reason=f"{refuter[0]}: {shown!r}"))
            continue
        evidence = g.evidence.strip() or (heuristic_gaps[g.id].evidence if g.id in heuristic_gaps else gap.description)
        gaps.append(GapFinding(id=g.id, title=gap.title, evidence=evidence[:200], quoted=quote_in(evidence, answer)))
    for hard in HARD_GAPS:
        if hard in heuristic_gaps and all(x.id != hard for x in gaps):
            gaps.insert(0, heuristic_gaps[hard])
    if any(g.id in HARD_GAPS for g in gaps):
        strengths = []

    evident = [
        gid
        for gid, (_, shows) in REFUTERS.items()
        if gid != "too_short" and gid not in heuristic_gaps and gid not in refuted and shows(analysis)
    ]
    scores = _scores(verdict, heuristic, gaps, refuted, evident, rubric, overruled)
    follow_up = " ".join(verdict.follow_up.split())
    if refuted or not plausible_question(follow_up) or any(g.id in HARD_GAPS for g in gaps):
        follow_up = choose_follow_up(gaps, rubric, analysis.question, analysis.kind, seed=heuristic.id) or ""
    weights = rubric.domain(domain).weights.as_dict()
    # As in the heuristic grader: each gap costs a point per unit of severity.
    penalty = sum(gap.severity for g in gaps if (gap := rubric.gap(g.id)))
    overruled = list({(o.kind, o.id, o.reason): o for o in overruled}.values())
    return heuristic.model_copy(
        update={
            "overall": max(0, overall(scores, weights) - penalty),
            "scores": scores,
            "gaps": gaps,
            "strengths": strengths[:4],
            "follow_up": follow_up[:300] or None,
            "overruled": overruled,
            "engine": engine,
        }
    )


def plausible_question(text: str) -> bool:
    """A follow-up worth asking: a few words of ordinary text ending in a question mark (not "1.3")."""
    if len(text.split()) < 4 or not text.endswith("?"):
        return False
    ordinary = sum(ch.isalpha() or ch.isspace() or ch in ",.'’\"-?!:;()/%" for ch in text)
    return ordinary >= 0.9 * len(text)


def _scores(
    verdict: ModelVerdict,
    heuristic: Evaluation,
    gaps: list[GapFinding],
    refuted: list[str],
    evident: list[str],
    rubric: Rubric,
    overruled: list[Overruled],
) -> dict[str, int]:
    hard = [g.id for g in gaps if g.id in HARD_GAPS]
    # Floors where the evidence is hard: a refuted gap's dimensions, and those of any gap the
    # evidence disproves even unclaimed (numbers in the answer: impact cannot be 0).
    why: dict[str, str] = {}
    for gid in [*refuted, *evident]:
        gap = rubric.gap(gid)
        for d in gap.lowers if gap else []:
            why.setdefault(d, "its gap was refuted" if gid in refuted else REFUTERS[gid][0])
    scores: dict[str, int] = {}
    for d in DIMENSIONS:
        base = heuristic.scores.get(d, 5)
        value = max(0, min(10, int(verdict.scores.get(d, base))))
        if hard and value > base + HARD_BAND:
            overruled.append(
                Overruled(
                    kind="score",
                    id=d,
                    reason=f"model gave {value}; held to {base + HARD_BAND}: {hard[0]}",
                )
            )
            value = base + HARD_BAND
        elif d in why and value < base - REFUTED_BAND:
            overruled.append(
                Overruled(kind="score", id=d, reason=f"model gave {value}; raised to {base - REFUTED_BAND}: {why[d]}")
            )
            value = base - REFUTED_BAND
        scores[d] = value
    return scores


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:40] or "strength"
