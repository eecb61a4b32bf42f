"""Opening the database: private file, WAL, busy timeout, migrations applied."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from griller.store.migrations import migrate

BUSY_TIMEOUT_MS = 5000


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message says why and which file."""


def open_db(path: Path | str, *, create: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed, mode 0600) and migrate the database at ``path``.

    ``":memory:"`` gives a private in-memory database, for tests and one-off runs.
    """
    if str(path) == ":memory:":
        db = sqlite_utils.Database(memory=True)
    else:
        path = Path(path)
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no griller database here")
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Create the file ourselves so it is never world-readable, even for an instant.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        try:
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            db = sqlite_utils.Database(conn)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    db.execute("PRAGMA foreign_keys = ON")
    try:
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot migrate the database ({exc})") from None
    return db


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One explicit transaction: committed on success, rolled back on any exception."""
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
