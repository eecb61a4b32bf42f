"""Reading transcripts (domain/transcripts.py): JSONL, JSON arrays and Markdown, with per-line problems."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from griller.domain.transcripts import detect_format, parse, parse_json, parse_jsonl, parse_markdown


def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


GOOD = {"id": "q1", "question": "Tell me about a time you improved performance.", "answer": "I added an index."}


# ---------------------------------------------------------------------------- JSONL


def test_jsonl_reads_the_documented_fields_and_ignores_unknown_ones() -> None:
    record = {
        "id": "perf-1",
        "question": "How would you design a rate limiter?",
        "answer": "A token bucket per API key in Redis.",
        "kind": "system_design",
        "role": "backend",
        "follow_ups": [{"question": "What if Redis is down?", "answer": "Fail open for a minute.", "extra": 1}],
        "rank": 3,
        "interviewer_notes": {"mood": "tired"},
    }
    parsed = parse_jsonl("answers.jsonl", jsonl(record))
    assert parsed.problems == []
    [item] = parsed.items
    assert (item.id, item.question, item.answer, item.kind, item.role) == (
        "perf-1", record["question"], record["answer"], "system_design", "backend",
    )
    assert [(f.question, f.answer) for f in item.follow_ups] == [("What if Redis is down?", "Fail open for a minute.")]


def test_a_bad_json_line_is_reported_with_its_number_and_the_rest_still_parse() -> None:
    text = jsonl(GOOD, '{"id": "q2", "question": "Why?", "answer": ', {**GOOD, "id": "q3"}, "", {**GOOD, "id": "q5"})
    parsed = parse_jsonl("answers.jsonl", text)
    assert [i.id for i in parsed.items] == ["q1", "q3", "q5"]
    [problem] = parsed.problems
    assert problem.line == 2
    assert str(problem).startswith("answers.jsonl:2:")
    assert "JSON" in problem.message


@pytest.mark.parametrize(
    ("record", "needle"),
    [
        ({"id": "a", "question": "Why?"}, "answer"),
        ({"id": "a", "question": "Why?", "answer": "   "}, "answer"),
        ({"id": "a", "answer": "Because."}, "question"),
        ({"id": "a", "question": "Why?", "answer": 42}, "answer"),
        ({"id": "a", "question": "Why?", "answer": "Because.", "kind": "trivia"}, "kind"),
        ([1, 2, 3], "object"),
    ],
    ids=["no-answer", "blank-answer", "no-question", "answer-not-text", "unknown-kind", "not-an-object"],
)
def test_unusable_records_are_reported_with_their_line(record: object, needle: str) -> None:
    parsed = parse_jsonl("a.jsonl", jsonl(GOOD, json.dumps(record)))
    assert [i.id for i in parsed.items] == ["q1"]
    [problem] = parsed.problems
    assert problem.line == 2
    assert needle in problem.message


def test_records_without_an_id_get_a_stable_one_from_file_and_line() -> None:
    text = jsonl({"question": "Q?", "answer": "A."}, {"question": "R?", "answer": "B."})
    parsed = parse_jsonl("mock-interview.jsonl", text)
    assert [i.id for i in parsed.items] == ["mock-interview-1", "mock-interview-2"]


def test_numeric_ids_become_strings() -> None:
    assert parse_jsonl("a.jsonl", jsonl({**GOOD, "id": 7})).items[0].id == "7"


# ---------------------------------------------------------------------------- JSON array


def test_json_array() -> None:
    text = json.dumps([GOOD, {**GOOD, "id": "q2"}, {"id": "q3", "question": "Q?"}, 5], indent=2)
    parsed = parse_json("answers.json", text)
    assert [i.id for i in parsed.items] == ["q1", "q2"]
    assert len(parsed.problems) == 2
    assert all(p.source == "answers.json" for p in parsed.problems)


def test_json_array_problems_name_the_record_not_a_line() -> None:
    text = json.dumps([GOOD, {"id": "q2", "question": "Q?"}, 5], indent=2)
    problems = parse_json("answers.json", text).problems
    assert [p.record for p in problems] == [2, 3]
    assert [str(p) for p in problems] == [
        "answers.json: record 2: no 'answer' text",
        "answers.json: record 3: expected a JSON object, got int",
    ]


def test_jsonl_problems_keep_their_line_number() -> None:
    [problem] = parse_jsonl("a.jsonl", jsonl(GOOD, {"id": "q2", "question": "Q?"})).problems
    assert (problem.line, problem.record) == (2, 0)
    assert str(problem) == "a.jsonl:2: no 'answer' text"


def test_json_object_with_turns() -> None:
    parsed = parse_json("session.json", json.dumps({"turns": [GOOD]}))
    assert [i.id for i in parsed.items] == ["q1"]


def test_broken_json_file_reports_the_line() -> None:
    parsed = parse_json("answers.json", '[\n  {"id": "q1",\n   "question": }\n]')
    assert parsed.items == []
    [problem] = parsed.problems
    assert problem.line == 3


# ---------------------------------------------------------------------------- Markdown

MARKDOWN = """\
# Mock interview: backend

**Interviewer (technical):** What is a B-tree index good for?

**Candidate:** Range queries and ordered scans.
It keeps keys sorted, so the database can walk a range.

**Interviewer (follow-up):** And when is it a poor fit?

**Candidate:** Very high write rates on random keys.

**Interviewer (behavioral):** Tell me about a time you disagreed with a teammate.

**Candidate:** At Loomly I pushed back on adopting Kafka.
"""


def test_markdown_interviewer_and_candidate_turns() -> None:
    parsed = parse_markdown("mock.md", MARKDOWN)
    assert parsed.problems == []
    first, second = parsed.items
    assert first.question == "What is a B-tree index good for?"
    assert first.answer == "Range queries and ordered scans.\nIt keeps keys sorted, so the database can walk a range."
    assert first.kind == "technical"
    assert second.kind == "behavioral"
    assert second.answer == "At Loomly I pushed back on adopting Kafka."
    assert [i.id for i in parsed.items] == ["q1", "q2"]


def test_follow_up_attaches_to_the_previous_item() -> None:
    first = parse_markdown("mock.md", MARKDOWN).items[0]
    assert [(f.question, f.answer) for f in first.follow_ups] == [
        ("And when is it a poor fit?", "Very high write rates on random keys.")
    ]


def test_q_and_a_lines() -> None:
    text = "Q: What is idempotency?\nA: Doing it twice has the same effect as once.\nQ (follow-up): Example?\nA: PUT.\n"
    parsed = parse_markdown("notes.txt", text)
    assert parsed.problems == []
    [item] = parsed.items
    assert (item.question, item.answer) == ("What is idempotency?", "Doing it twice has the same effect as once.")
    assert [(f.question, f.answer) for f in item.follow_ups] == [("Example?", "PUT.")]


@pytest.mark.parametrize(
    "text",
    [
        "Interviewer: Why Rust?\nCandidate: Memory safety.\n",
        "**Q:** Why Rust?\n**A:** Memory safety.\n",
        "- **Interviewer:** Why Rust?\n- **Candidate:** Memory safety.\n",
        "**Interviewer:** Why Rust?\r\n**Candidate:** Memory safety.\r\n",
    ],
    ids=["plain-labels", "bold-q-a", "list-items", "crlf"],
)
def test_markdown_label_variants(text: str) -> None:
    parsed = parse_markdown("t.md", text)
    assert parsed.problems == []
    assert [(i.question, i.answer) for i in parsed.items] == [("Why Rust?", "Memory safety.")]


@pytest.mark.parametrize("kind", ["behavioral", "technical", "system_design", "situational"])
def test_kind_tags(kind: str) -> None:
    [item] = parse_markdown("t.md", f"**Interviewer ({kind}):** Q?\n**Candidate:** A.\n").items
    assert item.kind == kind


def test_untagged_question_has_no_kind() -> None:
    [item] = parse_markdown("t.md", "**Interviewer:** Q?\n**Candidate:** A.\n").items
    assert item.kind is None


def test_markdown_problems_carry_line_numbers() -> None:
    text = "**Candidate:** stray answer\n\n**Interviewer:** Q1?\n**Candidate:** A1.\n\n**Interviewer:** Q2?\n"
    parsed = parse_markdown("t.md", text)
    assert [i.answer for i in parsed.items] == ["A1."]
    assert sorted((p.line, "no question" in p.message or "no answer" in p.message) for p in parsed.problems) == [
        (1, True), (6, True),
    ]


def test_text_without_turns_is_a_problem_not_a_crash() -> None:
    parsed = parse_markdown("notes.md", "just some notes\nwith no speakers\n")
    assert parsed.items == []
    assert parsed.problems and parsed.problems[0].line == 1


# ---------------------------------------------------------------------------- format detection


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.jsonl", "", "jsonl"),
        ("a.ndjson", "", "jsonl"),
        ("a.json", "", "json"),
        ("a.md", "", "markdown"),
        ("stdin", '  {"id": 1}', "jsonl"),
        ("stdin", '[{"id": 1}]', "json"),
        ("stdin", "**Interviewer:** hi", "markdown"),
    ],
)
def test_detect_format(name: str, text: str, fmt: str) -> None:
    assert detect_format(name, text) == fmt


def test_parse_dispatches_on_content_for_stdin() -> None:
    assert [i.id for i in parse("stdin", jsonl(GOOD)).items] == ["q1"]
    assert [i.answer for i in parse("stdin", "Q: Why?\nA: Because.\n").items] == ["Because."]


_PARSE_FILE = """
import sys
from pathlib import Path
from griller.domain.transcripts import parse
parse("t.md", Path(sys.argv[1]).read_text(encoding="utf-8"))
"""


@pytest.mark.parametrize(
    "text",
    ["Q" + " " * 20_000 + "x\n", " " * 20_000 + "x\n", "Q: a?\nA: b\n" + "more of the answer\n" * 50_000],
    ids=["speaker-then-spaces", "leading-spaces", "long-turn"],
)
def test_untrusted_markdown_parses_in_linear_time(tmp_path: Path, text: str) -> None:
    """Runs of spaces once made the speaker pattern cubic (20k spaces took hours), long turns quadratic."""
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-c", _PARSE_FILE, str(path)], check=True, timeout=10)
