"""Where griller keeps things. Functions, never import-time side effects: nothing is created until used."""

from __future__ import annotations

import os
from pathlib import Path

APP = "griller"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    from platformdirs import user_config_path

    return _env_path("GRILLER_CONFIG_DIR") or user_config_path(APP)


def config_file() -> Path:
    """The TOML settings file: ``GRILLER_CONFIG`` or ``<config dir>/config.toml``."""
    return _env_path("GRILLER_CONFIG") or config_dir() / "config.toml"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return _env_path("GRILLER_DATA_DIR") or user_data_path(APP)


def default_db_path() -> Path:
    return _env_path("GRILLER_DB") or data_dir() / "griller.db"


def models_dir() -> Path:
    return data_dir() / "models"


def resource_dir(name: str) -> Path:
    """A bundled resource folder (``rubrics`` or ``prompts``): inside the wheel, or the source tree."""
    packaged = Path(__file__).parent / "_data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name
