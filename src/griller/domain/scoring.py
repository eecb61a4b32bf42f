"""Dimension scores 0–10 from the evidence, capped by the gaps found, and the weighted overall 0–100."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from griller.domain.analysis import Analysis
from griller.domain.models import DIMENSIONS

IDEAL_WORDS = {"behavioral": (110, 320), "situational": (70, 280), "technical": (50, 260), "system_design": (120, 450)}
# A gap caps the dimensions it lowers: the more serious the gap, the lower the ceiling.
CAP_BY_SEVERITY = {1: 7.0, 2: 6.0, 3: 5.0}


def _clamp(x: float) -> float:
    return max(0.0, min(10.0, x))


def length_factor(a: Analysis) -> float:
    lo, hi = IDEAL_WORDS[a.kind]
    n = a.word_count
    if n < lo:
        return n / lo
    if n <= hi:
        return 1.0
    return max(0.4, 1.0 - (n - hi) / (2 * hi))


def raw_scores(a: Analysis) -> dict[str, float]:
    """Scores before gap caps: each a smooth function of the evidence, so better answers rank higher."""
    v, s, st, t = a.voice, a.story, a.style, a.technical
    n = a.word_count
    lf = length_factor(a)
    q = len({span.text.lower() for span in a.quantities})
    concrete_i = v.concrete_i_actions
    tech_terms = t.distinct_tech_terms  # a set built on each read: read once
    technical_kind = a.kind in ("technical", "system_design")

    # Lexical overlap is a weak signal of relevance, so it moves the score within a narrow band.
    relevance = 6.0 + 4.0 * min(1.0, a.relevance.score / 0.34)
    relevance -= 2.0 * max(0.0, 0.6 - lf) if n < 15 else 0.0

    clarity = 7.5
    clarity -= min(3.0, max(0.0, a.filler_rate - 2.0) / 2.5)
    clarity -= min(2.0, a.hedge_rate / 2.5)
    if not a.is_speech:
        clarity -= min(2.0, max(0.0, st.avg_sentence_words - 28) / 8)
    clarity -= min(2.0, 0.6 * len(st.tangents))
    clarity -= min(2.0, max(0.0, st.repetition - 0.06) * 20)
    clarity -= min(2.5, 0.5 * len(st.buzzwords))
    clarity += min(1.5, 0.5 * len(t.sequence))
    clarity += 1.0 if 0.6 <= lf <= 1.0 else 0.0
    clarity -= 2.0 * max(0.0, (n - IDEAL_WORDS[a.kind][1]) / IDEAL_WORDS[a.kind][1])

    if technical_kind:
        answer_first = bool(a.sentences) and any(span.start < a.sentences[0].end for span in t.tech_terms)
        structure = 3.0 + (1.5 if answer_first else 0.0) + min(2.5, 0.8 * len(t.sequence))
        structure += min(2.0, 0.5 * len(t.reasoning)) + 1.0 * lf
    else:
        parts = (
            bool(s.situation)
            + (concrete_i + len(v.we_actions) >= 2)
            + bool(s.results)
            + bool(v.ownership_statements or "needed to" in a.text.lower() or "goal" in a.text.lower())
        )
        structure = 1.5 + 1.8 * parts + min(1.0, 0.5 * len(t.sequence)) + 1.0 * lf
        structure += 0.5 if s.learning and a.asks_learning else 0.0

    specificity = 1.5 + min(3.0, 1.1 * q) + min(3.0, 0.3 * s.specific_markers)
    specificity += min(2.0, 0.4 * concrete_i) + min(1.5, 0.25 * tech_terms)
    specificity -= min(3.0, 1.0 * len(s.generic)) + (1.0 if a.vague and not q else 0.0)
    specificity -= min(2.0, 0.5 * len(st.buzzwords))

    depth = 1.0 + 2.5 * lf + min(2.0, 0.5 * len(t.reasoning))
    if technical_kind:
        depth += min(3.0, 0.35 * tech_terms)
        depth += (1.2 if t.tradeoffs else 0.0) + (1.2 if t.alternatives else 0.0)
        if a.kind == "system_design":
            depth += (0.5 if t.scale else 0.0) + (0.5 if t.failure_handling else 0.0)
    else:
        depth += min(2.0, 0.25 * tech_terms) + min(1.5, 0.3 * concrete_i)
        depth += 1.0 if (t.tradeoffs or t.alternatives) else 0.0
        depth += 0.8 if s.learning else 0.0
    depth -= min(2.0, 0.5 * len(st.buzzwords))
    if technical_kind and not t.tradeoffs:
        # Sweeping claims with no caveat ("threads are fake", "REST is legacy") signal weak judgement.
        depth -= min(3.0, 1.0 * len(t.absolutes))

    if technical_kind and not a.is_story:
        impact = 4.0 + min(3.0, 1.2 * q) + (1.0 if s.results else 0.0) + min(1.5, 0.5 * len(t.reasoning))
    else:
        impact = 1.5 + (2.5 if s.results else 0.0) + min(4.5, 1.6 * q) + (0.8 if s.learning else 0.0)
        impact += min(1.0, 0.4 * max(0, len(s.results) - 1))
    impact -= 1.0 if a.vague and not q else 0.0

    i_weight = concrete_i + 0.5 * len(v.generic_i_actions) + 1.5 * len(v.ownership_statements)
    we = len(v.we_actions)
    if a.is_story or a.kind == "situational":
        ratio = i_weight / (i_weight + we) if i_weight + we else 0.0
        ownership = 1.5 + min(4.5, 1.1 * i_weight) + 4.0 * ratio
    else:
        ownership = 5.0 + min(3.0, 0.75 * i_weight)

    return {
        "relevance": _clamp(relevance),
        "clarity": _clamp(clarity),
        "structure": _clamp(structure),
        "specificity": _clamp(specificity),
        "depth": _clamp(depth),
        "impact": _clamp(impact),
        "ownership": _clamp(ownership),
    }


def apply_caps(scores: Mapping[str, float], caps: Iterable[tuple[Iterable[str], int]]) -> dict[str, float]:
    """Lower each dimension to the ceiling set by the most serious gap that lowers it."""
    capped = dict(scores)
    for dimensions, severity in caps:
        ceiling = CAP_BY_SEVERITY.get(severity, 6.0)
        for d in dimensions:
            if d in capped:
                capped[d] = min(capped[d], ceiling)
    return capped


def overall(scores: Mapping[str, float], weights: Mapping[str, float]) -> int:
    total = sum(weights.get(d, 1.0) for d in DIMENSIONS)
    if total <= 0:
        return 0
    mean = sum(scores[d] * weights.get(d, 1.0) for d in DIMENSIONS) / total
    return round(10 * mean)
