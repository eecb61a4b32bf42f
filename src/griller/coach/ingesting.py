"""Ingesting documents: parse a file, derive claims/chunks/skills, store rows and vectors together.

One document, one transaction: vectors are computed before anything is written, the Chroma
write happens inside the SQLite transaction, and any failure rolls the rows back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from griller.coach.semantic import Semantic
from griller.domain.chunks import Chunk, job_chunks, resume_chunks
from griller.domain.job import JobProfile
from griller.domain.profile import Claim, Profile, claims_of, skill_graph
from griller.domain.skills import key
from griller.ingest.documents import Kind, ParsedDocument, parse_file
from griller.store import documents as repo
from griller.store.db import transaction


@dataclass
class IngestResult:
    document_id: str
    kind: str
    name: str
    path: str
    status: str
    """``created``, ``updated`` (same file or path, new content) or ``unchanged``."""
    profile: Profile | None = None
    job: JobProfile | None = None
    claims: list[Claim] = field(default_factory=list)
    chunks: int = 0
    vectors: int = 0
    extractor: str = ""
    warnings: list[str] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        """What ``griller ingest --json`` prints (a stable, documented shape)."""
        out: dict[str, Any] = {
            "schema": 1,
            "document_id": self.document_id,
            "kind": self.kind,
            "name": self.name,
            "path": self.path,
            "status": self.status,
            "extractor": self.extractor,
        }
        if self.profile is not None:
            p = self.profile
            out |= {
                "headline": p.headline,
                "contacts": p.contacts,
                "summary": p.summary,
                "skills": p.skills,
                "experience": [
                    r.model_dump(
                        include={"title", "company", "location", "start", "end", "section", "bullets", "skills"}
                    )
                    for r in p.experience
                ],
                "projects": [x.model_dump() for x in p.projects],
                "education": [x.model_dump() for x in p.education],
                "other": p.other,
                "claims": [
                    c.model_dump(include={"id", "text", "section", "has_metric", "role_ref"}) for c in self.claims
                ],
            }
        if self.job is not None:
            out |= self.job.model_dump(
                include={"title", "company", "seniority", "years", "skills", "key_terms", "responsibilities"}
            )
            out["requirements"] = [r.model_dump() for r in self.job.requirements]
        out |= {"chunks": self.chunks, "vectors": self.vectors, "warnings": self.warnings}
        return out


class Ingestor:
    """Ingest, list and remove documents of one database (and its vector index)."""

    def __init__(self, db: sqlite_utils.Database, db_path: Path | str) -> None:
        self.db = db
        self.db_path = db_path
        self._semantic: Semantic | None = None

    @property
    def semantic(self) -> Semantic:
        if self._semantic is None:
            self._semantic = Semantic.open(self.db_path)
        return self._semantic

    def ingest(self, path: Path, kind: Kind) -> IngestResult:
        parsed = parse_file(path, kind)
        source = parsed.source
        resolved = str(path.expanduser().resolve())
        old_id = repo.existing_id(self.db, source.sha256, resolved, kind)
        unchanged = old_id is not None and self._same(old_id, source.sha256, kind)
        document_id = old_id or repo.new_id(self.db, kind, source.sha256)
        result, derived, chunks = self._derive(document_id, parsed, resolved)
        claims_by_id = {c.id: c.text for c in result.claims}
        result.status = "unchanged" if unchanged else "updated" if old_id else "created"
        semantic = self.semantic
        if not semantic.on:
            result.warnings.append(semantic.reason)
        index = semantic.index if semantic.on else None
        # The same file again: its vectors are already there, so skip the expensive part.
        reuse = (
            index is not None
            and unchanged
            and index.holds(document_id, [c.id for c in chunks], [c.text for c in chunks])
        )
        vectors = None
        if index is not None and chunks and not reuse:
            vectors = semantic.encode([_embedding_text(c, claims_by_id) for c in chunks])
        record = repo.DocumentRecord(
            id=document_id,
            kind=kind,
            name=parsed.name,
            path=resolved,
            sha256=source.sha256,
            text=parsed.text,
            parsed={
                "kind": kind,
                "extractor": parsed.extractor,
                "warnings": parsed.warnings,
                "profile": parsed.profile.model_dump() if parsed.profile else None,
                "job": parsed.job.model_dump() if parsed.job else None,
            },
        )
        with transaction(self.db):
            repo.write_document(self.db, record, derived)
            if index is not None and not reuse:
                index.replace_document(
                    document_id,
                    [c.id for c in chunks],
                    vectors,
                    [{"document_id": document_id, "section": c.section} for c in chunks],
                    [c.text for c in chunks],
                )
            if index is not None:
                result.vectors = len(chunks)
        return result

    def _same(self, document_id: str, sha256: str, kind: str) -> bool:
        row = self.db.execute("select sha256, kind from documents where id = ?", [document_id]).fetchone()
        return bool(row) and row[0] == sha256 and row[1] == kind

    def _derive(
        self, document_id: str, parsed: ParsedDocument, path: str
    ) -> tuple[IngestResult, repo.Derived, list[Chunk]]:
        result = IngestResult(
            document_id=document_id,
            kind=parsed.kind,
            name=parsed.name,
            path=path,
            status="",
            profile=parsed.profile,
            job=parsed.job,
            extractor=parsed.extractor,
            warnings=list(parsed.warnings),
        )
        derived = repo.Derived()
        if parsed.profile is not None:
            claims = [c.model_copy(update={"id": f"{document_id}:{c.id}"}) for c in claims_of(parsed.profile)]
            chunks = resume_chunks(document_id, parsed.profile, claims)
            derived.claims = [
                {
                    "id": c.id,
                    "document_id": document_id,
                    "ordinal": i,
                    "section": c.section,
                    "text": c.text,
                    "has_metric": int(c.has_metric),
                    "role_ref": c.role_ref,
                }
                for i, c in enumerate(claims)
            ]
            mentions: dict[str, int] = {}
            links = skill_graph(parsed.profile)
            for link in links:
                if link.kind != "skill":
                    mentions[link.skill] = mentions.get(link.skill, 0) + 1
            derived.skills = [
                {"document_id": document_id, "key": key(s), "name": s, "mentions": mentions.get(s, 0)}
                for s in dict.fromkeys(parsed.profile.skills)
            ]
            derived.skill_links = [{"document_id": document_id, **link.model_dump()} for link in links]
            result.claims = claims
        else:
            assert parsed.job is not None
            chunks = job_chunks(document_id, parsed.job)
            derived.requirements = [
                {
                    "id": f"{document_id}:{r.id}",
                    "document_id": document_id,
                    "ordinal": i,
                    "kind": r.kind,
                    "text": r.text,
                    "skills": ",".join(r.skills),
                    "years": r.years,
                }
                for i, r in enumerate(parsed.job.requirements)
            ]
        derived.chunks = [{"document_id": document_id, **c.model_dump()} for c in chunks]
        result.chunks = len(chunks)
        _dedupe_skill_keys(derived)
        return result, derived, chunks

    def remove(self, document_id: str) -> tuple[bool, str]:
        """Delete a document's rows and vectors. Returns (found, note about vectors)."""
        semantic = Semantic.open(self.db_path, need_embedder=False)
        with transaction(self.db):
            found = repo.remove_document(self.db, document_id)
            if found and semantic.index is not None:
                semantic.index.delete_document(document_id)
        return found, "" if semantic.index is not None else "no vector index to clean"


def _embedding_text(chunk: Chunk, claims: dict[str, str]) -> str:
    # Vectors see the bullet alone: a long "Title at Company (dates):" prefix dilutes its meaning.
    # The stored (and FTS-indexed) text keeps the prefix, so company names stay searchable.
    return claims.get(chunk.claim_id or "", chunk.text)


def _dedupe_skill_keys(derived: repo.Derived) -> None:
    # "Node.js" listed and "node.js" found in a bullet share a key: one row per key.
    seen: dict[str, dict[str, Any]] = {}
    for row in derived.skills:
        if row["key"] in seen:
            seen[row["key"]]["mentions"] += row["mentions"]
        else:
            seen[row["key"]] = row
    derived.skills = list(seen.values())
