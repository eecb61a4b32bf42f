"""Hybrid search over stored chunks: FTS5 keywords and MiniLM vectors, fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from griller.coach.semantic import Semantic
from griller.retrieval.fusion import rrf
from griller.store import documents as repo

POOL = 20  # candidates taken from each ranker before fusing


@dataclass
class Hit:
    chunk_id: str
    document_id: str
    text: str
    section: str
    claim_id: str | None
    score: float
    similarity: float | None = None
    """Cosine similarity from the vector ranker, when it ranked this chunk."""
    sources: list[str] = field(default_factory=list)


class Searcher:
    def __init__(self, db: sqlite_utils.Database, db_path: Path | str, semantic: Semantic | None = None) -> None:
        self.db = db
        self.semantic = semantic if semantic is not None else Semantic.open(db_path)

    @property
    def mode(self) -> str:
        return "hybrid" if self.semantic.on else "keyword"

    def search(
        self, query: str, k: int = 5, document_ids: list[str] | None = None, use: tuple[str, ...] = ("fts", "vector")
    ) -> list[Hit]:
        keyword = repo.search_chunks(self.db, query, POOL, document_ids) if "fts" in use else []
        similarity: dict[str, float] = {}
        vector: list[str] = []
        if "vector" in use and self.semantic.on:
            hits = self.semantic.index.query(self.semantic.encode([query])[0], POOL, document_ids)  # type: ignore[union-attr]
            vector = [h.chunk_id for h in hits]
            similarity = {h.chunk_id: 1.0 - h.distance for h in hits}
        # Plain RRF: on the labelled set, down-weighting FTS (0.5-0.7) moved top-1 by one query at most.
        fused = rrf([r for r in (keyword, vector) if r], limit=k)
        rows = repo.chunks_by_id(self.db, [chunk_id for chunk_id, _ in fused])
        out = []
        for chunk_id, score in fused:
            row = rows.get(chunk_id)
            if row is None:
                continue  # a vector whose row is gone (removed document): skip it
            sources = [name for name, ranking in (("fts", keyword), ("vector", vector)) if chunk_id in ranking]
            out.append(
                Hit(
                    chunk_id,
                    row["document_id"],
                    row["text"],
                    row["section"],
                    row["claim_id"],
                    score,
                    similarity.get(chunk_id),
                    sources,
                )
            )
        return out
