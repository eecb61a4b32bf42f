"""Health checks for ``griller doctor``. Each check is cheap and never raises."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Literal


@dataclass(frozen=True)
class Check:
    name: str
    status: Literal["ok", "missing", "error"]
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


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


def _program(name: str, purpose: str, fix: str) -> Callable[[], Check]:
    def check() -> Check:
        found = shutil.which(name)
        return Check(purpose, "ok", found) if found else Check(purpose, "missing", f"{name} not found", fix)

    return check


CHECKS: list[Callable[[], Check]] = [
    _settings,
    _rubric,
    _database,
    _module("llama_cpp", "local", "local models"),
    _module("litellm", "all", "remote models"),
    _module("faster_whisper", "voice", "speech to text"),
    _module("sounddevice", "voice", "microphone"),
    _module("mediapipe", "vision", "face tracking"),
    _program("espeak-ng", "text to speech voice", "sudo apt-get install espeak-ng"),
]


def run_checks() -> list[Check]:
    results = []
    for check in CHECKS:
        try:
            results.append(check())
        except Exception as exc:  # a doctor must report, not crash
            results.append(Check(getattr(check, "__name__", "check").strip("_"), "error", repr(exc)))
    return results
