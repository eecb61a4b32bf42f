"""The SQLite store (store/db.py, store/migrations.py) on real database files in a temp dir."""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

import griller.store.migrations as migrations
from griller.store.db import BUSY_TIMEOUT_MS, StoreError, open_db

CORE_TABLES = {"documents", "sessions", "turns", "evaluations", "events"}
ALL_MIGRATIONS = [fn.__name__ for fn in migrations.MIGRATIONS]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "griller.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_db(db_path)
    yield database
    database.conn.close()


def schema(path: Path) -> set[tuple[str, str]]:
    """Every table, index and trigger in the file, read through a separate plain connection."""
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())
    finally:
        conn.close()


def recorded(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute(f"SELECT name, applied_at FROM {migrations.TABLE}").fetchall())
    finally:
        conn.close()


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_new_database_file_is_private_even_with_a_permissive_umask(
    db_path: Path, permissive_umask: None
) -> None:
    database = open_db(db_path)
    database["sessions"].insert({"id": "s1", "status": "running"})
    try:
        for path in [db_path, *db_path.parent.glob("griller.db-*")]:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(db_path.parent.stat().st_mode) & 0o077 == 0
    finally:
        database.conn.close()


def test_wal_busy_timeout_and_foreign_keys(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS > 0
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_all_tables_exist_and_every_migration_is_recorded(db: sqlite_utils.Database, db_path: Path) -> None:
    tables = set(db.table_names())
    assert CORE_TABLES | {migrations.TABLE} <= tables
    assert set(recorded(db_path)) == set(ALL_MIGRATIONS)
    assert all(recorded(db_path).values())


def test_turns_and_evaluations_round_trip(db: sqlite_utils.Database, db_path: Path) -> None:
    db["sessions"].insert({"id": "s1", "started_at": "2024-01-01T00:00:00Z", "status": "running"})
    db["turns"].insert({"id": "t1", "session_id": "s1", "ordinal": 1, "question": "Q?", "answer": "A."})
    db["evaluations"].insert({"id": "e1", "turn_id": "t1", "engine": "heuristic", "overall": 62})
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT answer FROM turns WHERE id = 't1'").fetchone() == ("A.",)
    finally:
        conn.close()


def test_foreign_keys_are_enforced(db: sqlite_utils.Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db["turns"].insert({"id": "orphan", "session_id": "no-such-session", "ordinal": 1})


def test_reopening_runs_nothing_new(db_path: Path) -> None:
    open_db(db_path).conn.close()
    before_schema, before_records = schema(db_path), recorded(db_path)
    again = open_db(db_path)
    try:
        assert migrations.migrate(again) == []
    finally:
        again.conn.close()
    assert schema(db_path) == before_schema
    assert recorded(db_path) == before_records


def test_an_old_database_gets_the_later_migrations(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", full[:1])
    open_db(db_path).conn.close()
    assert set(recorded(db_path)) == {full[0].__name__}
    old_schema = schema(db_path)

    monkeypatch.setattr(migrations, "MIGRATIONS", full)
    upgraded = open_db(db_path)
    upgraded.conn.close()
    assert set(recorded(db_path)) == set(ALL_MIGRATIONS)
    assert old_schema <= schema(db_path)
    fresh = db_path.with_name("fresh.db")
    open_db(fresh).conn.close()
    assert schema(db_path) == schema(fresh)  # upgrading gives the same schema as starting blank


def test_an_appended_migration_runs_once(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_db(db_path).conn.close()
    calls: list[str] = []

    def m999_test_notes(database: sqlite_utils.Database) -> None:
        calls.append("ran")
        database["test_notes"].create({"id": int, "text": str}, pk="id")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m999_test_notes])
    for _ in range(2):
        database = open_db(db_path)
        assert "test_notes" in database.table_names()
        database.conn.close()
    assert calls == ["ran"]
    assert "m999_test_notes" in recorded(db_path)


@pytest.mark.parametrize("index", range(len(ALL_MIGRATIONS)), ids=ALL_MIGRATIONS)
def test_a_failing_migration_leaves_no_trace(db_path: Path, monkeypatch: pytest.MonkeyPatch, index: int) -> None:
    """Each migration is all-or-nothing: a crash half-way must not leave tables behind."""
    full = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", full[:index])
    open_db(db_path).conn.close()
    before_schema, before_records = schema(db_path), recorded(db_path)

    real = full[index]

    @functools.wraps(real)
    def crashes_at_the_end(database: sqlite_utils.Database) -> None:
        real(database)
        raise RuntimeError("simulated crash at the end of the migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*full[:index], crashes_at_the_end])
    with pytest.raises(RuntimeError, match="simulated crash"):
        open_db(db_path)
    assert schema(db_path) == before_schema
    assert recorded(db_path) == before_records

    monkeypatch.setattr(migrations, "MIGRATIONS", full)
    open_db(db_path).conn.close()  # and the real one still applies afterwards
    assert set(recorded(db_path)) == set(ALL_MIGRATIONS)


@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), b"SQLite format 3\x00" + os.urandom(8000), b"this is a text file\n" * 200],
    ids=["random-bytes", "fake-header", "text"],
)
def test_a_corrupt_file_raises_store_error_naming_the_path(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_db(path)
    assert str(path) in str(info.value)


def test_missing_file_without_create(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "griller.db"
    with pytest.raises(StoreError, match="no griller database"):
        open_db(path, create=False)
    assert not path.exists()


def test_in_memory_database_is_migrated() -> None:
    database = open_db(":memory:")
    assert CORE_TABLES <= set(database.table_names())


def test_two_connections_share_the_file_in_wal_mode(db_path: Path) -> None:
    writer = open_db(db_path)
    reader = open_db(db_path)
    try:
        writer["sessions"].insert({"id": "s1", "status": "running"})
        assert reader.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    finally:
        writer.conn.close()
        reader.conn.close()
