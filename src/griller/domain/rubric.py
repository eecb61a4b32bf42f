"""The published rubric: dimensions, gaps, domains, industries, personas and the question bank.

Loaded from TOML files (shipped in the wheel, overridable by the user) and validated by pydantic.
Errors name the file and the line, so a user editing their own rubric can fix it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from griller.domain.models import DIMENSIONS, Difficulty, Kind

_PLACEHOLDER = re.compile(r"\{(\w*)\}")


class RubricError(ValueError):
    """A rubric file is missing, malformed or inconsistent; the message names file and line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dimension(_Strict):
    id: str
    title: str
    description: str
    anchor_0: str
    anchor_5: str
    anchor_10: str


def _check_templates(templates: list[str], allowed: set[str], required: str | None) -> list[str]:
    for template in templates:
        names = set(_PLACEHOLDER.findall(template))
        if names - allowed:
            raise ValueError(f"unknown placeholder(s) {sorted(names - allowed)} in {template!r}")
        if required and required not in names:
            raise ValueError(f"template must contain {{{required}}}: {template!r}")
    return templates


class Gap(_Strict):
    id: str
    title: str = Field(max_length=60)
    description: str
    lowers: list[str] = Field(min_length=1)
    severity: int = Field(ge=1, le=3)
    heuristic: bool
    applies_to: list[Kind]
    follow_ups: list[str] = Field(min_length=2)
    follow_ups_quoted: list[str] = Field(min_length=2)

    @field_validator("lowers")
    @classmethod
    def _known_dimensions(cls, value: list[str]) -> list[str]:
        unknown = set(value) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown dimension(s) {sorted(unknown)}; use {list(DIMENSIONS)}")
        return value

    @field_validator("follow_ups")
    @classmethod
    def _plain_templates(cls, value: list[str]) -> list[str]:
        return _check_templates(value, {"topic"}, None)

    @field_validator("follow_ups_quoted")
    @classmethod
    def _quoted_templates(cls, value: list[str]) -> list[str]:
        return _check_templates(value, {"topic", "quote"}, "quote")


class Weights(_Strict):
    relevance: float = Field(1.0, ge=0, le=5)
    clarity: float = Field(1.0, ge=0, le=5)
    structure: float = Field(1.0, ge=0, le=5)
    specificity: float = Field(1.0, ge=0, le=5)
    depth: float = Field(1.0, ge=0, le=5)
    impact: float = Field(1.0, ge=0, le=5)
    ownership: float = Field(1.0, ge=0, le=5)

    def as_dict(self) -> dict[str, float]:
        return {d: getattr(self, d) for d in DIMENSIONS}


class Domain(_Strict):
    id: str
    title: str
    description: str
    extra_gaps: list[str] = Field(default_factory=list)
    key_topics: list[str] = Field(default_factory=list)
    weights: Weights = Weights()


class Industry(_Strict):
    id: str
    title: str
    description: str
    key_topics: list[str] = Field(default_factory=list)
    required_gaps: list[str] = Field(default_factory=list)
    question_templates: list[str] = Field(default_factory=list)
    weights: Weights = Weights()
    gap: list[Gap] = Field(default_factory=list)


class Persona(_Strict):
    id: str
    title: str
    description: str
    tone: str
    max_follow_ups: int = Field(ge=0, le=5)
    difficulty_bias: int = Field(ge=-1, le=1)
    greeting: str
    closing: str
    acknowledgements: list[str] = Field(min_length=1)
    follow_up_prefixes: list[str] = Field(min_length=1)


class BankQuestion(_Strict):
    id: str
    text: str
    kind: Kind
    difficulty: Difficulty
    topics: list[str] = Field(min_length=1)
    roles: list[str] = Field(min_length=1)
    expected_points: list[str] = Field(default_factory=list)


class Rubric(BaseModel):
    """Everything under ``rubrics/``, cross-checked."""

    model_config = ConfigDict(frozen=True)
    source: str
    dimensions: dict[str, Dimension]
    gaps: dict[str, Gap]
    domains: dict[str, Domain]
    industries: dict[str, Industry]
    personas: dict[str, Persona]
    questions: list[BankQuestion]

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        missing = [d for d in DIMENSIONS if d not in self.dimensions]
        if missing:
            raise ValueError(f"dimensions.toml lacks {missing}")
        for domain in self.domains.values():
            _require_gaps(self.gaps, domain.extra_gaps, f"domains/{domain.id}.toml")
        for industry in self.industries.values():
            _require_gaps(self.gaps, industry.required_gaps, f"industries/{industry.id}.toml")
        return self

    def gap(self, gap_id: str) -> Gap | None:
        return self.gaps.get(gap_id)

    def domain(self, name: str | None) -> Domain:
        if not name:
            return self.domains.get("general") or Domain(id="general", title="General", description="")
        try:
            return self.domains[name]
        except KeyError:
            raise RubricError(f"unknown domain {name!r}; choose from {sorted(self.domains)}") from None


def _require_gaps(gaps: dict[str, Gap], wanted: list[str], where: str) -> None:
    unknown = [g for g in wanted if g not in gaps]
    if unknown:
        raise ValueError(f"{where} names undefined gap(s) {unknown}")


def load_rubric(root: Path) -> Rubric:
    """Load and validate every rubric file under ``root``."""
    if not (root / "dimensions.toml").is_file():
        raise RubricError(f"{root}: not a rubric directory (no dimensions.toml)")
    dims = _load_list(root / "dimensions.toml", "dimension", Dimension)
    gaps = _load_list(root / "gaps.toml", "gap", Gap)
    domains = {d.id: d for d in _load_each(root / "domains", Domain)}
    industries = {i.id: i for i in _load_each(root / "industries", Industry)}
    personas = {p.id: p for p in _load_each(root / "personas", Persona)}
    questions: list[BankQuestion] = []
    bank = root / "question_bank"
    for path in sorted(bank.glob("*.toml")) if bank.is_dir() else []:
        questions += _load_list(path, "question", BankQuestion)
    gap_index: dict[str, Gap] = {}
    for gap in gaps + [g for i in industries.values() for g in i.gap]:
        if gap.id in gap_index:
            raise RubricError(f"{root}: gap {gap.id!r} is defined twice")
        gap_index[gap.id] = gap
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise RubricError(f"{root}/question_bank: question id {q.id!r} is used twice")
        seen.add(q.id)
    try:
        return Rubric(
            source=str(root),
            dimensions={d.id: d for d in dims},
            gaps=gap_index,
            domains=domains,
            industries=industries,
            personas=personas,
            questions=questions,
        )
    except ValidationError as exc:
        raise RubricError(f"{root}: {exc.errors()[0]['msg']}") from None


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is not TOML
    except FileNotFoundError:
        raise RubricError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise RubricError(f"{path}: not UTF-8 text ({exc.reason})") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{path}: {exc}") from None


def _load_list(path: Path, key: str, model: type[_Strict]) -> list[Any]:
    data, text = _read(path)
    items = data.get(key)
    if not isinstance(items, list):
        raise RubricError(f"{path}:1: expected [[{key}]] tables")
    out = []
    for index, item in enumerate(items):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            raise RubricError(_describe(path, text, exc, table=key, index=index)) from None
    if key != "question" and len({o.id for o in out}) != len(out):
        raise RubricError(f"{path}: duplicate ids in [[{key}]]")
    return out


def _load_each(folder: Path, model: type[_Strict]) -> list[Any]:
    out = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        data, text = _read(path)
        try:
            item = model.model_validate(data)
        except ValidationError as exc:
            raise RubricError(_describe(path, text, exc)) from None
        if getattr(item, "id", path.stem) != path.stem:
            raise RubricError(f"{path}:{_line_of(text, 'id')}: id must equal the file name {path.stem!r}")
        out.append(item)
    return out


def _describe(path: Path, text: str, exc: ValidationError, table: str | None = None, index: int = 0) -> str:
    """``file:line: location: message`` for the first error, the line found from the error's location."""
    error = exc.errors()[0]
    raw = error["loc"]
    loc = [str(p) for p in raw]
    line = 1
    if table is None and len(raw) >= 2 and isinstance(raw[0], str) and isinstance(raw[1], int):
        # Inside an array of tables of a one-object file (an industry's [[gap]]): ("gap", 2, "severity").
        table, index = raw[0], raw[1]
    if table is not None:
        line = _nth_table_line(text, table, index)
    key = next((p for p in reversed(loc) if not p.isdigit()), None)
    if key:
        line = _line_of(text, key, after=line)
    where = ".".join(loc) or "(file)"
    return f"{path}:{line}: {where}: {error['msg']}"


def _nth_table_line(text: str, table: str, index: int) -> int:
    count = -1
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() == f"[[{table}]]":
            count += 1
            if count == index:
                return number
    return 1


def _line_of(text: str, key: str, after: int = 1) -> int:
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[{re.escape(key)}\])")
    lines = text.splitlines()
    for number in range(after, len(lines) + 1):
        if pattern.match(lines[number - 1]):
            return number
        if number > after and lines[number - 1].startswith("[["):
            break
    return after
