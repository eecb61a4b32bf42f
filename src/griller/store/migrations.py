"""Append-only named migrations, recorded in ``_griller_migrations``. Never edit one that has shipped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[Migration] = []
TABLE = "_griller_migrations"


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


def applied(db: sqlite_utils.Database) -> set[str]:
    if TABLE not in db.table_names():
        return set()
    return {row["name"] for row in db[TABLE].rows}


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply every migration not yet recorded, each in its own transaction. Returns their names."""
    db[TABLE].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
    done = applied(db)
    ran = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db.conn:
            db.execute("BEGIN")
            fn(db)
            db[TABLE].insert({"name": fn.__name__, "applied_at": datetime.now(UTC).isoformat()})
        ran.append(fn.__name__)
    return ran


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {
            "id": str, "kind": str, "name": str, "path": str, "sha256": str, "text": str,
            "parsed": str, "created_at": str, "updated_at": str,
        },
        pk="id",
    )
    db["documents"].create_index(["sha256"], unique=True)
    db["sessions"].create(
        {
            "id": str, "started_at": str, "ended_at": str, "status": str, "settings": str,
            "resume_id": str, "job_id": str, "engine": str, "summary": str,
        },
        pk="id",
        foreign_keys=[("resume_id", "documents", "id"), ("job_id", "documents", "id")],
    )
    db["sessions"].create_index(["started_at"])
    db["turns"].create(
        {
            "id": str, "session_id": str, "ordinal": int, "parent_id": str, "depth": int,
            "question": str, "kind": str, "difficulty": str, "grounding": str, "asked_at": str,
            "answer": str, "answered_at": str, "source": str, "think_ms": int, "answer_ms": int,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["turns"].create_index(["session_id", "ordinal"])
    db["evaluations"].create(
        {
            "id": str, "turn_id": str, "engine": str, "overall": int, "scores": str, "gaps": str,
            "strengths": str, "follow_up": str, "payload": str, "created_at": str,
        },
        pk="id",
        foreign_keys=[("turn_id", "turns", "id")],
    )
    db["evaluations"].create_index(["turn_id"])
    db["events"].create(
        {"id": int, "session_id": str, "turn_id": str, "at": str, "type": str, "data": str},
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["events"].create_index(["session_id", "at"])
