"""Reciprocal rank fusion: merge ranked lists without comparing their incomparable scores.

score(d) = Σ 1 / (k + rank_i(d)), with k = 60 as in Cormack, Clarke & Büttcher (2009).
"""

from __future__ import annotations

from collections.abc import Sequence

K = 60


def rrf(rankings: Sequence[Sequence[str]], k: int = K, limit: int | None = None) -> list[tuple[str, float]]:
    """Ids ordered by fused score, best first; ties keep the order of the first ranking."""
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            first_seen.setdefault(item, len(first_seen))
    ordered = sorted(scores.items(), key=lambda pair: (-pair[1], first_seen[pair[0]]))
    return ordered[:limit] if limit else ordered
