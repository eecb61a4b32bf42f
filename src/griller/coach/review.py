"""Batch review: read transcripts, grade every answer with one judge, report problems per line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from griller.domain.models import AnswerInput, Evaluation
from griller.domain.ports import Judge
from griller.domain.transcripts import Problem, parse

MAX_INPUT_BYTES = 200 * 1024 * 1024


class InputError(ValueError):
    """A whole input cannot be read (missing, unreadable, binary); usage-level, exit 2."""


@dataclass
class Batch:
    items: list[AnswerInput] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bases: dict[str, Path] = field(default_factory=dict)
    """Per item id, the folder its relative audio/video paths are relative to."""


def read_source(name: str, stdin_text: Callable[[], str] | None = None) -> str:
    """Text of a file, or of standard input for ``-``. Undecodable bytes are replaced, not fatal."""
    if name == "-":
        if stdin_text is None:
            raise InputError("-: standard input is not available")
        return stdin_text()
    path = Path(name)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not a transcript file")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise InputError(f"{name}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; split it into smaller files")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a JSONL or Markdown transcript")
    # "utf-8-sig": a byte-order mark (Windows editors) is not part of the first record.
    return data.decode("utf-8-sig", errors="replace")


def load_batch(names: list[str], stdin_text: Callable[[], str] | None = None) -> Batch:
    batch = Batch()
    seen: dict[str, int] = {}
    for name in names:
        parsed = parse("stdin" if name == "-" else name, read_source(name, stdin_text))
        for item in parsed.items:
            # Ids must be unique in the output even when two files both start at q1.
            count = seen.get(item.id, 0)
            seen[item.id] = count + 1
            if count:
                item = item.model_copy(update={"id": f"{item.id}#{count + 1}"})
            batch.items.append(item)
            batch.bases[item.id] = Path.cwd() if name == "-" else Path(name).resolve().parent
        batch.problems.extend(parsed.problems)
    return batch


def review(items: list[AnswerInput], judge: Judge) -> Iterator[Evaluation]:
    """Grade items in order. The heuristic judge never raises; model judges fall back inside."""
    for item in items:
        yield judge.grade(item)
