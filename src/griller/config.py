"""Settings: defaults < config file (TOML) < ``GRILLER_*`` environment variables < command-line flags.

Every field has a docstring; ``config.example.toml`` is generated from this model and a test
keeps the two in step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from griller import paths


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ModelSettings(_Section):
    asker: str = "heuristic"
    """Model that writes questions and follow-ups: `heuristic` (built-in bank), a `.gguf` path, `local:NAME`, or a litellm string such as `openai/gpt-4o-mini`."""
    judge: str = "heuristic"
    """Model that grades answers. Its verdict is always checked against the heuristic evidence."""
    fallback: str = ""
    """Model to try when the judge fails (empty: fall straight back to the heuristic grader)."""
    api_base: str = ""
    """Base URL of an OpenAI-compatible server (llama.cpp server, vLLM, LM Studio...)."""
    timeout: float = 60.0
    """Seconds to wait for one model call before giving up on it."""
    retries: int = 2
    """Retries, with back-off, on time-outs, rate limits and server errors."""


class InterviewSettings(_Section):
    questions: int = 5
    """Main questions per interview (follow-ups come on top)."""
    type: Literal["behavioral", "technical", "system_design", "situational", "mixed"] = "mixed"
    """Kind of questions to ask."""
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    """Starting difficulty; it adapts to your last three scores."""
    persona: str = "professional_hr"
    """Interviewer persona from rubrics/personas (friendly_mentor, professional_hr, challenging_lead...)."""
    domain: str = "general"
    """Dimension weights from rubrics/domains (backend, frontend, ml, data, sre, manager, general)."""
    industry: str = "general"
    """Industry focus from rubrics/industries (fintech, healthcare, ecommerce, startup, general)."""
    think_time: float = 5.0
    """Seconds of silence before the first nudge."""


class SpeechSettings(_Section):
    whisper_model: str = ""
    """Directory of a CTranslate2 Whisper model; empty uses the bundled offline tiny.en model if installed."""
    pace_min: int = 130
    """Lower edge of the comfortable speaking pace, in words per minute."""
    pace_max: int = 160
    """Upper edge of the comfortable speaking pace, in words per minute."""
    pace_alert_min: int = 110
    """Live alert when pace stays below this for `pace_alert_seconds`."""
    pace_alert_max: int = 190
    """Live alert when pace stays above this for `pace_alert_seconds`."""
    pace_alert_seconds: float = 20.0
    """How long pace must stay out of band before the live alert."""
    filler_rate_max: float = 5.0
    """Filler words per 100 words above which griller suggests cutting them."""
    pause_seconds: float = 0.3
    """A gap between words at least this long counts as a pause."""
    long_pause_seconds: float = 2.0
    """A pause at least this long counts as a long pause."""
    answer_mode: Literal["push_to_talk", "hands_free"] = "push_to_talk"
    """How spoken answers end: push_to_talk (the talk key starts and ends them) or hands_free (silence ends them)."""
    end_of_answer_silence: float = 3.0
    """Hands-free mode: seconds of silence that end an answer."""
    record: bool = False
    """Keep the audio of your answers (off: audio is never stored)."""
    speak_questions: bool = False
    """Read each question aloud with espeak-ng (`griller interview --speak` / `--no-speak` override it)."""


class VisionSettings(_Section):
    camera: int = 0
    """Camera device index for OpenCV."""
    face_model: str = ""
    """Path to `face_landmarker.task`; empty uses the bundled offline model if installed."""
    record_video: bool = False
    """Keep video of your answers (off: frames are never stored)."""


class Settings(BaseSettings):
    """All of griller's settings."""

    model_config = SettingsConfigDict(
        env_prefix="GRILLER_",
        env_nested_delimiter="__",
        extra="forbid",
        use_attribute_docstrings=True,
    )

    db: str = ""
    """SQLite database file; empty uses the data directory (`GRILLER_DB` and `--db` override)."""
    rubrics_dir: str = ""
    """Folder with your own rubric files; empty uses the rubric shipped with griller."""
    prompts_dir: str = ""
    """Folder with your own prompt templates; empty uses the prompts shipped with griller."""
    models: ModelSettings = Field(default_factory=ModelSettings)
    """Which models ask and grade (all optional: griller runs model-free by default)."""
    interview: InterviewSettings = Field(default_factory=InterviewSettings)
    """Defaults for `griller interview`."""
    speech: SpeechSettings = Field(default_factory=SpeechSettings)
    """Voice input and delivery coaching thresholds."""
    vision: VisionSettings = Field(default_factory=VisionSettings)
    """Webcam eye-contact coaching."""
    keys: dict[str, str] = Field(default_factory=dict)
    """Key remapping for the TUI: binding id = key (see F1 in the app for the ids)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=paths.config_file())
        return (init_settings, env_settings, toml)

    def db_path(self, override: str | Path | None = None) -> Path:
        if override:
            return Path(override).expanduser()
        if self.db:  # GRILLER_DB lands here too: environment variables override the file
            return Path(self.db).expanduser()
        return paths.default_db_path()

    def rubric_path(self) -> Path:
        return Path(self.rubrics_dir).expanduser() if self.rubrics_dir else paths.resource_dir("rubrics")

    def prompts_path(self) -> Path:
        return Path(self.prompts_dir).expanduser() if self.prompts_dir else paths.resource_dir("prompts")


class ConfigError(ValueError):
    """The config file or an environment variable is invalid; the message says which and why."""


def load_settings() -> Settings:
    """Read settings, turning pydantic's errors into one readable message."""
    import tomllib

    from pydantic import ValidationError

    try:
        return Settings()
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{paths.config_file()}: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise ConfigError(f"invalid settings (from {paths.config_file()} or GRILLER_* variables): {problems}") from None


def render_example() -> str:
    """The commented example config, generated from the model so the docs cannot drift."""
    lines = [
        "# griller configuration. Copy to the path `griller config path` prints, or run `griller config init`.",
        "# Every value here is the default; environment variables GRILLER_<NAME> (GRILLER_MODELS__JUDGE",
        "# for nested ones) override the file, and command-line flags override both.",
        "",
    ]
    nested: list[tuple[str, type[BaseModel], str]] = []
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested.append((name, annotation, field.description or ""))
            continue
        if name == "keys":
            continue
        lines += [f"# {field.description}", f"{name} = {_toml_value(field.default)}", ""]
    for name, model, description in nested:
        lines += [f"# {description}", f"[{name}]"]
        for sub, field in model.model_fields.items():
            lines += [f"# {field.description}", f"{sub} = {_toml_value(field.default)}"]
        lines.append("")
    lines += [
        "# " + (Settings.model_fields["keys"].description or ""),
        "[keys]",
        '# submit = "ctrl+s"',
        "",
    ]
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    import json

    return json.dumps(str(value), ensure_ascii=False)
