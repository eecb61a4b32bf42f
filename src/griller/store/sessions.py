"""Interview sessions in SQLite: sessions, turns, evaluations and events.

Every write commits immediately (the connection runs in autocommit), so a killed process loses at
most what had not been handed to these functions yet.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from griller.domain.models import Evaluation
from griller.store.db import transaction


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def create_session(
    db: sqlite_utils.Database,
    settings: dict[str, Any],
    *,
    resume_id: str | None = None,
    job_id: str | None = None,
    engine: str = "heuristic",
    started_at: str | None = None,
) -> str:
    session_id = new_id("s")
    db["sessions"].insert(
        {
            "id": session_id,
            "started_at": started_at or now(),
            "ended_at": None,
            "status": "active",
            "settings": json.dumps(settings),
            "resume_id": resume_id,
            "job_id": job_id,
            "engine": engine,
            "summary": None,
        }
    )
    return session_id


def get_session(db: sqlite_utils.Database, session_id: str) -> dict[str, Any] | None:
    rows = list(db.query("select * from sessions where id = ?", [session_id]))
    return rows[0] if rows else None


def find_session(db: sqlite_utils.Database, ref: str) -> dict[str, Any] | None:
    """A session by id, unique id prefix, or ``last`` (the most recent)."""
    if ref == "last":
        rows = list(db.query("select * from sessions order by started_at desc, rowid desc limit 1"))
        return rows[0] if rows else None
    exact = get_session(db, ref)
    if exact:
        return exact
    rows = list(db.query("select * from sessions where id like ? order by started_at desc limit 2", [ref + "%"]))
    return rows[0] if len(rows) == 1 else None


def last_unfinished(db: sqlite_utils.Database) -> dict[str, Any] | None:
    rows = list(db.query("select * from sessions where status = 'active' order by started_at desc, rowid desc limit 1"))
    return rows[0] if rows else None


def list_sessions(db: sqlite_utils.Database, limit: int | None = None) -> list[dict[str, Any]]:
    sql = "select * from sessions order by started_at desc, rowid desc"
    return list(db.query(sql + (f" limit {int(limit)}" if limit else "")))


def finish_session(
    db: sqlite_utils.Database, session_id: str, summary: dict[str, Any] | None, status: str = "finished"
) -> None:
    db["sessions"].update(
        session_id,
        {
            "ended_at": now(),
            "status": status,
            "summary": json.dumps(summary) if summary is not None else None,
        },
    )


def add_turn(
    db: sqlite_utils.Database,
    session_id: str,
    *,
    ordinal: int,
    question: str,
    kind: str,
    difficulty: str,
    depth: int,
    planned_id: str,
    grounding: list[dict[str, Any]],
    parent_id: str | None = None,
    asked_at: str | None = None,
) -> str:
    """Record a question the moment it is asked."""
    turn_id = new_id("t")
    db["turns"].insert(
        {
            "id": turn_id,
            "session_id": session_id,
            "ordinal": ordinal,
            "parent_id": parent_id,
            "depth": depth,
            "question": question,
            "kind": kind,
            "difficulty": difficulty,
            "grounding": json.dumps({"planned_id": planned_id, "grounding": grounding}),
            "asked_at": asked_at or now(),
            "answer": None,
            "answered_at": None,
            "source": None,
            "think_ms": None,
            "answer_ms": None,
        }
    )
    return turn_id


def record_answer(
    db: sqlite_utils.Database,
    turn_id: str,
    answer: str,
    *,
    source: str = "text",
    think_ms: int | None = None,
    answer_ms: int | None = None,
    answered_at: str | None = None,
) -> None:
    """Commit an answer, before anything grades it."""
    db["turns"].update(
        turn_id,
        {
            "answer": answer,
            "answered_at": answered_at or now(),
            "source": source,
            "think_ms": think_ms,
            "answer_ms": answer_ms,
        },
    )


def mark_skipped(db: sqlite_utils.Database, turn_id: str) -> None:
    db["turns"].update(turn_id, {"answer": "", "answered_at": now(), "source": "skipped"})


def turns(db: sqlite_utils.Database, session_id: str) -> list[dict[str, Any]]:
    rows = list(db.query("select * from turns where session_id = ? order by ordinal", [session_id]))
    for row in rows:
        meta = json.loads(row["grounding"] or "{}")
        row["planned_id"] = meta.get("planned_id", "")
        row["grounding_list"] = meta.get("grounding", [])
    return rows


def record_evaluation(db: sqlite_utils.Database, turn_id: str, evaluation: Evaluation) -> str:
    evaluation_id = new_id("e")
    payload = evaluation.public()
    session_id = db.execute("select session_id from turns where id = ?", [turn_id]).fetchone()[0]
    with transaction(db):
        db["evaluations"].insert(
            {
                "id": evaluation_id,
                "turn_id": turn_id,
                "engine": evaluation.engine,
                "overall": evaluation.overall,
                "scores": json.dumps(evaluation.scores),
                "gaps": json.dumps(payload["gaps"]),
                "strengths": json.dumps(payload["strengths"]),
                "follow_up": evaluation.follow_up,
                "payload": json.dumps(payload),
                "created_at": now(),
                "session_id": session_id,
                **evaluation.scores,
            }
        )
        if evaluation.gaps:
            db["evaluation_gaps"].insert_all(
                {"evaluation_id": evaluation_id, "session_id": session_id, "gap_id": g.id} for g in evaluation.gaps
            )
    return evaluation_id


def evaluations_by_turn(db: sqlite_utils.Database, session_id: str) -> dict[str, Evaluation]:
    """The latest evaluation of each turn of a session."""
    rows = db.query(
        "select e.turn_id, e.payload from evaluations e join turns t on t.id = e.turn_id "
        "where t.session_id = ? order by e.rowid",
        [session_id],
    )
    return {row["turn_id"]: Evaluation.model_validate(json.loads(row["payload"])) for row in rows}


def add_event(
    db: sqlite_utils.Database,
    session_id: str,
    kind: str,
    data: dict[str, Any] | None = None,
    *,
    turn_id: str | None = None,
    at: str | None = None,
) -> None:
    db["events"].insert(
        {
            "session_id": session_id,
            "turn_id": turn_id,
            "at": at or now(),
            "type": kind,
            "data": json.dumps(data or {}),
        }
    )


def events(db: sqlite_utils.Database, session_id: str) -> list[dict[str, Any]]:
    rows = list(db.query("select * from events where session_id = ? order by at, id", [session_id]))
    for row in rows:
        row["data"] = json.loads(row["data"] or "{}")
    return rows


def delete_session(db: sqlite_utils.Database, session_id: str) -> int:
    """Delete a session and everything hanging off it. Returns the number of rows removed."""
    removed = 0
    turn_ids = [r["id"] for r in db.query("select id from turns where session_id = ?", [session_id])]
    with transaction(db):
        for table, where, args in (
            ("evaluation_gaps", "session_id = ?", [session_id]),
            ("evaluations", f"turn_id in ({','.join('?' * len(turn_ids))})", turn_ids),
            ("events", "session_id = ?", [session_id]),
            ("turns", "session_id = ?", [session_id]),
            ("sessions", "id = ?", [session_id]),
        ):
            if args:
                removed += db.execute(f"delete from {table} where {where}", args).rowcount
    return removed
