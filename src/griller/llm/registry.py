"""Build chat models from specs and settings: one place where every kind of model is made.

Factories are keyed by spec kind (``local``, ``remote``, ``scripted``) and can be replaced with
``register_factory`` (tests, plugins). Every model comes wrapped in retries and a breaker; breakers
and local instances are shared per model, so the asker and the judge never load a GGUF twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from griller.llm.resilience import Breaker, ResilientModel, RetryPolicy
from griller.llm.spec import ModelSpec, parse_spec


@dataclass(frozen=True)
class BuildOptions:
    """What a model needs besides its spec (from ``[models]`` settings and the command line)."""

    timeout: float = 60.0
    retries: int = 2
    backoff: float = 0.5
    n_threads: int | None = None
    n_ctx: int = 4096
    breaker_threshold: int = 2
    breaker_cooldown: float = 60.0


Factory = Callable[[ModelSpec, BuildOptions], object]
_FACTORIES: dict[str, Factory] = {}
_LOCAL: dict[tuple[str, int, int | None], object] = {}
_BREAKERS: dict[str, Breaker] = {}


def register_factory(kind: str, factory: Factory) -> None:
    """Make (or replace) how models of one spec kind are built."""
    _FACTORIES[kind] = factory


def _local(spec: ModelSpec, options: BuildOptions) -> object:
    from griller.llm.local import LocalModel

    key = (spec.target, options.n_ctx, options.n_threads)
    if key not in _LOCAL:
        _LOCAL[key] = LocalModel(
            spec.target, n_ctx=options.n_ctx, n_threads=options.n_threads, timeout=options.timeout
        )
    model = _LOCAL[key]
    model.timeout = options.timeout  # type: ignore[attr-defined]
    return model


def _remote(spec: ModelSpec, options: BuildOptions) -> object:
    from griller.llm.remote import RemoteModel

    return RemoteModel(spec.target, api_base=spec.api_base, timeout=options.timeout)


def _scripted(spec: ModelSpec, options: BuildOptions) -> object:
    from griller.llm.scripted import lookup

    return lookup(spec.target)


register_factory("local", _local)
register_factory("remote", _remote)
register_factory("scripted", _scripted)


def build(spec: ModelSpec, options: BuildOptions | None = None) -> ResilientModel | None:
    """The model for ``spec`` wrapped in retries and its shared breaker; None for ``heuristic``."""
    if not spec.is_model:
        return None
    options = options or BuildOptions()
    inner = _FACTORIES[spec.kind](spec, options)
    key = f"{spec.engine}@{spec.api_base}"
    breaker = _BREAKERS.setdefault(
        key, Breaker(options.breaker_threshold, options.breaker_cooldown)
    )
    return ResilientModel(inner, RetryPolicy(options.retries, options.backoff), breaker)


def build_from(
    text: str,
    *,
    api_base: str = "",
    options: BuildOptions | None = None,
    models_dir: Path | None = None,
) -> ResilientModel | None:
    """Parse ``text`` as a spec and build it (``SpecError`` if it cannot be understood)."""
    return build(parse_spec(text, api_base=api_base, models_dir=models_dir), options)


def chain(
    specs: list[str],
    *,
    api_base: str = "",
    options: BuildOptions | None = None,
    models_dir: Path | None = None,
) -> list[ResilientModel]:
    """Models for a fallback chain (judge, then fallback); ``heuristic`` and blanks are skipped.

    ``api_base`` belongs to the first spec only: a fallback is usually another provider.
    """
    out: list[ResilientModel] = []
    seen: set[str] = set()
    for index, text in enumerate(specs):
        base = api_base if index == 0 else ""
        model = (
            build_from(text, api_base=base, options=options, models_dir=models_dir)
            if text
            else None
        )
        if model is not None and model.name not in seen:
            seen.add(model.name)
            out.append(model)
    return out


def reset() -> None:
    """Forget shared breakers and loaded local models (tests; a long-lived TUI after settings change)."""
    _BREAKERS.clear()
    _LOCAL.clear()
