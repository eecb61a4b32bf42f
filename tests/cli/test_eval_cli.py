"""``griller eval`` through the real Typer app: figures for a labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from griller.cli import app


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def dev_set(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(repo_root)
    return Path("tests/data/eval_dev.jsonl")


def test_eval_json_prints_ranking_accuracy_and_per_gap_f1(dev_set: Path) -> None:
    result = run("eval", str(dev_set), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)[str(dev_set)]
    labelled = [json.loads(line) for line in dev_set.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert report["answers"] == len(labelled)
    assert 0.0 <= report["ranking_accuracy"] <= 1.0
    assert report["pairs"] > 0
    assert set(report["gaps"]) == {g for row in labelled for g in row["gaps"]}
    for scores in report["gaps"].values():
        assert 0.0 <= scores["f1"] <= 1.0
        assert scores["tp"] + scores["fn"] >= 1  # every listed gap is labelled somewhere
    assert 0.0 <= report["gap_micro"]["f1"] <= 1.0


def test_eval_table_output(dev_set: Path) -> None:
    result = run("eval", str(dev_set))
    assert result.exit_code == 0
    assert "ranking accuracy" in result.stdout
    assert "micro" in result.stdout


def test_min_ranking_gate(dev_set: Path) -> None:
    # The JSON figure is rounded to 4 places, so step a little either side of it.
    accuracy = json.loads(run("eval", str(dev_set), "--json").stdout)[str(dev_set)]["ranking_accuracy"]
    assert run("eval", str(dev_set), "--json", "--min-ranking", str(accuracy - 0.001)).exit_code == 0
    assert run("eval", str(dev_set), "--json", "--min-ranking", str(accuracy + 0.001)).exit_code == 1


def test_a_utf8_bom_does_not_change_the_figures(dev_set: Path, tmp_path: Path) -> None:
    bom = tmp_path / "eval_dev.jsonl"
    bom.write_bytes(dev_set.read_text(encoding="utf-8").encode("utf-8-sig"))
    plain = json.loads(run("eval", str(dev_set), "--json").stdout)[str(dev_set)]
    result = run("eval", str(bom), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[str(bom)] == plain


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("eval", str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 2
    assert "missing.jsonl" in result.stderr


def test_malformed_labelled_file_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    good = {"id": "a", "question_id": "q", "question": "Q?", "answer": "A.", "rank": 1, "gaps": []}
    Path("labels.jsonl").write_text(json.dumps(good) + "\n" + '{"id": "b", "rank": 0}\n', encoding="utf-8")
    result = run("eval", "labels.jsonl")
    assert result.exit_code == 2
    assert "labels.jsonl:2" in result.stderr
