"""SIGKILL `griller interview --plain` at several moments, then `--continue`: nothing submitted is lost."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from crash_harness import crash_and_resume


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GRILLER_")}
    environment |= {
        "GRILLER_DATA_DIR": str(tmp_path / "data"), "GRILLER_CONFIG_DIR": str(tmp_path / "config"),
        "GRILLER_DB": str(tmp_path / "griller.db"),
    }
    return environment


@pytest.mark.parametrize(
    ("kill_after", "moment"),
    [(0, "asked"), (1, "grading"), (2, "typing"), (1, "asked")],
)
def test_killed_interview_resumes_without_losing_answers(env: dict[str, str], tmp_path: Path, kill_after: int,
                                                         moment: str) -> None:
    db_path = tmp_path / "griller.db"
    result = crash_and_resume(env, db_path, kill_after, moment)

    assert result["code"] == 0, result["output"]
    stored = [answer for _, answer in result["after"]]
    assert stored == result["submitted"][: len(stored)]
    assert set(result["submitted"]) <= set(stored), "a submitted answer was lost"
    assert len(stored) == len(set(stored)), "an answer was stored twice"
    assert all("never finis" not in a for a in stored), "a half-typed answer must not be stored"
    before = [answer for _, answer in result["before"]]
    assert stored[: len(before)] == before

    with sqlite3.connect(db_path) as conn:
        sessions = conn.execute("select status from sessions").fetchall()
        ungraded = conn.execute(
            "select count(*) from turns t left join evaluations e on e.turn_id = t.id "
            "where t.answer is not null and t.source != 'skipped' and e.id is null"
        ).fetchone()[0]
    assert sessions == [("finished",)]
    assert ungraded == 0, "every stored answer is graded after resuming"
    assert "Interview finished." in result["output"]
