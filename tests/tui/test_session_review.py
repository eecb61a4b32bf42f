"""``griller review SESSION|last``: JSON and Markdown replays of a stored session (TUI replay: test_screens)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from griller.cli.session_review import looks_like_session, render_markdown, review_session
from griller.coach.replay import load_replay
from griller.domain.rubric import Rubric

from .support import INJECTION, START, STRONG, WEAK, Ids, seed_session


@pytest.fixture
def session(db: sqlite_utils.Database, rubric: Rubric, fixed_ids: Ids) -> str:
    return seed_session(db, rubric, START, [WEAK, None, INJECTION, STRONG])


def test_json_has_the_session_and_every_turn(session: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_session("last", json_out=True)
    data = json.loads(capsys.readouterr().out)
    assert data["session"]["id"] == session and data["session"]["status"] == "finished"
    assert data["session"]["summary"]["overall"] is not None
    turns = data["turns"]
    assert [t["depth"] for t in turns] == [0, 1, 0, 0, 1, 0]
    assert {"question", "answer", "kind", "depth", "evaluation"} <= set(turns[0])
    assert turns[0]["answer"] == WEAK and turns[0]["evaluation"]["schema"] == 1
    assert turns[2]["source"] == "skipped" and turns[2]["evaluation"] is None


def test_markdown_report_is_readable_and_clean(session: str, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    review_session(session[:6], markdown=str(out))
    text = out.read_text()
    assert text.startswith(f"# Interview session {session}")
    assert "## Follow-up 1" in text and "_Skipped._" in text and "## Timeline" in text
    assert "[bold red]I owned it[/bold red]" in text  # Markdown is not Rich markup: kept as typed
    assert "\x1b" not in text and "\x07" not in text


def test_a_pipe_gets_markdown(session: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_session("last")  # stdin/stdout are not terminals under pytest
    assert capsys.readouterr().out.startswith("# Interview session")


def test_which_arguments_name_a_session(session: str, tmp_path: Path) -> None:
    transcript = tmp_path / "answers.jsonl"
    transcript.write_text("{}\n")
    assert looks_like_session("last") and looks_like_session(session) and looks_like_session(session[:5])
    assert not looks_like_session(str(transcript)) and not looks_like_session("-")
    assert not looks_like_session("s_nothing_like_it")


def test_an_unknown_session_fails_clearly(db: sqlite_utils.Database, capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    with pytest.raises(typer.Exit):
        review_session("s_missing", json_out=True)
    assert "no session matches 's_missing'" in capsys.readouterr().err


def test_markdown_of_an_interrupted_session(db: sqlite_utils.Database, rubric: Rubric, fixed_ids: Ids) -> None:
    sid = seed_session(db, rubric, START, [STRONG], finish=False)
    text = render_markdown(load_replay(db, sid))
    assert "status: active" in text and "Overall" not in text
