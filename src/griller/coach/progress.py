"""Progress stats as a use case: aggregate sessions in SQL, then compute trends in the domain.

One grouped scan of a covering index gives per-session sums; everything else is arithmetic on
those few numbers per session, so ``griller stats`` stays fast on years of history.
"""

from __future__ import annotations

from datetime import date

import sqlite_utils

from griller.domain.models import DIMENSIONS
from griller.domain.rubric import Rubric
from griller.domain.stats import RECENT, Progress, ProgressInput, SessionPoint, compute_progress

_SUMS = ", ".join(f"st.{d}_sum" for d in DIMENSIONS)


def load_progress(
    db: sqlite_utils.Database, rubric: Rubric, *, since: str | None = None, today: date | None = None
) -> Progress:
    """Everything ``griller stats`` shows."""
    conn = db.conn
    scope, args = ("where s.started_at >= ?", [since]) if since else ("", [])
    rows = conn.execute(
        f"select s.id, s.started_at, st.answers, st.overall_sum, {_SUMS} from sessions s "
        f"left join session_stats st on st.session_id = s.id {scope} order by s.started_at, s.rowid",
        args,
    ).fetchall()
    sessions = [(r[0], r[1]) for r in rows]
    sums = {r[0]: r[2:] for r in rows if r[2]}
    graded = [(sid, started, sums[sid]) for sid, started in sessions if sid in sums]
    recent, earlier = graded[-RECENT:], graded[:-RECENT]
    answers = sum(s[0] for _, _, s in graded)
    overall_sum = sum(s[1] or 0 for _, _, s in graded)
    recent_ids = [sid for sid, _, _ in recent]
    if since:
        gap_rows = conn.execute(
            "select g.gap_id, count(*) from evaluation_gaps g join sessions s on s.id = g.session_id "
            "where s.started_at >= ? group by g.gap_id",
            args,
        )
    else:
        gap_rows = conn.execute("select gap_id, count(*) from evaluation_gaps group by gap_id")
    gap_counts = dict(gap_rows.fetchall())
    recent_gaps: dict[str, int] = {}
    if recent_ids:
        marks = ",".join("?" * len(recent_ids))
        recent_gaps = dict(
            conn.execute(
                f"select gap_id, count(*) from evaluation_gaps where session_id in ({marks}) group by gap_id",
                recent_ids,
            )
        )
    data = ProgressInput(
        sessions=len(sessions),
        answers=answers,
        practice_days={date.fromisoformat(started[:10]) for _, started in sessions},
        overall=overall_sum / answers if answers else None,
        dimensions=_means(graded),
        recent_dimensions=_means(recent),
        earlier_dimensions=_means(earlier) if earlier else None,
        session_overalls=[(s[1] or 0) / s[0] for _, _, s in graded],
        history=[_point(sid, started, sums.get(sid)) for sid, started in sessions[-30:]],
        gap_counts=gap_counts,
        recent_gap_counts=recent_gaps,
        recent_answers=sum(s[0] for _, _, s in recent),
        overall_sum=overall_sum,
    )
    return compute_progress(data, rubric, today or date.today())


def _means(rows: list[tuple[str, str, tuple]]) -> dict[str, float]:  # type: ignore[type-arg]
    count = sum(s[0] for _, _, s in rows)
    if not count:
        return {}
    return {d: sum((s[2 + i] or 0) for _, _, s in rows) / count for i, d in enumerate(DIMENSIONS)}


def _point(session_id: str, started_at: str, sums: tuple | None) -> SessionPoint:  # type: ignore[type-arg]
    if not sums or not sums[0]:
        return SessionPoint.model_construct(
            id=session_id, started_at=started_at, answers=0, overall=None, dimensions={}
        )
    n = sums[0]
    return SessionPoint.model_construct(
        id=session_id,
        started_at=started_at,
        answers=n,
        overall=round((sums[1] or 0) / n, 1),
        dimensions={d: round((sums[2 + i] or 0) / n, 1) for i, d in enumerate(DIMENSIONS)},
    )
