"""Suite-wide fixtures: every test runs against throwaway config and data directories.

Nothing a test does may read or write the developer's own griller config, database or data dir,
so the autouse fixture points every ``GRILLER_*`` location at a fresh temporary directory and
drops any other ``GRILLER_*`` variable the shell happened to export.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "tests" / "data"


@pytest.fixture(autouse=True)
def _isolated_griller_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Point config, data, config file and database at a private temp dir (none of them created)."""
    for name in list(os.environ):
        if name.startswith("GRILLER_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("griller-home")
    monkeypatch.setenv("GRILLER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("GRILLER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("GRILLER_CONFIG", str(home / "config" / "no-such-config.toml"))
    monkeypatch.setenv("GRILLER_DB", str(home / "data" / "griller.db"))
    return home


@pytest.fixture
def griller_home(_isolated_griller_home: Path) -> Path:
    """The temp directory that stands in for the user's griller config and data."""
    return _isolated_griller_home


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shipped_rubric() -> Any:
    """The rubric shipped with griller, loaded once (it is immutable)."""
    from griller.domain.rubric import load_rubric
    from griller.paths import resource_dir

    return load_rubric(resource_dir("rubrics"))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def eval_dev() -> list[dict[str, Any]]:
    """The labelled development answers (tests/data/eval_dev.jsonl)."""
    return read_jsonl(DATA_DIR / "eval_dev.jsonl")
