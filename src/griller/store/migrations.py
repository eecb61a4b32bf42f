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


@migration
def m002_ingest(db: sqlite_utils.Database) -> None:
    """Ingest: chunks (+ FTS5), claims, the skill graph and job requirements, all per document."""
    db["chunks"].create(
        {"id": str, "document_id": str, "ordinal": int, "section": str, "text": str, "claim_id": str,
         "role_ref": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["chunks"].create_index(["document_id", "ordinal"])
    # Porter stemming so "migrated" finds "migration"; triggers keep the index in step with the rows.
    db["chunks"].enable_fts(["text", "section"], create_triggers=True, tokenize="porter")
    db["claims"].create(
        {"id": str, "document_id": str, "ordinal": int, "section": str, "text": str, "has_metric": int,
         "role_ref": str, "status": str, "updated_at": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        defaults={"status": "unprobed", "has_metric": 0},
        not_null={"status", "text", "document_id"},
    )
    db["claims"].create_index(["document_id", "ordinal"])
    db["skills"].create(
        {"document_id": str, "key": str, "name": str, "mentions": int},
        pk=("document_id", "key"),
        foreign_keys=[("document_id", "documents", "id")],
    )
    # kind 'role'/'project': skill used in that entry (ref = "experience/0"); kind 'skill': used together.
    db["skill_links"].create(
        {"id": int, "document_id": str, "skill": str, "kind": str, "ref": str, "label": str, "weight": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["skill_links"].create_index(["document_id", "skill"])
    db["requirements"].create(
        {"id": str, "document_id": str, "ordinal": int, "kind": str, "text": str, "skills": str, "years": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["requirements"].create_index(["document_id", "ordinal"])


@migration
def m003_progress(db: sqlite_utils.Database) -> None:
    """Per-dimension columns, a gap table and per-session running sums kept by triggers.

    ``griller stats`` then reads one small row per session instead of scanning every evaluation.
    """
    dims = ("relevance", "clarity", "structure", "specificity", "depth", "impact", "ownership")
    for dimension in dims:
        db["evaluations"].add_column(dimension, int)
    db["evaluations"].add_column("session_id", str)
    db.execute(
        "update evaluations set session_id = (select t.session_id from turns t where t.id = evaluations.turn_id)"
    )
    db["evaluations"].create_index(["session_id"])
    db["evaluation_gaps"].create(
        {"evaluation_id": str, "session_id": str, "gap_id": str},
        foreign_keys=[("evaluation_id", "evaluations", "id"), ("session_id", "sessions", "id")],
    )
    db["evaluation_gaps"].create_index(["gap_id"])
    db["evaluation_gaps"].create_index(["session_id", "gap_id"])
    columns = {"session_id": str, "answers": int, "overall_sum": int} | {f"{d}_sum": int for d in dims}
    db["session_stats"].create(columns, pk="session_id")
    sums = ", ".join(f"{d}_sum" for d in dims)
    news = ", ".join(f"coalesce(new.{d}, 0)" for d in dims)
    adds = ", ".join(f"{d}_sum = {d}_sum + coalesce(new.{d}, 0)" for d in dims)
    subs = ", ".join(f"{d}_sum = {d}_sum - coalesce(old.{d}, 0)" for d in dims)
    db.execute(f"""
        create trigger evaluations_stats_insert after insert on evaluations when new.session_id is not null begin
          insert into session_stats (session_id, answers, overall_sum, {sums})
          values (new.session_id, 1, coalesce(new.overall, 0), {news})
          on conflict(session_id) do update set answers = answers + 1,
            overall_sum = overall_sum + coalesce(new.overall, 0), {adds};
        end""")
    db.execute(f"""
        create trigger evaluations_stats_delete after delete on evaluations when old.session_id is not null begin
          update session_stats set answers = answers - 1, overall_sum = overall_sum - coalesce(old.overall, 0), {subs}
          where session_id = old.session_id;
          delete from session_stats where session_id = old.session_id and answers <= 0;
        end""")
    db.execute(
        f"insert into session_stats (session_id, answers, overall_sum, {sums}) "
        f"select session_id, count(*), sum(coalesce(overall, 0)), {', '.join(f'sum(coalesce({d}, 0))' for d in dims)} "
        f"from evaluations where session_id is not null group by session_id"
    )
