"""`griller interview --plain`, `stats` and `forget` through the real CLI and a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from griller.cli import app

STRONG = ("At my last job I owned the checkout API. Our p99 was 900 ms at peak. I profiled it and rewrote an N+1 "
          "query as a single join. As a result p99 dropped from 900 ms to 120 ms.")


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input)


def test_plain_interview_saves_every_answer_and_grades_it(griller_home: Path) -> None:
    result = run("interview", "--plain", "--questions", "2", "--type", "behavioral", "--persona", "professional_hr",
                 input=f"{STRONG}\nwe did stuff\n/skip\n/skip\n/skip\n")
    assert result.exit_code == 0, result.output
    assert "Question 1 of 2" in result.output and "Interview finished." in result.output
    db = sqlite3.connect(griller_home / "data" / "griller.db")
    answers = db.execute("select answer, source from turns order by ordinal").fetchall()
    assert answers[0] == (STRONG, "text")
    graded = db.execute("select count(*) from evaluations").fetchone()[0]
    assert graded == sum(1 for a, s in answers if s == "text")
    assert db.execute("select status from sessions").fetchone() == ("finished",)


def test_end_of_input_leaves_the_session_resumable_and_continue_finishes_it(griller_home: Path) -> None:
    first = run("interview", "--plain", "--questions", "2", "--type", "technical", input=f"{STRONG}\n")
    assert first.exit_code == 0, first.output
    assert "--continue" in first.output
    second = run("interview", "--continue", "last", "--plain", input="/end\n")
    assert second.exit_code == 0, second.output
    assert "Interview finished." in second.output
    db = sqlite3.connect(griller_home / "data" / "griller.db")
    assert db.execute("select count(*), max(status) from sessions").fetchone() == (1, "finished")


def test_continue_without_an_interrupted_session_is_a_clear_error() -> None:
    result = run("interview", "--continue", "last", "--plain")
    assert result.exit_code == 2
    assert "no interrupted session" in result.output


def test_rich_markup_and_escapes_in_answers_never_reach_the_terminal(griller_home: Path) -> None:
    hostile = "I shipped it [bold red]NOW[/bold red] \x1b[31mred\x1b[0m and it worked."
    result = run("interview", "--plain", "--questions", "1", input=f"{hostile}\n")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output


def test_stats_json_and_forget(griller_home: Path) -> None:
    run("interview", "--plain", "--questions", "1", input=f"{STRONG}\n/end\n")
    stats = json.loads(run("stats", "--json").output)
    assert stats["sessions"] == 1 and stats["answers"] >= 1 and stats["overall"] is not None
    refused = run("forget", "last", input="n\n")
    assert refused.exit_code == 1
    assert json.loads(run("stats", "--json").output)["sessions"] == 1
    forgotten = run("forget", "last", "--yes")
    assert forgotten.exit_code == 0, forgotten.output
    db = sqlite3.connect(griller_home / "data" / "griller.db")
    for table in ("sessions", "turns", "evaluations", "events", "evaluation_gaps", "session_stats"):
        assert db.execute(f"select count(*) from {table}").fetchone()[0] == 0, table
    assert json.loads(run("stats", "--json").output)["sessions"] == 0


def test_forget_all_removes_the_database_files(griller_home: Path) -> None:
    run("interview", "--plain", "--questions", "1", input="/end\n")
    db = griller_home / "data" / "griller.db"
    assert db.exists()
    assert run("forget", "--all", "--yes").exit_code == 0
    assert not db.exists() and not Path(str(db) + "-wal").exists()


def test_forget_needs_exactly_one_target() -> None:
    assert run("forget", "--yes").exit_code == 2


def test_a_model_asker_rewrites_the_question_and_what_was_shown_is_stored(griller_home: Path, tmp_path: Path) -> None:
    replies = tmp_path / "replies.jsonl"
    asked = "Walk me through the hardest migration you personally led, step by step."
    lines = [asked] + [json.dumps({"overall": 50})] * 4
    replies.write_text("\n".join(json.dumps(line) if i == 0 else line for i, line in enumerate(lines)) + "\n")
    result = run("interview", "--plain", "--questions", "1", "--type", "behavioral", "-m", f"scripted:{replies}",
                 input=f"{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert asked in result.output
    db = sqlite3.connect(griller_home / "data" / "griller.db")
    assert db.execute("select question from turns order by ordinal").fetchone() == (asked,)
