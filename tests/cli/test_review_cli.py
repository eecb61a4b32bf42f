"""``griller review`` through the real Typer app (typer.testing.CliRunner), on real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from griller.cli import app

QUESTION = "Tell me about a time you improved the performance of a system you owned."
STRONG = (
    "At my last job I owned the checkout API for an online retailer. Before Black Friday our p99 latency was "
    "about 900 ms. I profiled the hot path and found one database query per cart line, so I rewrote it as a "
    "single join and added a Redis cache with a 60-second TTL. I considered denormalising prices instead, but "
    "that would have doubled our write load. As a result p99 dropped from 900 ms to 140 ms and we had zero "
    "checkout incidents on Black Friday. I learned to profile before guessing."
)
RECORDS = [
    {"id": "strong", "question": QUESTION, "answer": STRONG},
    {"id": "vague", "question": QUESTION, "answer": "We made it a lot faster and the team was happy with it."},
    {"id": "tiny", "question": QUESTION, "answer": "I fixed it."},
]


def run(*args: str, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), input=stdin)
    # Typer/Click turn usage errors and typer.Exit into SystemExit; anything else is a crash.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # relative names keep messages short and readable
    return write_jsonl(Path("answers.jsonl"), RECORDS)


def overall_by_id(result: Result) -> dict[str, int]:
    return {e["id"]: e["overall"] for e in json.loads(result.stdout)}


# ---------------------------------------------------------------------------- machine output


def test_json_prints_an_array_of_schema_1_results(answers: Path) -> None:
    result = run("review", str(answers), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [e["id"] for e in data] == [r["id"] for r in RECORDS]
    for e in data:
        assert e["schema"] == 1
        assert len(e["scores"]) == 7 and all(0 <= v <= 10 for v in e["scores"].values())
        assert 0 <= e["overall"] <= 100
        assert e["engine"] == "heuristic"
    assert overall_by_id(result)["strong"] > overall_by_id(result)["tiny"]
    assert "too_short" in {g["id"] for g in data[2]["gaps"]}


def test_jsonl_prints_one_object_per_line(answers: Path) -> None:
    result = run("review", str(answers), "--jsonl")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(RECORDS)
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in RECORDS]
    assert all(json.loads(line)["schema"] == 1 for line in lines)


def test_fail_under(answers: Path) -> None:
    scores = overall_by_id(run("review", str(answers), "--json"))
    lowest = min(scores.values())
    assert lowest < 100
    assert run("review", str(answers), "--json", "--fail-under", str(lowest)).exit_code == 0
    below = run("review", str(answers), "--json", "--fail-under", str(lowest + 1))
    assert below.exit_code == 1
    assert min(scores, key=scores.__getitem__) in below.stderr
    assert len(json.loads(below.stdout)) == len(RECORDS)  # results are still printed


def test_a_bad_json_line_is_reported_and_the_rest_still_graded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_jsonl(Path("mixed.jsonl"), [RECORDS[0], '{"id": "broken", "question": "Q?", "answer": ', RECORDS[2]])
    result = run("review", str(path), "--json")
    assert result.exit_code == 1
    assert "mixed.jsonl:2" in result.stderr
    assert [e["id"] for e in json.loads(result.stdout)] == ["strong", "tiny"]


def test_stdin(answers: Path) -> None:
    result = run("review", "-", "--jsonl", stdin=answers.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [r["id"] for r in RECORDS]


def test_markdown_transcript_from_stdin() -> None:
    text = f"**Interviewer:** {QUESTION}\n\n**Candidate:** {STRONG}\n"
    result = run("review", "-", "--json", stdin=text)
    assert result.exit_code == 0, result.stderr
    [e] = json.loads(result.stdout)
    assert e["question"] == QUESTION


def test_the_shipped_example_transcript(repo_root: Path) -> None:
    transcript = repo_root / "examples" / "transcript.md"
    questions = [
        line for line in transcript.read_text(encoding="utf-8").splitlines()
        if line.startswith("**Interviewer") and "follow-up" not in line
    ]
    result = run("review", str(transcript), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data) == len(questions) >= 3


# ---------------------------------------------------------------------------- usage errors


def test_a_missing_file_exits_2_with_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("review", "nope.jsonl")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("griller: error:")
    assert "nope.jsonl" in line and "no such file" in line


def test_a_missing_file_with_a_long_path_is_still_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "some-rather-long-directory-name" / "interview-answers-from-last-week.jsonl"
    result = run("review", str(missing))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(missing) in result.stderr


def test_a_binary_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "photo.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run("review", str(path))
    assert result.exit_code == 2
    assert "binary" in result.stderr
    assert result.stdout == ""


def test_a_directory_exits_2(tmp_path: Path) -> None:
    result = run("review", str(tmp_path))
    assert result.exit_code == 2
    assert "directory" in result.stderr


def test_json_and_jsonl_together_exit_2(answers: Path) -> None:
    result = run("review", str(answers), "--json", "--jsonl")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_unknown_domain_exits_2(answers: Path) -> None:
    result = run("review", str(answers), "--domain", "astrology")
    assert result.exit_code == 2
    assert "astrology" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("domain", ["backend", "manager"])
def test_known_domains_are_accepted(answers: Path, domain: str) -> None:
    assert run("review", str(answers), "--json", "--domain", domain).exit_code == 0


def test_fail_under_out_of_range_is_a_usage_error(answers: Path) -> None:
    assert run("review", str(answers), "--fail-under", "101").exit_code == 2


def test_an_empty_file_has_nothing_to_grade(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    result = run("review", str(path))
    assert result.exit_code == 2
    assert "no answers" in result.stderr


def test_a_utf8_bom_does_not_break_the_first_record(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes("".join(json.dumps(r) + "\n" for r in RECORDS).encode("utf-8-sig"))
    result = run("review", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == len(RECORDS)


# ---------------------------------------------------------------------------- human output


def test_terminal_escapes_and_rich_markup_in_answers_are_shown_as_plain_text(tmp_path: Path) -> None:
    record = {
        "id": "ansi-[bold red]",
        "question": "Tell me about a time you [bold red]improved[/bold red] performance.",
        "answer": (
            "\x1b[31mAt my last job [bold red] I owned the checkout API.\x1b[0m We made it [bold red] a lot faster "
            "and everyone was happy with it, and [bold red] the team really liked the new version because it was "
            "much better."
        ),
    }
    path = write_jsonl(tmp_path / "ansi.jsonl", [record])
    for extra in ([], ["--verbose"]):
        result = run("review", str(path), *extra)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout
        assert "[bold" in result.stdout  # the table's id column keeps the literal (possibly shortened) text
    verbose = run("review", str(path), "--verbose").stdout
    assert "[bold red]improved[/bold red]" in verbose  # markup in the question is printed, not applied
    assert verbose.count("[bold red]") >= 3  # title, question, and the quotes from the answer


def test_table_output_lists_every_answer(answers: Path) -> None:
    result = run("review", str(answers))
    assert result.exit_code == 0
    for record in RECORDS:
        assert record["id"] in result.stdout
