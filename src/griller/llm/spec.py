"""Model specs: the strings users write to choose a model, parsed and checked before anything loads.

``heuristic``                 no model: the built-in grader and question bank
``path/to/model.gguf``        a local GGUF file (llama-cpp-python)
``local:NAME``                a GGUF in griller's models directory (``griller models add``)
``provider/model``            any litellm model string: ``openai/gpt-4o-mini``, ``ollama/llama3.1``...
``scripted:NAME``             a scripted model registered by tests or the demo, or a JSON(L) file of replies
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

SpecKind = Literal["heuristic", "local", "remote", "scripted"]
_PROVIDER_MODEL = re.compile(r"^[a-z][a-z0-9_.\-]*/\S+$")
_BARE_MODEL = re.compile(r"^[A-Za-z0-9][\w.:\-]*$")
# Providers whose key lives in a well-known environment variable (litellm reads the same ones).
SELF_HOSTED = "hosted_vllm"
KEY_ENV = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "gemini": "GEMINI_API_KEY",
    "groq": "GROQ_API_KEY",
    "mistral": "MISTRAL_API_KEY",
    "deepseek": "DEEPSEEK_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "together_ai": "TOGETHERAI_API_KEY",
    "xai": "XAI_API_KEY",
    "cohere": "COHERE_API_KEY",
    "fireworks_ai": "FIREWORKS_AI_API_KEY",
    SELF_HOSTED: "HOSTED_VLLM_API_KEY",
}


class SpecError(ValueError):
    """A model spec cannot be understood or points at nothing; the message says what to write instead."""


@dataclass(frozen=True)
class ModelSpec:
    """A parsed model spec. ``target`` is a file path (local), a litellm string (remote) or a name."""

    kind: SpecKind
    raw: str
    target: str = ""
    api_base: str = ""

    @property
    def is_model(self) -> bool:
        return self.kind != "heuristic"

    @property
    def provider(self) -> str:
        return self.target.split("/", 1)[0] if self.kind == "remote" else ""

    @property
    def engine(self) -> str:
        """The ``engine`` name an evaluation graded by this model carries."""
        if self.kind == "local":
            return f"llama-cpp:{Path(self.target).name}"
        if self.kind == "remote":
            return f"litellm:{self.target}"
        if self.kind == "scripted":
            return f"scripted:{Path(self.target).name if '/' in self.target else self.target}"
        return "heuristic"


def parse_spec(text: str, *, api_base: str = "", models_dir: Path | None = None) -> ModelSpec:
    """Parse and check a spec. Files must exist; ``local:NAME`` must name a GGUF in ``models_dir``."""
    raw = (text or "").strip()
    if not raw or raw.lower() in ("heuristic", "none", "off"):
        return ModelSpec("heuristic", raw or "heuristic")
    if raw.startswith("scripted:"):
        return ModelSpec("scripted", raw, raw.removeprefix("scripted:") or "default")
    if raw.startswith("local:"):
        return ModelSpec("local", raw, str(_in_models_dir(raw.removeprefix("local:"), models_dir)))
    if raw.lower().endswith(".gguf") or raw.startswith(("/", "./", "../", "~")):
        path = Path(raw).expanduser()
        if not path.is_file():
            raise SpecError(f"model file not found: {raw}")
        if path.suffix.lower() != ".gguf":
            raise SpecError(f"{raw}: not a .gguf file (llama-cpp-python reads GGUF models)")
        return ModelSpec("local", raw, str(path.resolve()))
    if _PROVIDER_MODEL.match(raw):
        return ModelSpec("remote", raw, raw, api_base)
    if api_base and _BARE_MODEL.match(raw):
        # A self-hosted OpenAI-compatible server names its models freely. litellm's route for such
        # servers (named after vLLM; llama.cpp, LM Studio and Ollama speak the same protocol) sends the
        # same request as its `openai/` route without the OpenAI SDK's per-request work (~3 ms of CPU),
        # and never sends OPENAI_API_KEY to a server that is not OpenAI.
        return ModelSpec("remote", raw, f"{SELF_HOSTED}/{raw}", api_base)
    raise SpecError(
        f"unknown model {raw!r}: use 'heuristic', a .gguf path, local:NAME, or a litellm "
        "string provider/model such as openai/gpt-4o-mini or ollama/llama3.1"
    )


def _in_models_dir(name: str, models_dir: Path | None) -> Path:
    if models_dir is None:
        from griller.paths import models_dir as default_dir

        models_dir = default_dir()
    if not name or "/" in name or "\\" in name:
        raise SpecError(f"local:{name}: give the file name of a model in {models_dir}")
    candidates = [models_dir / name, models_dir / f"{name}.gguf"]
    for path in candidates:
        if path.is_file():
            return path
    found = sorted(p.name for p in models_dir.glob("*.gguf")) if models_dir.is_dir() else []
    hint = (
        f"; available: {', '.join(found)}" if found else "; add one with `griller models add PATH`"
    )
    raise SpecError(f"no model {name!r} in {models_dir}{hint}")
