"""SQLite storage through sqlite-utils. The database handle is always passed in, never global."""

from griller.store.db import open_db

__all__ = ["open_db"]
