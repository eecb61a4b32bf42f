"""Deleting what griller stored, for real: rows, vectors, recordings, and the files themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

from griller.store import sessions as store
from griller.store.db import open_db


class ForgetError(LookupError):
    """Nothing matches what was asked to be forgotten."""


def recordings_dir(db_path: Path) -> Path:
    """Where opt-in audio/video recordings live: beside the database, so tests stay in tmp."""
    return Path(db_path).parent / "recordings"


def forget_session(db_path: Path, ref: str) -> str:
    if not Path(db_path).exists():
        raise ForgetError(f"no database at {db_path}")
    db = open_db(db_path)
    row = store.find_session(db, ref)
    if row is None:
        raise ForgetError(f"no session matches {ref!r}")
    rows = store.delete_session(db, row["id"])
    files = 0
    folder = recordings_dir(db_path) / row["id"]
    if folder.exists():
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # deleted rows must not linger in the WAL
    db.conn.close()
    return f"session {row['id']}: {rows} rows, {files} recording file(s)"


def forget_document(db_path: Path, ref: str) -> str:
    if not Path(db_path).exists():
        raise ForgetError(f"no database at {db_path}")
    db = open_db(db_path)
    from griller.coach.ingesting import Ingestor
    from griller.coach.library import LibraryError, resolve

    try:
        document_id = resolve(db, ref, "resume")
    except LibraryError:
        try:
            document_id = resolve(db, ref, "job")
        except LibraryError as exc:
            raise ForgetError(str(exc)) from None
    found, note = Ingestor(db, db_path).remove(document_id)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    if not found:
        raise ForgetError(f"no document {document_id}")
    return f"document {document_id}: rows and vectors" + (f" ({note})" if note else "")


def forget_all(db_path: Path) -> str:
    """Remove the database (and its WAL/SHM), the vector index beside it, and recordings."""
    db_path = Path(db_path)
    removed = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = db_path.with_name(db_path.name + suffix)
        if candidate.exists():
            candidate.unlink()
            removed.append(candidate.name)
    for folder in (recordings_dir(db_path), _vector_dir(db_path)):
        if folder and folder.exists():
            shutil.rmtree(folder)
            removed.append(folder.name + "/")
    if not removed:
        raise ForgetError(f"nothing stored at {db_path}")
    return ", ".join(removed)


def _vector_dir(db_path: Path) -> Path | None:
    try:
        from griller.retrieval.vectors import chroma_dir
    except ImportError:
        return None
    return chroma_dir(db_path)
