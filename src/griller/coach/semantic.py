"""The semantic half of retrieval, when it is available: embedder + Chroma index for one database.

Missing weights or an in-memory database turn it off with a reason; callers then use FTS5 only
and say so. Nothing heavy is imported until ``Semantic.open`` is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Semantic:
    embedder: Any | None
    index: Any | None
    reason: str = ""

    @property
    def on(self) -> bool:
        return self.embedder is not None and self.index is not None

    @classmethod
    def open(cls, db_path: Path | str, *, need_embedder: bool = True) -> Semantic:
        """Open what is available. ``need_embedder=False`` (removal) opens only the index, without the model."""
        from griller.retrieval.vectors import chroma_dir, open_index

        folder = chroma_dir(db_path)
        if folder is None:
            return cls(None, None, "in-memory database: keyword search (FTS5) only")
        if not need_embedder:  # deleting vectors needs no model
            return cls(None, open_index(folder) if folder.exists() else None)
        embedder = None
        reason = ""
        try:
            from griller.retrieval.minilm import EmbedderUnavailable, load

            try:
                embedder = load()
            except EmbedderUnavailable as exc:
                reason = f"semantic search off ({exc}); using keyword search (FTS5) only"
        except ImportError as exc:  # numpy/tokenizers missing from a broken install
            reason = f"semantic search off ({exc}); using keyword search (FTS5) only"
        if embedder is None:
            return cls(None, None, reason)
        return cls(embedder, open_index(folder), reason)

    def encode(self, texts: list[str]) -> Any:
        assert self.embedder is not None
        return self.embedder.encode(texts)
