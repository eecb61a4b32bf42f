"""Documents (résumés, job descriptions) and everything derived from them, by document id.

Repository functions over a passed-in handle. Writes happen inside ``transaction(db)`` so a
document and its claims, chunks, skills and requirements land together or not at all.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

CHILD_TABLES = ("chunks", "claims", "skills", "skill_links", "requirements")


@dataclass
class DocumentRecord:
    id: str
    kind: str
    name: str
    path: str
    sha256: str
    text: str
    parsed: dict[str, Any]
    created_at: str = ""
    updated_at: str = ""


@dataclass
class Derived:
    """Rows derived from one document; each list holds plain dicts for its table."""

    claims: list[dict[str, Any]] = field(default_factory=list)
    chunks: list[dict[str, Any]] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)
    skill_links: list[dict[str, Any]] = field(default_factory=list)
    requirements: list[dict[str, Any]] = field(default_factory=list)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def existing_id(db: sqlite_utils.Database, sha256: str, path: str, kind: str) -> str | None:
    """The document this file updates: same content first, else the same file path and kind."""
    for sql, args in (
        ("select id from documents where sha256 = ?", [sha256]),
        ("select id from documents where path = ? and kind = ? order by updated_at desc limit 1", [path, kind]),
    ):
        row = db.execute(sql, args).fetchone()
        if row:
            return str(row[0])
    return None


def new_id(db: sqlite_utils.Database, kind: str, sha256: str) -> str:
    prefix = "job" if kind == "job" else "res"
    for width in range(8, 65, 4):
        candidate = f"{prefix}-{sha256[:width]}"
        if not db.execute("select 1 from documents where id = ?", [candidate]).fetchone():
            return candidate
    raise RuntimeError("no free document id")  # unreachable: a full sha256 is unique


def write_document(db: sqlite_utils.Database, record: DocumentRecord, derived: Derived) -> None:
    """Insert or replace the document and all its derived rows. Call inside ``transaction``."""
    old = db.execute("select created_at from documents where id = ?", [record.id]).fetchone()
    statuses = {
        row[0]: row[1] for row in db.execute("select id, status from claims where document_id = ?", [record.id])
    }
    _delete_children(db, record.id)
    stamp = now()
    # The sha256 index is unique; ``existing_id`` matches content first, so a clash means a stale
    # duplicate of this very file: drop it rather than fail.
    for (stale,) in db.execute(
        "select id from documents where sha256 = ? and id != ?", [record.sha256, record.id]
    ).fetchall():
        remove_document(db, stale)
    db["documents"].upsert(
        {
            "id": record.id,
            "kind": record.kind,
            "name": record.name,
            "path": record.path,
            "sha256": record.sha256,
            "text": record.text,
            "parsed": json.dumps(record.parsed, ensure_ascii=False),
            "created_at": old[0] if old else stamp,
            "updated_at": stamp,
        },
        pk="id",
    )
    for claim in derived.claims:
        # A claim kept across re-ingest keeps what the interviews learnt about it.
        claim.setdefault("status", statuses.get(claim["id"], "unprobed"))
        claim["updated_at"] = stamp
    for table in CHILD_TABLES:
        rows = getattr(derived, table)
        if rows:
            db[table].insert_all(rows)


def _delete_children(db: sqlite_utils.Database, document_id: str) -> None:
    for table in CHILD_TABLES:
        db.execute(f"delete from {table} where document_id = ?", [document_id])


def remove_document(db: sqlite_utils.Database, document_id: str) -> bool:
    """Delete the document's rows (not its vectors: ``coach.ingesting.remove`` does both)."""
    if not db.execute("select 1 from documents where id = ?", [document_id]).fetchone():
        return False
    _delete_children(db, document_id)
    # Past sessions keep their transcript; they just lose the link to the removed document.
    db.execute("update sessions set resume_id = null where resume_id = ?", [document_id])
    db.execute("update sessions set job_id = null where job_id = ?", [document_id])
    db.execute("delete from documents where id = ?", [document_id])
    return True


def resolve_id(db: sqlite_utils.Database, ref: str) -> str | None:
    """A full id, or an unambiguous prefix of one (``res-1a2b``)."""
    if db.execute("select 1 from documents where id = ?", [ref]).fetchone():
        return ref
    rows = db.execute(
        "select id from documents where id like ? escape '\\' limit 2",
        [ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def get_document(db: sqlite_utils.Database, document_id: str) -> DocumentRecord | None:
    row = db.execute(
        "select id, kind, name, path, sha256, text, parsed, created_at, updated_at from documents where id = ?",
        [document_id],
    ).fetchone()
    if not row:
        return None
    return DocumentRecord(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6] or "{}"), row[7], row[8])


def list_documents(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    sql = """
        select d.id, d.kind, d.name, d.path, d.updated_at,
               (select count(*) from claims c where c.document_id = d.id) as claims,
               (select count(*) from chunks k where k.document_id = d.id) as chunks,
               (select count(*) from requirements r where r.document_id = d.id) as requirements
        from documents d order by d.updated_at desc, d.id
    """
    return [
        dict(zip(("id", "kind", "name", "path", "updated_at", "claims", "chunks", "requirements"), row, strict=True))
        for row in db.execute(sql).fetchall()
    ]


def rows(db: sqlite_utils.Database, table: str, document_id: str) -> list[dict[str, Any]]:
    """All rows of a derived table for one document, in document order where there is one."""
    order = "ordinal" if table in ("chunks", "claims", "requirements") else "rowid"
    return list(db[table].rows_where("document_id = ?", [document_id], order_by=order))


def chunks_by_id(db: sqlite_utils.Database, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    return {row["id"]: row for row in db["chunks"].rows_where(f"id in ({marks})", ids)}


_STOPWORDS = frozenset(
    "a an and are as at be but by did do does for from had has have how i in into is it its me my of on or "
    "our so that the their them they this to was we were what when where which who why will with you your "
    "candidate candidates they'd".split()
)


def search_chunks(
    db: sqlite_utils.Database, query: str, limit: int = 20, document_ids: list[str] | None = None
) -> list[str]:
    """Chunk ids by FTS5 bm25 rank. Terms are OR-ed (a question rarely shares every word with the
    answer) and each is quoted by sqlite-utils, so "C++" or "node.js" never break the query syntax."""
    terms = [t for t in dict.fromkeys(re.findall(r"[\w][\w+#.'-]*", query.lower())) if t not in _STOPWORDS]
    terms = [t.rstrip(".'-") for t in terms if t.rstrip(".'-")]
    if not terms:
        return []
    fts = " OR ".join(db.quote_fts(term) for term in terms)
    where, args = None, None
    if document_ids:  # sqlite-utils' search takes named parameters only
        args = {f"doc{i}": value for i, value in enumerate(document_ids)}
        where = f"document_id in ({', '.join(':' + name for name in args)})"
    try:
        return [
            row["id"] for row in db["chunks"].search(fts, limit=limit, where=where, where_args=args, columns=["id"])
        ]
    except sqlite3.OperationalError:
        return []  # a query FTS5 still cannot parse finds nothing rather than failing the command
