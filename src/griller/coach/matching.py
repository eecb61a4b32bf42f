"""Job match as a use case: load a résumé and a job, add semantic neighbours if available, score."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlite_utils

from griller.coach.library import load_job, load_resume
from griller.coach.search import Searcher
from griller.domain.match import MatchReport, match

NEIGHBOURS = 3


def match_documents(
    db: sqlite_utils.Database,
    db_path: Path | str,
    resume_id: str,
    job_id: str,
    *,
    semantic: bool = True,
    today: date | None = None,
) -> tuple[MatchReport, str]:
    """The match report and the search mode used (``hybrid`` or ``keyword``)."""
    resume = load_resume(db, resume_id)
    job = load_job(db, job_id)
    neighbours: dict[str, list[tuple[str, str, float]]] = {}
    mode = "keyword"
    if semantic and job.job.requirements:
        searcher = Searcher(db, db_path)
        mode = searcher.mode
        if searcher.semantic.on:
            for req in job.job.requirements:
                hits = searcher.search(req.text, NEIGHBOURS, [resume.id], use=("vector",))
                neighbours[req.id] = [(_line(h.text), h.claim_id or h.chunk_id, h.similarity or 0.0) for h in hits]
    day = today or date.today()
    report = match(resume.profile, resume.claims, job.job, today=(day.year, day.month), semantic=neighbours)
    return report.model_copy(update={"resume_id": resume.id, "job_id": job.id}), mode


def _line(chunk_text: str) -> str:
    # Claim chunks are "Title at Company (dates): bullet"; the evidence is the bullet itself.
    _head, sep, tail = chunk_text.partition("): ")
    return tail if sep else chunk_text
