"""Reading stored documents back as domain objects: a résumé's profile, claims and skill graph, a job."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from griller.domain.job import JobProfile
from griller.domain.profile import Claim, Profile, SkillLink
from griller.store import documents as repo


class LibraryError(LookupError):
    """A document reference that does not resolve; the message says what to run instead."""


@dataclass
class StoredResume:
    id: str
    name: str
    profile: Profile
    claims: list[Claim]
    links: list[SkillLink]
    chunk_of_claim: dict[str, str]


@dataclass
class StoredJob:
    id: str
    name: str
    job: JobProfile


def resolve(db: sqlite_utils.Database, ref: str, kind: str) -> str:
    """A document id from an id, an id prefix, or a path that was ingested."""
    found = repo.resolve_id(db, ref)
    if found is None and Path(ref).exists():
        row = db.execute(
            "select id from documents where path = ? and kind = ? order by updated_at desc limit 1",
            [str(Path(ref).expanduser().resolve()), kind],
        ).fetchone()
        found = row[0] if row else None
    if found is None:
        raise LibraryError(
            f"no {'résumé' if kind == 'resume' else 'job description'} {ref!r}; see `griller ingest --list`"
        )
    return found


def load_resume(db: sqlite_utils.Database, document_id: str) -> StoredResume:
    record = repo.get_document(db, document_id)
    if record is None or record.kind != "resume" or not record.parsed.get("profile"):
        raise LibraryError(f"{document_id} is not an ingested résumé")
    profile = Profile.model_validate(record.parsed["profile"])
    claims = [
        Claim(
            id=r["id"], text=r["text"], section=r["section"], role_ref=r["role_ref"], has_metric=bool(r["has_metric"])
        )
        for r in repo.rows(db, "claims", document_id)
    ]
    links = [
        SkillLink(skill=r["skill"], kind=r["kind"], ref=r["ref"], label=r["label"] or "", weight=r["weight"])
        for r in repo.rows(db, "skill_links", document_id)
    ]
    chunk_of = {r["claim_id"]: r["id"] for r in repo.rows(db, "chunks", document_id) if r["claim_id"]}
    return StoredResume(record.id, record.name, profile, claims, links, chunk_of)


def load_job(db: sqlite_utils.Database, document_id: str) -> StoredJob:
    record = repo.get_document(db, document_id)
    if record is None or record.kind != "job" or not record.parsed.get("job"):
        raise LibraryError(f"{document_id} is not an ingested job description")
    return StoredJob(record.id, record.name, JobProfile.model_validate(record.parsed["job"]))
