"""Settings (config.py, paths.py) and ``griller config path|show|init`` on real files in a temp dir."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from griller import paths
from griller.cli import app
from griller.config import ConfigError, Settings, load_settings, render_example


@pytest.fixture
def config_file(griller_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real config file that GRILLER_CONFIG points at (its content is up to the test)."""
    path = griller_home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("GRILLER_CONFIG", str(path))
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------------------- the isolation itself


def test_tests_never_see_the_developers_own_files(griller_home: Path) -> None:
    assert paths.config_file().is_relative_to(griller_home)
    assert paths.data_dir().is_relative_to(griller_home)
    assert paths.default_db_path().is_relative_to(griller_home)
    assert not paths.config_file().exists()
    defaults = Settings.model_construct(db=str(paths.default_db_path())).model_dump()
    assert load_settings().model_dump() == defaults  # only GRILLER_DB from the fixture, the rest defaults


# ---------------------------------------------------------------------------- config.example.toml


def test_config_example_matches_the_settings_model(repo_root: Path) -> None:
    example = repo_root / "config.example.toml"
    assert example.is_file(), "generate it with: python -c 'from griller.config import render_example; ...'"
    assert example.read_text(encoding="utf-8") == render_example()


def test_the_example_parses_and_validates_to_the_defaults(config_file: Path) -> None:
    text = render_example()
    data = tomllib.loads(text)
    assert set(data) >= {"models", "interview", "speech", "vision"}
    config_file.write_text(text, encoding="utf-8")
    from_example = load_settings()
    config_file.unlink()
    assert from_example == load_settings()


def test_every_setting_documents_itself() -> None:
    def walk(model: type[BaseModel], prefix: str) -> list[str]:
        missing = []
        for name, field in model.model_fields.items():
            if not (field.description or "").strip():
                missing.append(prefix + name)
            if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
                missing += walk(field.annotation, f"{prefix}{name}.")
        return missing

    assert walk(Settings, "") == []
    assert "# None" not in render_example()


# ---------------------------------------------------------------------------- sources and errors


def test_the_file_is_read(config_file: Path) -> None:
    config_file.write_text('[models]\njudge = "local:from-file"\n\n[interview]\nquestions = 3\n', encoding="utf-8")
    settings = load_settings()
    assert settings.models.judge == "local:from-file"
    assert settings.interview.questions == 3


def test_environment_overrides_the_file(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text('[models]\njudge = "local:from-file"\nasker = "local:asker"\n', encoding="utf-8")
    monkeypatch.setenv("GRILLER_MODELS__JUDGE", "openai/gpt-4o-mini")
    settings = load_settings()
    assert settings.models.judge == "openai/gpt-4o-mini"
    assert settings.models.asker == "local:asker"  # the rest of the file still applies


@pytest.mark.parametrize(
    "content",
    ["models = [\n", '[models]\njudge = "x"\nbogus = 1\n', "[interview]\nquestions = \"many\"\n"],
    ids=["toml-syntax", "unknown-key", "wrong-type"],
)
def test_a_broken_config_file_is_a_config_error_naming_the_file(config_file: Path, content: str) -> None:
    config_file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(config_file) in str(info.value)


def test_a_bad_environment_value_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRILLER_INTERVIEW__QUESTIONS", "lots")
    with pytest.raises(ConfigError, match=r"interview\.questions"):
        load_settings()


def test_db_path_precedence(config_file: Path, griller_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text(f'db = "{griller_home / "from-file.db"}"\n', encoding="utf-8")
    monkeypatch.delenv("GRILLER_DB")
    settings = load_settings()
    assert settings.db_path() == griller_home / "from-file.db"
    assert settings.db_path(griller_home / "flag.db") == griller_home / "flag.db"
    monkeypatch.setenv("GRILLER_DB", str(griller_home / "env.db"))
    assert load_settings().db_path() == griller_home / "env.db"


# ---------------------------------------------------------------------------- griller config ...


def test_config_path_prints_griller_config(config_file: Path) -> None:
    code, out, _ = invoke("config", "path")
    assert code == 0
    assert out.strip() == str(config_file)


def test_config_show_json(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text('[interview]\npersona = "challenging_lead"\n', encoding="utf-8")
    monkeypatch.setenv("GRILLER_MODELS__JUDGE", "openai/gpt-4o-mini")
    code, out, _ = invoke("config", "show", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["interview"]["persona"] == "challenging_lead"
    assert data["models"]["judge"] == "openai/gpt-4o-mini"
    assert data["effective"]["config_file"] == str(config_file)
    assert data["effective"]["config_file_exists"] is True


def test_config_show_with_a_broken_file_exits_2_without_a_traceback(config_file: Path) -> None:
    config_file.write_text("models = [\n", encoding="utf-8")
    code, out, err = invoke("config", "show", "--json")
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert config_file.name in err


def test_config_init_writes_the_example_and_refuses_to_overwrite(griller_home: Path) -> None:
    target = paths.config_file()
    assert not target.exists()
    code, out, _ = invoke("config", "init")
    assert code == 0 and str(target) in out
    assert target.read_text(encoding="utf-8") == render_example()

    target.write_text('[models]\njudge = "mine"\n', encoding="utf-8")
    code, _, err = invoke("config", "init")
    assert code == 2
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == '[models]\njudge = "mine"\n'

    code, _, _ = invoke("config", "init", "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") == render_example()
