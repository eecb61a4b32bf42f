"""Health checks for ``griller doctor``. Each check is cheap and never raises."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from griller.domain.health import HealthCheck

# The doctor's rows are the domain's HealthCheck, which adapters return too.
Check = HealthCheck


def _settings() -> Check:
    from griller.config import ConfigError, load_settings
    from griller.paths import config_file

    try:
        load_settings()
    except ConfigError as exc:
        return Check("settings", "error", str(exc), "fix the file, or move it aside and run `griller config init`")
    where = config_file()
    return Check("settings", "ok", f"{where}" if where.is_file() else f"defaults ({where} not present)")


def _rubric() -> Check:
    from griller.config import ConfigError, load_settings
    from griller.domain.rubric import RubricError, load_rubric

    try:
        rules = load_rubric(load_settings().rubric_path())
    except (RubricError, ConfigError) as exc:
        return Check("rubric", "error", str(exc), "fix the named file and line, or unset rubrics_dir")
    return Check(
        "rubric", "ok", f"{len(rules.gaps)} gaps, {len(rules.questions)} bank questions, {len(rules.domains)} domains"
    )


def _database() -> Check:
    from griller.config import ConfigError, load_settings
    from griller.store.db import StoreError, open_db

    try:
        path = load_settings().db_path()
        db = open_db(path)
        db.conn.close()
    except (StoreError, ConfigError, OSError) as exc:
        return Check("database", "error", str(exc), "check the path's permissions, or pass --db / GRILLER_DB")
    return Check("database", "ok", str(path))


def _module(name: str, extra: str, purpose: str) -> Callable[[], Check]:
    def check() -> Check:
        if importlib.util.find_spec(name) is None:
            return Check(f"{purpose} ({name})", "missing", "not installed", f"pip install 'griller[{extra}]'")
        return Check(f"{purpose} ({name})", "ok", "installed")

    return check


def _embeddings() -> Check:
    try:
        from griller.retrieval.minilm import candidate_dirs
    except ImportError as exc:
        return Check("semantic search", "missing", f"retrieval unavailable ({exc.name})", "pip install griller")
    for folder in candidate_dirs():
        if (folder / "model.safetensors").is_file():
            return Check("semantic search", "ok", f"all-MiniLM-L6-v2 in {folder}")
    return Check("semantic search", "missing", "embedding weights not found: keyword search only",
                 "make embeddings (or see docs/ingest.md)")


CHECKS: list[Callable[[], Check]] = [
    _settings,
    _rubric,
    _database,
    _embeddings,
    _module("llama_cpp", "local", "local models"),
    _module("litellm", "all", "remote models"),
]


def _extra_checks(module: str, name: str, extra: str) -> list[Check]:
    """Checks an optional extra contributes (voice, vision); its absence is itself reported."""
    import importlib

    try:
        checks = importlib.import_module(module).checks
    except ImportError as exc:
        return [Check(name, "missing", f"not installed ({exc.name})", f"pip install 'griller[{extra}]'")]
    return list(checks())


def run_checks() -> list[Check]:
    results = []
    for check in CHECKS:
        try:
            results.append(check())
        except Exception as exc:  # a doctor must report, not crash
            results.append(Check(getattr(check, "__name__", "check").strip("_"), "error", repr(exc)))
    extras = (("griller.speech.health", "voice", "voice"), ("griller.vision.health", "vision", "vision"))
    for module, name, extra in extras:
        try:
            results.extend(_extra_checks(module, name, extra))
        except Exception as exc:  # a doctor must report, not crash
            results.append(Check(name, "error", repr(exc)))
    return results
