"""Reading transcripts to grade: JSONL, JSON arrays, and Markdown (Interviewer/Candidate or Q:/A:).

Pure parsing: text in, items and per-line problems out. Unknown fields are ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pydantic import ValidationError

from griller.domain.models import QA, AnswerInput


@dataclass(frozen=True, slots=True)
class Problem:
    """One unusable record: where it was and why.

    ``line`` is a line of the file (JSONL, Markdown, a JSON syntax error); a record of a JSON array has
    no line of its own, so it is named by its position instead: ``record`` (1-based), ``line`` 0.
    """

    source: str
    line: int
    message: str
    record: int = 0

    def __str__(self) -> str:
        if self.record:
            return f"{self.source}: record {self.record}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Parsed:
    items: list[AnswerInput]
    problems: list[Problem]


def detect_format(name: str, text: str) -> str:
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".md", ".markdown", ".txt")):
        return "markdown"
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        return "jsonl"
    return "markdown"


def parse(name: str, text: str) -> Parsed:
    fmt = detect_format(name, text)
    if fmt == "jsonl":
        return parse_jsonl(name, text)
    if fmt == "json":
        return parse_json(name, text)
    return parse_markdown(name, text)


def _item(source: str, line: int, raw: object, fallback_id: str, record: int = 0) -> AnswerInput | Problem:
    def problem(message: str) -> Problem:
        return Problem(source, line, message, record)

    if not isinstance(raw, dict):
        return problem(f"expected a JSON object, got {type(raw).__name__}")
    data = dict(raw)
    data.setdefault("id", fallback_id)
    data["id"] = str(data["id"])
    if not str(data.get("answer") or "").strip() and not data.get("audio") and not data.get("follow_ups"):
        return problem("no 'answer' text")
    if not str(data.get("question") or "").strip():
        return problem("no 'question' text")
    try:
        return AnswerInput.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        return problem(f"{where}: {first['msg']}")


def parse_jsonl(source: str, text: str) -> Parsed:
    items: list[AnswerInput] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(source, number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        result = _item(source, number, raw, f"{_stem(source)}-{number}")
        (problems if isinstance(result, Problem) else items).append(result)  # type: ignore[arg-type]
    return Parsed(items, problems)


def parse_json(source: str, text: str) -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Parsed([], [Problem(source, exc.lineno, f"not valid JSON ({exc.msg})")])
    records = data if isinstance(data, list) else data.get("turns", [data]) if isinstance(data, dict) else []
    items: list[AnswerInput] = []
    problems: list[Problem] = []
    for index, raw in enumerate(records, 1):
        result = _item(source, 0, raw, f"{_stem(source)}-{index}", record=index)
        (problems if isinstance(result, Problem) else items).append(result)  # type: ignore[arg-type]
    return Parsed(items, problems)


# Possessive spaces: each run is followed by a non-space (or by ``rest``, which takes what is left), so
# giving spaces back never helps, and letting neighbouring runs share them is cubic on a line of spaces.
_SPEAKER = re.compile(
    r"^\s*+(?:[-*>]\s*+)?(?:\*\*|__)?\s*+(?P<who>interviewer|candidate|question|answer|q|a|me|you|griller)"
    r"\s*+(?P<tag>\([^)]*\))?\s*+(?:\*\*|__)?\s*+[:：]\s*+(?:\*\*|__)?\s*+(?P<rest>.*)$",
    re.IGNORECASE,
)
_ASKER = {"interviewer", "question", "q", "griller"}
_FOLLOW_UP_TAG = re.compile(r"follow", re.IGNORECASE)
_KIND_TAG = re.compile(r"\b(behavioral|technical|system_design|situational)\b", re.IGNORECASE)


def parse_markdown(source: str, text: str) -> Parsed:
    """Speaker-labelled turns; a question tagged "(follow-up)" attaches to the previous answer."""
    pieces: list[tuple[str, str, list[str], int]] = []  # (role, tag, lines, line): joined once, not per line
    for number, line in enumerate(text.splitlines(), 1):
        match = _SPEAKER.match(line)
        if match:
            role = "q" if match["who"].lower() in _ASKER else "a"
            pieces.append((role, match["tag"] or "", [match["rest"].strip()], number))
        elif pieces and line.strip() and not line.lstrip().startswith("#"):
            pieces[-1][2].append(line.strip())
    turns = [(role, tag, "\n".join(lines).strip(), start) for role, tag, lines, start in pieces]
    items: list[AnswerInput] = []
    problems: list[Problem] = []
    pending: tuple[str, str, int] | None = None
    for role, tag, body, line in turns:
        if role == "q":
            if pending:
                problems.append(Problem(source, pending[2], "question with no answer"))
            pending = (tag, body, line)
            continue
        if pending is None:
            problems.append(Problem(source, line, "answer with no question before it"))
            continue
        q_tag, question, _ = pending
        pending = None
        if _FOLLOW_UP_TAG.search(q_tag) and items:
            items[-1].follow_ups.append(QA(question=question, answer=body))
            continue
        kind = _KIND_TAG.search(q_tag)
        items.append(
            AnswerInput(
                id=f"q{len(items) + 1}",
                question=question,
                answer=body,
                kind=kind.group(1).lower() if kind else None,  # type: ignore[arg-type]
            )
        )
    if pending:
        problems.append(Problem(source, pending[2], "question with no answer"))
    if not turns:
        problems.append(Problem(source, 1, "no 'Interviewer:'/'Candidate:' or 'Q:'/'A:' turns found"))
    return Parsed(items, problems)


def _stem(source: str) -> str:
    name = source.rsplit("/", 1)[-1]
    return name.split(".", 1)[0] or "stdin"
