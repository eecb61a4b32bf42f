"""The model options of the CLI, end to end: review with a judge, models list/add/test, no key leaks."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import Fault, FaultServer
from llm_fixtures import build_tiny_gguf
from typer.testing import CliRunner

from griller.cli.application import app
from griller.domain.models import DIMENSIONS
from griller.llm import registry

pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning")
ROOT = Path(__file__).resolve().parents[2]
SECRET = "sk-test-DoNotLeak-0123456789abcdef"
ANSWERS = [
    {
        "id": "strong",
        "question": "Tell me about a time you improved the performance of a system.",
        "answer": "Last year our checkout API timed out during sales. I profiled the service, found an N+1 query "
        "and I rewrote it as a single join, then I added a Redis cache. We cut p99 from 900 ms to "
        "120 ms and checkout errors dropped by 40%.",
    },
    {"id": "short", "question": "Tell me about a time you led a migration.", "answer": "I did it."},
]
FABRICATED = json.dumps(
    {
        "scores": dict.fromkeys(DIMENSIONS, 4),
        "gaps": [{"id": "no_metrics", "evidence": "No numbers."}],
        "strengths": [{"text": "Led a large team", "quote": "I led 40 engineers"}],
        "follow_up": "How did you choose between the join and a cache?",
    }
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No user config, a private data dir, no provider keys: the test sees only what it sets."""
    monkeypatch.setenv("GRILLER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("GRILLER_DATA_DIR", str(tmp_path / "data"))
    for name in list(os.environ):
        if name.endswith("_API_KEY") or name.startswith("GRILLER_MODELS"):
            monkeypatch.delenv(name)
    registry.reset()
    yield tmp_path
    registry.reset()


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ANSWERS) + "\n")
    return path


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_review_with_a_remote_judge_reports_engine_and_overruled(answers: Path) -> None:
    with FaultServer(default=Fault(content=FABRICATED), lifetime=60).running() as srv:
        result = run(
            "review", str(answers), "--judge", "fault", "--api-base", srv.url, "--json", "-j", "2"
        )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["strong", "short"]
    assert {r["engine"] for r in rows} == {"litellm:hosted_vllm/fault"}
    strong = rows[0]
    assert {"kind": "gap", "id": "no_metrics"} in [
        {k: o[k] for k in ("kind", "id")} for o in strong["overruled"]
    ]
    assert strong["strengths"] == []
    assert "too_short" in [g["id"] for g in rows[1]["gaps"]]


def test_verbose_shows_what_was_overruled(answers: Path) -> None:
    with FaultServer(default=Fault(content=FABRICATED), lifetime=60).running() as srv:
        result = run("review", str(answers), "-m", "fault", "--api-base", srv.url, "--verbose")
    assert result.exit_code == 0
    assert "overruled" in result.stdout and "no_metrics" in result.stdout


def test_provider_failure_falls_back_with_one_warning_and_no_key_leak(
    answers: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    caplog.set_level(logging.DEBUG)
    with FaultServer(default=Fault(status=401), lifetime=60).running() as srv:
        result = run(
            "review", str(answers), "--judge", "openai/gpt-4o-mini", "--api-base", srv.url, "--json"
        )
        sent = {k.lower(): v for k, v in srv.requests[0]["_headers"].items()}.get(
            "authorization", ""
        )
    assert SECRET in sent  # the key really went to the provider, and came back in its error
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["engine"] for r in rows} == {"heuristic-fallback"}
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "AuthenticationError" in warnings[0]
    assert "Traceback" not in result.stderr
    for text in (result.stdout, result.stderr, caplog.text):
        assert SECRET not in text


def test_bad_spec_is_a_usage_error(answers: Path) -> None:
    result = run("review", str(answers), "--judge", "heurstic")
    assert result.exit_code == 2 and "unknown model" in result.stderr


def test_no_key_no_network_real_subprocess(answers: Path, tmp_path: Path) -> None:
    """The installed command, as a user runs it: a litellm judge that cannot work still grades."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(GRILLER_CONFIG=str(tmp_path / "none.toml"), GRILLER_DATA_DIR=str(tmp_path / "d"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "griller",
            "review",
            str(answers),
            "--judge",
            "openai/gpt-4o-mini",
            "--jsonl",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["engine"] for r in rows] == ["heuristic-fallback"] * 2
    assert "Traceback" not in done.stderr
    assert sum("warning" in line for line in done.stderr.splitlines()) == 1


def test_models_add_list_and_test_a_local_gguf(tmp_path: Path) -> None:
    gguf = build_tiny_gguf(tmp_path / "tiny-random.gguf")
    added = run("models", "add", str(gguf))
    assert added.exit_code == 0 and "local:tiny-random" in added.stdout
    assert run("models", "add", str(gguf)).exit_code == 2  # already there
    listed = json.loads(run("models", "list", "--json").stdout)
    assert [m["spec"] for m in listed["local"]] == ["local:tiny-random"]
    assert listed["local"][0]["bytes"] == gguf.stat().st_size
    tested = run("models", "test", "local:tiny-random", "--threads", "1", "--json")
    report = json.loads(tested.stdout)
    assert report["engine"] == "llama-cpp:tiny-random.gguf"
    assert (
        report["valid"] is True
        and report["completion_tokens"] > 0
        and report["tokens_per_second"] > 0
    )
    not_gguf = tmp_path / "notes.gguf"
    not_gguf.write_text("hello")
    assert run("models", "add", str(not_gguf)).exit_code == 2


def test_models_test_against_a_server_reports_invalid_json() -> None:
    with FaultServer(
        default=Fault(content="Sure! Here is my grade: 7/10"), lifetime=60
    ).running() as srv:
        result = run("models", "test", "fault", "--api-base", srv.url)
    assert result.exit_code == 1
    assert "failed" in result.stdout and "tokens/s" in result.stdout
