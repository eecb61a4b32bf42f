"""`griller ingest`, `match` and `plan` end to end: real SQLite, FTS5 and ChromaDB in a tmp data dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_support import (
    JOB_DESCRIPTION,
    MARKDOWN_RESUME,
    WEIGHTS,
    image_only_pdf,
    need_weights,
    plain_pdf,
    truncated_pdf,
)
from typer.testing import CliRunner

from griller.cli.application import app
from griller.retrieval.vectors import chroma_dir
from griller.store.db import open_db

TABLES = ("documents", "claims", "chunks", "skills", "skill_links", "requirements")


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("GRILLER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GRILLER_DB", str(tmp_path / "data" / "griller.db"))
    monkeypatch.setenv("GRILLER_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("GRILLER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COLUMNS", "250")  # rich wraps at 80 columns when stderr is not a terminal
    # Keyword search only by default (fast); tests about vectors ask for the ``vectors`` fixture.
    monkeypatch.setenv("GRILLER_EMBEDDINGS_DIR", str(tmp_path / "no-weights"))
    (tmp_path / "resume.md").write_text(MARKDOWN_RESUME, encoding="utf-8")
    (tmp_path / "jd.txt").write_text(JOB_DESCRIPTION, encoding="utf-8")
    return tmp_path


@pytest.fixture
def vectors(env, monkeypatch):
    need_weights()
    monkeypatch.setenv("GRILLER_EMBEDDINGS_DIR", str(WEIGHTS))
    return env


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def counts(env: Path) -> dict[str, int]:
    db = open_db(env / "data" / "griller.db")
    return {table: db[table].count for table in TABLES}


def vector_count(env: Path, document_id: str | None = None) -> int:
    from griller.retrieval.vectors import open_index

    folder = chroma_dir(env / "data" / "griller.db")
    assert folder is not None
    return open_index(folder).count(document_id)


def test_ingest_json_has_the_documented_shape(vectors):
    env = vectors
    result = run("ingest", str(env / "resume.md"), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"document_id", "kind", "name", "skills", "experience", "projects", "education", "claims"} <= set(doc)
    assert doc["kind"] == "resume" and doc["name"] == "Jane Doe" and doc["status"] == "created"
    first = doc["experience"][0]
    assert {k: first[k] for k in ("title", "company", "start", "end")} == {
        "title": "Senior Backend Engineer",
        "company": "Northwind Payments",
        "start": "2021-03",
        "end": "present",
    }
    assert len(first["bullets"]) == 3
    assert {"id", "text", "section", "has_metric"} <= set(doc["claims"][0])
    assert doc["claims"][0]["has_metric"] is True and doc["claims"][3]["has_metric"] is False
    assert doc["vectors"] == doc["chunks"] > 0
    assert vector_count(env, doc["document_id"]) == doc["chunks"]


def test_reingest_updates_instead_of_duplicating_and_remove_deletes_rows_and_vectors(vectors):
    env = vectors
    first = json.loads(run("ingest", str(env / "resume.md"), "--json").stdout)
    before = counts(env)
    again = json.loads(run("ingest", str(env / "resume.md"), "--json").stdout)
    assert again["document_id"] == first["document_id"] and again["status"] == "unchanged"
    assert [c["id"] for c in again["claims"]] == [c["id"] for c in first["claims"]]
    assert counts(env) == before and vector_count(env) == first["chunks"]
    # An edited résumé at the same path updates the same document; unchanged bullets keep their ids.
    (env / "resume.md").write_text(MARKDOWN_RESUME.replace("Mentored 4 engineers", "Mentored 5 engineers"))
    edited = json.loads(run("ingest", str(env / "resume.md"), "--json").stdout)
    assert edited["document_id"] == first["document_id"] and edited["status"] == "updated"
    assert len({c["id"] for c in edited["claims"]} & {c["id"] for c in first["claims"]}) == len(first["claims"]) - 1
    listed = run("ingest", "--list", "--json")
    assert [d["id"] for d in json.loads(listed.stdout)] == [first["document_id"]]
    removed = run("ingest", "--remove", first["document_id"][:8])
    assert removed.exit_code == 0 and f"removed {first['document_id']}" in removed.stdout
    assert counts(env) == dict.fromkeys(TABLES, 0)
    assert vector_count(env) == 0
    assert run("ingest", "--remove", "res-nope").exit_code == 2


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    big = tmp / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)
    junk = tmp / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 64)
    bad_json = tmp / "resume.json"
    bad_json.write_text(json.dumps({"basics": {"name": "Ada"}, "work": [{"highlights": "Led things"}]}))
    locked = plain_pdf(tmp / "locked.pdf", encrypt_owner="o", user_password="secret")
    (tmp / "empty.md").write_text("  \n\n")
    return {
        "empty": (tmp / "empty.md", "empty file"),
        "too big": (big, "over the 10 MB limit"),
        "binary junk": (junk, "binary data, not text"),
        "invalid JSON Resume": (bad_json, "work[0].highlights"),
        "encrypted": (locked, "encrypted PDF that needs a password"),
        "image only": (image_only_pdf(tmp / "scan.pdf"), "no text layer (OCR is not supported)"),
        "truncated": (truncated_pdf(tmp / "cut.pdf", plain_pdf(tmp / "whole.pdf")), "truncated PDF"),
        "missing": (tmp / "nope.pdf", "no such file"),
    }


@pytest.mark.parametrize(
    "case",
    ["empty", "too big", "binary junk", "invalid JSON Resume", "encrypted", "image only", "truncated", "missing"],
)
def test_bad_input_is_one_line_nonzero_and_writes_nothing(env, case):
    path, expected = _bad_inputs(env)[case]
    result = run("ingest", str(path))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("griller: error:") and expected in " ".join(lines)
    assert counts(env) == dict.fromkeys(TABLES, 0)


def test_non_utf8_text_is_decoded_with_a_warning(env):
    path = env / "latin.txt"
    path.write_bytes(MARKDOWN_RESUME.replace("Jane Doe", "Jürgen Müller").encode("cp1252"))
    result = run("ingest", str(path), "--json")
    assert result.exit_code == 0
    assert "not UTF-8" in result.stderr and "cp1252" in result.stderr
    assert json.loads(result.stdout)["name"] == "Jürgen Müller"


def test_several_files_partial_failure_exits_1_and_keeps_the_good_ones(env):
    (env / "empty.txt").write_text("")
    result = run("ingest", str(env / "resume.md"), str(env / "empty.txt"), "--job", str(env / "jd.txt"), "--json")
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert counts(env)["documents"] == 2


def test_without_embedding_weights_ingest_uses_fts_only_and_says_so(env):
    result = run("ingest", str(env / "resume.md"), "--json")
    assert result.exit_code == 0
    assert "keyword search (FTS5) only" in result.stderr and "make embeddings" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["vectors"] == 0 and doc["chunks"] > 0
    from griller.coach.search import Searcher

    db = open_db(env / "data" / "griller.db")
    hits = Searcher(db, env / "data" / "griller.db").search("Terraform modules", 3)
    assert hits and "Terraform" in hits[0].text and hits[0].sources == ["fts"]


def test_ingest_with_job_prints_the_match_and_match_command_agrees(env):
    result = run("ingest", str(env / "resume.md"), "--job", str(env / "jd.txt"))
    assert result.exit_code == 0, result.output
    assert "Match " in result.stdout and "Rust" in result.stdout
    report = json.loads(run("match", "--resume", str(env / "resume.md"), "--job", str(env / "jd.txt"), "--json").stdout)
    by_text = {r["text"]: r for r in report["requirements"]}
    go = by_text["Strong experience with Go and PostgreSQL"]
    assert go["matched"] and "PostgreSQL" in go["evidence"]["text"] + " ".join(
        r["evidence"]["text"] for r in report["requirements"] if r["evidence"]
    )
    assert not by_text["Experience with Rust for performance-critical services"]["matched"]
    assert by_text["Experience with Rust for performance-critical services"]["kind"] == "must"
    assert by_text["Experience with PCI DSS compliance"]["kind"] == "nice"
    assert 0 < report["score"] < 100 and "Rust" in report["missing_terms"]


def test_plan_command_prints_grounded_questions(env):
    run("ingest", str(env / "resume.md"))
    result = run("plan", "--resume", str(env / "resume.md"), "--job", str(env / "jd.txt"), "--questions", "6", "--json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert len(plan["questions"]) == 6 and plan["job_id"].startswith("job-")
    assert all(q["grounding"] for q in plan["questions"])
    assert any(q["text"].startswith("You wrote '") for q in plan["questions"])
    assert any("Rust" in q["text"] for q in plan["questions"])
    human = run("plan", "--resume", plan["resume_id"], "--type", "technical", "-n", "3")
    assert human.exit_code == 0 and "grounded in skill" in human.stdout
    assert run("plan", "--resume", plan["resume_id"], "--type", "trivia").exit_code == 2


def test_chroma_collection_reopens_in_a_new_process(vectors):
    env = vectors
    doc = json.loads(run("ingest", str(env / "resume.md"), "--json").stdout)
    code = (
        "from pathlib import Path; from griller.coach.search import Searcher; from griller.store.db import open_db;"
        f"p = Path({str(env / 'data' / 'griller.db')!r}); s = Searcher(open_db(p), p);"
        "hits = s.search('retrying failed payments', 3, use=('vector',));"
        "print(s.mode, hits[0].text)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**__import__("os").environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    assert out.stdout.startswith("hybrid") and "idempotent payment retry" in out.stdout
    assert doc["vectors"] > 0
