"""Fixtures for TUI tests: an isolated environment, a real SQLite file, the shipped rubric, fixed ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from griller.domain.rubric import Rubric, load_rubric
from griller.paths import resource_dir
from griller.store import sessions as store
from griller.store.db import open_db

from .support import Ids


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own config and database never leak into these tests."""
    monkeypatch.setenv("GRILLER_CONFIG", str(tmp_path / "absent-config.toml"))
    monkeypatch.setenv("GRILLER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GRILLER_DB", str(tmp_path / "griller.db"))


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(resource_dir("rubrics"))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_db(tmp_path / "griller.db")
    yield database
    database.close()


@pytest.fixture
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> Ids:
    ids = Ids()
    monkeypatch.setattr(store, "new_id", ids.new_id)
    monkeypatch.setattr(store, "now", ids.now)
    return ids
