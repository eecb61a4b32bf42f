"""The published rubric (domain/rubric.py): the shipped files load, and broken copies say file and line."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from griller.domain.models import DIMENSIONS, KINDS
from griller.domain.rubric import Rubric, RubricError, load_rubric
from griller.paths import resource_dir

ARCHITECTURE_GAPS = {
    "no_specific_example", "no_metrics", "no_personal_role", "no_result", "no_situation", "no_action_detail",
    "no_tech_depth", "no_tradeoffs", "no_alternatives", "no_learning", "no_scalability", "no_error_handling",
    "no_security", "off_topic", "too_short", "rambling", "buzzwords", "inconsistent_with_resume",
}


# ---------------------------------------------------------------------------- the shipped rubric


def test_seven_dimensions_with_anchors(shipped_rubric: Rubric) -> None:
    assert tuple(shipped_rubric.dimensions) == DIMENSIONS
    for dim in shipped_rubric.dimensions.values():
        assert dim.anchor_0 and dim.anchor_5 and dim.anchor_10 and dim.description


def test_gap_taxonomy_covers_the_architecture(shipped_rubric: Rubric) -> None:
    assert len(shipped_rubric.gaps) >= 18
    assert ARCHITECTURE_GAPS <= set(shipped_rubric.gaps)
    for gap in shipped_rubric.gaps.values():
        assert len(gap.follow_ups) >= 2 and len(gap.follow_ups_quoted) >= 2
        assert set(gap.lowers) <= set(DIMENSIONS)


def test_follow_up_templates_format_with_only_topic_and_quote(shipped_rubric: Rubric) -> None:
    for gap in shipped_rubric.gaps.values():
        for template in gap.follow_ups:
            assert "{" not in template.format(topic="the cache")
        for template in gap.follow_ups_quoted:
            rendered = template.format(topic="the cache", quote="QUOTE")
            assert "QUOTE" in rendered and "{" not in rendered


def test_question_bank_is_big_and_covers_every_kind(shipped_rubric: Rubric) -> None:
    questions = shipped_rubric.questions
    assert len(questions) >= 80
    kinds = Counter(q.kind for q in questions)
    assert set(kinds) == set(KINDS)
    assert len({q.id for q in questions}) == len(questions)
    for q in questions:
        assert q.text.strip() and q.topics and q.roles


def test_domains_industries_and_personas(shipped_rubric: Rubric) -> None:
    assert {"backend", "frontend", "ml", "data", "sre", "manager"} <= set(shipped_rubric.domains)
    assert {"fintech", "healthcare", "ecommerce", "startup"} <= set(shipped_rubric.industries)
    assert {"friendly_mentor", "professional_hr", "challenging_lead"} <= set(shipped_rubric.personas)
    for industry in shipped_rubric.industries.values():
        assert set(industry.required_gaps) <= set(shipped_rubric.gaps)
    for domain in shipped_rubric.domains.values():
        assert set(domain.extra_gaps) <= set(shipped_rubric.gaps)
        assert sum(domain.weights.as_dict().values()) > 0


def test_unknown_domain_is_a_rubric_error(shipped_rubric: Rubric) -> None:
    with pytest.raises(RubricError, match="unknown domain 'astrology'"):
        shipped_rubric.domain("astrology")
    assert shipped_rubric.domain(None).id == "general"


# ---------------------------------------------------------------------------- broken copies


@pytest.fixture
def rubric_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rubrics"
    shutil.copytree(resource_dir("rubrics"), target)
    return target


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def table_bounds(lines: list[str], header: str, index: int) -> tuple[int, int]:
    """0-based [start, end) of the index-th ``[[header]]`` table."""
    starts = [i for i, line in enumerate(lines) if line.strip() == f"[[{header}]]"]
    start = starts[index]
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    return start, end


def key_line(lines: list[str], key: str, start: int, end: int) -> int:
    """0-based index of ``key = ...`` inside [start, end)."""
    return next(i for i in range(start, end) if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]))


def array_end(lines: list[str], start: int) -> int:
    """0-based index of the line closing the multi-line array opened at ``start``."""
    return next(i for i in range(start, len(lines)) if lines[i].rstrip().endswith("]"))


def load_error(root: Path) -> str:
    with pytest.raises(RubricError) as info:
        load_rubric(root)
    return str(info.value)


def reported_line(message: str, path: Path) -> int:
    match = re.search(rf"{re.escape(str(path))}:(\d+):", message) or re.search(r"\bline (\d+)\b", message)
    assert match, message
    assert str(path) in message, message
    return int(match.group(1))


def test_the_copy_loads(rubric_copy: Path) -> None:
    assert len(load_rubric(rubric_copy).gaps) >= 18


def test_toml_syntax_error(rubric_copy: Path) -> None:
    path = rubric_copy / "gaps.toml"
    lines = lines_of(path)
    start, _ = table_bounds(lines, "gap", 2)
    lines.insert(start + 3, "this line is not toml")
    write_lines(path, lines)
    assert reported_line(load_error(rubric_copy), path) == start + 4


def test_gap_missing_severity(rubric_copy: Path) -> None:
    path = rubric_copy / "gaps.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "gap", 2)
    del lines[key_line(lines, "severity", start, end)]
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert "severity" in message
    assert reported_line(message, path) == start + 1  # the [[gap]] table that lacks it


def test_misspelt_key_points_at_its_line(rubric_copy: Path) -> None:
    path = rubric_copy / "gaps.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "gap", 4)
    at = key_line(lines, "heuristic", start, end)
    lines.insert(at + 1, "heuristics = true")
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert "heuristics" in message
    assert reported_line(message, path) == at + 2


def test_quoted_follow_up_without_quote_placeholder(rubric_copy: Path) -> None:
    path = rubric_copy / "gaps.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "gap", 1)
    key = key_line(lines, "follow_ups_quoted", start, end)
    lines[key + 1] = '  "How much, exactly, and how did you measure it?",'
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert "{quote}" in message
    assert key + 1 <= reported_line(message, path) <= array_end(lines, key) + 1


def test_unknown_placeholder(rubric_copy: Path) -> None:
    path = rubric_copy / "gaps.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "gap", 3)
    key = key_line(lines, "follow_ups", start, end)
    lines[key + 1] = '  "What did {manager_name} say about {topic}?",'
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert "manager_name" in message
    assert key + 1 <= reported_line(message, path) <= array_end(lines, key) + 1


def test_unknown_dimension_in_lowers(rubric_copy: Path) -> None:
    path = rubric_copy / "gaps.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "gap", 5)
    at = key_line(lines, "lowers", start, end)
    lines[at] = 'lowers = ["impact", "charisma"]'
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert "charisma" in message
    assert reported_line(message, path) == at + 1


def test_domain_id_differs_from_file_name(rubric_copy: Path) -> None:
    path = rubric_copy / "domains" / "sre.toml"
    lines = ["# Site reliability, renamed by mistake.", "", "# (the id below no longer matches the file)"]
    lines += [re.sub(r'^id = "sre"', 'id = "ops"', line) for line in lines_of(path)]
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert "sre" in message
    assert reported_line(message, path) == next(i for i, line in enumerate(lines) if line.startswith("id =")) + 1


def test_persona_value_out_of_range(rubric_copy: Path) -> None:
    path = rubric_copy / "personas" / "challenging_lead.toml"
    lines = lines_of(path)
    at = key_line(lines, "max_follow_ups", 0, len(lines))
    lines[at] = "max_follow_ups = 9"
    write_lines(path, lines)
    assert reported_line(load_error(rubric_copy), path) == at + 1


def test_question_with_unknown_kind(rubric_copy: Path) -> None:
    path = rubric_copy / "question_bank" / "technical.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "question", 3)
    at = key_line(lines, "kind", start, end)
    lines[at] = 'kind = "trivia"'
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert "kind" in message
    assert reported_line(message, path) == at + 1


def test_domain_weight_out_of_range(rubric_copy: Path) -> None:
    path = rubric_copy / "domains" / "backend.toml"
    lines = lines_of(path)
    at = key_line(lines, "depth", 0, len(lines))
    lines[at] = "depth = 9"
    write_lines(path, lines)
    assert reported_line(load_error(rubric_copy), path) == at + 1


def test_error_inside_an_industry_gap_table_points_at_its_line(rubric_copy: Path) -> None:
    path = rubric_copy / "industries" / "fintech.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "gap", 1)
    at = key_line(lines, "lowers", start, end)
    lines[at] = 'lowers = ["charisma"]'
    write_lines(path, lines)
    assert reported_line(load_error(rubric_copy), path) == at + 1


def test_a_rubric_file_saved_with_a_utf8_bom_loads(rubric_copy: Path) -> None:
    path = rubric_copy / "industries" / "fintech.toml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-8-sig"))
    assert "fintech" in load_rubric(rubric_copy).industries


def test_an_error_in_an_industry_gap_names_the_table_key(rubric_copy: Path) -> None:
    path = rubric_copy / "industries" / "fintech.toml"
    lines = lines_of(path)
    start, end = table_bounds(lines, "gap", 0)
    at = key_line(lines, "severity", start, end)
    lines[at] = "severity = 7"
    write_lines(path, lines)
    message = load_error(rubric_copy)
    assert reported_line(message, path) == at + 1
    assert "gap.0.severity" in message


def test_not_a_rubric_directory(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match=re.escape(str(tmp_path))):
        load_rubric(tmp_path)


def test_missing_and_undecodable_files_are_named(rubric_copy: Path) -> None:
    gaps = rubric_copy / "gaps.toml"
    gaps.write_bytes(b"\xff\xfe not utf-8")
    assert str(gaps) in load_error(rubric_copy)
    gaps.unlink()
    assert str(gaps) in load_error(rubric_copy)
