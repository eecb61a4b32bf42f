"""Progress stats as a use case: aggregate sessions in SQL, then compute trends in the domain."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from griller.domain.models import DIMENSIONS
from griller.domain.rubric import Rubric
from griller.domain.stats import RECENT, Progress, SessionPoint, compute_progress

_DIMENSION_AVGS = ", ".join(f"avg(e.{d}) as {d}" for d in DIMENSIONS)


def load_progress(
    db: sqlite_utils.Database, rubric: Rubric, *, since: str | None = None, today: date | None = None
) -> Progress:
    """Everything ``griller stats`` shows. One grouped query for sessions, two for gaps."""
    where, args = ("where s.started_at >= ?", [since]) if since else ("", [])
    rows = db.execute(
        f"select s.id, s.started_at, count(e.id) as answers, avg(e.overall) as overall, {_DIMENSION_AVGS} "
        f"from sessions s left join turns t on t.session_id = s.id left join evaluations e on e.turn_id = t.id "
        f"{where} group by s.id order by s.started_at, s.rowid",
        args,
    ).fetchall()
    history = [
        SessionPoint(
            id=r[0],
            started_at=r[1],
            answers=r[2],
            overall=round(r[3], 1) if r[3] is not None else None,
            dimensions={d: round(v, 1) for d, v in zip(DIMENSIONS, r[4:], strict=True) if v is not None},
        )
        for r in rows
    ]
    gap_sql = "select g.gap_id, count(*) from evaluation_gaps g"
    if since:
        gap_sql += " join sessions s on s.id = g.session_id where s.started_at >= ?"
    gap_counts = dict(db.execute(gap_sql + " group by g.gap_id", args).fetchall())
    recent_ids = [p.id for p in history[-RECENT:]]
    recent_counts: dict[str, int] = {}
    if recent_ids:
        marks = ",".join("?" * len(recent_ids))
        recent_counts = dict(
            db.execute(
                f"select gap_id, count(*) from evaluation_gaps where session_id in ({marks}) group by gap_id",
                recent_ids,
            ).fetchall()
        )
    return compute_progress(history, gap_counts, recent_counts, rubric, today or date.today())
