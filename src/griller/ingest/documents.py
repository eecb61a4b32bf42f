"""From a file to a parsed document: résumé profile or job description, with its text.

Adapters only: reading and decoding happen here, the parsing rules live in ``griller.domain``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from griller.domain.job import JobProfile, parse_job
from griller.domain.jsonresume import JsonResumeError, to_profile, validate
from griller.domain.profile import Profile
from griller.domain.resume_parse import parse_resume
from griller.domain.resume_text import clean_pages, clean_text
from griller.ingest.errors import IngestError
from griller.ingest.files import Source, decode, read_source
from griller.ingest.pdf import read_pdf

Kind = Literal["resume", "job"]


@dataclass
class ParsedDocument:
    source: Source
    kind: Kind
    text: str
    name: str
    profile: Profile | None = None
    job: JobProfile | None = None
    extractor: str = ""
    warnings: list[str] = field(default_factory=list)


def parse_file(path: Path, kind: Kind) -> ParsedDocument:
    """Read, extract and parse one file. Raises ``IngestError`` (one line) when it cannot."""
    source = read_source(path)
    lines, extractor, title = _lines(source)
    text = "\n".join(lines)
    if not any(ch.isalpha() for ch in text):
        raise IngestError(f"{source.name}: no readable text")
    if kind == "job":
        if source.format == "json":
            raise IngestError(f"{source.name}: job descriptions are read from text, Markdown or PDF, not JSON")
        job = parse_job(lines)
        name = job.title or title or path.stem
        return ParsedDocument(
            source, kind, text, name[:120], job=job, extractor=extractor, warnings=source.warnings + job.warnings
        )
    if source.format == "json":
        profile = _json_resume(source)
        text = decode(source)
    else:
        profile = parse_resume(lines)
    name = profile.name or title or path.stem
    return ParsedDocument(
        source,
        kind,
        text,
        name[:120],
        profile=profile,
        extractor=extractor or "json",
        warnings=source.warnings + profile.warnings,
    )


def _lines(source: Source) -> tuple[list[str], str, str]:
    if source.format == "pdf":
        pdf = read_pdf(source.data, source.name)
        source.warnings.extend(pdf.warnings)
        return clean_pages(pdf.pages), pdf.extractor, pdf.title
    text = decode(source)
    if source.format == "json":
        return [text], "json", ""
    return clean_text(text), source.format, ""


def _json_resume(source: Source) -> Profile:
    try:
        data = json.loads(decode(source))
    except json.JSONDecodeError as exc:
        raise IngestError(f"{source.name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    try:
        return to_profile(validate(data))
    except JsonResumeError as exc:
        raise IngestError(f"{source.name}: {exc}") from None
