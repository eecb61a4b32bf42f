"""Turning the setup screen's choices into a live session: resolve or ingest documents, plan, start.

Runs in a worker (ingesting a file or planning from a résumé can take seconds). Every failure
becomes a ``StartError`` with a sentence the setup screen can show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from griller.coach.interview_setup import InterviewRequest, SetupError, options_for, plan_for
from griller.coach.interviewing import LiveInterview, SessionError
from griller.domain.ports import Judge
from griller.domain.rubric import Rubric


class StartError(RuntimeError):
    """The interview could not be started; the message says what to change."""


@dataclass
class SetupChoice:
    """What the candidate picked on the setup screen."""

    request: InterviewRequest = field(default_factory=InterviewRequest)
    resume_ref: str | None = None
    """An ingested résumé id, or a file path to ingest now."""
    job_ref: str | None = None
    voice: bool = False
    camera: bool = False


@dataclass
class SessionStarter:
    db: sqlite_utils.Database
    db_path: Path | str
    rubric: Rubric
    judge: Judge
    asker: Any = None
    """A ``coach.asker.Asker`` when a model writes the questions; None keeps the planned ones."""
    camera: bool = False
    """``--camera`` was given: the setup screen's camera switch starts on."""
    record_video: bool = False
    """``--record-video``: keep video of the answers (only when the camera is on)."""
    voice: bool = False
    """``--voice`` was given: the setup screen's microphone switch starts on."""
    record: bool = False
    """``--record``: keep the audio of spoken answers (only when the microphone is on)."""

    def start(self, choice: SetupChoice) -> LiveInterview:
        request = choice.request
        request.resume_id = self._document(choice.resume_ref, "resume") if choice.resume_ref else None
        request.job_id = self._document(choice.job_ref, "job") if choice.job_ref else None
        try:
            plan = plan_for(request, self.rubric, self.db, self.db_path)
            options = options_for(request, self.rubric, plan)
            options.extra = {**(options.extra or {}), "voice": choice.voice, "camera": choice.camera,
                             "record_video": choice.camera and self.record_video,
                             "record": choice.voice and self.record}
            live = LiveInterview.start(self.db, self.rubric, self.judge, options)
        except (SetupError, SessionError) as exc:
            raise StartError(str(exc)) from None
        live.asker = self.asker
        return live

    def _document(self, ref: str, kind: str) -> str:
        from griller.coach.library import LibraryError, resolve

        candidate = Path(ref).expanduser()
        if candidate.is_file():
            from griller.coach.ingesting import Ingestor
            from griller.ingest.errors import IngestError

            try:
                return Ingestor(self.db, self.db_path).ingest(candidate, kind).document_id  # type: ignore[arg-type]
            except IngestError as exc:
                raise StartError(str(exc)) from None
        try:
            return resolve(self.db, ref, kind)
        except LibraryError as exc:
            raise StartError(str(exc)) from None
