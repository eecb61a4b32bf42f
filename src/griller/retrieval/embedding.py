"""griller's offline embedding function for ChromaDB (never chroma's default, which downloads a model).

Chroma stores the function's name and config with the collection and rebuilds it by name when
the collection is reopened, so this module registers the class at import: import it before
opening the collection (``retrieval.vectors`` does). The model loads lazily, on first use, so
deleting vectors works even where the weights are missing.
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from griller.retrieval import minilm

NAME = "griller-minilm-l6-v2"


@register_embedding_function
class MiniLMEmbedding(EmbeddingFunction[Documents]):
    """all-MiniLM-L6-v2 through griller's numpy forward pass (see ``retrieval.minilm``)."""

    def __init__(self, folder: str | None = None) -> None:
        self._folder = folder

    def __call__(self, input: Documents) -> Embeddings:
        model = minilm.load(None if self._folder is None else _path(self._folder))
        return list(model.encode(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return self.__call__(input)

    @staticmethod
    def name() -> str:
        return NAME

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        # No absolute path: the weights are located again on whichever machine reopens the data.
        return {"model": minilm.MODEL_NAME}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        return MiniLMEmbedding()

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        if config.get("model", minilm.MODEL_NAME) != minilm.MODEL_NAME:
            raise ValueError(f"collection was built with {config.get('model')!r}, not {minilm.MODEL_NAME}")


def _path(folder: str) -> Any:
    from pathlib import Path

    return Path(folder)
