"""The Chroma side of retrieval: one persistent collection of chunk vectors beside the database.

Where: ``<data dir>/chroma`` for the default database, else ``<db file>.chroma`` next to a
``--db``/``GRILLER_DB`` file, so a test's temporary database always gets a temporary index.
Vectors are computed by the caller (``embed``) and passed in, so the expensive part happens
before any write and a failure leaves nothing half-written.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COLLECTION = "griller_chunks"


def chroma_dir(db_path: Path | str) -> Path | None:
    """The Chroma folder that belongs to a database file (None for an in-memory database)."""
    if str(db_path) == ":memory:":
        return None
    from griller.paths import data_dir

    path = Path(db_path).expanduser().resolve()
    if path == (data_dir() / "griller.db").expanduser().resolve():
        return path.parent / "chroma"
    return path.with_suffix(".chroma")


@dataclass
class VectorHit:
    chunk_id: str
    document_id: str
    distance: float


class VectorIndex:
    """Add, query and delete chunk vectors; Chroma is imported only when this is created."""

    def __init__(self, folder: Path) -> None:
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        logging.getLogger("chromadb").setLevel(logging.ERROR)
        import chromadb
        from chromadb.config import Settings

        from griller.retrieval.embedding import MiniLMEmbedding  # registers the function with chroma

        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.folder = folder
        self.client = chromadb.PersistentClient(
            path=str(folder), settings=Settings(anonymized_telemetry=False, allow_reset=False)
        )
        self.collection = self.client.get_or_create_collection(
            COLLECTION,
            embedding_function=MiniLMEmbedding(),
            configuration={"hnsw": {"space": "cosine"}},
        )

    def replace_document(
        self, document_id: str, ids: list[str], vectors: Any, metadatas: list[dict[str, Any]], texts: list[str]
    ) -> None:
        """Make the document's vectors exactly these (re-ingest replaces, never duplicates)."""
        self.delete_document(document_id)
        if ids:
            self.collection.upsert(ids=ids, embeddings=vectors, metadatas=metadatas, documents=texts)

    def holds(self, document_id: str, ids: list[str], texts: list[str]) -> bool:
        """True when the index already has exactly these chunks for the document (re-ingest of the same file)."""
        stored = self.collection.get(where={"document_id": document_id}, include=["documents"])
        return dict(zip(stored["ids"], stored["documents"] or [], strict=False)) == dict(zip(ids, texts, strict=True))

    def delete_document(self, document_id: str) -> None:
        self.collection.delete(where={"document_id": document_id})

    def count(self, document_id: str | None = None) -> int:
        if document_id is None:
            return int(self.collection.count())
        return len(self.collection.get(where={"document_id": document_id}, include=[])["ids"])

    def query(self, vector: Any, k: int, document_ids: list[str] | None = None) -> list[VectorHit]:
        if self.collection.count() == 0:
            return []
        where: dict[str, Any] | None = None
        if document_ids:
            where = (
                {"document_id": document_ids[0]}
                if len(document_ids) == 1
                else {"document_id": {"$in": list(document_ids)}}
            )
        result = self.collection.query(
            query_embeddings=[vector], n_results=k, where=where, include=["metadatas", "distances"]
        )
        hits = []
        for chunk_id, meta, distance in zip(
            result["ids"][0], result["metadatas"][0], result["distances"][0], strict=False
        ):
            hits.append(VectorHit(chunk_id, str((meta or {}).get("document_id", "")), float(distance)))
        return hits


_OPEN: dict[Path, VectorIndex] = {}


def open_index(folder: Path) -> VectorIndex:
    """One client per folder per process (Chroma dislikes two clients on the same path)."""
    folder = folder.resolve()
    if folder not in _OPEN:
        _OPEN[folder] = VectorIndex(folder)
    return _OPEN[folder]
